import { chatSocket } from '../tasks/chat';
import { readdirSync } from 'node:fs';
import type { AgentRun } from '../agent-run';
import { expectStatus, http } from '../clients/http';
import type { CacheProbe } from '../probes/cache-probe';
import type { DatabaseProbe } from '../probes/database-probe';
import { migrationsRecorded } from '../probes/database-admin';
import { redact } from '../redact';
import type { Actor } from '../actor';
import { DEADLINES } from '../deadlines';

/** A service's health names its environment, version and status, and the state of each dependency. Returns what it said. */
export async function expectHealthReport(service: string, url: string, dependencies: string[]): Promise<any> {
  const health = expectStatus(await http('GET', `${url}/health`), 200, `Reading the ${service} health`).body;
  const missing = dependencies.filter((name) => typeof health.checks?.[name] !== 'string');
  if (!health.environment || !health.version || !health.status || missing.length) {
    throw new Error(`Expected the ${service} health to report environment, version, status and ${dependencies.join(', ')}; it reports ${JSON.stringify(health)}`);
  }
  return health;
}

export async function expectInstancesHealthy(instances: { apiUrl: string }[]): Promise<void> {
  for (const instance of instances) {
    const health = expectStatus(await http('GET', `${instance.apiUrl}/health`), 200, 'Reading a new instance health').body;
    if (health.status !== 'healthy') throw new Error(`Expected the new instance to be healthy; it says ${health.status}`);
  }
}

/** Every migration in platform/store/migrations is recorded in the database exactly once, and nothing else is. */
export async function expectMigrationsAppliedOnce(databaseUrl: string): Promise<void> {
  const recorded = await migrationsRecorded(databaseUrl);
  const files = readdirSync('platform/store/migrations').filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, ''));
  if (recorded.length !== files.length || recorded.some((r) => r.count !== 1 || !files.includes(r.name))) {
    throw new Error(`Expected each of ${files.join(', ')} recorded once; recorded ${JSON.stringify(recorded)}`);
  }
}

export async function expectConversationCountUnchanged(session: Actor): Promise<void> {
  const count = (expectStatus(await session.api.threads(session.accessToken), 200, 'Listing threads').body.threads as unknown[]).length;
  if (count !== session.recall('threadCountBefore')) throw new Error(`Expected ${session.recall('threadCountBefore')} conversations, as before; there are ${count}`);
}

/** The conversation's title and the question come back byte for byte: read alone, in the list, as a message and (with a probe) from the database. */
export async function expectTextKeptExactly(session: Actor, run: AgentRun, probe: DatabaseProbe | undefined): Promise<void> {
  const thread = expectStatus(await session.api.thread(session.accessToken, session.recall('thread').id), 200, 'Reading the conversation').body;
  const listed = (expectStatus(await session.api.threads(session.accessToken), 200, 'Listing').body.threads as { id: string; title: string }[]).find((t) => t.id === session.recall('thread').id);
  const { messages } = expectStatus(await session.api.messages(session.accessToken, session.recall('thread').id), 200, 'Reading messages').body as { messages: { role: string; content: string }[] };
  const question = messages.find((m) => m.role === 'user')?.content;
  const differences = [
    thread.title !== session.recall('threadTitle') && `title over the API: ${JSON.stringify(thread.title)}`,
    listed?.title !== session.recall('threadTitle') && `title in the list: ${JSON.stringify(listed?.title)}`,
    question !== run.request.user_request && `question over the API: ${JSON.stringify(question)}`,
  ].filter(Boolean);
  if (probe) {
    const row = await probe.thread(session.recall('thread').id);
    const stored = (await probe.messages(session.recall('thread').id)).find((m) => m.role === 'user')?.content;
    if (row?.title !== session.recall('threadTitle')) differences.push(`title in the database: ${JSON.stringify(row?.title)}`);
    if (stored !== run.request.user_request) differences.push(`question in the database: ${JSON.stringify(stored)}`);
  }
  if (differences.length) throw new Error(`Expected the text back byte for byte; it came back changed: ${differences.join('; ')}`);
}

export async function expectNotListed(session: Actor, threadId: string | undefined): Promise<void> {
  const listed = expectStatus(await session.api.threads(session.accessToken), 200, 'Listing').body.threads as { id: string }[];
  if (listed.some((t) => t.id === threadId)) throw new Error(`Expected the archived conversation ${threadId} to leave ${session.name}'s list.`);
}

