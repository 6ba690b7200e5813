import type { Phrase, PhraseStep } from '../support/phrasebook';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { PRODUCTION_PASSWORD_HASH_COST } from '../support/environment';
import { expectSimilarTiming, untilWindowPassed } from '../support/expectations/accounts';
import { expectCodeSentTo } from '../support/oauth';
import { FAULT_SWITCHINGS, faultSwitchOfLatestInstance } from '../support/tasks/fault-switching';

/** The fault switch of the instance this scenario started, held with the service secret. */
When('the service {faultSwitching} at that instance', async function (this: ApexWorld, how: string) {
  await FAULT_SWITCHINGS[how](faultSwitchOfLatestInstance(this));
});

Then("the provider sends {user}'s code there", function (this: ApexWorld, user: string) {
  expectCodeSentTo(this.session(user).lastAnswer, this.recall<string>('asked destination'));
});

Given('sign-in states last {int} second(s)', async function (this: ApexWorld, seconds: number) {
  const instance = await this.startInstance({ OAUTH_STATE_TTL_SECONDS: String(seconds) });
  if (!instance) return this.skip(`a deployment's sign-in states last its own time (10 minutes by the contract); this needs an instance with a short one.`);
  this.moveEveryoneTo(instance);
  this.remember('state lifetime', seconds * 1000);
});

Given('passwords are checked as slowly as in production', async function (this: ApexWorld) {
  // The suite's own platforms hash at a sixteenth of the production cost to sign people up faster;
  // at that cost a password check is hardly slower than the request around it, so skipping the
  // check for an unknown email would hide in the noise. A deployment hashes as it does.
  const instance = await this.startInstance({ PASSWORD_HASH_COST: String(PRODUCTION_PASSWORD_HASH_COST) });
  if (instance) this.moveEveryoneTo(instance);
  else this.log('The deployment checks passwords at its own cost.');
});

Then('a sign-in with an unknown email is refused about as fast as one with a wrong password', function (this: ApexWorld) {
  expectSimilarTiming([...this.sessions.values()].flatMap((s) => s.attempts));
});

Given('sign-in lockouts last {int} second(s)', async function (this: ApexWorld, seconds: number) {
  const instance = await this.startInstance({ LOCKOUT_WINDOW_SECONDS: String(seconds) });
  if (!instance) return this.skip(`a deployment's lockout window is its own (15 minutes by the contract); this needs an instance with a short one.`);
  this.moveEveryoneTo(instance);
  this.remember('lockout window', seconds * 1000);
});

When('the lockout window has passed', async function (this: ApexWorld) {
  await untilWindowPassed(this.recall<number>('first failed sign-in'), this.recall<number>('lockout window'));
});

Given('a platform {platformInstance}', function (this: ApexWorld, platformInstance: Phrase<PhraseStep>) {
  return platformInstance.meaning.call(this, ...platformInstance.values);
});

Then('that instance {instanceOutcome}', function (this: ApexWorld, instanceOutcome: Phrase<PhraseStep>) {
  return instanceOutcome.meaning.call(this, ...instanceOutcome.values);
});

Then('{user} {personOutcome}', function (this: ApexWorld, user: string, personOutcome: Phrase<PhraseStep>) {
  return personOutcome.meaning.call(this, user, ...personOutcome.values);
});

When('{user} {personAction}', function (this: ApexWorld, user: string, personAction: Phrase<PhraseStep>) {
  return personAction.meaning.call(this, user, ...personAction.values);
});
