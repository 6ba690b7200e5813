import type { Phrase, PhraseStep } from '../support/phrasebook';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { startInstanceNotReadyFor } from '../support/start-up';
import { holdConnectionsOf, startInstanceWithPool, heldConnectionsFreed } from '../support/pool-exhaustion';
import { expectToldDatabaseBusy } from '../support/expectations/resource-bounds';

const OWN_INSTANCE = 'this starts a reference platform instance of its own; a remote target cannot be started for a scenario.';

// Start-up (INC-06)

Given('the platform runs as an instance of its own that stays not ready for {duration} after it starts', async function (this: ApexWorld, ms: number) {
  if (!(await startInstanceNotReadyFor(this, ms))) return this.skip(OWN_INSTANCE);
  return undefined;
});

// Connection pool exhaustion (INC-07)

Given('an instance of the platform with {int} database connections, that waits at most {duration} for one to be free', async function (this: ApexWorld, size: number, ms: number) {
  if (!(await startInstanceWithPool(this, { size, queueTimeoutMs: ms }))) return this.skip(OWN_INSTANCE);
  return undefined;
});

When("every database connection {user}'s work could use is busy for {duration}", async function (this: ApexWorld, user: string, ms: number) {
  await holdConnectionsOf(this, this.session(user), ms);
});

When("all but one of the database connections {user}'s work could use are busy for {duration}", async function (this: ApexWorld, user: string, ms: number) {
  await holdConnectionsOf(this, this.session(user), ms, 1);
});

When('the held connections come free', async function (this: ApexWorld) {
  await heldConnectionsFreed(this);
});

Then('{user} is told the database is busy within {int} seconds, for each of these:', async function (this: ApexWorld, user: string, seconds: number, requests: DataTable) {
  this.evidence(await expectToldDatabaseBusy(this.session(user), this.activeInstance!, requests.hashes().map((row) => row.request), seconds * 1000));
});

Then('{user} is told the database is busy within {int} seconds, while {user} is served without waiting, for each of these:', async function (this: ApexWorld, user: string, seconds: number, control: string, requests: DataTable) {
  this.evidence(await expectToldDatabaseBusy(this.session(user), this.activeInstance!, requests.hashes().map((row) => row.request), seconds * 1000, this.session(control)));
});

Then('every one {everyOneOutcome}', function (this: ApexWorld, everyOneOutcome: Phrase<PhraseStep>) {
  return everyOneOutcome.meaning.call(this, ...everyOneOutcome.values);
});

When('other work {otherWork}', function (this: ApexWorld, otherWork: Phrase<PhraseStep>) {
  return otherWork.meaning.call(this, ...otherWork.values);
});
