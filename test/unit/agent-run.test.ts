import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { AgentRun, TERMINAL_EVENTS } from '../../support/agent-run';
import { AgentSocket, type Frame, type ReceivedFrame } from '../../support/clients/agent-socket';

const SENT_AT = 1_000;

/** A run event as the platform sends it; `request_id: undefined` leaves the echo out. */
function event(type: string, seq: number, fields: Record<string, unknown> = {}): Frame {
  return { type, data: { run_id: 'run_a', thread_id: 'thread_a', agent_name: 'cost_optimizer', seq, timestamp: new Date(SENT_AT + seq).toISOString(), request_id: 'req_a', ...fields } };
}

/** What a socket received, each frame 10 ms after the one before it (the first 10 ms after the request). */
const received = (...frames: Frame[]): ReceivedFrame[] => frames.map((frame, i) => ({ at: SENT_AT + 10 * (i + 1), frame }));

/** The bookkeeping reads only a socket's frames, so a socket that has received these is enough. */
const socketWith = (...frames: Frame[]) => ({ frames: received(...frames) }) as unknown as AgentSocket;

/** A run followed on this socket from `firstFrame`; `{ requestId: undefined }` is a request sent without an id. */
const runOn = (socket: AgentSocket, options: { requestId?: string; firstFrame?: number } = {}) =>
  new AgentRun('requestId' in options ? options.requestId : 'req_a', 'cost_optimizer', { user_request: 'How much?' }, socket, options.firstFrame ?? 0, SENT_AT);

const WELCOME: Frame = { type: 'system_message', data: { event: 'connection_established', connection_id: 'c1', user_id: 'u1', server_time: new Date().toISOString() } };

test('the terminal events are the three the contract ends a run with', () => {
  assert.deepEqual(TERMINAL_EVENTS, ['agent_completed', 'agent_failed', 'agent_cancelled']);
});

test("a run's events are those echoing its request id, from the frame it was sent at, and no others", () => {
  const socket = socketWith(
    event('agent_completed', 9, { run_id: 'run_old' }), // an earlier run of the same request id, before this one was sent
    WELCOME,
    event('agent_started', 1),
    event('agent_started', 1, { run_id: 'run_b', request_id: 'req_b' }),
    { type: 'pong', data: { timestamp: 'now' } },
    event('agent_thinking', 2),
  );
  const run = runOn(socket, { firstFrame: 1 });
  assert.deepEqual(run.events.map((f) => `${f.frame.type} ${f.frame.data.run_id}`), ['agent_started run_a', 'agent_thinking run_a']);
  assert.equal(run.runId, 'run_a');
});

test('on a target that echoes no request id, the run is the first that started after the request', () => {
  const socket = socketWith(WELCOME, event('agent_started', 1, { request_id: undefined }), event('agent_started', 1, { run_id: 'run_b', request_id: undefined }), event('agent_thinking', 2, { request_id: undefined }), event('agent_thinking', 2, { run_id: 'run_b', request_id: undefined }));
  const run = runOn(socket);
  assert.equal(run.runId, 'run_a');
  assert.deepEqual(run.events.map((f) => `${f.frame.type} ${f.frame.data.run_id}`), ['agent_started run_a', 'agent_thinking run_a']);
});

test('events that leave the request id out still belong by the run id its agent_started echoed', () => {
  const socket = socketWith(event('agent_started', 1), event('agent_progress', 2, { request_id: undefined }), event('agent_progress', 2, { run_id: 'run_b', request_id: undefined }));
  assert.deepEqual(runOn(socket).events.map((f) => f.frame.data.seq), [1, 2]);
});

test('a request sent without an id is the run whose agent_started carries none, among runs that echo theirs', () => {
  const socket = socketWith(event('agent_started', 1, { run_id: 'run_b', request_id: 'req_b' }), event('agent_started', 1, { request_id: undefined }), event('agent_completed', 2, { request_id: undefined, result: { mine: true } }));
  const run = runOn(socket, { requestId: undefined });
  assert.equal(run.runId, 'run_a');
  assert.deepEqual(run.result, { mine: true });
});

