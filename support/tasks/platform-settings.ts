import type { Actor } from '../actor';
import { OWN_PATIENCE, OWN_INSTANCE, REWIRED_PROCESS } from '../skip-reasons';
import { startAgent } from './chat';
import { costQuestion } from '../domain';
import { runWithAgentPatience } from '../agent-patience';
import { completedResult } from '../expectations/agents';
import { delayReadyFor, startInstanceNotReadyFor } from '../start-up';
import { ownProcess } from './diagnostics';
import { ensureSignedIn } from './sign-in';
import { PrivateRedis } from '../fakes/private-redis';
import { GarbageAuth } from '../fakes/garbage-auth';
import { runInOwnProcess, runOnOwnInstance } from '../crashes';
import type { ApexWorld } from '../world';
import type { PhraseStep } from '../phrasebook';

/** "the platform …": how the platform is set up. Each phrase is a Cucumber expression; its function gets the values before the phrase, then its own. */
export const PLATFORM_SETTING: Record<string, PhraseStep> = {
  'gives up on an agent that has been silent for {duration}': async function (this: ApexWorld, silenceMs: number) {
    if (!(await runWithAgentPatience(this, silenceMs))) return this.skip(OWN_PATIENCE);
    return undefined;
  },
  'gives up on an agent that has been silent for {duration}, and each stage of a deep analysis takes {duration}': async function (this: ApexWorld, silenceMs: number, stageMs: number) {
    if (!(await runWithAgentPatience(this, silenceMs, stageMs))) return this.skip(OWN_PATIENCE);
    return undefined;
  },
  'runs as an instance of its own that stays not ready for {duration} after it starts': async function (this: ApexWorld, ms: number) {
    if (!(await startInstanceNotReadyFor(this, ms))) return this.skip(OWN_INSTANCE);
    return undefined;
  },
  'stays not ready for {actor} for {duration}': async function (this: ApexWorld, user: Actor, ms: number) {
    await delayReadyFor(this, user, ms);
  },
  'runs in a process of its own, warmed up by {int} runs': async function (this: ApexWorld, runs: number) {
    // A platform in service has its database connections open, too.
    const skipped = await ownProcess(this, { DATABASE_POOL_SIZE: '20', DATABASE_POOL_WARM: '20' });
    if (skipped) return skipped;
    // A fresh process compiles its hot paths on first use; a platform in service has long done so.
    const warmer = this.session('Warmup');
    await ensureSignedIn(warmer);
    const workload = { provider: 'openai', model: 'gpt-4o', monthly_requests: 1000, avg_input_tokens: 100, avg_output_tokens: 50 };
    for (let i = 0; i < runs; i++) await completedResult(await startAgent(warmer, 'cost_optimizer', { user_request: costQuestion(workload), context: { workload } }), this.target.runDeadlineMs);
    return undefined;
  },
  'runs in a process of its own, allowing {int} messages a minute per customer': async function (this: ApexWorld, limit: number) {
    return ownProcess(this, { WS_RATE_LIMIT_PER_MINUTE: String(limit) });
  },
  'checks chat connections every {int} milliseconds': async function (this: ApexWorld, ms: number) {
    const instance = await this.startInstance({ HEARTBEAT_INTERVAL_MS: String(ms) });
    if (!instance) return this.skip('this needs a reference platform instance with a short heartbeat; a remote target keeps its own.');
    this.moveEveryoneTo(instance);
    this.remember('heartbeatMs', ms);
  },
  'runs in a process of its own, on a Redis server of its own': async function (this: ApexWorld) {
    if (this.target.kind === 'remote') return this.skip(REWIRED_PROCESS);
    if (!PrivateRedis.available) return this.skip('there is no redis-server on this machine to start a private one with (install Debian\'s redis-server).');
    const redis = await PrivateRedis.start();
    this.keepStandIn(redis);
    this.remember('private redis', redis);
    await runInOwnProcess(this, { REDIS_URL: redis.url });
    return undefined;
  },
  'runs in a process of its own, whose auth service answers with a page that is not JSON': async function (this: ApexWorld) {
    if (this.target.kind === 'remote') return this.skip(REWIRED_PROCESS);
    const garbage = await GarbageAuth.start();
    this.keepStandIn(garbage);
    await runInOwnProcess(this, { AUTH_SERVICE_URL: garbage.url });
    return undefined;
  },
  'runs in a process of its own': async function (this: ApexWorld) {
    if (!(await runInOwnProcess(this))) return this.skip(REWIRED_PROCESS);
    return undefined;
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