/** Archiving a conversation hides it from the list, not from its owner: its run still reads as completed. */
export async function expectArchivedRunReadable(session: Actor, runId: string): Promise<void> {
  const run = expectStatus(await session.api.run(session.accessToken, runId), 200, `Reading ${session.name}'s archived run`).body;
  if (run.status !== 'completed') throw new Error(`Expected the archived conversation's run to read as completed; it reads ${run.status}`);
}

export async function expectRunAccessDenied(reader: Actor, runId: string): Promise<void> {
  const answer = await reader.api.run(reader.accessToken, runId);
  if (answer.status !== 403 || answer.body?.code !== 'ACCESS_DENIED') throw new Error(`Expected 403 ACCESS_DENIED for ${reader.name}; ${answer.call} answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
}

/**
 * Every question the writers added appears once, with one answer after it; ids do not repeat and
 * the total counts them all. Returns the order of the messages, for other readers to match.
 */
export async function expectEveryQuestionAnsweredOnce(session: Actor): Promise<string[]> {
  const { messages, total } = expectStatus(await session.api.messages(session.accessToken, session.recall('thread').id), 200, 'Reading the conversation').body as { messages: { id: string; role: string; content: string; run_id: string }[]; total: number };
  const problems: string[] = [];
  for (const question of session.recall('writers')) {
    const asked = messages.filter((m) => m.role === 'user' && m.content === question);
    if (asked.length !== 1) { problems.push(`"${question}" appears ${asked.length} times`); continue; }
    const answers = messages.filter((m) => m.role === 'assistant' && m.run_id === asked[0].run_id);
    if (answers.length !== 1 || messages.indexOf(answers[0]) < messages.indexOf(asked[0])) problems.push(`the answer to "${question}" appears ${answers.length} times or before it`);
  }
  if (new Set(messages.map((m) => m.id)).size !== messages.length) problems.push('message ids repeat');
  if (messages.length !== session.recall('writers').length * 2 || total !== messages.length) problems.push(`${messages.length} messages (total ${total}) instead of ${session.recall('writers').length * 2}`);
  if (problems.length) throw new Error(`Expected every question and answer exactly once: ${problems.join('; ')}`);
  return messages.map((m) => m.id);
}

/** A second API read, the chat and (with a probe) the database all list the conversation's messages in the order first read. */
export async function expectSameOrderForEveryReader(session: Actor, probe: DatabaseProbe | undefined): Promise<void> {
  const expected = session.recall('messageOrder').join(',');
  const again = (expectStatus(await session.api.messages(session.accessToken, session.recall('thread').id), 200, 'Reading again').body.messages as { id: string }[]).map((m) => m.id).join(',');
  const socket = await chatSocket(session);
  const from = socket.frames.length;
  socket.send('get_thread', { thread_id: session.recall('thread').id });
  const overChat = (await socket.waitFor('the conversation', (f) => f.type === 'thread', DEADLINES.reply, from)).frame.data.messages.map((m: { id: string }) => m.id).join(',');
  const inDatabase = probe ? (await probe.messages(session.recall('thread').id)).map((m) => m.id).join(',') : expected;
  const differing = Object.entries({ 'a second API read': again, 'the chat': overChat, 'the database': inDatabase }).filter(([, order]) => order !== expected).map(([who]) => who);
  if (differing.length) throw new Error(`Expected one order for every reader; ${differing.join(', ')} saw another.`);
}

/** A running analysis's state is in Redis, says running, and expires within the hour. */
export async function expectRunStateCached(probe: CacheProbe, run: AgentRun): Promise<void> {
  const key = `agent_state:${run.runId}`;
  const left = await probe.secondsLeft(key);
  const state = JSON.parse((await probe.value(key)) ?? '{}');
  if (left === undefined || left > 3600 || left <= 0 || state.status !== 'running') {
    throw new Error(`Expected ${key} in Redis, expiring within an hour, saying running; it ${left === undefined ? 'does not exist' : `expires in ${left} s and says ${JSON.stringify(state)}`}`);
  }
}

export async function expectNothingKept(session: Actor): Promise<void> {
  const user = session.name;
  const threads = expectStatus(await session.api.threads(session.accessToken), 200, `Listing ${user}'s conversations`).body.threads as { id: string; title: string }[];
  if (threads.length) throw new Error(`Expected nothing kept for ${user} after being refused; ${user} has ${threads.length} conversation(s): ${threads.map((t) => t.title).join('; ')}`);
}
