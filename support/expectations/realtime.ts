import { readFrom } from '../reading';
import { isDeepStrictEqual } from 'node:util';
import * as hdr from 'hdr-histogram-js';
import type { AgentRun } from '../agent-run';
import type { Actor } from '../actor';
import { AgentSocket, describeFrames } from '../clients/agent-socket';
import { HttpResponse, http, expectStatus } from '../clients/http';
import type { DatabaseProbe } from '../probes/database-probe';
import { eventually } from '../wait';
import { expectWellFormedRun } from './runs';
import { DEADLINES } from '../deadlines';

/** What each event of the pipeline must carry besides the run's ids and seq. */
const FIELDS: Record<string, (data: any) => boolean> = {
  agent_started: (d) => typeof d.agent_name === 'string',
  agent_thinking: (d) => typeof d.thought === 'string' && d.thought.length > 0,
  tool_executing: (d) => typeof d.tool_name === 'string' && typeof d.tool_call_id === 'string' && typeof d.parameters === 'object',
  tool_completed: (d) => typeof d.tool_name === 'string' && typeof d.tool_call_id === 'string' && (d.result !== undefined || typeof d.error === 'string') && typeof d.execution_time_ms === 'number',
  agent_completed: (d) => typeof d.result === 'object' && d.result !== null && typeof d.duration_ms === 'number',
};

export function expectEventFields(run: AgentRun): void {
  for (const { frame } of run.events) {
    const data = frame.data ?? {};
    const stamped = !Number.isNaN(Date.parse(data.timestamp)) && !Number.isNaN(Date.parse(frame.timestamp));
    if (!stamped || (FIELDS[frame.type] && !FIELDS[frame.type](data))) {
      throw new Error(`Expected ${frame.type} #${data.seq} to carry its fields and timestamps; it carries ${Object.keys(data).join(', ')}`);
    }
  }
}

/**
 * Server-side start and end of a run's work, from its own event timestamps. agent_started is
 * stamped when the run is accepted, so the work starts with the event after it: a run that waited
 * for another to finish first shows the wait.
 */
export function runSpan(run: AgentRun): { start: number; end: number } {
  const times = run.events.filter((f) => f.frame.type !== 'agent_started').map((f) => Date.parse(f.frame.data.timestamp));
  return { start: Math.min(...times), end: Math.max(...times) };
}

/**
 * The platform ran the runs side by side: every run was in flight while at least one other was.
 * (Not "all at once": on a loaded machine one person's third run may fairly start after their first
 * has ended, but a platform that runs one run at a time overlaps none.)
 */
export function expectOverlap(runs: AgentRun[]): void {
  const spans = runs.map((run) => ({ run, ...runSpan(run) }));
  const alone = spans.filter((a) => !spans.some((b) => b !== a && b.start < a.end && a.start < b.end));
  if (alone.length) {
    const described = alone.slice(0, 3).map((a) => `${a.run.runId} (${new Date(a.start).toISOString()} to ${new Date(a.end).toISOString()})`).join(', ') + (alone.length > 3 ? ` and ${alone.length - 3} more` : '');
    throw new Error(`Expected the ${runs.length} runs to run side by side; ${alone.length} ran while no other did: ${described}`);
  }
}

/** Everything that identifies a person's activity: their user id, and their runs' and threads' ids. */
function idsOf(user: Actor): string[] {
  const ids = new Set<string>();
  if (user.account) ids.add(user.account.id);
  for (const run of user.runs) {
    if (run.runId) ids.add(run.runId);
    if (run.threadId) ids.add(run.threadId);
  }
  return [...ids];
}

/**
 * No frame any socket of one person received mentions another person's user, run or thread:
 * checked on everything received, not only on what the steps waited for.
 */
