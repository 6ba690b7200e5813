import { untilBreakerHalfOpen } from '../expectations/resilience';
import { repairForThisScenario } from '../scoped-faults';
import { DEADLINES } from '../deadlines';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "the {word} …": something that happens to one of the agents' tools. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const TOOL_EVENT: Record<string, PhraseStep> = {
  '{word} is repaired': async function (this: ApexWorld, first: string, second: string) {
    await repairForThisScenario(this, `${first}_${second}`);
  },
  "{word}'s breaker has cooled down": async function (this: ApexWorld, first: string, second: string) {
    await untilBreakerHalfOpen(this.target.apiUrl, `${first}_${second}`, this.target.timing.breakerCooldownMs + DEADLINES.settle);
  },
};
