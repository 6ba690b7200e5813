import { isDeepStrictEqual } from 'node:util';
import { expectStatus } from '../clients/http';
import type { UserSession } from '../session';

/** The conversation was started, and reading it back gives every detail as sent. */
export async function expectDetailsKept(session: UserSession, sent: Record<string, unknown>): Promise<void> {
  const created = expectStatus(session.lastAnswer!, 201, `Starting ${session.name}'s conversation`).body;
  const read = expectStatus(await session.api.thread(session.accessToken, created.id), 200, `Reading ${session.name}'s conversation`).body;
  const lost = Object.keys(sent).filter((key) => !isDeepStrictEqual(read.metadata?.[key], sent[key]));
  if (lost.length) throw new Error(`Expected ${session.name}'s conversation to keep its details as sent; ${lost.join(', ')} came back different`);
}

/** Signing in with the refused sign-up's email and password finds no account. */
export async function expectNoAccount(session: UserSession): Promise<void> {
  const answer = await session.auth.login({ email: session.email, password: session.password });
  if (answer.status !== 401) throw new Error(`Expected no account for ${session.email} after the refused sign-up; signing in answered ${answer.status}`);
}