export function expectIsolation(people: Actor[]): void {
  for (const reader of people) {
    const others = people.filter((p) => p !== reader).flatMap((p) => idsOf(p).map((id) => ({ owner: p.name, id })));
    for (const socket of reader.sockets) {
      for (const received of socket.frames) {
        const text = JSON.stringify(received.frame);
        const leak = others.find(({ id }) => text.includes(id));
        if (leak) throw new Error(`${reader.name} received a ${received.frame.type} frame carrying ${leak.owner}'s id ${leak.id}`);
      }
    }
  }
}

/** Each socket saw every event of the run exactly once, in seq order. */
export function expectEverySocketGotRun(user: Actor, runId: string, count: number): void {
  user.sockets.forEach((socket, i) => {
    const seqs = socket.frames.filter((f) => f.frame.data?.run_id === runId).map((f) => f.frame.data.seq);
    const expected = Array.from({ length: count }, (_, k) => k + 1);
    if (seqs.join(',') !== expected.join(',')) {
      throw new Error(`Expected ${user.name}'s connection ${i + 1} to receive events 1..${count} of run ${runId} exactly once, in order; it received ${seqs.join(', ') || 'none'}: ${describeFrames(socket.frames, socket.openedAt)}`);
    }
  });
}

/** Latency percentiles in whole milliseconds, from an HDR histogram. */
export function latencySummary(values: number[]): { count: number; p50: number; p95: number; p99: number; max: number } {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000, numberOfSignificantValueDigits: 3 });
  values.forEach((v) => histogram.recordValue(Math.max(1, Math.round(v))));
  const summary = { count: values.length, p50: histogram.getValueAtPercentile(50), p95: histogram.getValueAtPercentile(95), p99: histogram.getValueAtPercentile(99), max: histogram.maxValue };
  histogram.destroy();
  return summary;
}

/** Counted across every socket: the limit is the person's, not each connection's, on whichever instance. */
export async function expectRepliesAcrossSockets(sockets: AgentSocket[], answered: number, refused: number): Promise<void> {
  const replies = (socket: AgentSocket) => socket.frames.slice(readFrom(socket)).filter((f) => f.frame.type === 'pong' || f.frame.type === 'error_message');
  const total = answered + refused;
  const count = () => sockets.reduce((n, s) => n + replies(s).length, 0);
  await eventually(`${total} replies across ${sockets.length} connections`, async () => (count() >= total ? true : undefined), DEADLINES.settle, () => `${count()} came`);
  const all = sockets.flatMap(replies);
  const pongs = all.filter((f) => f.frame.type === 'pong').length;
  const limited = all.filter((f) => f.frame.error_code === 'RATE_LIMITED').length;
  if (pongs !== answered || limited !== refused) {
    throw new Error(`Expected ${answered} answers and ${refused} RATE_LIMITED across ${sockets.length} connections; got ${pongs} answers and ${limited} RATE_LIMITED (${sockets.map((s) => replies(s).length).join(' + ')} replies)`);
  }
}

/** The chat's next error since the person last sent something there says the customer is over the message limit (RATE_LIMITED). */
export async function expectToldTooMany(socket: AgentSocket): Promise<void> {
  const answer = await socket.waitFor('an error_message RATE_LIMITED', (f) => f.type === 'error_message', DEADLINES.reply, readFrom(socket));
  if (answer.frame.error_code !== 'RATE_LIMITED') throw new Error(`Expected RATE_LIMITED; the chat answered ${answer.frame.error_code}: ${answer.frame.error_message}`);
}

/**
 * What each service of an instance says of itself: the stated status, and the dependency down
 * wherever that service checks it (auth has no auth check of its own). Unhealthy answers 503;
 * anything else 200.
 */
