import type { Phrase, PhraseStep } from '../support/phrasebook';
import { dropOnceUnderWay, earlierRun, reconnectAndResume, sendOn } from '../support/tasks/chat';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { answeredRun, completedResult } from '../support/expectations/agents';
import { expectWellFormedRun } from '../support/expectations/runs';
import { expectEventFields, untilStoredBeyond, expectPickedUpWhereLeftOff, catchUpTime, expectCaughtUpWithin, expectOpenAfterHeartbeats, expectFirstUpdateWithin } from '../support/expectations/realtime';
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

When("{user}'s analysis moves on by {int} updates", async function (this: ApexWorld, user: string, count: number) {
  await this.session(user).lastRun().movesOn(count, this.target.runDeadlineMs);
});

When("{user}'s connection drops once the analysis is under way", async function (this: ApexWorld, user: string) {
  await dropOnceUnderWay(this.session(user).lastRun(), this.target.runDeadlineMs);
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

When('{user} pings the chat', function (this: ApexWorld, user: string) {
  const socket = this.session(user).sockets.at(-1)!;
  sendOn(socket, 'ping');
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

Then("{user}'s earlier analysis completes undisturbed", async function (this: ApexWorld, user: string) {
  await completedResult(earlierRun(this.session(user)), this.target.runDeadlineMs);
});

Then("{user}'s idle chat is still open after {int} heartbeats", async function (this: ApexWorld, user: string, beats: number) {
  await expectOpenAfterHeartbeats(this.session(user).sockets.at(-1)!, user, beats, this.recall('heartbeatMs'));
});

Then('each of {eachOutcome}', function (this: ApexWorld, eachOutcome: Phrase<PhraseStep>) {
  return eachOutcome.meaning.call(this, ...eachOutcome.values);
});

Then("{user}'s chat {chatOutcome}", function (this: ApexWorld, user: string, chatOutcome: Phrase<PhraseStep>) {
  return chatOutcome.meaning.call(this, user, ...chatOutcome.values);
});

When('{user} sends {sending}', function (this: ApexWorld, user: string, sending: Phrase<PhraseStep>) {
  return sending.meaning.call(this, user, ...sending.values);
});
