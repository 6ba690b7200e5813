import { delayReadyFor } from '../start-up';
import { runOnOwnInstance } from '../crashes';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "the platform …": how the platform is set up. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const PLATFORM_SETTING: Record<string, PhraseStep> = {
  'stays not ready for {user} for {duration}': async function (this: ApexWorld, user: string, ms: number) {
    await delayReadyFor(this, this.session(user), ms);
  },
  'checks chat connections every {int} milliseconds': async function (this: ApexWorld, ms: number) {
    const instance = await this.startInstance({ HEARTBEAT_INTERVAL_MS: String(ms) });
    if (!instance) return this.skip('this needs a reference platform instance with a short heartbeat; a remote target keeps its own.');
    this.moveEveryoneTo(instance);
    this.remember('heartbeatMs', ms);
  },
  'runs as an instance of its own, on a database of its own': async function (this: ApexWorld) {
    if (!(await runOnOwnInstance(this))) return this.skip('this starts a reference platform instance on a database of its own; a remote target has its own.');
    return undefined;
  },
  'waits at most {duration} for a request to arrive': async function (this: ApexWorld, ms: number) {
    if (this.target.kind === 'remote') return this.skip('this starts a reference platform instance that waits less long for requests; a remote target cannot be reconfigured.');
    this.moveEveryoneTo((await this.startInstance({ REQUEST_TIMEOUT_SECONDS: String(ms / 1000) }))!);
    return undefined;
  },
};