export async function expectHealth(instance: { apiUrl: string; authUrl: string }, expected: { status: string; down?: string }): Promise<void> {
  const reports = await Promise.all([instance.apiUrl, instance.authUrl].map((url) => http('GET', `${url}/health`)));
  const checked = reports.filter((r) => !expected.down || r.body?.checks?.[expected.down] !== undefined);
  const wrong = checked.filter((r) => {
    const checks: Record<string, string> = r.body?.checks ?? {};
    const downs = Object.entries(checks).filter(([, state]) => state === 'down').map(([name]) => name);
    // A dependency's outage may take others with it (auth needs the database too); the named one must be among them.
    const rightDowns = expected.down ? downs.includes(expected.down) : downs.length === 0;
    return r.body?.status !== expected.status || r.status !== (expected.status === 'unhealthy' ? 503 : 200) || !rightDowns;
  });
  if (checked.length === 0 || wrong.length) {
    throw new Error(`Expected the platform to report itself ${expected.status}${expected.down ? ` with ${expected.down} down` : ', everything up'}; ${reports.map((r) => `${r.call} answered ${r.status}: ${r.body?.status} ${JSON.stringify(r.body?.checks)}`).join('; ')}`);
  }
}

/**
 * A chat that answers no heartbeat is closed by the server at the next one after `beats` went
 * unanswered: no sooner, and not one heartbeat later.
 */
export async function expectDroppedAfterUnanswered(socket: AgentSocket, beats: number, heartbeatMs: number): Promise<void> {
  const closed = await socket.waitForClose((beats + 2) * heartbeatMs);
  const before = socket.heartbeats.filter((at) => at <= closed.at).length;
  if (before !== beats) throw new Error(`Expected the chat to be dropped at the heartbeat after ${beats} unanswered ones; it was sent ${before} heartbeats before it closed with ${closed.code} after ${closed.at - socket.openedAt} ms`);
}

/**
 * An incomplete message is answered INVALID_REQUEST naming the missing field; nothing starts
 * because of it, and the chat goes on answering.
 */
export async function expectToldWhatIsMissing(socket: AgentSocket, field: string): Promise<void> {
  const from = readFrom(socket);
  const answer = await socket.waitFor('an answer to the incomplete message', (f) => f.type === 'error_message' || f.type === 'agent_started' || f.type === 'thread', DEADLINES.reply, from);
  if (answer.frame.type !== 'error_message' || answer.frame.error_code !== 'INVALID_REQUEST' || !String(answer.frame.error_message).includes(field)) {
    throw new Error(`Expected the chat to answer INVALID_REQUEST, naming ${field}; it answered ${JSON.stringify(answer.frame).slice(0, 300)}`);
  }
  const pinged = socket.frames.length;
  socket.send('ping');
  await socket.waitFor('a pong on the same chat', (f) => f.type === 'pong', DEADLINES.reply, pinged);
  const started = socket.frames.slice(from).filter((f) => f.frame.type === 'agent_started');
  if (started.length) throw new Error(`Expected nothing to start from an incomplete message; ${started.length} run(s) started`);
}

/** A replay from the start sends every event of the run again, in order, as it was first sent, and then nothing more of it. */
export async function expectReplayedFromStart(socket: AgentSocket, original: { type: string; data?: any }[]): Promise<void> {
  const from = readFrom(socket);
  const runId = original[0]?.data?.run_id;
  const last = original.at(-1)?.data?.seq;
  await socket.waitFor(`the replay of run ${runId} up to #${last}`, (f) => f.type === 'error_message' || (f.data?.run_id === runId && f.data?.seq === last), DEADLINES.reply, from);
  const replayed = socket.frames.slice(from).map((f) => f.frame).filter((f) => f.data?.run_id === runId || f.type === 'error_message');
  const same = replayed.length === original.length && replayed.every((f, i) => f.type === original[i].type && isDeepStrictEqual(f.data, original[i].data));
  if (!same) throw new Error(`Expected the ${original.length} events of run ${runId} again, in order; the chat sent ${describeFrames(socket.frames.slice(from), socket.openedAt)}`);
}

