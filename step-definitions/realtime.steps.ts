import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { INCOMPLETE_MESSAGES, Workload, costQuestion } from '../support/domain';
import { http } from '../support/clients/http';
import { describeFrames } from '../support/clients/agent-socket';
import { eventually } from '../support/wait';
import { completedResult, expectQuestionsUnavailable } from '../support/expectations/agents';
import { expectWellFormedRun } from '../support/expectations/runs';
import { expectClosedForPolicy } from '../support/expectations/sessions';
import { expectEventFields, expectEverySocketGotRun, expectRepliesAcrossSockets, expectToldWhatIsMissing, expectReplayedFromStart, expectToldStorageUnavailable, expectDroppedAfterUnanswered, expectToldTooMany } from '../support/expectations/realtime';
import { AuthClient } from '../support/clients/auth-client';
import { expectStatus } from '../support/clients/http';
import { paddedPing } from '../support/frames';
import { untilWindowPassed } from '../support/expectations/accounts';
import { instanceWithBreakableLink } from '../support/breakable-links';

Then("{user}'s first update arrives within {int} second(s) of her/his/their question", async function (this: ApexWorld, user: string, seconds: number) {
  const run = this.session(user).lastRun();
  const first = await run.socket.waitFor(`the first event of ${user}'s run`, (f) => f.type === 'agent_started' && f.data?.request_id === run.requestId, seconds * 1000, run.firstFrame);
  this.evidence(`First event after ${first.at - run.sentAt} ms`);
});

Then("every event of {user}'s run carries its fields and timestamps", async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  await completedResult(run, this.target.runDeadlineMs);
  expectEventFields(run);
});

Given('a second instance of the platform sharing the same stores, whose link to its {dependency} can fail', async function (this: ApexWorld, dependency: string) {
  return instanceWithBreakableLink(this, dependency, {}, { moveEveryone: false });
});

When("its {dependency} stops answering once {user}'s analysis is under way", async function (this: ApexWorld, _dependency: string, user: string) {
  await this.session(user).lastRun().underWay(this.target.runDeadlineMs);
  this.recall('breakable').proxy.stall();
});

When('{user} opens a chat connection on the second instance and catches up on the analysis', async function (this: ApexWorld, user: string) {
  await this.session(user).catchUpOn(this.latestInstance.wsUrl);
});

When("{user}'s analysis moves on by {int} updates", async function (this: ApexWorld, user: string, count: number) {
  await this.session(user).lastRun().movesOn(count, this.target.runDeadlineMs);
});

When("{user}'s connection drops once the analysis is under way", async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  await run.underWay(this.target.runDeadlineMs);
  run.socket.cut();
  await run.socket.waitForClose(5000);
});

When("the platform drops {user}'s connection once the analysis is under way", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = session.lastRun();
  await run.underWay(this.target.runDeadlineMs);
  const faults = this.faults();
  if (!faults) return this.skip('dropping a connection from the server side needs the service secret (APEX_SERVICE_SECRET).');
  await faults.inject({ fault: 'disconnect_sockets', target: session.userId, scope: session.userId });
  const closed = await run.socket.waitForClose(5000);
  if (closed.code !== 1001) throw new Error(`Expected the server to close ${user}'s socket as going away (1001); it closed with ${closed.code}`);
});

When("{user} reconnects after the analysis has moved on, and picks up where she/he/they left off", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = session.lastRun();
  const seen = run.lastSeq;
  const probe = this.databaseProbe();
  // Waiting for stored progress makes sure there is something to replay; without a probe the
  // reconnection is immediate and the replay may be empty.
  if (probe) {
    await eventually(`the analysis to emit two more events after #${seen}`, async () => ((await probe.runEvents(run.runId!)).length >= seen + 2 ? true : undefined), this.target.runDeadlineMs);
  }
  run.reconnectedAt = await session.reconnectAndResume(run);
  run.lastSeqBeforeReconnect = seen;
});

