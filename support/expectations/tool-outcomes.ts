import { answeredRun, expectToolsAskedAboutRequest, expectToolCallsPaired } from './agents';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "every tool …": what holds for every tool an agent used. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const TOOL_OUTCOME: Record<string, PhraseStep> = {
  "{user}'s agent used reported back under the same call id": async function (this: ApexWorld, user: string) {
    const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
    expectToolCallsPaired(run);
  },
  "{user}'s agent used was asked about {pronoun} own request": async function (this: ApexWorld, user: string, _pronoun: string) {
    const run = await answeredRun(this.session(user), this.target.runDeadlineMs);
    expectToolsAskedAboutRequest(run);
  },
};
