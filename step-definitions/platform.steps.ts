import type { Phrase, PhraseStep } from '../support/phrasebook';
import { randomBytes } from 'node:crypto';
import { Given, Then } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { expectRefusedToStart, expectStarted } from '../support/expectations/start-up';
import { deepStagePace } from '../support/domain';

const ONLY_REFERENCE = 'this starts reference platform instances, which a remote target does not have.';
/** A lease that a slow analysis outlasts several times over: the instance must keep renewing it for as long as the analysis runs. */
const SHORT_LEASE_SECONDS = '2';

Given('{user} uses another instance of the platform, where each stage of a deep analysis takes {int} second(s)', async function (this: ApexWorld, user: string, seconds: number) {
  const instance = await this.startInstance({ AGENT_TIME_SCALE: deepStagePace(seconds), INSTANCE_LEASE_SECONDS: SHORT_LEASE_SECONDS });
  if (!instance) return this.skip(ONLY_REFERENCE);
  this.session(user).useInstance(instance);
  return undefined;
});

Given('a platform instance without a bypass key', async function (this: ApexWorld) {
  if (!(await this.startInstance({ E2E_OAUTH_SIMULATION_KEY: '' }))) return this.skip(ONLY_REFERENCE);
});

Given('a platform instance whose backend holds the wrong service secret', async function (this: ApexWorld) {
  if (!(await this.startInstance({ BACKEND_SERVICE_SECRET: `wrong-${randomBytes(16).toString('hex')}` }))) return this.skip(ONLY_REFERENCE);
});

Then('it starts', function (this: ApexWorld) {
  expectStarted(this.recall('platformProcess'));
});

Then('it refuses to start, naming {word}', function (this: ApexWorld, setting: string) {
  const sentence = expectRefusedToStart(this.recall('platformProcess'), setting);
  this.evidence(`The platform refused to start: ${sentence}`);
});

Given('a second {secondInstance}', function (this: ApexWorld, secondInstance: Phrase<PhraseStep>) {
  return secondInstance.meaning.call(this, ...secondInstance.values);
});
