import type { Phrase, PhraseStep } from '../support/phrasebook';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { expectAnsweredAsUnavailable } from '../support/expectations/resource-bounds';
import type { RowHold } from '../support/probes/database-admin';
import { FaultClient } from '../support/clients/fault-client';
import { expectNoTokenRefused } from '../support/expectations/sessions';
import { ApiClient } from '../support/clients/api-client';
import { expectRecordedAsFailedAsSeen, expectOneTrialCall } from '../support/expectations/resilience';

When("that work then needs {user}'s conversation, which {pronoun} analysis holds while it waits", async function (this: ApexWorld, user: string, _pronoun: string) {
  const run = this.session(user).lastRun();
  await this.recall<RowHold>('held run').waitOnConversationOfWhoeverWaits(run.threadId!, this.target.runDeadlineMs);
});

When('the other work lets go of it', async function (this: ApexWorld) {
  await this.recall<RowHold>('held run').release();
});

Then('{user} is answered within {int} seconds, and told it cannot be done right now, for each of these:', async function (this: ApexWorld, user: string, seconds: number, requests: DataTable) {
  this.evidence(await expectAnsweredAsUnavailable(this.session(user), this.activeInstance!, this.recall('breakable').dependency, requests.hashes().map((row) => row.request), seconds * 1000));
});

Then('a request that brings no token is still refused as not signed in', async function (this: ApexWorld) {
  await expectNoTokenRefused(new ApiClient(this.activeInstance!.apiUrl));
});

Then("nothing half-written of {user}'s analysis is left: it is recorded as failed, with exactly the events {pronoun} saw", async function (this: ApexWorld, user: string, _pronoun: string) {
  const probe = this.databaseProbe();
  if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
  await expectRecordedAsFailedAsSeen(probe, user, this.session(user).lastRun());
});

Then("only one of {user}'s last {int} answers tried the broken tool again, and the others were refused by its breaker at once", async function (this: ApexWorld, user: string, count: number) {
  await expectOneTrialCall(this.session(user).runs.slice(-count), this.target.runDeadlineMs);
});

When('{user}, holding the service secret, tries every test-only page of that instance', async function (this: ApexWorld, user: string) {
  this.session(user);
  this.remember('test-only pages', await FaultClient.tryTestOnlyPages(this.latestInstance.apiUrl, this.target.secrets.service ?? ''));
});

Given('an instance {instanceSetting}', function (this: ApexWorld, instanceSetting: Phrase<PhraseStep>) {
  return instanceSetting.meaning.call(this, ...instanceSetting.values);
});

Then('the platform {platformOutcome}', function (this: ApexWorld, platformOutcome: Phrase<PhraseStep>) {
  return platformOutcome.meaning.call(this, ...platformOutcome.values);
});

When('its {dependency} {dependencyEvent}', function (this: ApexWorld, p0: string, dependencyEvent: Phrase<PhraseStep>) {
  return dependencyEvent.meaning.call(this, p0, ...dependencyEvent.values);
});

When('the {word} {toolEvent}', function (this: ApexWorld, p0: string, toolEvent: Phrase<PhraseStep>) {
  return toolEvent.meaning.call(this, p0, ...toolEvent.values);
});
