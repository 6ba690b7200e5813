import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { completedResult } from '../support/expectations/agents';
import { expectWellFormedRun } from '../support/expectations/runs';
import { createScratchDatabase } from '../support/probes/database-admin';
import { expectHealthReport, expectInstancesHealthy, expectMigrationsAppliedOnce, expectTextKeptExactly, expectSameOrderForEveryReader, expectRunStateCached, expectNothingKept } from '../support/expectations/persistence';
import { startExtraInstance } from '../support/environment';

Then('the {word} service reports its environment, version and the state of {string}', async function (this: ApexWorld, service: string, dependencies: string) {
  const url = service === 'auth' ? this.target.authUrl : this.target.apiUrl;
  const health = await expectHealthReport(service, url, dependencies.split(/, | and /));
  this.evidence(`${service}: ${health.status}, ${health.environment} ${health.version}, ${Object.entries(health.checks).map(([k, v]) => `${k} ${v}`).join(', ')}`);
});

Given('a new, empty database', async function (this: ApexWorld) {
  if (this.target.kind === 'remote' || !this.target.databaseUrl) return this.skip('this creates a database beside the reference platform\'s; a remote target manages its own.');
  const scratch = await createScratchDatabase(this.target.databaseUrl);
  this.keepStandIn({ stop: () => scratch.drop() });
  this.remember('scratchDatabaseUrl', scratch.url);
});

When('two instances of the platform start on it at the same moment', async function (this: ApexWorld) {
  const overrides = { DATABASE_URL: this.recall('scratchDatabaseUrl') };
  const started = await Promise.all([startExtraInstance(overrides), startExtraInstance(overrides)]);
  // Stopped before the database is dropped: clean-up undoes the latest first.
  started.forEach((instance) => instance && this.keepInstance(instance));
});

Then('both instances are healthy, and every schema change was applied exactly once', async function (this: ApexWorld) {
  await expectInstancesHealthy(this.instances.slice(-2));
  await expectMigrationsAppliedOnce(this.recall('scratchDatabaseUrl'));
});

Then("the conversation's title and {user}'s question come back exactly as written, over the API and in the database", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = session.lastRun();
  await completedResult(run, this.target.runDeadlineMs);
  await expectTextKeptExactly(session, run, this.databaseProbe());
});

Then("everyone reading {user}'s conversation sees the same order: over the API, over the chat and in the database", async function (this: ApexWorld, user: string) {
  await expectSameOrderForEveryReader(this.session(user), this.databaseProbe());
});

Then("the state of {user}'s analysis is kept in Redis, for at most an hour", async function (this: ApexWorld, user: string) {
  const probe = this.cacheProbe();
  if (!probe) return this.skip('the suite has no Redis address for this target.');
  await expectRunStateCached(probe, this.session(user).lastRun());
});

Then('that connection receives every event of the analysis exactly once, in order', async function (this: ApexWorld) {
  const late = [...this.sessions.values()].find((s) => s.noted('catchUp'))!.recall('catchUp');
  await completedResult(late, this.target.runDeadlineMs);
  expectWellFormedRun(late);
});

Then('nothing was kept for {user}: no conversation, no run', async function (this: ApexWorld, user: string) {
  await expectNothingKept(this.session(user));
});