test('a run that has not started has no run id, no events and a last seq of 0', () => {
  const run = runOn(socketWith(WELCOME, event('agent_started', 1, { run_id: 'run_b', request_id: 'req_b' })));
  assert.deepEqual([run.runId, run.events.length, run.lastSeq, run.terminal, run.threadId], [undefined, 0, 0, undefined, undefined]);
});

test('the last seq is the highest seen, whatever order the events came in', () => {
  // A resume asks to continue after it: a lower seq arriving late must not pull it back.
  const run = runOn(socketWith(event('agent_started', 1), event('agent_progress', 3), event('agent_thinking', 2)));
  assert.equal(run.lastSeq, 3);
});

test("the run's thread is its first event's, and its result the agent_completed's", () => {
  const run = runOn(socketWith(event('agent_started', 1), event('agent_completed', 2, { result: { savings: 42 } })));
  assert.equal(run.threadId, 'thread_a');
  assert.equal(run.terminal?.frame.type, 'agent_completed');
  assert.deepEqual(run.result, { savings: 42 });
});

test('a failed run has a terminal event but no result', () => {
  const run = runOn(socketWith(event('agent_started', 1), event('agent_failed', 2, { error_code: 'AGENT_TIMEOUT', error_message: 'It stopped.' })));
  assert.deepEqual([run.terminal?.frame.type, run.result], ['agent_failed', undefined]);
});

test('after a reconnection the run is followed on the new socket from its first frame, keeping what the old one saw', () => {
  const before = socketWith(WELCOME, event('agent_started', 1), event('agent_thinking', 2));
  const after = socketWith(WELCOME, event('agent_progress', 3, { request_id: undefined }), event('agent_completed', 4, { result: { done: true } }));
  const run = runOn(before, { firstFrame: 1 });
  run.followOn(after);
  assert.equal(run.socket, after);
  assert.equal(run.firstFrame, 0);
  // The run id comes from where the run started, so the replayed event without an echo still belongs.
  assert.equal(run.runId, 'run_a');
  assert.deepEqual(run.events.map((f) => f.frame.data.seq), [1, 2, 3, 4]);
  assert.equal(run.lastSeq, 4);
  assert.deepEqual(run.result, { done: true });
});

test("describe lists the run's events with their seq and arrival after the request", () => {
  const run = runOn(socketWith(WELCOME, event('agent_started', 1), event('agent_failed', 2, { error_code: 'X' })));
  assert.equal(run.describe(), 'agent_started #1 (+20 ms), agent_failed #2 (+30 ms)');
  assert.equal(runOn(socketWith(WELCOME)).describe(), 'nothing');
});

/**
 * A stand-in platform on a real socket: a welcome on connection, then, for each start_agent, the
 * frames `answer` gives for its request id, and for any other message those it gives for its type.
 */
