import { googleCallbackParameters } from './sign-in';
import { randomUUID } from 'node:crypto';
import type { ApexWorld } from '../world';
import type { Actor } from '../actor';

/**
 * Ways of coming back from Google that the platform must refuse, as a security reviewer names
 * them: each builds the callback's parameters from a real sign-in the person started.
 */
export const BAD_GOOGLE_RETURNS: Record<string, (issued: { code: string; state: string }) => { code?: string; state?: string }> = {
  'with a state the platform never issued': ({ code }) => ({ code, state: `forged-${randomUUID()}` }),
  'without an authorization code': ({ state }) => ({ state }),
  "with the platform's state but an authorization code Google never gave": ({ state }) => ({ code: `made-up-${randomUUID()}`, state }),
};

/** The person starts a Google sign-in and comes back from Google in the stated, wrong way. */
export async function comeBackFromGoogle(session: Actor, how: string): Promise<void> {
  const parameters = BAD_GOOGLE_RETURNS[how](await googleCallbackParameters(session));
  await session.attempt('callback', session.auth.oauthCallback(parameters));
}

/** How a simulated OAuth sign-in carries the bypass key, wrongly; a key the platform does not hold is refused only where one is configured. */
export const BAD_BYPASS_KEYS: Record<string, string | undefined> = {
  'with a wrong bypass key': 'not-the-bypass-key',
  'without a bypass key': undefined,
};

export async function trySimulatedSignIn(world: ApexWorld, session: Actor, how: string): Promise<'skipped' | undefined> {
  // A key can only be wrong where one is configured; a target without one says the sign-in is off.
  if (!world.target.secrets.e2eBypassKey) return world.skip('a bypass key is refused as wrong only where one is configured; set APEX_E2E_BYPASS_KEY for this target.');
  await session.attempt('test sign-in', session.auth.testSignIn(BAD_BYPASS_KEYS[how], { email: session.email }));
  return undefined;
}
