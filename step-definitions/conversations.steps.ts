import { Then } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { expectRunKeptInConversation, expectRunStored } from '../support/expectations/runs';

Then("the answer is kept in {user}'s conversation", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = session.lastRun();
  await run.completed(this.target.runDeadlineMs);
  await expectRunKeptInConversation(session, run);
});

Then("{user}'s conversation is stored in the database", async function (this: ApexWorld, user: string) {
  const probe = this.databaseProbe();
  if (!probe) {
    this.log('Skipped: the suite has no database address for this target (set APEX_DATABASE_URL to check storage directly).');
    return 'skipped';
  }
  const session = this.session(user);
  const run = session.lastRun();
  await run.finished(this.target.runDeadlineMs);
  await expectRunStored(probe, session, run);
});
