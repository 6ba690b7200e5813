import { expectGivenUpAfterSilence } from './runs';
import { answeredRun, expectFailedWithReason, expectHandoffChain } from './agents';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "{user}'s request …": how a person's request ended. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const REQUEST_OUTCOME: Record<string, PhraseStep> = {
  'ends with a reason that mentions {string}': async function (this: ApexWorld, user: string, mentions: string) {
    await expectFailedWithReason(this.session(user).lastRun(), this.target.runDeadlineMs, mentions);
  },
  'is handed along {agentChain}': async function (this: ApexWorld, user: string, chain: string[]) {
    const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
    expectHandoffChain(run, chain);
  },
  'is ended as failed, because {failureReason}, once it has been silent for {duration} and not before': async function (this: ApexWorld, user: string, code: string, silenceMs: number) {
    await expectGivenUpAfterSilence(user, this.session(user).lastRun(), code, silenceMs);
  },
};
