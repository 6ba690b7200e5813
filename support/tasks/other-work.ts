import { holdEveryConnection } from '../pool-exhaustion';
import { holdRunOnceUnderWay } from '../resource-bounds';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "other work …": other work on the platform's database. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const OTHER_WORK: Record<string, PhraseStep> = {
  "holds every one of the platform's database connections for {duration}": async function (this: ApexWorld, ms: number) {
    await holdEveryConnection(this, ms);
  },
  "holds {user}'s analysis in the database once it is under way": async function (this: ApexWorld, user: string) {
    const hold = await holdRunOnceUnderWay(this.session(user), this.target.databaseUrl!, this.target.runDeadlineMs);
    this.keepStandIn({ stop: () => hold.release() });
    this.remember('held run', hold);
  },
};
