import { connect } from './chat';
import { ensureSignedIn, signIn, signInThroughBypass, signUp } from './sign-in';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user} is …": how a person is signed in. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const STANDING: Record<string, PhraseStep> = {
  'signed in': async function (this: ApexWorld, user: string) {
    await ensureSignedIn(this.session(user));
  },
  'signed in through the simulated OAuth sign-in': async function (this: ApexWorld, user: string) {
    const key = this.target.secrets.e2eBypassKey;
    if (!key) return this.skip('the simulated sign-in needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
    await signInThroughBypass(this.session(user), key);
  },
  'signed in with permission only to {permissions}': async function (this: ApexWorld, user: string, permissions: string[]) {
    const key = this.target.secrets.e2eBypassKey;
    if (!key) return this.skip('choosing permissions needs the simulated sign-in; set APEX_E2E_BYPASS_KEY for this target.');
    await signInThroughBypass(this.session(user), key, { permissions });
  },
  'signed in for {int} second(s)': async function (this: ApexWorld, user: string, seconds: number) {
    const key = this.target.secrets.e2eBypassKey;
    if (!key) return this.skip('a short session needs the simulated sign-in; set APEX_E2E_BYPASS_KEY for this target.');
    await signInThroughBypass(this.session(user), key, { expiresIn: seconds });
  },
  'signed in on two devices, each with a chat open': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await signUp(session);
    await connect(session, 'header', session.chatUrl);
    await signIn(session);
    await connect(session, 'header', session.chatUrl);
  },
};
