import { After, AfterAll, Before, BeforeAll, BeforeStep, Status, setParallelCanAssign } from '@cucumber/cucumber';
import { targetConfigFromEnv } from './target';
import { bringUpTarget, currentTarget, takeDownTarget } from './environment';
import type { ApexWorld } from './world';
import { runEvidence } from './timeline';
import { runInvariantViolations, storedRunViolations, welcomeViolations } from './expectations/run-invariants';
import { HOOK_TIMEOUTS } from './deadlines';

/**
 * Every run any socket of the scenario saw keeps the contract's rules, and was stored as it was
 * sent, whatever the scenario set out to show.
 */
async function checkEveryRun(world: ApexWorld): Promise<void> {
  const sockets = [...world.sessions.values()].flatMap((session) => session.sockets.map((socket) => ({ owner: session.name, socket })));
  const problems = [...welcomeViolations(sockets), ...runInvariantViolations(sockets)];
  const probe = world.databaseProbe();
  if (probe) problems.push(...(await storedRunViolations(probe, sockets, world.target.wsUrl)));
  if (problems.length) throw new Error(`Every run must keep the contract's rules; ${problems.length} broke:\n- ${problems.join('\n- ')}`);
}

BeforeStep(function (this: ApexWorld) {
  this.stepBegins();
});

BeforeAll({ timeout: HOOK_TIMEOUTS.beforeAll }, async function () {
  await bringUpTarget();
});

AfterAll({ timeout: HOOK_TIMEOUTS.afterAll }, async function () {
  await takeDownTarget();
});

/**
 * Under mutation testing only (stryker.config.mjs sets APEX_FRESH_PLATFORM_TAGS): what a platform
 * sets up when it starts, its routes' request schemas above all, runs in the worker's BeforeAll,
 * outside every scenario, so Stryker would try its mutants only against the scenarios that start an
 * instance of their own. The scenarios these tags pick each start one, with the mutant switched on,
 * and so are tried too.
 */
const freshPlatformTags = process.env.APEX_FRESH_PLATFORM_TAGS;
if (freshPlatformTags) {
  Before({ tags: freshPlatformTags, timeout: HOOK_TIMEOUTS.scenarioHook }, async function (this: ApexWorld) {
    const instance = await this.startInstance();
    if (instance) this.moveEveryoneTo(instance);
  });
}

/** A whole scenario skipped for what the target lacks: said in the report, and once per worker on the console. */
const skipsReported = new Set<string>();
function skip(world: ApexWorld, reason: string): 'skipped' {
  if (!skipsReported.has(reason)) {
    skipsReported.add(reason);
    console.warn(`\n[apex-specs] ${reason}`);
  }
  return world.skip(reason);
}

Before({ tags: '@redis' }, function (this: ApexWorld) {
  if (!currentTarget().redisUrl) return skip(this, '@redis scenarios are skipped: the suite has no Redis to look into (the reference platform runs on its in-process store, or APEX_REDIS_URL is not set).');
});

Before({ tags: '@real-llm' }, function (this: ApexWorld) {
  const llm = currentTarget().llm;
  if (llm === 'deterministic' || llm === 'unknown') return skip(this, `@real-llm scenarios are skipped: the target's language model is "${llm}", not a real one.`);
});

Before({ tags: '@fault-injection' }, function (this: ApexWorld) {
  const t = currentTarget();
  if (t.kind !== 'reference' && !t.secrets.service) return skip(this, '@fault-injection scenarios are skipped: the target is not the reference platform and APEX_SERVICE_SECRET is not set.');
});

/**
 * No scenario hands a fault to the next: whatever it switched on and is still on is cleared, and
 * a scenario that passed while leaving something on fails for it. Each answers only for its own
 * faults (their scopes), so scenarios running at once against one deployment never clear or blame
 * each other's. (A run that breaks the platform on purpose for the whole run, through APEX_FAULTS,
 * is the exception.)
 */