async function connect(t: TestContext, answer: (requestIdOrType: string) => Frame[]): Promise<AgentSocket> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  server.on('connection', (ws) => {
    ws.send(JSON.stringify(WELCOME));
    ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString());
      for (const frame of answer(message.type === 'start_agent' ? message.payload.request_id : message.type)) ws.send(JSON.stringify(frame));
    });
  });
  const socket = await AgentSocket.open(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`, undefined, 'none', { withinMs: 1_000 });
  t.after(async () => {
    await socket.close();
    for (const client of server.clients) client.terminate();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  await socket.connectionAnswer(1_000);
  return socket;
}

/** Sends a request the way support/tasks/chat.ts does: the run starts at the socket's next frame. */
function ask(socket: AgentSocket, requestId: string): AgentRun {
  const run = new AgentRun(requestId, 'cost_optimizer', { user_request: 'How much?' }, socket, socket.frames.length, Date.now());
  socket.send('start_agent', { agent: 'cost_optimizer', user_request: 'How much?', request_id: requestId });
  return run;
}

test("completed answers with the run's own result, not that of a run that ended before it", async (t) => {
  const socket = await connect(t, (id) => [
    event('agent_completed', 2, { run_id: 'run_b', request_id: 'req_b', result: { theirs: true } }),
    event('agent_started', 1, { request_id: id }),
    event('agent_progress', 2, { request_id: id }),
    event('agent_completed', 3, { request_id: id, result: { ours: true } }),
  ]);
  assert.deepEqual(await ask(socket, 'req_a').completed(1_000), { ours: true });
});

test("a refusal of the request fails the wait at once, with the platform's code and reason", async (t) => {
  const socket = await connect(t, () => [{ type: 'error_message', error_code: 'RATE_LIMITED', error_message: 'Too many requests at once.' }]);
  await assert.rejects(ask(socket, 'req_a').finished(1_000), { message: 'The platform refused the cost_optimizer request: RATE_LIMITED: Too many requests at once.' });
});

test('a run that fails is not completed: the error says how it ended and lists its events', async (t) => {
  const socket = await connect(t, (id) => [event('agent_started', 1, { request_id: id }), event('agent_failed', 2, { request_id: id, error_code: 'AGENT_TIMEOUT', error_message: 'It stopped.' })]);
  await assert.rejects(ask(socket, 'req_a').completed(1_000), /^Error: Expected the cost_optimizer run to complete, it ended with agent_failed AGENT_TIMEOUT: It stopped\.; events: agent_started #1 \(\+\d+ ms\), agent_failed #2 \(\+\d+ ms\)$/);
});

test('a run that never ends fails its wait at the deadline, saying what did arrive', async (t) => {
  const socket = await connect(t, (id) => [event('agent_started', 1, { request_id: id })]);
  await assert.rejects(ask(socket, 'req_a').finished(50), /^Error: Expected the cost_optimizer run to finish within 0\.05 s; received: agent_started #1 \(\+\d+ ms\)$/);
});

test('underWay waits for the run to report progress', async (t) => {
  const socket = await connect(t, (id) => [event('agent_started', 1, { request_id: id }), event('agent_progress', 2, { request_id: 'req_b', run_id: 'run_b' }), event('agent_progress', 3, { request_id: id })]);
  const run = ask(socket, 'req_a');
  await run.underWay(1_000);
  // It waited past the other run's progress to this run's own.
  assert.equal(run.lastSeq, 3);
});

test('movesOn waits for the run to go that many events past the last it had, or says which event it waited for', async (t) => {
  // Two events at once; two more only once the client asks for them.
  const socket = await connect(t, (id) =>
    id === 'more' ? [event('agent_thinking', 3), event('agent_progress', 4)] : [event('agent_started', 1, { request_id: id }), event('agent_progress', 2, { request_id: id })],
  );
  const run = ask(socket, 'req_a');
  await run.underWay(1_000);
  assert.equal(run.lastSeq, 2);
  const moved = run.movesOn(2, 1_000);
  socket.send('more');
  await moved;
  assert.equal(run.lastSeq, 4);
  await assert.rejects(run.movesOn(1, 50), /^Error: Expected the cost_optimizer run to reach event #5 within 0\.05 s; received: /);
});

test('underWay sees the progress of a run on a target that echoes no request id', async (t) => {
  const socket = await connect(t, () => [event('agent_started', 1, { request_id: undefined }), event('agent_progress', 2, { request_id: undefined })]);
  const run = ask(socket, 'req_a');
  await socket.waitFor('the progress', (f) => f.type === 'agent_progress', 1_000);
  assert.deepEqual(run.events.map((f) => f.frame.type), ['agent_started', 'agent_progress']);
  // The wait sees the same progress the bookkeeping counts as the run's own.
  await run.underWay(50);
});
