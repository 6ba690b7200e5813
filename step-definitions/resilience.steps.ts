import { ensureSignedIn } from '../support/tasks/sign-in';
import { randomUUID } from 'node:crypto';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { DEPENDENCIES } from '../support/domain';
import type { HttpResponse } from '../support/clients/http';
import { expectRefusal } from '../support/refusals';
import { instanceWithBreakableLink, patienceWith } from '../support/breakable-links';
import { expectAnsweredAsUnavailable } from '../support/expectations/resource-bounds';
import { archiveWhileConnectionEnded, archiveWhileHeld, holdRunOnceUnderWay } from '../support/resource-bounds';
import type { RowHold } from '../support/probes/database-admin';
import { expectFailedWithReason } from '../support/expectations/agents';
import { FaultClient } from '../support/clients/fault-client';
import { expectFaultRefused, expectNoTokenRefused } from '../support/expectations/sessions';
import { ApiClient } from '../support/clients/api-client';
import { expectHealth } from '../support/expectations/realtime';
import {
  expectSessionRefusedUnchecked,
  expectNewConnectionRefusedUnchecked,
  untilHealthyAgain,
  untilAnsweredAgain,
  untilWelcomedAgain,
  expectRecordedAsFailedAsSeen,
  expectAnswersSayCostAnalysisUnavailable,
  expectUnavailableWithoutWaiting,
  expectUnavailableAfterTrial,
  expectBreakerReported,
  untilBreakerHalfOpen,
  expectEachAnsweredWithin,
  expectOneTrialCall,
} from '../support/expectations/resilience';
import { failForThisScenario, repairForThisScenario } from '../support/scoped-faults';
import { DEADLINES } from '../support/deadlines';

Given('an instance of the platform whose link to its {dependency} can fail', async function (this: ApexWorld, dependency: string) {
  return instanceWithBreakableLink(this, dependency);
});

Given('an instance of the platform that gives up on a silent {dependency} after {int} second(s)', async function (this: ApexWorld, dependency: string, seconds: number) {
  return instanceWithBreakableLink(this, dependency, patienceWith(dependency, seconds));
});

Given('an instance of the platform that gives up on a database statement after {int} milliseconds', async function (this: ApexWorld, ms: number) {
  const instance = await this.startInstance({ DATABASE_STATEMENT_TIMEOUT_MS: String(ms) });
  if (!instance || !this.target.databaseUrl) return this.skip('this starts a reference platform instance with a setting of its own; a remote target has its own.');
  this.moveEveryoneTo(instance);
  return undefined;
});

When('{user} archives it while other work holds it in the database for longer than that', async function (this: ApexWorld, user: string) {
  await archiveWhileHeld(this.session(user), this.target.databaseUrl!);
});

When('{user} archives it while the database ends the connection the change is waiting on', async function (this: ApexWorld, user: string) {
  if (!this.target.databaseUrl) return this.skip('the suite has no database address for this target (set APEX_DATABASE_URL).');
  await archiveWhileConnectionEnded(this.session(user), this.target.databaseUrl);
  return undefined;
});

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

When('its {dependency} stops answering', function (this: ApexWorld, _dependency: string) {
  this.recall('breakable').proxy.stall();
});

Then('{user} is answered within {int} seconds, and told it cannot be done right now, for each of these:', async function (this: ApexWorld, user: string, seconds: number, requests: DataTable) {
  this.evidence(await expectAnsweredAsUnavailable(this.session(user), this.activeInstance!, this.recall('breakable').dependency, requests.hashes().map((row) => row.request), seconds * 1000));
});

When('its {dependency} becomes unreachable', function (this: ApexWorld, _dependency: string) {
  this.recall('breakable').proxy.cut();
});

When("its {dependency} becomes unreachable once {user}'s analysis is under way", async function (this: ApexWorld, _dependency: string, user: string) {
  await this.session(user).lastRun().underWay(this.target.runDeadlineMs);
  this.recall('breakable').proxy.cut();
});

When('its {dependency} is back', function (this: ApexWorld, _dependency: string) {
  this.recall('breakable').proxy.restore();
  this.recall('breakable').restoredAt = Date.now();
});

