import type { Actor } from '../actor';
import { dropOnceUnderWay } from './chat';
import { ensureSignedIn, signInThroughBypassAtOnce } from './sign-in';
import { untilWindowPassed } from '../expectations/accounts';
import { untilExpired } from '../expectations/sessions';
import { ORIGINS, callFromPage, readDiscovery } from '../deployment';
import { claimsOf } from '../clients/tokens';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{actor}'s …": something that happens to a person's connection, browser, session or return from sign-in. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const OWN_EVENT: Record<string, PhraseStep> = {
  'first simulated OAuth sign-in is sent {int} times at once': async function (this: ApexWorld, user: Actor, times: number) {
    const key = this.target.secrets.e2eBypassKey;
    if (!key) return this.skip('the simulated sign-in needs the bypass key; set APEX_E2E_BYPASS_KEY for this target.');
    await signInThroughBypassAtOnce(user, key, times);
  },
  'browser calls the sign-in service and the API from {origin}': async function (this: ApexWorld, user: Actor, origin: string) {
    await ensureSignedIn(user);
    const front = new URL((await readDiscovery(this.target.apiUrl)).services.frontend.url);
    this.remember('cross-origin calls', await callFromPage(this.target, ORIGINS[origin](front), user.accessToken));
  },
  'analysis is under way': async function (this: ApexWorld, user: Actor) {
    const run = user.lastRun();
    await run.underWay(this.target.runDeadlineMs);
  },
  'analysis moves on by {int} updates': async function (this: ApexWorld, user: Actor, count: number) {
    await user.lastRun().movesOn(count, this.target.runDeadlineMs);
  },
  'connection drops once the analysis is under way': async function (this: ApexWorld, user: Actor) {
    await dropOnceUnderWay(user.lastRun(), this.target.runDeadlineMs);
  },
  'session has expired': async function (this: ApexWorld, user: Actor) {
    await untilExpired(user);
  },
  'refresh token has expired': async function (this: ApexWorld, user: Actor) {
    // The token's own expiry instant, plus a whole second for the server's rounding.
    const expiresAt = (claimsOf(user.tokens!.refresh_token).exp ?? 0) * 1000;
    await untilWindowPassed(expiresAt, 0);
  },
};
