import refusals = require('./refusal-statuses.json');
import type { HttpResponse } from './clients/http';
import { redact } from './redact';

/**
 * How the platform refuses, in the words a scenario uses: support/refusal-statuses.json, a table of
 * reason → HTTP status and, where the contract fixes one, the error code. Add a row there to give
 * product people a new "… is refused because …" reason; the code is checked when it is given.
 */
export const REFUSALS: Record<string, { status: number; code?: string }> = refusals;

/** How the chat refuses a connection: the error code it sends before closing (with 1008, unless SOCKET_REFUSAL_CLOSE_CODES says otherwise). */
export const SOCKET_REFUSALS: Record<string, string> = {
  'no token was given': 'NO_TOKEN',
  'the token is invalid': 'INVALID_TOKEN',
  'the token has expired': 'TOKEN_EXPIRED',
  'the token has been revoked': 'TOKEN_REVOKED',
  'she already has too many open': 'TOO_MANY_CONNECTIONS',
  'he already has too many open': 'TOO_MANY_CONNECTIONS',
  'they already have too many open': 'TOO_MANY_CONNECTIONS',
  'the platform is still starting': 'STARTUP_INCOMPLETE',
};

/** Refusals that are the server's condition rather than the client's fault close with 1011 (contract section 9), not 1008. */
export const SOCKET_REFUSAL_CLOSE_CODES: Record<string, number> = { STARTUP_INCOMPLETE: 1011 };

/** The answer has the refusal's status and the contract's error shape: a sentence and a machine code. */
export function expectRefusal(answer: HttpResponse | undefined, reason: string): void {
  const expected = REFUSALS[reason];
  if (!answer) throw new Error(`Expected a refusal because ${reason}, but nothing was tried.`);
  const shaped = typeof answer.body?.detail === 'string' && answer.body.detail.length > 0 && typeof answer.body?.code === 'string';
  if (answer.status !== expected.status || (expected.code && answer.body?.code !== expected.code) || !shaped) {
    throw new Error(`Expected ${answer.call} to be refused with ${expected.status}${expected.code ? ` ${expected.code}` : ''} and {detail, code} because ${reason}; it answered ${answer.status}: ${redact(answer.text).slice(0, 300)}`);
  }
}

/** A lockout's refusal says how long to wait, in the units a person would use ("15 minutes", "90 seconds"). */
export function expectToldToWait(answer: HttpResponse | undefined, wait: string): void {
  expectRefusal(answer, 'there were too many failed attempts');
  if (!new RegExp(`\\b${wait}\\b`).test(answer!.body.detail)) throw new Error(`Expected the refusal to say to wait ${wait}; it says "${answer!.body.detail}"`);
}

/** Why the auth service will not vouch for a token to its caller: the `error` of its answer (contract section 8). */
export const SERVICE_PROBLEMS: Record<string, string> = {
  'the service secret is wrong': 'invalid_service_credentials',
  'the caller gave no service credentials': 'invalid_service_credentials',
  'the caller gave no service id': 'invalid_service_credentials',
  'the caller is not the service it was configured to trust': 'invalid_service_id',
  'it does not vouch for that token': 'a reason about the token',
};

/** What a service presents when it asks for a service token. */
export const SERVICE_CREDENTIALS: Record<string, (secret: string) => { service_id?: string; service_secret?: string }> = {
  'its id and secret': (secret) => ({ service_id: 'netra-backend', service_secret: secret }),
  'a wrong secret': () => ({ service_id: 'netra-backend', service_secret: 'not-the-service-secret' }),
  "another service's id": (secret) => ({ service_id: 'netra-backend-1725700000', service_secret: secret }),
  'no secret': () => ({ service_id: 'netra-backend' }),
  'nothing at all': () => ({}),
};
