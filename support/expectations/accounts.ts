import { waitForWelcome } from '../tasks/chat';
import { keepSession } from '../tasks/sign-in';
import { setTimeout as until } from 'node:timers/promises';
import { claimsOf } from '../clients/tokens';
import { HttpResponse, expectStatus } from '../clients/http';
import { redact } from '../redact';
import type { Actor } from '../actor';
import { DEADLINES } from '../deadlines';

/** The latest sign-in gave a session of its own: a new token for the same person. */
export function expectFreshSession(user: Actor): void {
  const [first, latest] = [user.issued[0], user.issued.at(-1)];
  if (!first || user.issued.length < 2) throw new Error(`Expected ${user.name} to have signed in at least twice; ${user.name} has ${user.issued.length} session(s).`);
  if (latest!.access_token === first.access_token) throw new Error(`Expected ${user.name}'s sign-in to give a new token; it gave the sign-up token again.`);
  const [a, b] = [claimsOf(first.access_token), claimsOf(latest!.access_token)];
  if (a.jti === b.jti) throw new Error(`Expected a new token id for ${user.name}'s sign-in; both tokens carry jti ${a.jti}.`);
  if (b.sub !== user.userId || a.sub !== b.sub) throw new Error(`Expected both of ${user.name}'s tokens to name ${user.userId}; they name ${a.sub} and ${b.sub}.`);
}

/** The auth service vouches for the token to the backend (with the service secret), or, without it, the profile names the person. */
export async function expectSessionConfirmed(user: Actor, serviceSecret: string | undefined): Promise<void> {
  if (!serviceSecret) return expectProfile(user, []);
  const answer = expectStatus(await user.auth.validate(user.accessToken, { id: 'netra-backend', secret: serviceSecret }), 200, `Validating ${user.name}'s token`).body;
  if (answer.valid !== true || answer.user_id !== user.userId || answer.email !== user.email) {
    throw new Error(`Expected the auth service to confirm ${user.name}'s token as ${user.userId} <${user.email}>; it answered valid=${answer.valid}, user ${answer.user_id}, email ${answer.email}, error ${answer.error ?? 'none'}.`);
  }
}

export async function expectProfile(user: Actor, permissions: string[]): Promise<void> {
  const me = expectStatus(await user.auth.me(user.accessToken), 200, `Reading ${user.name}'s profile`).body;
  const missing = permissions.filter((p) => !(me.permissions ?? []).includes(p));
  if (me.user_id !== user.userId || me.email !== user.email || missing.length) {
    throw new Error(`Expected ${user.name}'s profile to show ${user.userId} <${user.email}> with ${permissions.join(', ')}; it shows ${me.user_id} <${me.email}> with ${(me.permissions ?? []).join(', ') || 'no permissions'}.`);
  }
}

export async function expectWelcomedAsThemselves(user: Actor): Promise<void> {
  const socket = user.sockets.at(-1);
  if (!socket) throw new Error(`${user.name} has not opened a chat connection.`);
  const welcome = (await waitForWelcome(user, socket)).frame;
  const sub = claimsOf(user.accessToken).sub;
  if (welcome.data?.user_id !== sub || sub !== user.userId || !welcome.data?.connection_id) {
    throw new Error(`Expected the welcome to name ${user.name} (${user.userId}, the token's sub ${sub}) with a connection id; it names ${welcome.data?.user_id}, connection ${welcome.data?.connection_id}.`);
  }
}

/** Refused sign-ins must not tell an unknown email from a wrong password: same status, same body. */
export function expectIndistinguishableRefusals(attempts: { label: string; answer: HttpResponse }[]): void {
  const logins = attempts.filter((a) => a.label === 'wrong password' || a.label === 'unknown email');
  if (!logins.some((a) => a.label === 'wrong password') || !logins.some((a) => a.label === 'unknown email')) {
    throw new Error('Expected sign-ins with both a wrong password and an unknown email to compare.');
  }
  const first = logins[0].answer;
  for (const { label, answer } of logins) {
    if (answer.status !== first.status || answer.text !== first.text || answer.status !== 401) {
      throw new Error(`Expected every failed sign-in to be refused with the same 401 and body; "${label}" got ${answer.status} ${redact(answer.text)} where the first got ${first.status} ${redact(first.text)}`);
    }
  }
}

/**
 * An unknown email must cost the server as much as a wrong password, or its speed gives the
 * answer away. Skipping the password check makes an unknown email some fifty times faster, so
 * faster than a third of a wrong password's time fails. A busy machine only ever adds time, and
 * it can add it to a few requests in a row, so the other way round fails only well past that
 * noise: ten times slower, as checking the password twice over would not even be.
 */
export function expectSimilarTiming(attempts: { label: string; answer: HttpResponse }[]): void {
  // The quickest of each: what the work itself costs, with the least of the machine's noise on it.
  const quickest = (label: string) => {
    const times = attempts.filter((a) => a.label === label).map((a) => a.answer.elapsedMs);
    if (!times.length) throw new Error(`No "${label}" sign-ins were tried.`);
    return Math.min(...times);
  };
  const [unknown, wrong] = [quickest('unknown email'), quickest('wrong password')];
  if (unknown * 3 < wrong || unknown > wrong * 10) {
    const ratio = Math.max(unknown, wrong) / Math.max(1, Math.min(unknown, wrong));
    throw new Error(`Expected an unknown email to be refused about as fast as a wrong password (no faster than a third of its time); the quickest of each took ${unknown.toFixed(1)} ms and ${wrong.toFixed(1)} ms (${ratio.toFixed(1)}× ${unknown < wrong ? 'faster' : 'slower'}).`);
  }
}

