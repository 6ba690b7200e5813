import { addressesFor, PUBLISHED_ADDRESSES } from '../deployment';
import { PUBLISHED_AUTH_ADDRESS } from '../oauth';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "a platform …": a platform instance configured for the scenario. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const PLATFORM_INSTANCE: Record<string, PhraseStep> = {
  'instance for {word} that holds the bypass key': async function (this: ApexWorld, environment: string) {
    if (!(await this.startInstance({ ENVIRONMENT: environment, ...addressesFor(environment) }))) return this.skip(`this starts a reference platform instance for ${environment}; a deployment is what it is.`);
  },
  'instance whose sign-in service is published at an address of its own': async function (this: ApexWorld) {
    if (!(await this.startInstance({ PUBLIC_AUTH_URL: PUBLISHED_AUTH_ADDRESS }))) return this.skip('this starts a reference platform instance behind a published address; a deployment is where it is.');
  },
  'instance for {word}, published at addresses of its own': async function (this: ApexWorld, environment: string) {
    if (!(await this.startInstance({ ENVIRONMENT: environment, ...PUBLISHED_ADDRESSES }))) return this.skip(`this starts a reference platform instance for ${environment}; a deployment is what it is.`);
  },
};
