import { addressesFor, PUBLISHED_ADDRESSES } from '../deployment';
import { PUBLISHED_AUTH_ADDRESS } from '../oauth';
import { CONFIGURED_APART, REFERENCE_INSTANCES } from '../skip-reasons';
import { randomBytes } from 'node:crypto';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "a platform instance …": a platform instance configured for the scenario. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const PLATFORM_INSTANCE: Record<string, PhraseStep> = {
  'for {word} that holds the bypass key': async function (this: ApexWorld, environment: string) {
    if (!(await this.startInstance({ ENVIRONMENT: environment, ...addressesFor(environment) }))) return this.skip(`this starts a reference platform instance for ${environment}; a deployment is what it is.`);
  },
  'whose sign-in service is published at an address of its own': async function (this: ApexWorld) {
    if (!(await this.startInstance({ PUBLIC_AUTH_URL: PUBLISHED_AUTH_ADDRESS }))) return this.skip('this starts a reference platform instance behind a published address; a deployment is where it is.');
  },
  'whose backend presents the service id {string} to the auth service': async function (this: ApexWorld, id: string) {
    // Its backend asks the worker's auth service, configured apart with the id it trusts, as two deployed services are.
    if (!(await this.startInstance({ SERVICE_ID: id, AUTH_SERVICE_URL: this.target.authUrl }))) return this.skip(CONFIGURED_APART);
  },
  'for {word}, published at addresses of its own': async function (this: ApexWorld, environment: string) {
    if (!(await this.startInstance({ ENVIRONMENT: environment, ...PUBLISHED_ADDRESSES }))) return this.skip(`this starts a reference platform instance for ${environment}; a deployment is what it is.`);
  },
  'without a bypass key': async function (this: ApexWorld) {
    if (!(await this.startInstance({ E2E_OAUTH_SIMULATION_KEY: '' }))) return this.skip(REFERENCE_INSTANCES);
  },
  'whose backend holds the wrong service secret': async function (this: ApexWorld) {
    if (!(await this.startInstance({ BACKEND_SERVICE_SECRET: `wrong-${randomBytes(16).toString('hex')}` }))) return this.skip(REFERENCE_INSTANCES);
  },
};
