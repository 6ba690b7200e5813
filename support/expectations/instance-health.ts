import { readHealth } from '../deployment';
import { expectAuthAccepts, expectAuthRefusesId } from './deployment';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "that instance's …": what the scenario's other instance reports. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const INSTANCE_HEALTH: Record<string, PhraseStep> = {
  'health says the auth service accepts its service id': async function (this: ApexWorld) {
    expectAuthAccepts(await readHealth(this.latestInstance.apiUrl), "that instance's");
  },
  'health is unhealthy, naming {string} as the service id the auth service refuses': async function (this: ApexWorld, id: string) {
    expectAuthRefusesId(await readHealth(this.latestInstance.apiUrl), id, "that instance's");
  },
};