/** The last sign-up or sign-in gave the person a session of their own account. */
export function expectLetIn(user: Actor): void {
  const answer = user.lastAnswer;
  if (!answer) throw new Error(`${user.name} has not tried to sign up or in yet.`);
  const account = answer.body?.user;
  const theirs = account?.email?.toLowerCase() === user.email.toLowerCase() && (!user.account || account.id === user.account.id);
  if (![200, 201].includes(answer.status) || typeof answer.body?.access_token !== 'string' || !theirs) {
    throw new Error(`Expected ${user.name} to be let in as ${user.account?.id ?? user.email}; ${answer.call} answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
  }
  user.account = account;
  keepSession(user, answer.body);
}

/** Waits for the clock, not a guess: until the window that opened at \`since\` has closed, and a whole second more for its rounding. */
export async function untilWindowPassed(since: number, windowMs: number): Promise<void> {
  const wait = since + windowMs + 1000 - Date.now();
  if (wait > DEADLINES.longestWait) throw new Error(`The window closes in ${Math.round(wait / 1000)} s; a scenario should not wait that long.`);
  if (wait > 0) await until(wait);
}

/** The sign-up answer and the profile both call the person by this name. */
export async function expectCalled(user: Actor, name: string): Promise<void> {
  // The answer to a sign-up tried as an attempt, or the one a plain sign-up kept.
  const signedUp = user.lastAnswer ? expectStatus(user.lastAnswer, 201, `Signing ${user.name} up`).body : { user: user.account, access_token: user.accessToken };
  const profile = expectStatus(await user.auth.me(signedUp.access_token), 200, `Reading ${user.name}'s profile`).body;
  if (signedUp.user?.name !== name || profile.name !== name) {
    throw new Error(`Expected ${user.name} to be called "${name}"; the sign-up says "${signedUp.user?.name}" and the profile "${profile.name}"`);
  }
}

/** Two people signed in without naming themselves got two accounts, each with an email address of its own. */
export function expectAccountsApart(a: Actor, b: Actor): void {
  if (!a.account || !b.account) throw new Error(`Expected ${a.name} and ${b.name} to be signed in; ${!a.account ? a.name : b.name} is not.`);
  if (a.account.id === b.account.id || a.account.email === b.account.email) {
    throw new Error(`Expected ${a.name} and ${b.name} to get accounts of their own; they got ${a.account.id} <${a.account.email}> and ${b.account.id} <${b.account.email}>.`);
  }
}

/** The account the platform made has a real email address, and both the sign-in and the profile call the person by its first part. */
export async function expectCalledByGivenEmail(user: Actor): Promise<void> {
  const email = user.account?.email ?? '';
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error(`Expected the platform to give ${user.name}'s account an email address; it gave "${email}".`);
  const profile = expectStatus(await user.auth.me(user.accessToken), 200, `Reading ${user.name}'s profile`).body;
  const name = email.split('@')[0];
  if (user.account?.name !== name || profile.name !== name || profile.email !== email) {
    throw new Error(`Expected ${user.name} to be called "${name}" (the first part of ${email}); the sign-in says "${user.account?.name}" and the profile "${profile.name}" <${profile.email}>`);
  }
}

/** Every one of the person's simulated sign-ins was let in, and all into one account. */
export function expectOneAccount(user: Actor): void {
  const answers = user.attempts.filter((a) => a.label === 'simulated sign-in').map((a) => a.answer);
  const count = answers.length;
  if (count === 0) throw new Error(`${user.name} has not tried the simulated sign-in.`);
  const refused = answers.filter((answer) => answer.status !== 200);
  if (refused.length) throw new Error(`Expected all ${count} of ${user.name}'s sign-ins to let her in; ${refused.length} answered ${refused.map((a) => `${a.status}: ${redact(a.text).slice(0, 120)}`).join('; ')}`);
  const accounts = new Set(answers.map((answer) => answer.body?.user?.id));
  if (accounts.size !== 1) throw new Error(`Expected ${user.name}'s ${count} sign-ins to land in one account; they landed in ${accounts.size}: ${[...accounts].join(', ')}`);
}

export function expectBackInSameAccount(user: Actor, first: string): void {
  if (user.userId !== first) throw new Error(`Expected ${user.name}'s second sign-in with Google to reach account ${first}; it reached ${user.userId}`);
}

/** The tokens the front end received are the person's own: the profile they open is theirs. */
export async function expectCameBackSignedIn(user: Actor): Promise<void> {
  const me = expectStatus(await user.auth.me(user.accessToken), 200, `Reading ${user.name}'s profile after Google`).body;
  if (me.email !== user.email) throw new Error(`Expected ${user.name} to come back signed in as ${user.email}; the token belongs to ${me.email}.`);
}