When('{user} reconnects and picks up where she/he/they left off', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = session.lastRun();
  run.lastSeqBeforeReconnect = run.lastSeq;
  run.reconnectedAt = await session.reconnectAndResume(run);
});

Then("{user} has every event of the analysis exactly once, in order, with none missing", async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  await completedResult(run, this.target.runDeadlineMs);
  expectWellFormedRun(run);
  const replayed = run.socket.frames.filter((f) => f.frame.data?.request_id === run.requestId);
  if (replayed[0]?.frame.data.seq !== run.lastSeqBeforeReconnect! + 1) {
    throw new Error(`Expected the new connection to start at event #${run.lastSeqBeforeReconnect! + 1}; it received ${describeFrames(replayed, run.reconnectedAt!)}`);
  }
});

Then('the first missed event reached {user} within {int} seconds of reconnecting', function (this: ApexWorld, user: string, seconds: number) {
  const run = this.session(user).lastRun();
  const first = run.socket.frames.find((f) => f.frame.data?.request_id === run.requestId);
  const took = first ? first.at - run.reconnectedAt! : Infinity;
  this.evidence(`Reconnection to the first replayed event: ${took} ms`);
  if (took > seconds * 1000) throw new Error(`Expected the first missed event within ${seconds} s of reconnecting; it took ${took} ms`);
});

When('{user} asks the {agent} about {workload} {int} times at once, on the same chat', async function (this: ApexWorld, user: string, agent: string, workload: Workload, times: number) {
  const session = this.session(user);
  for (let i = 0; i < times; i++) await session.startAgent(agent, { user_request: costQuestion(workload), context: { workload } });
});

When('{user} asks the {agent} about {workload} {int} times, one after another, on the same chat', async function (this: ApexWorld, user: string, agent: string, workload: Workload, times: number) {
  const session = this.session(user);
  for (let i = 0; i < times; i++) {
    const run = await session.startAgent(agent, { user_request: costQuestion(workload), context: { workload } });
    await completedResult(run, this.target.runDeadlineMs);
  }
});

Then("each of {user}'s runs completed before the next began, numbering its events from 1 without a gap", function (this: ApexWorld, user: string) {
  const runs = this.session(user).runs;
  runs.forEach((run, i) => {
    expectWellFormedRun(run);
    const previous = runs[i - 1];
    if (previous && run.events[0].at < previous.terminal!.at) throw new Error(`Expected run ${i + 1} to start after run ${i} ended.`);
    if (new Set(runs.map((r) => r.runId)).size !== runs.length || runs.some((r) => r.socket !== runs[0].socket)) throw new Error('Expected distinct runs on one chat connection.');
  });
});

When('{user} pings the chat', function (this: ApexWorld, user: string) {
  const socket = this.session(user).sockets.at(-1)!;
  socket.marked = socket.frames.length;
  socket.send('ping');
});

When('{user} sends a ping of {frameSize}', function (this: ApexWorld, user: string, bytes: number) {
  const socket = this.session(user).sockets.at(-1)!;
  socket.marked = socket.frames.length;
  socket.sendText(paddedPing(bytes));
});

Then('the chat answers {user} with a pong', async function (this: ApexWorld, user: string) {
  const socket = this.session(user).sockets.at(-1)!;
  const answer = await socket.waitFor('an answer to the ping', (f) => f.type === 'pong' || f.type === 'error_message', 5000, socket.marked);
  if (answer.frame.type !== 'pong') throw new Error(`Expected a pong; the chat answered ${answer.frame.type} ${answer.frame.error_code ?? ''}: ${answer.frame.error_message ?? ''}`);
});

Given('the chat allows {int} message(s) per customer every {int} second(s)', async function (this: ApexWorld, limit: number, seconds: number) {
  const instance = await this.startInstance({ WS_RATE_LIMIT_PER_MINUTE: String(limit), WS_RATE_LIMIT_WINDOW_SECONDS: String(seconds) });
  if (!instance) return this.skip(`a deployment's message window is a minute; this needs an instance with a short one.`);
  this.moveEveryoneTo(instance);
  this.remember('message window', seconds * 1000);
});

