import { googleCallbackParameters } from './sign-in';
import { expectStatus } from '../clients/http';
import { googleApprovalOf, googleReturnOf } from '../oauth';
import { comeBackFromGoogle } from './oauth-returns';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user} comes …": coming back from a sign-in provider. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const COMING_BACK: Record<string, PhraseStep> = {
  'back from Google {badGoogleReturn}': async function (this: ApexWorld, user: string, how: string) {
    await comeBackFromGoogle(this.session(user), how);
  },
  "back from Google with a fresh code for {user}'s already used sign-in": async function (this: ApexWorld, user: string, owner: string) {
    const approval = googleApprovalOf(this.session(owner));
    const session = this.session(user);
    const approved = expectStatus(await session.auth.follow(approval), 302, 'The provider approving again');
    await session.attempt('callback', session.auth.follow(approved.location!));
  },
  "back from Google with {user}'s already used code, in a sign-in of {pronoun} own": async function (this: ApexWorld, user: string, owner: string, _pronoun: string) {
    const used = googleReturnOf(this.session(owner));
    const session = this.session(user);
    const { state } = await googleCallbackParameters(session);
    await session.attempt('callback', session.auth.oauthCallback({ code: new URL(used).searchParams.get('code')!, state }));
  },
};
