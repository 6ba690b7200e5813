import type { Phrase, PhraseStep } from '../support/phrasebook';
import { ensureSignedIn } from '../support/tasks/sign-in';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import type { HttpResponse } from '../support/clients/http';
import { expectRefusal } from '../support/refusals';
import { expectAnsweredAsUnavailable } from '../support/expectations/resource-bounds';
import { holdRunOnceUnderWay } from '../support/resource-bounds';
import type { RowHold } from '../support/probes/database-admin';
import { FaultClient } from '../support/clients/fault-client';
import { expectNoTokenRefused } from '../support/expectations/sessions';
import { ApiClient } from '../support/clients/api-client';
import { untilAnsweredAgain, untilWelcomedAgain, expectRecordedAsFailedAsSeen, expectAnswersSayCostAnalysisUnavailable, untilBreakerHalfOpen, expectOneTrialCall } from '../support/expectations/resilience';
import { failForThisScenario, repairForThisScenario } from '../support/scoped-faults';
import { DEADLINES } from '../support/deadlines';

When("other work holds {user}'s analysis in the database once it is under way", async function (this: ApexWorld, user: string) {
  const hold = await holdRunOnceUnderWay(this.session(user), this.target.databaseUrl!, this.target.runDeadlineMs);
  this.keepStandIn({ stop: () => hold.release() });
  this.remember('held run', hold);
});

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

Then("{user}'s next question is answered within {int} seconds of it coming back", async function (this: ApexWorld, user: string, seconds: number) {
  const tries = await untilAnsweredAgain(this.session(user), seconds * 1000);
  const took = Date.now() - this.recall('breakable').restoredAt!;
  this.evidence(`The ${this.recall('breakable').dependency} came back; the first question was answered ${took} ms later, after ${tries} tries.`);
});

Then('{user} can open a chat connection again within {int} seconds of it coming back', async function (this: ApexWorld, user: string, seconds: number) {
  await untilWelcomedAgain(this.session(user), seconds * 1000);
  this.evidence(`Welcomed again ${Date.now() - this.recall('breakable').restoredAt!} ms after the auth service came back.`);
});

Then("nothing half-written of {user}'s analysis is left: it is recorded as failed, with exactly the events {pronoun} saw", async function (this: ApexWorld, user: string, _pronoun: string) {
  const probe = this.databaseProbe();
  if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
  await expectRecordedAsFailedAsSeen(probe, user, this.session(user).lastRun());
});

Given('the {word} {word} is failing', async function (this: ApexWorld, first: string, second: string) {
  const faults = this.faults();
  if (!faults) return this.skip('injecting a failing tool needs the service secret (APEX_SERVICE_SECRET).');
  await failForThisScenario(this, `${first}_${second}`);
});

When('the {word} {word} is repaired', async function (this: ApexWorld, first: string, second: string) {
  await repairForThisScenario(this, `${first}_${second}`);
});

Then("{user}'s last {int} answers each say the cost analysis is unavailable", async function (this: ApexWorld, user: string, count: number) {
  await expectAnswersSayCostAnalysisUnavailable(this.session(user).runs.slice(-count), this.target.runDeadlineMs);
});

Then("only one of {user}'s last {int} answers tried the broken tool again, and the others were refused by its breaker at once", async function (this: ApexWorld, user: string, count: number) {
  await expectOneTrialCall(this.session(user).runs.slice(-count), this.target.runDeadlineMs);
});

When("the {word} {word}'s breaker has cooled down", async function (this: ApexWorld, first: string, second: string) {
  await untilBreakerHalfOpen(this.target.apiUrl, `${first}_${second}`, this.target.timing.breakerCooldownMs + DEADLINES.settle);
});

Given("{user}'s runs will crash", async function (this: ApexWorld, user: string) {
  const faults = this.faults();
  if (!faults) return this.skip('crashing runs needs the service secret (APEX_SERVICE_SECRET).');
  const session = this.session(user);
  await ensureSignedIn(session);
  await faults.inject({ fault: 'crash_run', target: session.userId, count: 1, scope: session.userId });
});

When('{user}, holding the service secret, tries every test-only page of that instance', async function (this: ApexWorld, user: string) {
  this.session(user);
  this.remember('test-only pages', await FaultClient.tryTestOnlyPages(this.latestInstance.apiUrl, this.target.secrets.service ?? ''));
});

Then('{user} finds none of them there', function (this: ApexWorld, _user: string) {
  this.recall<HttpResponse[]>('test-only pages').forEach((answer) => expectRefusal(answer, 'there is no such page'));
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

When('{user} archives {archiving}', function (this: ApexWorld, user: string, archiving: Phrase<PhraseStep>) {
  return archiving.meaning.call(this, user, ...archiving.values);
});
