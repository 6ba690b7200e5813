import { chatSocket, closeSockets, connect, openSocket, startAgent } from '../support/tasks/chat';
import { ensureSignedIn, signIn, signInThroughBypass, signOut } from '../support/tasks/sign-in';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { Workload, costQuestion, parseAsks } from '../support/domain';
import { answeredRun, completedResult } from '../support/expectations/agents';
import { expectEveryConnectionAnswersPing, expectEverySocketGotEveryRun, expectIsolation, expectOverlap } from '../support/expectations/realtime';
import { expectEveryRunCompletes, expectOwnRunsUnmixed, expectQuestionsKept } from '../support/expectations/multi-user';
import type { AgentRun } from '../support/agent-run';
import type { Actor } from '../support/actor';
import { randomUUID } from 'node:crypto';
import { INTRUSIONS, headersClaimingToBe, listClaimingToBe, refusedAsNotTheirs } from '../support/intrusions';
import { expectChatRefusesAccess, expectChatShowsOwnConversation, expectConversationHoldsOnly, expectEveryReadRefused, expectOnlyOwnConversationsListed, expectOtherConversationsUnchanged, expectRefused } from '../support/expectations/access';

/** Everyone signed in with a chat open first, so that the asking itself happens at one moment. */
async function readyToChat(people: Actor[]): Promise<void> {
  await Promise.all(people.map(async (person) => {
    await ensureSignedIn(person);
    await chatSocket(person);
  }));
}

function runsOf(world: ApexWorld, names: string[]): AgentRun[] {
  return names.flatMap((name) => world.session(name).runs);
}

Given('{users} are signed in, each with a chat open', async function (this: ApexWorld, names: string[]) {
  await readyToChat(names.map((n) => this.session(n)));
});

Given('{int} customers are signed in, each with a chat open', async function (this: ApexWorld, count: number) {
  this.remember('crowd', Array.from({ length: count }, (_, i) => `Customer${String.fromCharCode(97 + Math.floor(i / 26))}${String.fromCharCode(97 + (i % 26))}`));
  const key = this.target.secrets.e2eBypassKey;
  // A crowd signs in through the simulated sign-in where it can: password hashing is not what a crowd measures.
  if (key) await Promise.all(this.recall('crowd').map((n) => signInThroughBypass(this.session(n), key)));
  await readyToChat(this.recall('crowd').map((n) => this.session(n)));
});

When('{users} each ask the {agent} about {workload} at the same moment', async function (this: ApexWorld, names: string[], agent: string, workload: Workload) {
  await readyToChat(names.map((n) => this.session(n)));
  await Promise.all(names.map((n) => startAgent(this.session(n), agent, { user_request: costQuestion(workload), context: { workload } })));
});

When('{users} each ask the {agent} {int} questions about {workload} at the same moment', async function (this: ApexWorld, names: string[], agent: string, questions: number, workload: Workload) {
  await readyToChat(names.map((n) => this.session(n)));
  await Promise.all(names.flatMap((n) => Array.from({ length: questions }, () => startAgent(this.session(n), agent, { user_request: costQuestion(workload), context: { workload } }))));
});

When('the customers each ask the {agent} about {workload} at the same moment', async function (this: ApexWorld, agent: string, workload: Workload) {
  await Promise.all(this.recall('crowd').map((n) => startAgent(this.session(n), agent, { user_request: costQuestion(workload), context: { workload } })));
});

When('these customers ask at the same moment:', async function (this: ApexWorld, table: DataTable) {
  const asks = parseAsks(table.hashes());
  await readyToChat(asks.map((a) => this.session(a.name)));
  await Promise.all(asks.map((a) => startAgent(this.session(a.name), a.agent, { user_request: costQuestion(a.workload), context: { workload: a.workload } })));
});

Then("{users}'s runs all complete, and overlapped in time", async function (this: ApexWorld, names: string[]) {
  const runs = runsOf(this, names);
  await expectEveryRunCompletes(this, runs);
  expectOverlap(runs);
});

Then("every one of the customers' runs completes", async function (this: ApexWorld) {
  const runs = runsOf(this, this.recall('crowd'));
  await expectEveryRunCompletes(this, runs);
  expectOverlap(runs);
});

Then('each of {users} received only their own runs, and nothing of anyone else', async function (this: ApexWorld, names: string[]) {
  await expectEveryRunCompletes(this, runsOf(this, names));
  for (const name of names) expectOwnRunsUnmixed(this.session(name));
  expectIsolation(names.map((n) => this.session(n)));
});

Then("nothing of anyone else's reaches the customers", function (this: ApexWorld) {
  expectIsolation(this.recall('crowd').map((n) => this.session(n)));
});

When("{user} tries to read {user}'s conversation, its messages and the run", async function (this: ApexWorld, reader: string, owner: string) {
  const session = this.session(reader);
  await ensureSignedIn(session);
  const run = await answeredRun(this.session(owner), this.target.runDeadlineMs);
  await session.attempt('read thread', session.api.thread(session.accessToken, run.threadId!));
  await session.attempt('read messages', session.api.messages(session.accessToken, run.threadId!));
  await session.attempt('read run', session.api.run(session.accessToken, run.runId!));
});

