import { hangNextCallFor, failForThisScenario } from '../scoped-faults';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "the {word} …": how one of the agents' tools behaves. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const TOOL_SETTING: Record<string, PhraseStep> = {
  "{word} never answers {user}'s next call": async function (this: ApexWorld, first: string, second: string, user: string) {
    await hangNextCallFor(this, this.session(user), `${first}_${second}`);
  },
  '{word} is failing': async function (this: ApexWorld, first: string, second: string) {
    const faults = this.faults();
    if (!faults) return this.skip('injecting a failing tool needs the service secret (APEX_SERVICE_SECRET).');
    await failForThisScenario(this, `${first}_${second}`);
  },
};