After({ timeout: HOOK_TIMEOUTS.faultCheck }, async function (this: ApexWorld, { result }) {
  // The instances a scenario started are stopped by now, and their faults with them.
  const faults = this.faults(this.target);
  if (!faults || process.env.APEX_FAULTS || this.faultScopes.size === 0) return;
  const left = await faults.leftovers();
  if (left.length === 0) return;
  await faults.clearAll();
  const still = await faults.leftovers();
  if (still.length) throw new Error(`Faults could not be cleared after this scenario: ${still.join(', ')}`);
  if (result?.status === Status.PASSED) throw new Error(`This scenario left faults switched on: ${left.join(', ')}; clear them in the scenario.`);
});

/**
 * What a scenario tagged @instance-wide does reaches every customer of the instance (a tool's
 * circuit breaker is the instance's, whoever trips it). Against a deployment, where every worker
 * shares one, such a scenario runs while no other does; the reference platform gives each worker
 * its own.
 */
const instanceWide = (pickle: { tags: readonly { name: string }[] }) => pickle.tags.some((t) => t.name === '@instance-wide');
let againstDeployment: boolean | undefined;
setParallelCanAssign((pickle, inProgress) => {
  againstDeployment ??= targetConfigFromEnv().kind === 'remote';
  if (!againstDeployment) return true;
  return instanceWide(pickle) ? inProgress.length === 0 : !inProgress.some(instanceWide);
});

/** "pong ×100, error_message ×200": repeats counted, so a flood's frames fit on a line. */
function inRuns(types: string[]): string {
  const runs: { type: string; count: number }[] = [];
  for (const type of types) {
    if (runs.at(-1)?.type === type) runs.at(-1)!.count++;
    else runs.push({ type, count: 1 });
  }
  return runs.map((r) => (r.count > 1 ? `${r.type} ×${r.count}` : r.type)).join(', ');
}

/** Beyond this many runs a scenario is a crowd: its figures are its evidence, with a few runs shown. */
const RUNS_SHOWN = 12;

/**
 * Each run's answer and timeline, in proportion: every run of an ordinary scenario; of a crowd,
 * the slowest runs and the first few, and a line saying how many there were.
 */
function attachRunEvidence(world: ApexWorld): void {
  const runs = [...world.sessions.values()].flatMap((session) => session.runs.map((run) => ({ owner: session.name, run })));
  if (runs.length <= RUNS_SHOWN) {
    for (const { owner, run } of runs) world.evidence(runEvidence(owner, run), 'text/html');
    return;
  }
  const span = ({ run }: (typeof runs)[number]) => (run.events.at(-1)?.at ?? run.sentAt) - run.sentAt;
  const slowest = [...runs].sort((a, b) => span(b) - span(a)).slice(0, RUNS_SHOWN / 2);
  const sample = runs.filter((r) => !slowest.includes(r)).slice(0, RUNS_SHOWN / 2);
  world.evidence(`${runs.length} runs in this scenario, every one checked; shown below: the ${slowest.length} slowest, then the first ${sample.length} of the rest.`);
  for (const { owner, run } of [...slowest, ...sample]) world.evidence(runEvidence(owner, run), 'text/html');
}

/** Evidence first, then clean-up, whatever the outcome, so a failing scenario leaves no socket behind. */
After({ timeout: HOOK_TIMEOUTS.scenarioHook }, async function (this: ApexWorld, { result }) {
  try {
    attachRunEvidence(this);
    if (result?.status === Status.FAILED) {
      for (const session of this.sessions.values()) {
        session.sockets.forEach((socket, i) => this.evidence(`${session.name}'s socket ${i + 1} (${socket.auth}) received ${socket.frames.length} frames: ${inRuns(socket.frames.map((f) => f.frame.type)) || 'none'}${socket.closed ? `; closed with ${socket.closed.code}` : ''}`));
      }
    }
    await checkEveryRun(this);
  } finally {
    await this.cleanUp();
  }
});
