import type { Phrase, PhraseStep } from '../support/phrasebook';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { keepTryingChat, startInstanceNotReadyFor } from '../support/start-up';
import { holdConnectionsOf, holdEveryConnection, listAtOnce, startInstanceWithPool, heldConnectionsFreed } from '../support/pool-exhaustion';
import { expectToldDatabaseBusy } from '../support/expectations/resource-bounds';

const OWN_INSTANCE = 'this starts a reference platform instance of its own; a remote target cannot be started for a scenario.';

// Start-up (INC-06)

Given('the platform runs as an instance of its own that stays not ready for {duration} after it starts', async function (this: ApexWorld, ms: number) {
  if (!(await startInstanceNotReadyFor(this, ms))) return this.skip(OWN_INSTANCE);
  return undefined;
});

Then('{user} keeps trying the chat until {pronoun} get(s) in, within {int} seconds', async function (this: ApexWorld, user: string, _pronoun: string, seconds: number) {
  this.evidence(`${user} got in after ${await keepTryingChat(this.session(user), seconds * 1000)} tries.`);
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

When("other work holds every one of the platform's database connections for {duration}", async function (this: ApexWorld, ms: number) {
  await holdEveryConnection(this, ms);
});

When('the held connections come free', async function (this: ApexWorld) {
  await heldConnectionsFreed(this);
});

When('{user} asks for {pronoun} conversations {int} times at once, while {user} asks for {pronoun} once', async function (this: ApexWorld, user: string, _pronoun: string, times: number, control: string, _pronoun2: string) {
  await listAtOnce(this, this.session(user), times, this.session(control));
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