When('the message window has passed', async function (this: ApexWorld) {
  await untilWindowPassed(this.recall<number>('first message'), this.recall<number>('message window'));
});

When('{user} asks her/his/their chat to catch up on the analysis once it is under way', async function (this: ApexWorld, user: string) {
  const run = this.session(user).lastRun();
  await run.underWay(this.target.runDeadlineMs);
  run.socket.marked = run.socket.frames.length;
  run.socket.send('resume', { run_id: run.runId, after_seq: run.lastSeq });
});

Then('{user} is told she/he/they is/are sending too many messages', async function (this: ApexWorld, user: string) {
  await expectToldTooMany(this.session(user).sockets.at(-1)!);
});

When('{user} sends a message that is not JSON', function (this: ApexWorld, user: string) {
  const socket = this.session(user).sockets.at(-1)!;
  socket.marked = socket.frames.length;
  socket.sendText('{"type": "ping", oops');
});

When('{user} sends {notAMessage}', function (this: ApexWorld, user: string, text: string) {
  const socket = this.session(user).sockets.at(-1)!;
  socket.marked = socket.frames.length;
  socket.sendText(text);
});

When('{user} sends {incompleteMessage}', function (this: ApexWorld, user: string, words: string) {
  const socket = this.session(user).sockets.at(-1)!;
  socket.marked = socket.frames.length;
  const { type, payload } = INCOMPLETE_MESSAGES[words];
  socket.send(type, payload);
  this.remember('incomplete message', words);
});

Then('{user} is told what the message left out, and her/his/their chat stays open', async function (this: ApexWorld, user: string) {
  await expectToldWhatIsMissing(this.session(user).sockets.at(-1)!, INCOMPLETE_MESSAGES[this.recall<string>('incomplete message')].names);
});

Then('{user} is told which part of the message is wrong, and her/his/their chat stays open', async function (this: ApexWorld, user: string) {
  await expectToldWhatIsMissing(this.session(user).sockets.at(-1)!, INCOMPLETE_MESSAGES[this.recall<string>('incomplete message')].names);
});

When('{user} sends a message of a kind the chat does not know', function (this: ApexWorld, user: string) {
  const socket = this.session(user).sockets.at(-1)!;
  socket.marked = socket.frames.length;
  socket.send('teleport', { to: 'mars' });
});

Then('{user} is told the message was {word}, and her/his/their chat stays open', async function (this: ApexWorld, user: string, how: string) {
  const code = { malformed: 'FORMAT_ERROR', unknown: 'UNKNOWN_MESSAGE_TYPE' }[how];
  if (!code) throw new Error(`"${how}" is not a way a message can be wrong here; say malformed or unknown.`);
  const socket = this.session(user).sockets.at(-1)!;
  const answer = await socket.waitFor(`an error_message ${code}`, (f) => f.type === 'error_message', 5000, socket.marked);
  if (answer.frame.error_code !== code) throw new Error(`Expected ${code}; the chat answered ${answer.frame.error_code}: ${answer.frame.error_message}`);
  const from = socket.frames.length;
  socket.send('ping');
  await socket.waitFor('a pong on the same chat', (f) => f.type === 'pong', 5000, from);
});

When('{user} sends a message larger than {int} KiB', function (this: ApexWorld, user: string, kib: number) {
  this.session(user).sockets.at(-1)!.sendText(JSON.stringify({ type: 'ping', payload: { padding: 'x'.repeat(kib * 1024 + 1) } }));
});

Then("{user}'s chat is closed because the message was too big", async function (this: ApexWorld, user: string) {
  const closed = await this.session(user).sockets.at(-1)!.waitForClose(5000);
  if (closed.code !== 1009) throw new Error(`Expected the chat to close with 1009 (message too big); it closed with ${closed.code}`);
});

