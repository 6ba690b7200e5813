import { openSocket } from '../tasks/chat';
import { keepSession } from '../tasks/sign-in';
import { randomUUID } from 'node:crypto';
import { setTimeout as until } from 'node:timers/promises';
import { AgentSocket, SocketAuth, describeFrames } from '../clients/agent-socket';
import { ApiClient } from '../clients/api-client';
import { AuthClient } from '../clients/auth-client';
import { claimsOf } from '../clients/tokens';
import type { FaultClient } from '../clients/fault-client';
import { redact } from '../redact';
import { SERVICE_PROBLEMS, SOCKET_REFUSALS, SOCKET_REFUSAL_CLOSE_CODES } from '../refusals';
import { HttpResponse, expectStatus } from '../clients/http';
import type { CacheProbe } from '../probes/cache-probe';
import type { DatabaseProbe } from '../probes/database-probe';
import type { Actor } from '../actor';
import { DEADLINES } from '../deadlines';

const CLOSED_FOR_POLICY = 1008;

/**
 * The token opens nothing over HTTP: no route of the backend's API, whether or not what it names
 * exists, and neither the profile nor the sign-out of the auth service. Each says 401 in the
 * contract's error shape; nothing is looked up for a caller who is not signed in.
 */
export async function expectApiRefuses(user: Actor, where: { api?: ApiClient; auth?: AuthClient } = {}): Promise<void> {
  const token = user.tokens?.access_token ?? '';
  const api = where.api ?? user.api;
  const auth = where.auth ?? user.auth;
  const nowhere = `thread_${randomUUID()}`;
  const answers = await Promise.all([
    api.threads(token),
    api.createThread(token, { title: 'Should not be created' }),
    api.thread(token, nowhere),
    api.messages(token, nowhere),
    api.archiveThread(token, nowhere),
    api.run(token, `run_${randomUUID()}`),
    api.execute(token, { type: 'cost_optimizer', message: 'How much can I save?' }),
    auth.me(token),
    auth.logout(token),
  ]);
  const wrong = answers.filter((answer) => answer.status !== 401 || typeof answer.body?.detail !== 'string' || typeof answer.body?.code !== 'string');
  if (wrong.length) {
    throw new Error(`Expected every route to refuse ${user.name}'s token with 401 and {detail, code}; ${wrong.map((a) => `${a.call} answered ${a.status}: ${redact(a.text).slice(0, 160)}`).join('; ')}`);
  }
  // One token, one reason: the backend and the auth service name the same problem (a missing token is not an invalid one).
  const codes = new Set(answers.map((answer) => answer.body.code));
  if (codes.size !== 1) {
    throw new Error(`Expected every route to give one reason for refusing ${user.name}'s token; ${answers.map((a) => `${a.call} said ${a.body.code}`).join(', ')}`);
  }
}

