import type { Actor } from '../actor';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "its {dependency} …": something that happens to one of the platform's dependencies. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const DEPENDENCY_EVENT: Record<string, PhraseStep> = {
  "stops answering once {actor}'s analysis is under way": async function (this: ApexWorld, _dependency: string, user: Actor) {
    await user.lastRun().underWay(this.target.runDeadlineMs);
    this.recall('breakable').proxy.stall();
  },
  'stops answering': function (this: ApexWorld, _dependency: string) {
    this.recall('breakable').proxy.stall();
  },
  'becomes unreachable': function (this: ApexWorld, _dependency: string) {
    this.recall('breakable').proxy.cut();
  },
  "becomes unreachable once {actor}'s analysis is under way": async function (this: ApexWorld, _dependency: string, user: Actor) {
    await user.lastRun().underWay(this.target.runDeadlineMs);
    this.recall('breakable').proxy.cut();
  },
  'is back': function (this: ApexWorld, _dependency: string) {
    this.recall('breakable').proxy.restore();
    this.recall('breakable').restoredAt = Date.now();
  },
};
