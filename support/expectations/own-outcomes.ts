import type { Actor } from '../actor';
import { earlierRun } from '../tasks/chat';
import { previousRefreshToken } from '../tasks/sign-in';
import { expectRefusal } from '../refusals';
import { expectFreshSession, expectIndistinguishableRefusals, expectProfile } from './accounts';
import { expectLastConnectionRefused, expectClosedForPolicy, expectOpenSocketsClosed, expectOnlyFirstLoginEnded } from './sessions';
import { expectLeadsThroughPublishedAddress, expectSameDestinations } from '../oauth';
import { expectGivenUpAfterSilence, expectLongButNeverSilent, expectRunStored, expectEndedInFailure, expectReportedFailed, expectStillUnderWay } from './runs';
import { answeredRun, completedResult, expectFailedWithReason, expectReadBackFailure, expectProgressStages, expectContributions, expectReportSections, expectNamedAfterQuestion, expectHandoffChain, expectSpreadProgress, expectCompleteAnswer, expectSameConnection, expectCancelledWithin, expectStoredAsCancelled } from './agents';
import { readingChatOf, stalledChatOf } from '../resource-bounds';
import { expectOpenChatsAnswer, expectDroppedAsTooFarBehind, expectShownConversation } from './resource-bounds';
import { expectUntitledThread, expectConversationHoldsOnly, expectOtherConversationsUnchanged } from './access';
import { expectConnectionClosedWithReference } from './internal-errors';
import { FALLBACK_REASONS, ModelBehaviour, StandInChatModel } from '../fakes/chat-model';
import { expectWordedByModel, expectWordingFellBack } from './wording';
import { expectDroppedAfterUnanswered, expectClosedAsTooBig, expectOpenAfterHeartbeats, expectFirstUpdateWithin } from './realtime';
import { expectQuestionsKept } from './multi-user';
import { expectConversationCountUnchanged, expectNotListed, expectEveryQuestionAnsweredOnce } from './persistence';
import { untilAnsweredAgain, expectAnswersSayCostAnalysisUnavailable, expectUnavailableWithoutWaiting, expectUnavailableAfterTrial } from './resilience';
import { DEADLINES } from '../deadlines';
import { expectEndedWithin, expectDetailsKept } from './hostile-input';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{actor}'s …": what becomes of a person's analysis, answer, chat, conversations, requests and sessions. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const OWN_OUTCOME: Record<string, PhraseStep> = {
  'sign-in gives {pronoun} a new session, not the one from sign-up': function (this: ApexWorld, user: Actor, _pronoun: string) {
    expectFreshSession(user);
  },
  'profile shows {pronoun} email address and that {pronoun} may {permissions}': async function (this: ApexWorld, user: Actor, _pronoun: string, _pronoun2: string, permissions: string[]) {
    await expectProfile(user, permissions);
  },
  'sign-in leads to the provider and back only through that published address': function (this: ApexWorld, user: Actor) {
    expectLeadsThroughPublishedAddress(user.lastAnswer);
  },
  "sign-in leads only to the platform's own addresses": function (this: ApexWorld, user: Actor) {
    expectSameDestinations(user.lastAnswer!, this.recall('honest start'));
  },
  'failed sign-ins are all refused in exactly the same words': function (this: ApexWorld, user: Actor) {
    expectIndistinguishableRefusals(user.attempts);
  },
  'request ends with a reason that mentions {string}': async function (this: ApexWorld, user: Actor, mentions: string) {
    await expectFailedWithReason(user.lastRun(), this.target.runDeadlineMs, mentions);
  },
  'answer is complete: it states no limitations, and says whose words it is in': async function (this: ApexWorld, user: Actor) {
    expectCompleteAnswer(await completedResult(user.lastRun(), this.target.runDeadlineMs));
  },
  'new conversation is named after the start of {pronoun} question': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await expectNamedAfterQuestion(user, user.lastRun());
  },
  'request, read back later, failed for the same reason': async function (this: ApexWorld, user: Actor) {
    await expectReadBackFailure(user, user.lastRun());
  },
  'answer arrives on the same chat connection': async function (this: ApexWorld, user: Actor) {
    const [earlier, latest] = user.runs.slice(-2);
    await completedResult(latest, this.target.runDeadlineMs);
    expectSameConnection(user.name, earlier, latest);
  },
  'request is handed along {agentChain}': async function (this: ApexWorld, user: Actor, chain: string[]) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectHandoffChain(run, chain);
  },
  'combined answer carries what {agentChain} each found': async function (this: ApexWorld, user: Actor, agents: string[]) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectContributions(run, agents);
  },
  'report has the sections {string}, in that order': async function (this: ApexWorld, user: Actor, headings: string) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectReportSections(run, headings.split(/,\s*/));
  },
  'updates arrive spread over at least half of the run, not bunched at its end': function (this: ApexWorld, user: Actor) {
    const run = user.lastRun();
    expectSpreadProgress(run, 0.5);
  },
  'request is ended as failed, because {failureReason}, once it has been silent for {duration} and not before': async function (this: ApexWorld, user: Actor, code: string, silenceMs: number) {
    await expectGivenUpAfterSilence(user.name, user.lastRun(), code, silenceMs);
  },
  'analysis completes after running for at least {duration}, never silent for {duration}': async function (this: ApexWorld, user: Actor, atLeastMs: number, silenceMs: number) {
    await expectLongButNeverSilent(user.name, user.lastRun(), atLeastMs, silenceMs, this.target.runDeadlineMs);
  },
  'analysis is cancelled within {int} seconds': async function (this: ApexWorld, user: Actor, seconds: number) {
    await expectCancelledWithin(user.runs.find((r) => r.interruptedAt)!, seconds);
  },
  'analysis is stored as cancelled': async function (this: ApexWorld, user: Actor) {
    await expectStoredAsCancelled(user, user.runs.find((r) => r.interruptedAt)!);
  },
  'analysis reports no progress stages, as it is not a deep one': async function (this: ApexWorld, user: Actor) {
    const run = await answeredRun(user, this.target.runDeadlineMs);
    expectProgressStages(run, 0);
  },
  'chat connection is refused because {socketRefusal}': async function (this: ApexWorld, user: Actor, reason: string) {
    await expectLastConnectionRefused(user, reason);
  },
  'open chat connection (still )answers': async function (this: ApexWorld, user: Actor) {
    await expectOpenChatsAnswer(user, 1);
  },
  'conversation is stored in the database': async function (this: ApexWorld, user: Actor) {
    const probe = this.databaseProbe();
    if (!probe) return this.notChecked('the suite has no database address for this target (set APEX_DATABASE_URL to check what it stored)');
    const run = user.lastRun();
    await run.finished(this.target.runDeadlineMs);
    await expectRunStored(probe, user, run);
  },
  'conversation is started untitled, with no details, and is listed as {pronoun}': async function (this: ApexWorld, user: Actor, _pronoun: string) {
    await expectUntitledThread(user);
  },
  "chat is closed because of an internal error, with a reason giving a reference the platform's log also holds": async function (this: ApexWorld, user: Actor) {
    await expectConnectionClosedWithReference(this, user);
  },
  'answer is worded by the model': async function (this: ApexWorld, user: Actor) {
    const result = await completedResult(user.lastRun(), this.target.runDeadlineMs);
    expectWordedByModel(result, this.recall<StandInChatModel>('stand-in model').calls, user.lastRun().agent.replace(/_/g, ' '));
  },
  'answer says its wording fell back': async function (this: ApexWorld, user: Actor) {
    const result = await completedResult(user.lastRun(), this.target.runDeadlineMs);
    expectWordingFellBack(result, FALLBACK_REASONS[this.recall<ModelBehaviour>('model behaviour')]!);
  },
  'conversations still hold all {int} questions with their answers': async function (this: ApexWorld, user: Actor, count: number) {
    await expectQuestionsKept(user, count);
  },
  'analysis completes, and {pronoun} conversation is as it was': async function (this: ApexWorld, owner: Actor, _pronoun: string) {
    const run = owner.lastRun();
    await completedResult(run, this.target.runDeadlineMs);
    await expectConversationHoldsOnly(owner, run);
  },
  'conversation is as it was': async function (this: ApexWorld, owner: Actor) {
    const run = owner.lastRun();
    await completedResult(run, this.target.runDeadlineMs);
    await expectConversationHoldsOnly(owner, run);
  },
  'other conversations are as they were': async function (this: ApexWorld, owner: Actor) {
    await expectOtherConversationsUnchanged(owner);
  },
  'conversations are as they were': async function (this: ApexWorld, user: Actor) {
    await expectConversationCountUnchanged(user);
  },
  'conversation list no longer shows it': async function (this: ApexWorld, user: Actor) {
    await expectNotListed(user, user.lastRun().threadId);
  },
  'conversation holds every question and its answer, each exactly once': async function (this: ApexWorld, user: Actor) {
    user.remember('messageOrder', await expectEveryQuestionAnsweredOnce(user));
  },
  'first update arrives within {int} second(s) of {pronoun} question': async function (this: ApexWorld, user: Actor, seconds: number, _pronoun: string) {
    this.evidence(`First event after ${await expectFirstUpdateWithin(user.name, user.lastRun(), seconds)} ms`);
  },
  'chat is closed because the message was too big': async function (this: ApexWorld, user: Actor) {
    await expectClosedAsTooBig(user.sockets.at(-1)!);
  },
  'analysis completes undisturbed': async function (this: ApexWorld, user: Actor) {
    await completedResult(user.lastRun(), this.target.runDeadlineMs);
  },
  'earlier analysis completes undisturbed': async function (this: ApexWorld, user: Actor) {
    await completedResult(earlierRun(user), this.target.runDeadlineMs);
  },
  'idle chat is still open after {int} heartbeats': async function (this: ApexWorld, user: Actor, beats: number) {
    await expectOpenAfterHeartbeats(user.sockets.at(-1)!, user.name, beats, this.recall('heartbeatMs'));
  },
  'chat is dropped once {int} heartbeats in a row went unanswered': async function (this: ApexWorld, user: Actor, beats: number) {
    await expectDroppedAfterUnanswered(user.sockets.at(-1)!, beats, this.recall('heartbeatMs'));
  },
  'chat connection on the first instance is closed within {int} seconds': async function (this: ApexWorld, user: Actor, seconds: number) {
    const first = user.sockets.find((s) => !s.url.startsWith(this.latestInstance.wsUrl))!;
    await expectClosedForPolicy(first, seconds * 1000, user.name);
  },
  'next question is answered within {int} seconds of it coming back': async function (this: ApexWorld, user: Actor, seconds: number) {
    const tries = await untilAnsweredAgain(user, seconds * 1000);
    const took = Date.now() - this.recall('breakable').restoredAt!;
    this.evidence(`The ${this.recall('breakable').dependency} came back; the first question was answered ${took} ms later, after ${tries} tries.`);
  },
  'analysis ends with a reason that mentions {string}': async function (this: ApexWorld, user: Actor, mentions: string) {
    await expectFailedWithReason(user.lastRun(), this.target.runDeadlineMs, mentions);
  },
  'last {int} answers each say the cost analysis is unavailable': async function (this: ApexWorld, user: Actor, count: number) {
    await expectAnswersSayCostAnalysisUnavailable(user.runs.slice(-count), this.target.runDeadlineMs);
  },
  'answer says the cost analysis is unavailable, without waiting on the broken tool': async function (this: ApexWorld, user: Actor) {
    await expectUnavailableWithoutWaiting(user, user.lastRun(), this.target.runDeadlineMs);
  },
  'answer says the cost analysis is unavailable, after trying the broken tool once more': async function (this: ApexWorld, user: Actor) {
    await expectUnavailableAfterTrial(user.lastRun(), this.target.runDeadlineMs);
  },
  'new conversation keeps exactly those details': async function (this: ApexWorld, user: Actor) {
    await expectDetailsKept(user, this.recall('details sent'));
  },
  'analysis is reported failed within {int} seconds, because {failureReason}': async function (this: ApexWorld, user: Actor, seconds: number, code: string) {
    await expectReportedFailed(user, user.lastRun(), code, seconds * 1000);
  },
  'analysis ends in a failure, because {failureReason}, with no update missing or repeated': async function (this: ApexWorld, user: Actor, code: string) {
    await expectEndedInFailure(user.lastRun(), code, this.target.runDeadlineMs);
  },
  'analysis is still under way': function (this: ApexWorld, user: Actor) {
    expectStillUnderWay(user.lastRun());
  },
  'question is answered or refused within a second': async function (this: ApexWorld, user: Actor) {
    await expectEndedWithin(user.lastRun(), 1000);
  },
  'chat that stopped reading is closed as falling too far behind, before half of what it asked for reached it': async function (this: ApexWorld, user: Actor) {
    this.evidence(await expectDroppedAsTooFarBehind(stalledChatOf(user), user.name, this.recall<number>('conversations asked for'), DEADLINES.settle));
  },
  'other chat was shown the whole conversation every time': function (this: ApexWorld, user: Actor) {
    expectShownConversation(user, readingChatOf(user), this.recall<number>('conversations asked for on the chat that reads'));
  },
  'previous refresh token no longer works': async function (this: ApexWorld, user: Actor) {
    const previous = previousRefreshToken(user);
    expectRefusal(await user.auth.refresh(previous), 'the refresh token is not valid');
  },
  'session can no longer be refreshed': async function (this: ApexWorld, user: Actor) {
    expectRefusal(await user.auth.refresh(user.tokens!.refresh_token), 'the refresh token is not valid');
  },
  'open chat connections are closed within {int} seconds': async function (this: ApexWorld, user: Actor, seconds: number) {
    await expectOpenSocketsClosed(user, seconds * 1000);
  },
  'first device is signed out, and the second still works': async function (this: ApexWorld, user: Actor) {
    await expectOnlyFirstLoginEnded(user);
  },
};