Then("the platform refuses {user}'s session rather than trust it unchecked", async function (this: ApexWorld, user: string) {
  await expectSessionRefusedUnchecked(this.session(user), this.target.secrets.service);
});

Then('a request that brings no token is still refused as not signed in', async function (this: ApexWorld) {
  await expectNoTokenRefused(new ApiClient(this.activeInstance!.apiUrl));
});

Then('the platform reports itself {word}, with its {dependency} down', async function (this: ApexWorld, status: string, dependency: string) {
  await expectHealth(this.activeInstance!, { status, down: DEPENDENCIES[dependency] });
});

Then('the platform reports itself healthy again within {int} seconds', async function (this: ApexWorld, seconds: number) {
  await untilHealthyAgain(this.activeInstance!, seconds * 1000);
});

Then("{user}'s next question is answered within {int} seconds of it coming back", async function (this: ApexWorld, user: string, seconds: number) {
  const tries = await untilAnsweredAgain(this.session(user), seconds * 1000);
  const took = Date.now() - this.recall('breakable').restoredAt!;
  this.evidence(`The ${this.recall('breakable').dependency} came back; the first question was answered ${took} ms later, after ${tries} tries.`);
});

Then("the platform refuses {user}'s new chat connection, saying it cannot check {pronoun} session", async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectNewConnectionRefusedUnchecked(this.session(user));
});

Then('{user} can open a chat connection again within {int} seconds of it coming back', async function (this: ApexWorld, user: string, seconds: number) {
  await untilWelcomedAgain(this.session(user), seconds * 1000);
  this.evidence(`Welcomed again ${Date.now() - this.recall('breakable').restoredAt!} ms after the auth service came back.`);
});

Then("{user}'s analysis ends with a reason that mentions {string}", async function (this: ApexWorld, user: string, mentions: string) {
  await expectFailedWithReason(this.session(user).lastRun(), this.target.runDeadlineMs, mentions);
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

Then("{user}'s answer says the cost analysis is unavailable, without waiting on the broken tool", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await expectUnavailableWithoutWaiting(session, session.lastRun(), this.target.runDeadlineMs);
});

Then("{user}'s answer says the cost analysis is unavailable, after trying the broken tool once more", async function (this: ApexWorld, user: string) {
  await expectUnavailableAfterTrial(this.session(user).lastRun(), this.target.runDeadlineMs);
});

Then("only one of {user}'s last {int} answers tried the broken tool again, and the others were refused by its breaker at once", async function (this: ApexWorld, user: string, count: number) {
  await expectOneTrialCall(this.session(user).runs.slice(-count), this.target.runDeadlineMs);
});

Then("the platform reports the {word} {word}'s breaker as {word}", async function (this: ApexWorld, first: string, second: string, state: string) {
  await expectBreakerReported(this.target.apiUrl, `${first}_${second}`, state);
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

Then('each of {users} had an answer within {int} seconds of asking', function (this: ApexWorld, names: string[], seconds: number) {
  expectEachAnsweredWithin(names.map((name) => this.session(name)), seconds);
});

When('{user} tries to break the platform on purpose {faultCredentials}', async function (this: ApexWorld, user: string, credentials: string) {
  const target = `tool_${randomUUID().slice(0, 8)}`;
  this.remember('attempted fault', target);
  await this.session(user).attempt('fault', FaultClient.attempt(this.target.apiUrl, { fault: 'tool_failure', target }, credentials === 'without the service secret' ? undefined : 'not-the-service-secret'));
});

When('{user}, holding the service secret, tries every test-only page of that instance', async function (this: ApexWorld, user: string) {
  this.session(user);
  this.remember('test-only pages', await FaultClient.tryTestOnlyPages(this.latestInstance.apiUrl, this.target.secrets.service ?? ''));
});

Then('{user} finds none of them there', function (this: ApexWorld, _user: string) {
  this.recall<HttpResponse[]>('test-only pages').forEach((answer) => expectRefusal(answer, 'there is no such page'));
});

Then('{user} is refused, and nothing was broken', async function (this: ApexWorld, user: string) {
  await expectFaultRefused(this.session(user).lastAnswer, this.faults(), this.recall<string>('attempted fault'));
});
