import type { TokenSet } from '../clients/auth-client';
import { expectStatus } from '../clients/http';
import { claimsOf } from '../clients/tokens';
import { expectAuthorizationRequest } from '../oauth';
import type { Actor } from '../actor';

/** Each way a person gets a session, and what they do with it: refreshing, signing out. */

/** Keeps a session the platform gave the person, as their current one and in their history. */
export function keepSession(actor: Actor, tokens: TokenSet): void {
  actor.tokens = { access_token: tokens.access_token, refresh_token: tokens.refresh_token, token_type: tokens.token_type, expires_in: tokens.expires_in };
  actor.issued.push(actor.tokens);
}

export async function signUp(actor: Actor): Promise<void> {
  const response = expectStatus(await actor.auth.register({ email: actor.email, password: actor.password, name: actor.name }), 201, `Signing ${actor.name} up`);
  actor.account = response.body.user;
  keepSession(actor, response.body);
}

export async function signIn(actor: Actor): Promise<void> {
  const response = expectStatus(await actor.auth.login({ email: actor.email, password: actor.password }), 200, `Signing ${actor.name} in`);
  actor.account = response.body.user;
  keepSession(actor, response.body);
}

/** A person a step needs signed in, who has not been yet, signs up. */
export async function ensureSignedIn(actor: Actor): Promise<void> {
  if (!actor.tokens) await signUp(actor);
}

/** The simulated OAuth sign-in: needs the target's bypass key. */
export async function signInThroughBypass(actor: Actor, bypassKey: string, options: { permissions?: string[]; expiresIn?: number } = {}): Promise<void> {
  const response = expectStatus(
    await actor.auth.testSignIn(bypassKey, { email: actor.email, name: actor.name, permissions: options.permissions, expires_in: options.expiresIn }),
    200,
    `Signing ${actor.name} in through the simulated OAuth sign-in`,
  );
  actor.account = response.body.user;
  keepSession(actor, response.body);
}

/** The same first simulated sign-in, several times at once. */
export async function signInThroughBypassAtOnce(actor: Actor, bypassKey: string, times: number): Promise<void> {
  await Promise.all(Array.from({ length: times }, () => actor.attempt('simulated sign-in', actor.auth.testSignIn(bypassKey, { email: actor.email, name: actor.name }))));
}

/** The simulated OAuth sign-in naming nobody: the platform chooses the account's email address and name. */
export async function signInThroughBypassAsNobody(actor: Actor, bypassKey: string): Promise<void> {
  const response = expectStatus(await actor.attempt('simulated sign-in', actor.auth.testSignIn(bypassKey, {})), 200, `Signing ${actor.name} in through the simulated OAuth sign-in, naming nobody`);
  actor.account = response.body.user;
  keepSession(actor, response.body);
}

/**
 * The OAuth round trip, hop by hop: to the provider, back to the callback with a code, and on
 * to the front end carrying the tokens. Returns the front end's address.
 */
export async function signInWithGoogle(actor: Actor): Promise<URL> {
  const start = expectStatus(await actor.auth.oauthStart('google'), 302, `Starting ${actor.name}'s Google sign-in`);
  expectAuthorizationRequest(start.location!);
  const provider = new URL(start.location!);
  provider.searchParams.set('login_hint', actor.email);
  const approved = expectStatus(await actor.auth.follow(provider.toString()), 302, `The provider approving ${actor.name}`);
  actor.remember('googleReturn', approved.location!);
  actor.remember('googleApproval', provider.toString());
  const landed = expectStatus(await actor.auth.follow(approved.location!), 302, `Coming back from Google`);
  const front = new URL(landed.location!);
  // The front end's sign-in callback takes the tokens; anywhere else they would be dropped.
  if (!front.pathname.endsWith('/auth/callback')) throw new Error(`Expected the sign-in to land on the front end's /auth/callback; it landed on ${front.origin}${front.pathname}`);
  const accessToken = front.searchParams.get('access_token');
  const refreshToken = front.searchParams.get('refresh_token');
  if (!accessToken || !refreshToken) throw new Error(`Expected the callback to send ${actor.name} to the app with tokens; it sent ${front.origin}${front.pathname} with ${[...front.searchParams.keys()].join(', ') || 'nothing'}`);
  keepSession(actor, { access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer', expires_in: 0 });
  actor.account = { id: claimsOf(accessToken).sub!, email: front.searchParams.get('email') ?? '' };
  return front;
}

/** The provider's redirect back to the callback, with its code and state, not yet followed. */
export async function googleCallbackParameters(actor: Actor): Promise<{ code: string; state: string }> {
  const start = expectStatus(await actor.auth.oauthStart('google'), 302, `Starting a Google sign-in`);
  const approved = expectStatus(await actor.auth.follow(start.location!), 302, `The provider approving the sign-in`);
  const callback = new URL(approved.location!);
  return { code: callback.searchParams.get('code') ?? '', state: callback.searchParams.get('state') ?? '' };
}

export async function refresh(actor: Actor): Promise<void> {
  const response = expectStatus(await actor.auth.refresh(actor.tokens?.refresh_token ?? ''), 200, `Refreshing ${actor.name}'s session`);
  keepSession(actor, response.body);
}

export async function signOut(actor: Actor): Promise<void> {
  expectStatus(await actor.auth.logout(actor.accessToken), 200, `Signing ${actor.name} out`);
}

/** From now on the person presents the given access token (a forged one, say). */
export function presentToken(actor: Actor, accessToken: string): void {
  actor.tokens = { ...(actor.tokens ?? { refresh_token: '', token_type: 'Bearer', expires_in: 0 }), access_token: accessToken };
}

/** The refresh token the person held before the latest one: the one their last refresh spent. */
export function previousRefreshToken(actor: Actor): string {
  const previous = actor.issued.at(-2)?.refresh_token;
  if (!previous) throw new Error(`${actor.name} has not refreshed yet, so there is no spent or previous refresh token.`);
  return previous;
}

/** The refresh token of the person's first sign-in (their first device). */
export function firstDeviceRefreshToken(actor: Actor): string {
  const spent = actor.issued[0]?.refresh_token;
  if (!spent) throw new Error(`${actor.name} has not signed in on a first device.`);
  return spent;
}
