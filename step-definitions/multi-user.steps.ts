import type { Phrase, PhraseStep } from '../support/phrasebook';
import { chatSocket, connect, startAgent } from '../support/tasks/chat';
import { ensureSignedIn, signInThroughBypass } from '../support/tasks/sign-in';
import { DataTable, Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { Workload, costQuestion, parseAsks } from '../support/domain';
import { expectEveryConnectionAnswersPing, expectEverySocketGotEveryRun, expectIsolation, expectOverlap } from '../support/expectations/realtime';
import { expectEveryRunCompletes, expectOwnRunsUnmixed } from '../support/expectations/multi-user';
import type { AgentRun } from '../support/agent-run';
import type { Actor } from '../support/actor';

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

Then('the chat {chatAnswer}', function (this: ApexWorld, chatAnswer: Phrase<PhraseStep>) {
  return chatAnswer.meaning.call(this, ...chatAnswer.values);
});
