import { expectLongButNeverSilent, expectEndedInFailure, expectReportedFailed, expectStillUnderWay } from './runs';
import { answeredRun, completedResult, expectFailedWithReason, expectProgressStages, expectCancelledWithin, expectStoredAsCancelled } from './agents';
import { expectConversationHoldsOnly } from './access';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user}'s analysis …": how a person's analysis went. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const ANALYSIS_OUTCOME: Record<string, PhraseStep> = {
  'completes after running for at least {duration}, never silent for {duration}': async function (this: ApexWorld, user: string, atLeastMs: number, silenceMs: number) {
    await expectLongButNeverSilent(user, this.session(user).lastRun(), atLeastMs, silenceMs, this.target.runDeadlineMs);
  },
  'is cancelled within {int} seconds': async function (this: ApexWorld, user: string, seconds: number) {
    await expectCancelledWithin(this.session(user).runs.find((r) => r.interruptedAt)!, seconds);
  },
  'is stored as cancelled': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await expectStoredAsCancelled(session, session.runs.find((r) => r.interruptedAt)!);
  },
  'reports no progress stages, as it is not a deep one': async function (this: ApexWorld, user: string) {
    const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
    expectProgressStages(run, 0);
  },
  'completes, and {pronoun} conversation is as it was': async function (this: ApexWorld, owner: string, _pronoun: string) {
    const session = this.session(owner);
    const run = session.lastRun();
    await completedResult(run, this.target.runDeadlineMs);
    await expectConversationHoldsOnly(session, run);
  },
  'completes undisturbed': async function (this: ApexWorld, user: string) {
    await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs);
  },
  'ends with a reason that mentions {string}': async function (this: ApexWorld, user: string, mentions: string) {
    await expectFailedWithReason(this.session(user).lastRun(), this.target.runDeadlineMs, mentions);
  },
  'is reported failed within {int} seconds, because {failureReason}': async function (this: ApexWorld, user: string, seconds: number, code: string) {
    await expectReportedFailed(this.session(user), this.session(user).lastRun(), code, seconds * 1000);
  },
  'ends in a failure, because {failureReason}, with no update missing or repeated': async function (this: ApexWorld, user: string, code: string) {
    await expectEndedInFailure(this.session(user).lastRun(), code, this.target.runDeadlineMs);
  },
  'is still under way': function (this: ApexWorld, user: string) {
    expectStillUnderWay(this.session(user).lastRun());
  },
};
