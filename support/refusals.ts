import type { HttpResponse } from './clients/http';
import { redact } from './redact';

/**
 * How the platform refuses, in the words a scenario uses. Add a row here to give product
 * people a new "… is refused because …" reason; the code is checked when the contract fixes it.
 */
export const REFUSALS: Record<string, { status: number; code?: string }> = {
  'the bypass key is wrong': { status: 401 },
  'the simulated sign-in is not configured': { status: 503 },
  'the simulated sign-in does not exist here': { status: 403 },
  'that is not how to ask': { status: 405 },
  'the sign-in state was not issued': { status: 401 },
  'the authorization code is missing': { status: 400 },
  'the authorization code is unknown': { status: 401 },
  'the provider is unknown': { status: 400 },
  "the address is not one of the platform's callbacks": { status: 400 },
  'Google sign-in is not configured here': { status: 503, code: 'PROVIDER_NOT_CONFIGURED' },
  'there is no such page': { status: 404 },
  'the body is malformed': { status: 400 },
  'the body is too large': { status: 413 },
  'the address is broken': { status: 400 },
  'the headers are too large': { status: 431 },
  'the request did not arrive in time': { status: 408, code: 'REQUEST_TIMEOUT' },
  'the email is already registered': { status: 409 },
  'the details are invalid': { status: 422 },
  'the email or password is wrong': { status: 401, code: 'INVALID_CREDENTIALS' },
  'there were too many failed attempts': { status: 429, code: 'TOO_MANY_ATTEMPTS' },
  'the refresh token is not valid': { status: 401, code: 'INVALID_REFRESH_TOKEN' },
  'she may not run agents': { status: 403 },
  'he may not run agents': { status: 403 },
  'they may not run agents': { status: 403 },
  'the platform is still starting': { status: 503, code: 'STARTUP_INCOMPLETE' },
};

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
