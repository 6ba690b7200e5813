import { expectFaultsListed, expectInstanceRefusesUnchecked } from './sessions';
import { FAULT_LISTINGS, faultSwitchOfLatestInstance } from '../tasks/fault-switching';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "that instance …": what the scenario's other instance does. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const INSTANCE_OUTCOME: Record<string, PhraseStep> = {
  'lists {faultListing}': async function (this: ApexWorld, listing: string) {
    await expectFaultsListed(faultSwitchOfLatestInstance(this), FAULT_LISTINGS[listing]);
  },
  'will not let {user} in, because it cannot check {pronoun} session': async function (this: ApexWorld, user: string, _pronoun: string) {
    await expectInstanceRefusesUnchecked(this.session(user), this.latestInstance);
  },
};
