import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../support/actor';
import { phrased } from '../support/phrasebook';
import { expectReportSays } from '../support/expectations/agents';
import { expectEachAnsweredAsUnavailable, expectEachToldDatabaseBusy } from '../support/expectations/resource-bounds';
import { keepUsageLog } from '../support/tasks/crowd';
import type { ApexWorld } from '../support/world';

// What people do, have and are shown. Each sentence starts with the person and ends in a phrase of
// a phrasebook, which does the work (support/phrasebooks.ts lists the books; docs/writing-scenarios.md their phrases).

Given('{actor} {personContext}', phrased(1));
Given("{actor}'s {ownContext}", phrased(1));
Given('{users} {crowdContext}', phrased(1));

When('{actor} {personAction}', phrased(1));
When('{actor} {asks} {request}', phrased(2));
When("{actor}'s {ownEvent}", phrased(1));
When('{users} {crowdAction}', phrased(1));

Then('{actor} {personOutcome}', phrased(1));
Then('{actor} is told {toldThat}', phrased(1));
Then('{actor} is offered {offer}', phrased(1));
Then("{actor}'s {ownOutcome}", phrased(1));
Then("{actor}'s {logFigure}", phrased(1));
Then("{actor}'s answer says in words that {saidInWords}", phrased(1));

// Sentences that end in a table.

Given("{actor}'s usage log {string}:", function (this: ApexWorld, user: Actor, name: string, table: DataTable) {
  keepUsageLog(this.session(user), name, table);
});

Then("{actor}'s report says {pronoun} spend(s) {money} a month, can save {money} a month \\({float}%), and wait(s) about {int} ms a request, with these recommendations:", async function (this: ApexWorld, user: Actor, _pronoun: string, spend: number, saving: number, percent: number, waitMs: number, table: DataTable) {
  await expectReportSays(this.session(user), this.target.runDeadlineMs, { spend, saving, percent, waitMs }, table);
});

Then('{actor} is told the database is busy within {int} seconds, for each of these:', async function (this: ApexWorld, user: Actor, seconds: number, requests: DataTable) {
  this.evidence(await expectEachToldDatabaseBusy(this, this.session(user), seconds * 1000, requests));
});

Then('{actor} is told the database is busy within {int} seconds, while {actor} is served without waiting, for each of these:', async function (this: ApexWorld, user: Actor, seconds: number, control: Actor, requests: DataTable) {
  this.evidence(await expectEachToldDatabaseBusy(this, this.session(user), seconds * 1000, requests, this.session(control)));
});

Then('{actor} is answered within {int} seconds, and told it cannot be done right now, for each of these:', async function (this: ApexWorld, user: Actor, seconds: number, requests: DataTable) {
  this.evidence(await expectEachAnsweredAsUnavailable(this, this.session(user), seconds * 1000, requests));
});
