import { Then } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { expectRunKeptInConversation } from '../support/expectations/runs';
import { expectOwnedDespiteClaim } from '../support/expectations/access';

Then("the answer is kept in {user}'s conversation", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = session.lastRun();
  await run.completed(this.target.runDeadlineMs);
  await expectRunKeptInConversation(session, run);
});

Then("that conversation is {user}'s alone, with its other details kept, and {user} never sees it", async function (this: ApexWorld, actor: string, other: string) {
  await expectOwnedDespiteClaim(this.session(actor), this.session(other));
});

