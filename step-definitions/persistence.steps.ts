import { Given, Then, When } from '@cucumber/cucumber';
import { readdirSync } from 'node:fs';
import type { ApexWorld } from '../support/world';
import { Workload, costQuestion } from '../support/domain';
import { expectStatus, http } from '../support/clients/http';
import { AgentRun } from '../support/agent-run';
import { completedResult } from '../support/expectations/agents';
import { expectWellFormedRun } from '../support/expectations/runs';
import { redact } from '../support/redact';
import { createScratchDatabase, migrationsRecorded } from '../support/probes/database-admin';
import { startExtraInstance, startPlatformProcess } from '../support/environment';
import { startupSettings } from '../support/deployment';

Then('the {word} service reports its environment, version and the state of {string}', async function (this: ApexWorld, service: string, dependencies: string) {
  const url = service === 'auth' ? this.target.authUrl : this.target.apiUrl;
  const health = expectStatus(await http('GET', `${url}/health`), 200, `Reading the ${service} health`).body;
  const names = dependencies.split(/, | and /);
  const missing = names.filter((name) => typeof health.checks?.[name] !== 'string');
  if (!health.environment || !health.version || !health.status || missing.length) {
    throw new Error(`Expected the ${service} health to report environment, version, status and ${names.join(', ')}; it reports ${JSON.stringify(health)}`);
  }
  this.evidence(`${service}: ${health.status}, ${health.environment} ${health.version}, ${Object.entries(health.checks).map(([k, v]) => `${k} ${v}`).join(', ')}`);
});

When('the platform is started for {word} with a {word} of {int} characters', async function (this: ApexWorld, environment: string, setting: string, length: number) {
  if (this.target.kind === 'remote') return this.skip('this starts the reference platform as its own process; it says nothing about a remote target.');
  this.remember('platformProcess', await startPlatformProcess({ ...startupSettings(environment), [setting]: 'x'.repeat(length) }));
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
  for (const instance of this.instances.slice(-2)) {
    const health = expectStatus(await http('GET', `${instance.apiUrl}/health`), 200, 'Reading a new instance health').body;
    if (health.status !== 'healthy') throw new Error(`Expected the new instance to be healthy; it says ${health.status}`);
  }
  const recorded = await migrationsRecorded(this.recall('scratchDatabaseUrl'));
  const files = readdirSync('platform/store/migrations').filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, ''));
  if (recorded.length !== files.length || recorded.some((r) => r.count !== 1 || !files.includes(r.name))) {
    throw new Error(`Expected each of ${files.join(', ')} recorded once; recorded ${JSON.stringify(recorded)}`);
  }
});

Given('{user} has a conversation titled {string}', async function (this: ApexWorld, user: string, title: string) {
  const session = this.session(user);
  await session.ensureSignedIn();
  session.thread = expectStatus(await session.api.createThread(session.accessToken, { title }), 201, `Starting ${user}'s conversation`).body;
  session.threadTitle = title;
});

When('{user} tries to start a conversation with a title of {int} characters', async function (this: ApexWorld, user: string, length: number) {
  const session = this.session(user);
  await session.ensureSignedIn();
  session.threadCountBefore = (expectStatus(await session.api.threads(session.accessToken), 200, 'Listing threads').body.threads as unknown[]).length;
  await session.attempt('create thread', session.api.createThread(session.accessToken, { title: 'T'.repeat(length) }));
});

Then("{user}'s conversations are as they were", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const count = (expectStatus(await session.api.threads(session.accessToken), 200, 'Listing threads').body.threads as unknown[]).length;
  if (count !== session.threadCountBefore) throw new Error(`Expected ${session.threadCountBefore} conversations, as before; there are ${count}`);
});

When('{user} asks the cost optimizer in that conversation: {string}', async function (this: ApexWorld, user: string, text: string) {
  const session = this.session(user);
  await session.startAgent('cost_optimizer', { user_request: text, thread_id: session.thread.id });
});

