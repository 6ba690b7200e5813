import { ensureSignedIn } from '../support/tasks/sign-in';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { expectRunKeptInConversation, expectRunStored } from '../support/expectations/runs';
import { expectStatus } from '../support/clients/http';
import { expectOwnedDespiteClaim, expectUntitledThread } from '../support/expectations/access';
import { startConversationWithNotes } from '../support/resource-bounds';

Then("the answer is kept in {user}'s conversation", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = session.lastRun();
  await run.completed(this.target.runDeadlineMs);
  await expectRunKeptInConversation(session, run);
});

Then("{user}'s conversation is stored in the database", async function (this: ApexWorld, user: string) {
  const probe = this.databaseProbe();
  if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
  const session = this.session(user);
  const run = session.lastRun();
  await run.finished(this.target.runDeadlineMs);
  await expectRunStored(probe, session, run);
});

When("{user} starts a conversation whose details claim it is {user}'s", async function (this: ApexWorld, actor: string, owner: string) {
  const [session, claimed] = [this.session(actor), this.session(owner)];
  await Promise.all([ensureSignedIn(session), ensureSignedIn(claimed)]);
  session.remember('thread', expectStatus(await session.api.createThread(session.accessToken, { title: 'Whose is this?', metadata: { user_id: claimed.userId, project: 'apollo' } }), 201, `Starting ${actor}'s conversation`).body);
});

Then("that conversation is {user}'s alone, with its other details kept, and {user} never sees it", async function (this: ApexWorld, actor: string, other: string) {
  await expectOwnedDespiteClaim(this.session(actor), this.session(other));
});

When('{user} starts a conversation without giving any details', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  await session.attempt('create thread', session.api.createThread(session.accessToken));
});

Then("{user}'s conversation is started untitled, with no details, and is listed as {pronoun}", async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectUntitledThread(this.session(user));
});

Given('{user} has a conversation with {int} KiB of notes', async function (this: ApexWorld, user: string, kib: number) {
  await startConversationWithNotes(this.session(user), kib);
});
