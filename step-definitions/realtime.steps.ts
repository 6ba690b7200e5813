import { catchUpOn, connect, dropOnceUnderWay, earlierRun, flood, openSocket, reconnectAndResume, sendOn, sendTextOn } from '../support/tasks/chat';
import { ensureSignedIn } from '../support/tasks/sign-in';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { INCOMPLETE_MESSAGES } from '../support/domain';
import { answeredRun, completedResult, expectQuestionsUnavailable } from '../support/expectations/agents';
import { expectWellFormedRun } from '../support/expectations/runs';
import { expectClosedForPolicy } from '../support/expectations/sessions';
import { expectEventFields, expectRepliesAcrossSockets, expectReplayedFromStart, expectDroppedAfterUnanswered, expectClosedAsGoingAway, untilStoredBeyond, expectPickedUpWhereLeftOff, catchUpTime, expectCaughtUpWithin, expectRunsInTurn, expectPong, expectClosedAsTooBig, expectBackendHealthy, expectOpenAfterHeartbeats, expectNoChatThere, expectConversationsUnavailable, expectFirstUpdateWithin, expectEverySocketSawRunToItsEnd } from '../support/expectations/realtime';
import { AuthClient } from '../support/clients/auth-client';
import { expectStatus } from '../support/clients/http';
import { paddedPing } from '../support/frames';
import { untilWindowPassed } from '../support/expectations/accounts';
import { instanceWithBreakableLink } from '../support/breakable-links';

Then("{user}'s first update arrives within {int} second(s) of {pronoun} question", async function (this: ApexWorld, user: string, seconds: number, _pronoun: string) {
  this.evidence(`First event after ${await expectFirstUpdateWithin(user, this.session(user).lastRun(), seconds)} ms`);
});

Then("every event of {user}'s run carries its fields and timestamps", async function (this: ApexWorld, user: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
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
  await catchUpOn(this.session(user), this.latestInstance.wsUrl);
});

When("{user}'s analysis moves on by {int} updates", async function (this: ApexWorld, user: string, count: number) {
  await this.session(user).lastRun().movesOn(count, this.target.runDeadlineMs);
});

When("{user}'s connection drops once the analysis is under way", async function (this: ApexWorld, user: string) {
  await dropOnceUnderWay(this.session(user).lastRun(), this.target.runDeadlineMs);
});

When("the platform drops {user}'s connection once the analysis is under way", async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  const run = session.lastRun();
  await run.underWay(this.target.runDeadlineMs);
  const faults = this.faults();
  if (!faults) return this.skip('dropping a connection from the server side needs the service secret (APEX_SERVICE_SECRET).');
  await faults.inject({ fault: 'disconnect_sockets', target: session.userId, scope: session.userId });
  await expectClosedAsGoingAway(run.socket, user);
});

When("{user} reconnects after the analysis has moved on, and picks up where {pronoun} left off", async function (this: ApexWorld, user: string, _pronoun: string) {
  const session = this.session(user);
  const run = session.lastRun();
  const seen = run.lastSeq;
  const probe = this.databaseProbe();
  // Waiting for stored progress makes sure there is something to replay; without a probe the
  // reconnection is immediate and the replay may be empty.
  if (probe) await untilStoredBeyond(probe, run, seen, this.target.runDeadlineMs);
  run.reconnectedAt = await reconnectAndResume(session, run);
  run.lastSeqBeforeReconnect = seen;
});

When('{user} reconnects and picks up where {pronoun} left off', async function (this: ApexWorld, user: string, _pronoun: string) {
  const session = this.session(user);
  const run = session.lastRun();
  run.lastSeqBeforeReconnect = run.lastSeq;
  run.reconnectedAt = await reconnectAndResume(session, run);
});

Then("{user} has every event of the analysis exactly once, in order, with none missing", async function (this: ApexWorld, user: string) {
  const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
  expectWellFormedRun(run);
  expectPickedUpWhereLeftOff(run);
});

Then('the first missed event reached {user} within {int} seconds of reconnecting', function (this: ApexWorld, user: string, seconds: number) {
  const took = catchUpTime(this.session(user).lastRun());
  this.evidence(`Reconnection to the first replayed event: ${took} ms`);
  expectCaughtUpWithin(took, seconds);
});

Then("each of {user}'s runs completed before the next began, numbering its events from 1 without a gap", function (this: ApexWorld, user: string) {
  expectRunsInTurn(this.session(user).runs);
});

When('{user} pings the chat', function (this: ApexWorld, user: string) {
  const socket = this.session(user).sockets.at(-1)!;
  sendOn(socket, 'ping');
});

When('{user} sends a ping of {frameSize}', function (this: ApexWorld, user: string, bytes: number) {
  const socket = this.session(user).sockets.at(-1)!;
  sendTextOn(socket, paddedPing(bytes));
});