Then("the conversation's title and {user}'s question come back exactly as written, over the API and in the database", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = session.lastRun();
  await completedResult(run, this.target.runDeadlineMs);
  const thread = expectStatus(await session.api.thread(session.accessToken, session.thread.id), 200, 'Reading the conversation').body;
  const listed = (expectStatus(await session.api.threads(session.accessToken), 200, 'Listing').body.threads as { id: string; title: string }[]).find((t) => t.id === session.thread.id);
  const { messages } = expectStatus(await session.api.messages(session.accessToken, session.thread.id), 200, 'Reading messages').body as { messages: { role: string; content: string }[] };
  const question = messages.find((m) => m.role === 'user')?.content;
  const differences = [
    thread.title !== session.threadTitle && `title over the API: ${JSON.stringify(thread.title)}`,
    listed?.title !== session.threadTitle && `title in the list: ${JSON.stringify(listed?.title)}`,
    question !== run.request.user_request && `question over the API: ${JSON.stringify(question)}`,
  ].filter(Boolean);
  const probe = this.databaseProbe();
  if (probe) {
    const row = await probe.thread(session.thread.id);
    const stored = (await probe.messages(session.thread.id)).find((m) => m.role === 'user')?.content;
    if (row?.title !== session.threadTitle) differences.push(`title in the database: ${JSON.stringify(row?.title)}`);
    if (stored !== run.request.user_request) differences.push(`question in the database: ${JSON.stringify(stored)}`);
  }
  if (differences.length) throw new Error(`Expected the text back byte for byte; it came back changed: ${differences.join('; ')}`);
});

When('{user} archives the conversation', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = session.lastRun();
  await completedResult(run, this.target.runDeadlineMs);
  expectStatus(await session.api.archiveThread(session.accessToken, run.threadId!), 204, `Archiving ${user}'s conversation`);
});

Then("{user}'s conversation list no longer shows it", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const listed = expectStatus(await session.api.threads(session.accessToken), 200, 'Listing').body.threads as { id: string }[];
  if (listed.some((t) => t.id === session.lastRun().threadId)) throw new Error(`Expected the archived conversation ${session.lastRun().threadId} to leave ${user}'s list.`);
});

Then("{user} can still read the run of that conversation", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = expectStatus(await session.api.run(session.accessToken, session.lastRun().runId!), 200, `Reading ${user}'s archived run`).body;
  if (run.status !== 'completed') throw new Error(`Expected the archived conversation's run to read as completed; it reads ${run.status}`);
});

Then("{user} cannot read the run of {user}'s archived conversation", async function (this: ApexWorld, reader: string, owner: string) {
  const session = this.session(reader);
  await session.ensureSignedIn();
  const answer = await session.api.run(session.accessToken, this.session(owner).lastRun().runId!);
  if (answer.status !== 403 || answer.body?.code !== 'ACCESS_DENIED') throw new Error(`Expected 403 ACCESS_DENIED for ${reader}; ${answer.call} answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
});

Given('{user} has a conversation', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await session.ensureSignedIn();
  session.thread = expectStatus(await session.api.createThread(session.accessToken, { title: 'Shared by many writers' }), 201, `Starting ${user}'s conversation`).body;
});

When('{user} adds {int} questions about {workload} to it at the same moment, {int} over the chat and {int} through the API', async function (this: ApexWorld, user: string, total: number, workload: Workload, overChat: number, overApi: number) {
  if (overChat + overApi !== total) throw new Error(`${overChat} + ${overApi} is not ${total}.`);
  const session = this.session(user);
  // One chat connection per writer, so the writers really are separate.
  const sockets = await Promise.all(Array.from({ length: overChat }, async () => {
    const socket = await session.openSocket();
    await session.waitForWelcome(socket);
    return socket;
  }));
  const chatRuns = sockets.map((socket, i) => {
    const requestId = `req_writer_${i}_${Date.now()}`;
    const run = new AgentRun(requestId, 'cost_optimizer', { user_request: `${costQuestion(workload)} (chat writer ${i + 1})` }, socket, socket.frames.length, Date.now());
    socket.send('start_agent', { user_request: run.request.user_request, agent: 'cost_optimizer', thread_id: session.thread.id, request_id: requestId, context: { workload } });
    session.runs.push(run);
    return run;
  });
  const apiQuestions = Array.from({ length: overApi }, (_, i) => `${costQuestion(workload)} (API writer ${i + 1})`);
  const apiAnswers = apiQuestions.map((message) => session.api.execute(session.accessToken, { type: 'cost_optimizer', message, context: { workload }, thread_id: session.thread.id }));
  const [answers] = await Promise.all([Promise.all(apiAnswers), Promise.all(chatRuns.map((run) => completedResult(run, this.target.runDeadlineMs)))]);
  answers.forEach((answer) => expectStatus(answer, 200, 'Adding a question through the API'));
  session.writers = [...chatRuns.map((r) => r.request.user_request), ...apiQuestions];
});

Then("{user}'s conversation holds every question and its answer, each exactly once", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const { messages, total } = expectStatus(await session.api.messages(session.accessToken, session.thread.id), 200, 'Reading the conversation').body as { messages: { id: string; role: string; content: string; run_id: string }[]; total: number };
  const problems: string[] = [];
  for (const question of session.writers!) {
    const asked = messages.filter((m) => m.role === 'user' && m.content === question);
    if (asked.length !== 1) { problems.push(`"${question}" appears ${asked.length} times`); continue; }
    const answers = messages.filter((m) => m.role === 'assistant' && m.run_id === asked[0].run_id);
    if (answers.length !== 1 || messages.indexOf(answers[0]) < messages.indexOf(asked[0])) problems.push(`the answer to "${question}" appears ${answers.length} times or before it`);
  }
  if (new Set(messages.map((m) => m.id)).size !== messages.length) problems.push('message ids repeat');
  if (messages.length !== session.writers!.length * 2 || total !== messages.length) problems.push(`${messages.length} messages (total ${total}) instead of ${session.writers!.length * 2}`);
  if (problems.length) throw new Error(`Expected every question and answer exactly once: ${problems.join('; ')}`);
  session.messageOrder = messages.map((m) => m.id);
});

