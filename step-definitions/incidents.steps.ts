import type { Phrase, PhraseStep } from '../support/phrasebook';
import { DataTable, Then } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { expectToldDatabaseBusy } from '../support/expectations/resource-bounds';

// Start-up (INC-06)

// Connection pool exhaustion (INC-07)

Then('{user} is told the database is busy within {int} seconds, for each of these:', async function (this: ApexWorld, user: string, seconds: number, requests: DataTable) {
  this.evidence(await expectToldDatabaseBusy(this.session(user), this.activeInstance!, requests.hashes().map((row) => row.request), seconds * 1000));
});

Then('{user} is told the database is busy within {int} seconds, while {user} is served without waiting, for each of these:', async function (this: ApexWorld, user: string, seconds: number, control: string, requests: DataTable) {
  this.evidence(await expectToldDatabaseBusy(this.session(user), this.activeInstance!, requests.hashes().map((row) => row.request), seconds * 1000, this.session(control)));
});

Then('every one {everyOneOutcome}', function (this: ApexWorld, everyOneOutcome: Phrase<PhraseStep>) {
  return everyOneOutcome.meaning.call(this, ...everyOneOutcome.values);
});
