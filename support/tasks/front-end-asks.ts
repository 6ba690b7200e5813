import { readDiscovery } from '../deployment';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "the front …": what the front end asks. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const FRONT_END_ASKS: Record<string, PhraseStep> = {
  'end asks the platform where its services are': async function (this: ApexWorld) {
    this.remember('discovery', await readDiscovery(this.target.apiUrl));
  },
  'end asks that instance where its services are': async function (this: ApexWorld) {
    this.remember('discovery', await readDiscovery(this.latestInstance.apiUrl));
  },
};