When('{user} sends {int} more messages at once', function (this: ApexWorld, user: string, count: number) {
  const socket = this.session(user).sockets.at(-1)!;
  socket.marked = socket.frames.length;
  socket.flood = { before: socket.sent, count };
  if (!this.hasNoted('first message')) this.remember('first message', Date.now());
  for (let i = 0; i < count; i++) socket.send('ping');
});

Then('{user} is answered up to {int} messages in the minute,/window, and every message after that is refused as too many', async function (this: ApexWorld, user: string, limit: number) {
  const socket = this.session(user).sockets.at(-1)!;
  const { before, count } = socket.flood!;
  // Every message this person sent so far counts, on whichever socket; here all went through this one.
  const answered = Math.max(0, limit - before);
  await expectRepliesAcrossSockets([socket], answered, count - answered);
});

Then("{user}'s analysis completes undisturbed", async function (this: ApexWorld, user: string) {
  await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs);
});

Then("{user}'s earlier analysis completes undisturbed", async function (this: ApexWorld, user: string) {
  await completedResult(this.session(user).earlierRun(), this.target.runDeadlineMs);
});

Then('the platform still reports itself healthy', async function (this: ApexWorld) {
  const health = expectStatus(await http('GET', `${this.target.apiUrl}/health`), 200, 'Reading the backend health');
  if (health.body.status !== 'healthy') throw new Error(`Expected the backend to be healthy; it says ${health.body.status}: ${JSON.stringify(health.body.checks)}`);
});

Given('the platform checks chat connections every {int} milliseconds', async function (this: ApexWorld, ms: number) {
  const instance = await this.startInstance({ HEARTBEAT_INTERVAL_MS: String(ms) });
  if (!instance) return this.skip('this needs a reference platform instance with a short heartbeat; a remote target keeps its own.');
  this.moveEveryoneTo(instance);
  this.remember('heartbeatMs', ms);
});

Given('{user} has a chat connection open that answers heartbeats', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await session.ensureSignedIn();
  await session.waitForWelcome(await session.openSocket('header', session.chatUrl));
});

Given('{user} has a chat connection open that has stopped answering heartbeats', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await session.ensureSignedIn();
  await session.waitForWelcome(await session.openSocket('header', session.chatUrl, { answerHeartbeats: false }));
});

Then("{user}'s idle chat is still open after {int} heartbeats", async function (this: ApexWorld, user: string, beats: number) {
  const socket = this.session(user).sockets.at(-1)!;
  await socket.waitForHeartbeats(beats, (beats + 2) * this.recall('heartbeatMs'));
  if (!socket.isOpen) throw new Error(`Expected ${user}'s idle chat to stay open; it closed with ${socket.closed?.code}`);
});

Then("{user}'s chat is dropped once {int} heartbeats in a row went unanswered", async function (this: ApexWorld, user: string, beats: number) {
  await expectDroppedAfterUnanswered(this.session(user).sockets.at(-1)!, beats, this.recall('heartbeatMs'));
});

When('{user} asks the {agent} about {workload} on the second instance', async function (this: ApexWorld, user: string, agent: string, workload: Workload) {
  const session = this.session(user);
  const socket = session.sockets.find((s) => s.url.startsWith(this.latestInstance.wsUrl))!;
  const requestId = `req_${Date.now()}`;
  socket.send('start_agent', { user_request: costQuestion(workload), agent, context: { workload }, request_id: requestId });
  const done = await socket.waitFor('the run to complete', (f) => f.type === 'agent_completed' && f.data?.request_id === requestId, this.target.runDeadlineMs);
  this.remember('fanOut', { runId: done.frame.data.run_id, events: done.frame.data.seq });
});

Then("each of {user}'s chat connections receives every event of that run exactly once", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const { runId, events } = this.recall('fanOut');
  await Promise.all(session.sockets.map((s) => s.waitFor('the end of the run', (f) => f.type === 'agent_completed' && f.data?.run_id === runId, this.target.runDeadlineMs)));
  expectEverySocketGotRun(session, runId, events);
});

