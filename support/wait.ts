import { setTimeout as delay } from 'node:timers/promises';

/**
 * Waits until a state the suite can only ask about (a row in a table, a key in Redis) holds, or
 * fails with the last answer once the deadline passes. For what arrives by itself (frames,
 * closes) the sockets' own waits are used instead.
 */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, withinMs: number, describe: () => string = () => ''): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Expected ${what} within ${withinMs / 1000} s${describe() ? `; ${describe()}` : ''}`);
    await delay(20);
  }
}