Then('{user} is refused every time as having no access', function (this: ApexWorld, user: string) {
  expectEveryReadRefused(this.session(user));
});

When('{user} lists {pronoun} conversations with headers claiming to be {user}', async function (this: ApexWorld, user: string, _pronoun: string, named: string) {
  await listClaimingToBe(this.session(user), this.session(named), this.target.runDeadlineMs);
});

Then("{user} is shown only {pronoun} own conversations, none of {user}'s", function (this: ApexWorld, user: string, _pronoun: string, named: string) {
  expectOnlyOwnConversationsListed(this.session(user), this.session(named));
});

When('{user} opens a chat connection with headers claiming to be {user}', async function (this: ApexWorld, user: string, named: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  await openSocket(session, 'header', session.chatUrl, { headers: headersClaimingToBe(this.session(named)) });
});

When('{user} opens a chat connection without a token, with headers claiming to be {user}', async function (this: ApexWorld, user: string, named: string) {
  await openSocket(this.session(user), 'none', undefined, { headers: headersClaimingToBe(this.session(named)) });
});

Then('the chat refuses {user} as having no access', async function (this: ApexWorld, user: string) {
  await expectChatRefusesAccess(this.session(user));
});

Then("the chat shows {user} {pronoun} conversation with its messages", async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectChatShowsOwnConversation(this.session(user));
});

Given('{users} each have {int} chat connections open', async function (this: ApexWorld, names: string[], count: number) {
  await Promise.all(names.map(async (name) => {
    const session = this.session(name);
    await ensureSignedIn(session);
    for (let i = 0; i < count; i++) await connect(session);
  }));
});

Then('every chat connection of {users} answers a ping', async function (this: ApexWorld, names: string[]) {
  await expectEveryConnectionAnswersPing(names.map((name) => this.session(name)));
});

Then("every chat connection of {users} receives every event of that person's run, and nothing of anyone else's", async function (this: ApexWorld, names: string[]) {
  await expectEveryRunCompletes(this, runsOf(this, names));
  for (const name of names) await expectEverySocketGotEveryRun(this.session(name), this.target.runDeadlineMs);
  expectIsolation(names.map((n) => this.session(n)));
});

When('{user} signs out and signs in again', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await signOut(session);
  await closeSockets(session);
  await signIn(session);
});

Then("{user}'s conversations still hold all {int} questions with their answers", async function (this: ApexWorld, user: string, count: number) {
  await expectQuestionsKept(this.session(user), count);
});

When("{user} tries to {intrusion} {user}'s conversation once {pronoun} analysis is under way", async function (this: ApexWorld, actor: string, intrusion: string, owner: string, _pronoun: string) {
  const run = this.session(owner).lastRun();
  await run.underWay(this.target.runDeadlineMs);
  const session = this.session(actor);
  await ensureSignedIn(session);
  session.remember('lastIntrusion', await INTRUSIONS[intrusion](session, { threadId: run.threadId!, runId: run.runId! }));
});

When("{user} tries to {intrusion} {user}'s conversation once {pronoun} analysis has ended", async function (this: ApexWorld, actor: string, intrusion: string, owner: string, _pronoun: string) {
  const run = await answeredRun(this.session(owner), this.target.runDeadlineMs);
  const session = this.session(actor);
  await ensureSignedIn(session);
  session.remember('lastIntrusion', await INTRUSIONS[intrusion](session, { threadId: run.threadId!, runId: run.runId! }));
});

When('{user} tries to {intrusion} a conversation that does not exist', async function (this: ApexWorld, actor: string, intrusion: string) {
  const session = this.session(actor);
  await ensureSignedIn(session);
  session.remember('lastIntrusion', await INTRUSIONS[intrusion](session, { threadId: `thread_${randomUUID()}`, runId: `run_${randomUUID()}` }));
});

Then('{user} is refused as having no access', function (this: ApexWorld, actor: string) {
  expectRefused(this.session(actor), 'as having no access', refusedAsNotTheirs);
});

Then("{user}'s analysis completes, and {pronoun} conversation is as it was", async function (this: ApexWorld, owner: string, _pronoun: string) {
  const session = this.session(owner);
  const run = session.lastRun();
  await completedResult(run, this.target.runDeadlineMs);
  await expectConversationHoldsOnly(session, run);
});

Then("{user}'s conversation is as it was", async function (this: ApexWorld, owner: string) {
  const session = this.session(owner);
  const run = session.lastRun();
  await completedResult(run, this.target.runDeadlineMs);
  await expectConversationHoldsOnly(session, run);
});

Then("{user}'s other conversations are as they were", async function (this: ApexWorld, owner: string) {
  await expectOtherConversationsUnchanged(this.session(owner));
});
