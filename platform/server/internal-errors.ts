import { randomUUID } from 'node:crypto';

/**
 * Logs an unexpected error under a reference of its own, and returns the reference: the customer
 * is told it, and an operator finds the whole story in the log by it (contract section 9,
 * "Internal errors"). Nothing else of the error ever reaches a client.
 */
export function logInternalError(where: string, error: unknown): string {
  const reference = `err_${randomUUID()}`;
  process.stderr.write(`${new Date().toISOString()} ${reference} ${where}: ${(error as Error | undefined)?.stack ?? String(error)}\n`);
  return reference;
}