/** Storage could not serve the message: the chat says so (STORAGE_UNAVAILABLE, a reason to ask again later) and stays open. */
export async function expectToldStorageUnavailable(socket: AgentSocket): Promise<void> {
  const answer = await socket.waitFor('an answer to the catch-up', (f) => f.type === 'error_message' || f.data?.seq !== undefined, DEADLINES.settle, readFrom(socket));
  if (answer.frame.type !== 'error_message' || answer.frame.error_code !== 'STORAGE_UNAVAILABLE') {
    throw new Error(`Expected the chat to say the stored events cannot be read right now (STORAGE_UNAVAILABLE); it answered ${JSON.stringify(answer.frame).slice(0, 300)}`);
  }
  const pinged = socket.frames.length;
  socket.send('ping');
  await socket.waitFor('a pong on the same chat', (f) => f.type === 'pong', DEADLINES.reply, pinged);
}

/** The server closed the socket as going away (1001), as it does when it drops a connection on purpose. */
export async function expectClosedAsGoingAway(socket: AgentSocket, owner: string): Promise<void> {
  const closed = await socket.waitForClose(DEADLINES.close);
  if (closed.code !== 1001) throw new Error(`Expected the server to close ${owner}'s socket as going away (1001); it closed with ${closed.code}`);
}

/** Until the platform has stored at least two events after this one, so that a reconnection has something to replay. */
export async function untilStoredBeyond(probe: DatabaseProbe, run: AgentRun, seen: number, withinMs: number): Promise<void> {
  await eventually(`the analysis to emit two more events after #${seen}`, async () => ((await probe.runEvents(run.runId!)).length >= seen + 2 ? true : undefined), withinMs);
}

/** After a reconnection the run's events on the new connection start right after the last one seen before. */
export function expectPickedUpWhereLeftOff(run: AgentRun): void {
  const replayed = run.socket.frames.filter((f) => f.frame.data?.request_id === run.requestId);
  if (replayed[0]?.frame.data.seq !== run.lastSeqBeforeReconnect! + 1) {
    throw new Error(`Expected the new connection to start at event #${run.lastSeqBeforeReconnect! + 1}; it received ${describeFrames(replayed, run.reconnectedAt!)}`);
  }
}

/** How long after reconnecting the first missed event arrived (Infinity if none did). */
export function catchUpTime(run: AgentRun): number {
  const first = run.socket.frames.find((f) => f.frame.data?.request_id === run.requestId);
  return first ? first.at - run.reconnectedAt! : Infinity;
}

export function expectCaughtUpWithin(took: number, seconds: number): void {
  if (took > seconds * 1000) throw new Error(`Expected the first missed event within ${seconds} s of reconnecting; it took ${took} ms`);
}

/** Runs on one chat, one after another: each well formed, each starting after the previous ended, all distinct, all on the same connection. */
export function expectRunsInTurn(runs: AgentRun[]): void {
  runs.forEach((run, i) => {
    expectWellFormedRun(run);
    const previous = runs[i - 1];
    if (previous && run.events[0].at < previous.terminal!.at) throw new Error(`Expected run ${i + 1} to start after run ${i} ended.`);
    if (new Set(runs.map((r) => r.runId)).size !== runs.length || runs.some((r) => r.socket !== runs[0].socket)) throw new Error('Expected distinct runs on one chat connection.');
  });
}

export async function expectPong(socket: AgentSocket): Promise<void> {
  const answer = await socket.waitFor('an answer to the ping', (f) => f.type === 'pong' || f.type === 'error_message', DEADLINES.reply, readFrom(socket));
  if (answer.frame.type !== 'pong') throw new Error(`Expected a pong; the chat answered ${answer.frame.type} ${answer.frame.error_code ?? ''}: ${answer.frame.error_message ?? ''}`);
}