When('{user} signs out on the second instance', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  expectStatus(await new AuthClient(this.latestInstance.authUrl).logout(session.accessToken), 200, `Signing ${user} out on the second instance`);
});

Then("{user}'s chat connection on the first instance is closed within {int} seconds", async function (this: ApexWorld, user: string, seconds: number) {
  const session = this.session(user);
  const first = session.sockets.find((s) => !s.url.startsWith(this.latestInstance.wsUrl))!;
  await expectClosedForPolicy(first, seconds * 1000, user);
});

When('{user} sends {int} messages on each of her/his/their chat connections at once', function (this: ApexWorld, user: string, count: number) {
  for (const socket of this.session(user).sockets.filter((s) => s.isOpen)) {
    socket.marked = socket.frames.length;
    for (let i = 0; i < count; i++) socket.send('ping');
  }
});

Then('{user} is answered {int} times in all, and refused as too many {int} times', async function (this: ApexWorld, user: string, answered: number, refused: number) {
  await expectRepliesAcrossSockets(this.session(user).sockets.filter((s) => s.isOpen), answered, refused);
});

When('{user} tries to open a chat connection at another address of the platform', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await session.ensureSignedIn();
  const elsewhere = new URL(session.chatUrl);
  elsewhere.pathname = `${elsewhere.pathname.replace(/\/+$/, '')}-elsewhere`;
  this.remember('connection attempt', await session.openSocket('header', elsewhere.toString()).then(
    (socket) => `opened (${socket.frames.length} frames)`,
    (error: Error) => error.message,
  ));
});

Then('{user} is refused as there is no chat at that address', function (this: ApexWorld, user: string) {
  const outcome = this.recall<string>('connection attempt');
  if (!/refused the handshake with HTTP 404/.test(outcome)) throw new Error(`Expected ${user}'s connection elsewhere to be refused with 404; it ${outcome}`);
});

When('{user} opens another chat and asks it to replay her/his/their analysis from {replayFrom}', async function (this: ApexWorld, user: string, from: unknown) {
  const session = this.session(user);
  const run = session.lastRun();
  await completedResult(run, this.target.runDeadlineMs);
  this.remember('events first sent', run.events.map((f) => f.frame));
  const socket = await session.openSocket();
  await socket.connectionAnswer();
  socket.marked = socket.frames.length;
  socket.send('resume', { run_id: run.runId, after_seq: from });
});

Then("the chat replays every event of {user}'s analysis, in order, and nothing else", async function (this: ApexWorld, user: string) {
  await expectReplayedFromStart(this.session(user).sockets.at(-1)!, this.recall('events first sent'));
});

When('{user} asks her/his/their chat to replay her/his/their analysis from {replayFrom}', async function (this: ApexWorld, user: string, from: unknown) {
  const run = this.session(user).lastRun();
  await completedResult(run, this.target.runDeadlineMs);
  run.socket.marked = run.socket.frames.length;
  run.socket.send('resume', { run_id: run.runId, after_seq: from });
});

Then('{user} is told the catch-up cannot be done right now, and her/his/their chat stays open', async function (this: ApexWorld, user: string) {
  await expectToldStorageUnavailable(this.session(user).lastRun().socket);
});

Then('the API tells {user} her/his/their questions cannot be answered right now', async function (this: ApexWorld, user: string) {
  await expectQuestionsUnavailable(this.session(user));
});

Then("the API tells {user} her/his/their conversations cannot be reached right now", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const answer = await session.api.threads(session.accessToken);
  if (answer.status !== 503 || answer.body?.code !== 'STORAGE_UNAVAILABLE') throw new Error(`Expected the API to answer 503 STORAGE_UNAVAILABLE while the database is away; ${answer.call} answered ${answer.status}: ${answer.text.slice(0, 200)}`);
});
