import type { ApexWorld } from '../world';
import type { Actor } from '../actor';

/** The id a backend presents itself with (contract section 9, service identity). */
const BACKEND_ID = 'netra-backend';

/**
 * How a caller presents itself when it asks the auth service to vouch for a token, as a feature
 * says it; `secret` is the target's service secret, for the ways that need it.
 */
export const VOUCH_CREDENTIALS: Record<string, { needsSecret: boolean; given: (secret: string) => { id?: string; secret?: string } | undefined }> = {
  'with the right service secret': { needsSecret: true, given: (secret) => ({ id: BACKEND_ID, secret }) },
  'with a wrong service secret': { needsSecret: false, given: () => ({ id: BACKEND_ID, secret: 'not-the-service-secret' }) },
  'with the service secret but no service id': { needsSecret: true, given: (secret) => ({ secret }) },
  // The id a Netra backend sent after a deploy suffixed it with its start time.
  "with the service secret but a backend's id with a start time added": { needsSecret: true, given: (secret) => ({ id: `${BACKEND_ID}-${Math.floor(Date.now() / 1000)}`, secret }) },
  'without service credentials': { needsSecret: false, given: () => undefined },
};

/** Asks the auth service to vouch for the person's token, presenting the caller as stated; skipped where that needs a secret the suite lacks. */
export async function askToVouch(world: ApexWorld, session: Actor, how: string): Promise<'skipped' | undefined> {
  const { needsSecret, given } = VOUCH_CREDENTIALS[how];
  const secret = world.target.secrets.service;
  if (needsSecret && !secret) return world.skip('this needs the service secret; set APEX_SERVICE_SECRET for this target.');
  await session.attempt('validate', session.auth.validate(session.accessToken, given(secret ?? '')));
  return undefined;
}
