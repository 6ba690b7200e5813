import { completedResult, expectCompleteAnswer, expectSameConnection } from './agents';
import { FALLBACK_REASONS, ModelBehaviour, StandInChatModel } from '../fakes/chat-model';
import { expectWordedByModel, expectWordingFellBack } from './wording';
import { expectUnavailableWithoutWaiting, expectUnavailableAfterTrial } from './resilience';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user}'s answer …": what a person's answer holds. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const ANSWER_OUTCOME: Record<string, PhraseStep> = {
  'is complete: it states no limitations, and says whose words it is in': async function (this: ApexWorld, user: string) {
    expectCompleteAnswer(await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs));
  },
  'arrives on the same chat connection': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    const [earlier, latest] = session.runs.slice(-2);
    await completedResult(latest, this.target.runDeadlineMs);
    expectSameConnection(user, earlier, latest);
  },
  'is worded by the model': async function (this: ApexWorld, user: string) {
    const result = await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs);
    expectWordedByModel(result, this.recall<StandInChatModel>('stand-in model').calls, this.session(user).lastRun().agent.replace(/_/g, ' '));
  },
  'says its wording fell back': async function (this: ApexWorld, user: string) {
    const result = await completedResult(this.session(user).lastRun(), this.target.runDeadlineMs);
    expectWordingFellBack(result, FALLBACK_REASONS[this.recall<ModelBehaviour>('model behaviour')]!);
  },
  'says the cost analysis is unavailable, without waiting on the broken tool': async function (this: ApexWorld, user: string) {
    const session = this.session(user);
    await expectUnavailableWithoutWaiting(session, session.lastRun(), this.target.runDeadlineMs);
  },
  'says the cost analysis is unavailable, after trying the broken tool once more': async function (this: ApexWorld, user: string) {
    await expectUnavailableAfterTrial(this.session(user).lastRun(), this.target.runDeadlineMs);
  },
};