Then('the chat answers {user} with a pong', async function (this: ApexWorld, user: string) {
  await expectPong(this.session(user).sockets.at(-1)!);
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

When('{user} sends a message that is not JSON', function (this: ApexWorld, user: string) {
  const socket = this.session(user).sockets.at(-1)!;
  sendTextOn(socket, '{"type": "ping", oops');
});

When('{user} sends {notAMessage}', function (this: ApexWorld, user: string, text: string) {
  const socket = this.session(user).sockets.at(-1)!;
  sendTextOn(socket, text);
});

When('{user} sends {incompleteMessage}', function (this: ApexWorld, user: string, words: string) {
  const socket = this.session(user).sockets.at(-1)!;
  socket.marked = socket.frames.length;
  const { type, payload } = INCOMPLETE_MESSAGES[words];
  socket.send(type, payload);
  this.remember('incomplete message', words);
});

When('{user} sends a message of a kind the chat does not know', function (this: ApexWorld, user: string) {
  const socket = this.session(user).sockets.at(-1)!;
  sendOn(socket, 'teleport', { to: 'mars' });
});

When('{user} sends a message larger than {int} KiB', function (this: ApexWorld, user: string, kib: number) {
  this.session(user).sockets.at(-1)!.sendText(JSON.stringify({ type: 'ping', payload: { padding: 'x'.repeat(kib * 1024 + 1) } }));
});

Then("{user}'s chat is closed because the message was too big", async function (this: ApexWorld, user: string) {
  await expectClosedAsTooBig(this.session(user).sockets.at(-1)!);
});

When('{user} sends {int} more messages at once', function (this: ApexWorld, user: string, count: number) {
  const socket = this.session(user).sockets.at(-1)!;
  if (!this.hasNoted('first message')) this.remember('first message', Date.now());
  flood(socket, count);
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
  await completedResult(earlierRun(this.session(user)), this.target.runDeadlineMs);
});

Then('the platform still reports itself healthy', async function (this: ApexWorld) {
  await expectBackendHealthy(this.target.apiUrl);
});

Given('the platform checks chat connections every {int} milliseconds', async function (this: ApexWorld, ms: number) {
  const instance = await this.startInstance({ HEARTBEAT_INTERVAL_MS: String(ms) });
  if (!instance) return this.skip('this needs a reference platform instance with a short heartbeat; a remote target keeps its own.');
  this.moveEveryoneTo(instance);
  this.remember('heartbeatMs', ms);
});

Given('{user} has a chat connection open that answers heartbeats', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  await connect(session, 'header', session.chatUrl);
});

Given('{user} has a chat connection open that has stopped answering heartbeats', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  await connect(session, 'header', session.chatUrl, { answerHeartbeats: false });
});

Then("{user}'s idle chat is still open after {int} heartbeats", async function (this: ApexWorld, user: string, beats: number) {
  await expectOpenAfterHeartbeats(this.session(user).sockets.at(-1)!, user, beats, this.recall('heartbeatMs'));
});

Then("{user}'s chat is dropped once {int} heartbeats in a row went unanswered", async function (this: ApexWorld, user: string, beats: number) {
  await expectDroppedAfterUnanswered(this.session(user).sockets.at(-1)!, beats, this.recall('heartbeatMs'));
});

Then("each of {user}'s chat connections receives every event of that run exactly once", async function (this: ApexWorld, user: string) {
  const { runId, events } = this.recall('fanOut');
  await expectEverySocketSawRunToItsEnd(this.session(user), runId, events, this.target.runDeadlineMs);
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

When('{user} sends {int} messages on each of {pronoun} chat connections at once', function (this: ApexWorld, user: string, count: number, _pronoun: string) {
  for (const socket of this.session(user).sockets.filter((s) => s.isOpen)) {
    flood(socket, count);
  }
});

Then('{user} is answered {int} times in all, and refused as too many {int} times', async function (this: ApexWorld, user: string, answered: number, refused: number) {
  await expectRepliesAcrossSockets(this.session(user).sockets.filter((s) => s.isOpen), answered, refused);
});

When('{user} tries to open a chat connection at another address of the platform', async function (this: ApexWorld, user: string) {
  const session = this.session(user);
  await ensureSignedIn(session);
  const elsewhere = new URL(session.chatUrl);
  elsewhere.pathname = `${elsewhere.pathname.replace(/\/+$/, '')}-elsewhere`;
  this.remember('connection attempt', await openSocket(session, 'header', elsewhere.toString()).then(
    (socket) => `opened (${socket.frames.length} frames)`,
    (error: Error) => error.message,
  ));
});

Then('{user} is refused as there is no chat at that address', function (this: ApexWorld, user: string) {
  expectNoChatThere(this.recall<string>('connection attempt'), user);
});

When('{user} opens another chat and asks it to replay {pronoun} analysis from {replayFrom}', async function (this: ApexWorld, user: string, _pronoun: string, from: unknown) {
  const session = this.session(user);
  const run = session.lastRun();
  await completedResult(run, this.target.runDeadlineMs);
  this.remember('events first sent', run.events.map((f) => f.frame));
  const socket = await openSocket(session);
  await socket.connectionAnswer();
  sendOn(socket, 'resume', { run_id: run.runId, after_seq: from });
});

Then("the chat replays every event of {user}'s analysis, in order, and nothing else", async function (this: ApexWorld, user: string) {
  await expectReplayedFromStart(this.session(user).sockets.at(-1)!, this.recall('events first sent'));
});

Then('the API tells {user} {pronoun} questions cannot be answered right now', async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectQuestionsUnavailable(this.session(user));
});

Then("the API tells {user} {pronoun} conversations cannot be reached right now", async function (this: ApexWorld, user: string, _pronoun: string) {
  await expectConversationsUnavailable(this.session(user));
});