Then("everyone reading {user}'s conversation sees the same order: over the API, over the chat and in the database", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const expected = session.messageOrder!.join(',');
  const again = (expectStatus(await session.api.messages(session.accessToken, session.thread.id), 200, 'Reading again').body.messages as { id: string }[]).map((m) => m.id).join(',');
  const socket = await session.chatSocket();
  const from = socket.frames.length;
  socket.send('get_thread', { thread_id: session.thread.id });
  const overChat = (await socket.waitFor('the conversation', (f) => f.type === 'thread', 5000, from)).frame.data.messages.map((m: { id: string }) => m.id).join(',');
  const probe = this.databaseProbe();
  const inDatabase = probe ? (await probe.messages(session.thread.id)).map((m) => m.id).join(',') : expected;
  const differing = Object.entries({ 'a second API read': again, 'the chat': overChat, 'the database': inDatabase }).filter(([, order]) => order !== expected).map(([who]) => who);
  if (differing.length) throw new Error(`Expected one order for every reader; ${differing.join(', ')} saw another.`);
});

When("{user}'s analysis is under way", async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  await run.underWay(this.target.runDeadlineMs);
});

Then("the state of {user}'s analysis is kept in Redis, for at most an hour", async function (this: ApexWorld, user: string) {
  const probe = this.cacheProbe();
  if (!probe) return this.skip('the suite has no Redis address for this target.');
  const run = this.session(user).lastRun();
  const key = `agent_state:${run.runId}`;
  const left = await probe.secondsLeft(key);
  const state = JSON.parse((await probe.value(key)) ?? '{}');
  if (left === undefined || left > 3600 || left <= 0 || state.status !== 'running') {
    throw new Error(`Expected ${key} in Redis, expiring within an hour, saying running; it ${left === undefined ? 'does not exist' : `expires in ${left} s and says ${JSON.stringify(state)}`}`);
  }
});

When('{user} opens another chat connection and catches up on the analysis', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = session.lastRun();
  const socket = await session.openSocket('header', session.chatUrl, { first: { type: 'resume', payload: { run_id: run.runId, after_seq: 0 } } });
  session.catchUp = new AgentRun(run.requestId, run.agent, run.request, socket, 0, run.sentAt);
});

Then('that connection receives every event of the analysis exactly once, in order', async function (this: ApexWorld) {
  const late = [...this.sessions.values()].find((s) => s.catchUp)!.catchUp!;
  await completedResult(late, this.target.runDeadlineMs);
  expectWellFormedRun(late);
});


Then('nothing was kept for {user}: no conversation, no run', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const threads = expectStatus(await session.api.threads(session.accessToken), 200, `Listing ${user}'s conversations`).body.threads as { id: string; title: string }[];
  if (threads.length) throw new Error(`Expected nothing kept for ${user} after being refused; ${user} has ${threads.length} conversation(s): ${threads.map((t) => t.title).join('; ')}`);
});