/** The auth service shows no profile for the token: 401 in the contract's error shape, not a failure of its own. */
export async function expectNoProfile(user: Actor): Promise<void> {
  const answer = await user.auth.me(user.accessToken);
  if (answer.status !== 401 || typeof answer.body?.detail !== 'string' || typeof answer.body?.code !== 'string') {
    throw new Error(`Expected the auth service to refuse ${user.name} a profile with 401 and {detail, code}; ${answer.call} answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
  }
}

/** A request with no token at all is refused as not signed in (401), whatever the state of the auth service: there is nothing to check. */
export async function expectNoTokenRefused(api: ApiClient): Promise<void> {
  const answer = await api.threads('');
  if (answer.status !== 401) throw new Error(`Expected a request without any token to be refused as not signed in (401); it answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
}

export async function expectApiAccepts(user: Actor, where: { api?: ApiClient; auth?: AuthClient } = {}): Promise<void> {
  const answers = await Promise.all([(where.api ?? user.api).threads(user.accessToken), (where.auth ?? user.auth).me(user.accessToken)]);
  for (const answer of answers) {
    if (answer.status !== 200) throw new Error(`Expected ${answer.call} to accept ${user.name}'s token; it answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
  }
}

/**
 * Opening a socket with the person's current token (or none) gets the stated error and a 1008
 * close, never a welcome, wherever the token is carried.
 */
export async function expectChatRefused(user: Actor, reason: string, wsUrl?: string): Promise<void> {
  const carriers: SocketAuth[] = user.tokens?.access_token ? ['header', 'subprotocol', 'query'] : ['none'];
  // Each connection says something at once, as a client in a hurry does: it must get nothing but the refusal.
  await Promise.all(carriers.map(async (carrier) => expectConnectionRefused(await openSocket(user, carrier, wsUrl, { first: { type: 'ping' } }), user.name, reason, carrier === 'none' ? '' : ` (token carried in the ${carrier})`)));
}

/** The connection was told the stated refusal and closed (1008, or the refusal's own close code), never welcomed. */
async function expectConnectionRefused(socket: AgentSocket, owner: string, reason: string, how = ''): Promise<void> {
  const code = SOCKET_REFUSALS[reason];
  const answer = await socket.connectionAnswer();
  if (answer.frame.type !== 'error_message' || answer.frame.error_code !== code) {
    throw new Error(`Expected the chat to refuse ${owner}'s connection${how} with ${code} because ${reason}; received: ${describeFrames(socket.frames, socket.openedAt)}`);
  }
  await expectClosedWith(socket, SOCKET_REFUSAL_CLOSE_CODES[code] ?? CLOSED_FOR_POLICY, DEADLINES.close, owner);
  if (socket.frames.length !== 1) throw new Error(`Expected ${owner}'s refused connection${how} to get nothing but the refusal; received: ${describeFrames(socket.frames, socket.openedAt)}`);
}

/** The person's latest connection was told the stated refusal and closed (1008, or the refusal's own close code), never welcomed. */
export async function expectLastConnectionRefused(user: Actor, reason: string): Promise<void> {
  const socket = user.sockets.at(-1);
  if (!socket) throw new Error(`${user.name} has not opened a chat connection.`);
  await expectConnectionRefused(socket, user.name, reason);
}

export async function expectClosedForPolicy(socket: AgentSocket, withinMs: number, owner: string): Promise<void> {
  await expectClosedWith(socket, CLOSED_FOR_POLICY, withinMs, owner);
}

async function expectClosedWith(socket: AgentSocket, code: number, withinMs: number, owner: string): Promise<void> {
  const closed = await socket.waitForClose(withinMs);
  if (closed.code !== code) {
    throw new Error(`Expected ${owner}'s socket to be closed with ${code}; it closed with ${closed.code} ${closed.reason}`);
  }
}

/** Every socket the person had open is closed with 1008 within the deadline. */
export async function expectOpenSocketsClosed(user: Actor, withinMs: number): Promise<void> {
  const sockets = user.sockets.filter((s) => !s.closed || s.closed.code === CLOSED_FOR_POLICY);
  if (sockets.length === 0) throw new Error(`${user.name} has no chat connection that was open.`);
  await Promise.all(sockets.map((socket) => expectClosedForPolicy(socket, withinMs, user.name)));
}

/** The revoked token's id is a key in Redis that lives no longer than the token would have. */
export async function expectRevocationRecorded(probe: CacheProbe, user: Actor): Promise<void> {
  const claims = claimsOf(user.accessToken);
  const key = `revoked_jti:${claims.jti}`;
  const left = await probe.secondsLeft(key);
  const tokenLeft = (claims.exp ?? 0) - Math.floor(Date.now() / 1000);
  if (left === undefined) throw new Error(`Expected Redis to hold ${key} for ${user.name}'s revoked token; there is no such key.`);
  // To the second, with a little room for the time between the sign-out and this look.
  if (left > tokenLeft + 1 || left < tokenLeft - 2) {
    throw new Error(`Expected ${key} to expire when the token would have (in ${tokenLeft} s); it expires in ${left} s.`);
  }
}

/** The auth service says the token is not vouched for, says why, and gives nothing of the token away. */
export function expectNotVouched(user: Actor, problem: string): void {
  const answer = user.lastAnswer;
  const error = SERVICE_PROBLEMS[problem];
  const leaked = ['user_id', 'email', 'permissions', 'expires_at'].filter((field) => answer?.body?.[field] !== undefined);
  // A token the caller may ask about is refused for a reason of its own, never the caller's credentials.
  const rightError = error === 'a reason about the token' ? typeof answer?.body?.error === 'string' && answer.body.error !== '' && !answer.body.error.includes('service') : answer?.body?.error === error;
  if (answer?.status !== 200 || answer.body?.valid !== false || !rightError || leaked.length) {
    throw new Error(`Expected the auth service to answer valid=false, error ${error}, and nothing about ${user.name}'s token because ${problem}; it answered ${answer?.status}: ${redact(answer?.text ?? '').slice(0, 300)}`);
  }
}

/** A service token: of the service kind, living exactly as long as the answer says. */
export function expectServiceToken(answer: HttpResponse | undefined): void {
  const token = answer?.body?.access_token;
  if (answer?.status !== 200 || typeof token !== 'string') throw new Error(`Expected a service token; ${answer?.call} answered ${answer?.status}: ${redact(answer?.text ?? '').slice(0, 200)}`);
  const claims = claimsOf(token);
  const lifetime = (claims.exp ?? 0) - (claims.iat ?? 0);
  if (claims.token_type !== 'service' || answer.body.token_type !== 'service' || Math.abs(lifetime - answer.body.expires_in) > 1) {
    throw new Error(`Expected a token of type service living ${answer.body.expires_in} s as stated; it is of type ${claims.token_type} (answer says ${answer.body.token_type}) and lives ${lifetime} s`);
  }
}

/** Refused in the contract's error shape, and no token in the answer. */
export function expectNoServiceToken(answer: HttpResponse | undefined): void {
  if (!answer || ![401, 422].includes(answer.status) || answer.body?.access_token !== undefined || typeof answer.body?.detail !== 'string' || typeof answer.body?.code !== 'string') {
    throw new Error(`Expected the service token to be refused (401 or 422, {detail, code}, no token); ${answer?.call} answered ${answer?.status}: ${redact(answer?.text ?? '').slice(0, 200)}`);
  }
}

/**
 * Signing out ends that login and nothing else: the first device's chat closes and its tokens are
 * refused; the second device's chat stays open and answers, and its tokens still work and renew.
 */
export async function expectOnlyFirstLoginEnded(user: Actor): Promise<void> {
  const [first, second] = user.issued;
  const [firstChat, secondChat] = user.sockets;
  await expectClosedForPolicy(firstChat, DEADLINES.close, user.name);
  const firstAnswers = await Promise.all([user.api.threads(first.access_token), user.auth.me(first.access_token), user.auth.refresh(first.refresh_token)]);
  const stillOpen = firstAnswers.filter((a) => a.status !== 401);
  if (stillOpen.length) throw new Error(`Expected the signed-out device's tokens to be refused; ${stillOpen.map((a) => `${a.call} answered ${a.status}`).join(', ')}`);

  const from = secondChat.frames.length;
  secondChat.send('ping');
  await secondChat.waitFor(`a pong on ${user.name}'s other device`, (f) => f.type === 'pong', DEADLINES.reply, from);
  const secondAnswers = await Promise.all([user.api.threads(second.access_token), user.auth.me(second.access_token), user.auth.refresh(second.refresh_token)]);
  const refused = secondAnswers.filter((a) => a.status !== 200);
  if (refused.length || secondChat.closed) {
    throw new Error(`Expected ${user.name}'s other device to stay signed in; ${secondChat.closed ? `its chat closed with ${secondChat.closed.code}; ` : ''}${refused.map((a) => `${a.call} answered ${a.status}: ${redact(a.text).slice(0, 120)}`).join(', ')}`);
  }
  keepSession(user, secondAnswers[2].body);
}

/**
 * Breaking the platform on purpose needs the service secret: without it the fault switch answers
 * 401 (or does not exist at all, 404, outside test), and nothing is switched on.
 */
export async function expectFaultRefused(answer: HttpResponse | undefined, faults: FaultClient | undefined, target: string): Promise<void> {
  if (answer?.status !== 401 && answer?.status !== 404) throw new Error(`Expected the fault switch to refuse an outsider; ${answer?.call} answered ${answer?.status}: ${redact(answer?.text ?? '').slice(0, 200)}`);
  if (faults && (await faults.isOn(target))) throw new Error(`Expected nothing to be switched on; the fault on ${target} is on`);
}

/** The login's row in the database is revoked: a revocation kept only in Redis would be lost with it. */
export async function expectSessionEndedOnRecord(probe: DatabaseProbe, user: Actor): Promise<void> {
  const sessionId = claimsOf(user.accessToken).sid as string | undefined;
  if (!sessionId) throw new Error(`${user.name}'s access token names no session (sid), so its login cannot be looked up.`);
  const row = await probe.authSession(sessionId);
  if (!row?.revoked_at) throw new Error(`Expected ${user.name}'s login ${sessionId} to be recorded as revoked in the database; its row is ${JSON.stringify(row)}`);
}

/**
 * While sessions cannot be checked, the auth service fails closed: the profile answers 503 (the
 * session may be fine; it just cannot be vouched for now), and no new tokens are issued.
 */
export async function expectAuthFailsClosed(user: Actor, serviceSecret?: string): Promise<void> {
  if (serviceSecret) {
    // Asked by the backend itself, the auth service vouches for nothing it cannot check.
    const vouched = await user.auth.validate(user.accessToken, { id: 'netra-backend', secret: serviceSecret });
    if (vouched.status !== 200 || vouched.body?.valid !== false || vouched.body?.user_id !== undefined) {
      throw new Error(`Expected the auth service not to vouch for ${user.name}'s token while sessions cannot be checked; ${vouched.call} answered ${vouched.status}: ${redact(vouched.text).slice(0, 200)}`);
    }
  }
  const profile = await user.auth.me(user.accessToken);
  if (profile.status !== 503) throw new Error(`Expected the profile to be unavailable (503) while sessions cannot be checked; ${profile.call} answered ${profile.status}: ${redact(profile.text).slice(0, 200)}`);
  const renewed = await user.auth.refresh(user.tokens!.refresh_token);
  if (renewed.status === 200 || renewed.status < 400) throw new Error(`Expected no new tokens while sessions cannot be checked; ${renewed.call} answered ${renewed.status}`);
}

/** What the fault switch lists as switched on is exactly this ("tool_failure on cost_analyzer" …). */
export async function expectFaultsListed(faults: FaultClient, expected: string[]): Promise<void> {
  const listed = await faults.leftovers();
  if (listed.join('; ') !== expected.join('; ')) throw new Error(`Expected the fault switch to list ${expected.length ? expected.join('; ') : 'nothing'}; it lists ${listed.length ? listed.join('; ') : 'nothing'}`);
}

/**
 * Until the token's own expiry instant, plus the server's whole-second rounding, and never a
 * second more; a token that lasts more than a minute is a mistake in the scenario.
 */
export async function untilExpired(user: Actor): Promise<void> {
  const expiresAt = (claimsOf(user.accessToken).exp ?? 0) * 1000;
  const wait = expiresAt - Date.now();
  if (wait > DEADLINES.longestWait) throw new Error(`${user.name}'s token expires in ${Math.round(wait / 1000)} s; a scenario should not wait that long.`);
  if (wait > 0) await until(wait + 20);
}

/** The refresh gave a new access token and a new refresh token, not the same ones again. */
export function expectRenewedTokens(user: Actor): void {
  const [previous, latest] = user.issued.slice(-2);
  if (!previous || previous.access_token === latest.access_token || previous.refresh_token === latest.refresh_token) {
    throw new Error(`Expected ${user.name}'s refresh to give a new access and refresh token; it gave ${previous ? 'the same ones again' : 'nothing to compare'}.`);
  }
}

/** The last validation answered 200, valid, naming the person's own account. */
export function expectVouchedFor(user: Actor): void {
  const answer = expectStatus(user.lastAnswer!, 200, 'Validating a token');
  if (answer.body.valid !== true || answer.body.user_id !== user.userId) {
    throw new Error(`Expected the auth service to vouch for ${user.name} (${user.userId}); it answered valid=${answer.body.valid}, error ${answer.body.error ?? 'none'}.`);
  }
}

/** An instance that cannot check tokens (its service secret is wrong) refuses the person over the API (503 AUTH_UNAVAILABLE) and the chat, rather than trust them unchecked. */
export async function expectInstanceRefusesUnchecked(user: Actor, instance: { apiUrl: string; wsUrl: string }): Promise<void> {
  const answer = await new ApiClient(instance.apiUrl).threads(user.accessToken);
  if (answer.status !== 503 || answer.body?.code !== 'AUTH_UNAVAILABLE') {
    throw new Error(`Expected the instance to refuse ${user.name} with 503 AUTH_UNAVAILABLE rather than trust an unchecked token; ${answer.call} answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
  }
  const socket = await openSocket(user, 'header', instance.wsUrl);
  const first = await socket.connectionAnswer();
  if (first.frame.type !== 'error_message' || first.frame.error_code !== 'AUTH_UNAVAILABLE') {
    throw new Error(`Expected the instance's chat to refuse ${user.name} with AUTH_UNAVAILABLE; received: ${describeFrames(socket.frames, socket.openedAt)}`);
  }
  await socket.waitForClose(DEADLINES.close);
}