/** A malformed or unknown message is answered with its error code, and the chat still answers a ping afterwards. */
export async function expectToldMessageWrongAndStillOpen(socket: AgentSocket, how: string): Promise<void> {
  const code = { malformed: 'FORMAT_ERROR', unknown: 'UNKNOWN_MESSAGE_TYPE' }[how];
  if (!code) throw new Error(`"${how}" is not a way a message can be wrong here; say malformed or unknown.`);
  const answer = await socket.waitFor(`an error_message ${code}`, (f) => f.type === 'error_message', DEADLINES.reply, readFrom(socket));
  if (answer.frame.error_code !== code) throw new Error(`Expected ${code}; the chat answered ${answer.frame.error_code}: ${answer.frame.error_message}`);
  const from = socket.frames.length;
  socket.send('ping');
  await socket.waitFor('a pong on the same chat', (f) => f.type === 'pong', DEADLINES.reply, from);
}

export async function expectClosedAsTooBig(socket: AgentSocket): Promise<void> {
  const closed = await socket.waitForClose(DEADLINES.close);
  if (closed.code !== 1009) throw new Error(`Expected the chat to close with 1009 (message too big); it closed with ${closed.code}`);
}

export async function expectBackendHealthy(apiUrl: string): Promise<void> {
  const health = expectStatus(await http('GET', `${apiUrl}/health`), 200, 'Reading the backend health');
  if (health.body.status !== 'healthy') throw new Error(`Expected the backend to be healthy; it says ${health.body.status}: ${JSON.stringify(health.body.checks)}`);
}

/** An idle chat that answers heartbeats is still open after this many of them. */
export async function expectOpenAfterHeartbeats(socket: AgentSocket, owner: string, beats: number, heartbeatMs: number): Promise<void> {
  await socket.waitForHeartbeats(beats, (beats + 2) * heartbeatMs);
  if (!socket.isOpen) throw new Error(`Expected ${owner}'s idle chat to stay open; it closed with ${socket.closed?.code}`);
}

/** outcome is how the attempt to connect went: "opened (…)" or the refusal's message. */
export function expectNoChatThere(outcome: string, owner: string): void {
  if (!/refused the handshake with HTTP 404/.test(outcome)) throw new Error(`Expected ${owner}'s connection elsewhere to be refused with 404; it ${outcome}`);
}

export async function expectConversationsUnavailable(session: Actor): Promise<void> {
  const answer: HttpResponse = await session.api.threads(session.accessToken);
  if (answer.status !== 503 || answer.body?.code !== 'STORAGE_UNAVAILABLE') throw new Error(`Expected the API to answer 503 STORAGE_UNAVAILABLE while the database is away; ${answer.call} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
}

/** Every one of these chat connections answers a ping of its own. */
export async function expectEveryConnectionAnswersPing(people: Actor[]): Promise<void> {
  await Promise.all(people.flatMap((person) => person.sockets.map(async (socket) => {
    const from = socket.frames.length;
    socket.send('ping');
    await socket.waitFor(`a pong for ${person.name}`, (f) => f.type === 'pong', DEADLINES.reply, from);
  })));
}

/** Every chat connection of the person sees the run to its end, with each of its events exactly once. */
export async function expectEverySocketSawRunToItsEnd(person: Actor, runId: string, events: number, deadlineMs: number): Promise<void> {
  await Promise.all(person.sockets.map((s) => s.waitFor('the end of the run', (f) => f.type === 'agent_completed' && f.data?.run_id === runId, deadlineMs)));
  expectEverySocketGotRun(person, runId, events);
}

/** Every chat connection of the person sees every one of their runs to its end, each event exactly once. */
export async function expectEverySocketGotEveryRun(person: Actor, deadlineMs: number): Promise<void> {
  for (const run of person.runs) await expectEverySocketSawRunToItsEnd(person, run.runId!, run.events.length, deadlineMs);
}

/** The run's first event (agent_started) arrives within this long of the question. Returns how long it took, for the report. */
export async function expectFirstUpdateWithin(owner: string, run: AgentRun, seconds: number): Promise<number> {
  const first = await run.socket.waitFor(`the first event of ${owner}'s run`, (f) => f.type === 'agent_started' && f.data?.request_id === run.requestId, seconds * 1000, run.firstFrame);
  return first.at - run.sentAt;
}
