import { OWN_INSTANCE } from '../skip-reasons';
import { startInstanceWithPool } from '../pool-exhaustion';
import { instanceWithBreakableLink, patienceWith, instanceWithHeldTokenChecks } from '../breakable-links';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "an instance of the platform …": a platform instance of the scenario's own. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const INSTANCE_SETTING: Record<string, PhraseStep> = {
  'with {int} database connections, that waits at most {duration} for one to be free': async function (this: ApexWorld, size: number, ms: number) {
    if (!(await startInstanceWithPool(this, { size, queueTimeoutMs: ms }))) return this.skip(OWN_INSTANCE);
    return undefined;
  },
  'whose link to its {dependency} can fail': async function (this: ApexWorld, dependency: string) {
    return instanceWithBreakableLink(this, dependency);
  },
  'that gives up on a silent {dependency} after {int} second(s)': async function (this: ApexWorld, dependency: string, seconds: number) {
    return instanceWithBreakableLink(this, dependency, patienceWith(dependency, seconds));
  },
  'that gives up on a database statement after {int} milliseconds': async function (this: ApexWorld, ms: number) {
    const instance = await this.startInstance({ DATABASE_STATEMENT_TIMEOUT_MS: String(ms) });
    if (!instance || !this.target.databaseUrl) return this.skip('this starts a reference platform instance with a setting of its own; a remote target has its own.');
    this.moveEveryoneTo(instance);
    return undefined;
  },
  'whose token checks can be held up': async function (this: ApexWorld) {
    return instanceWithHeldTokenChecks(this);
  },
};
