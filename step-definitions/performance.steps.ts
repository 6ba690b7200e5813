import { startAgent } from '../support/tasks/chat';
import { ensureSignedIn } from '../support/tasks/sign-in';
import { Given, Then, When } from '@cucumber/cucumber';
import type { ApexWorld } from '../support/world';
import { Workload, costQuestion } from '../support/domain';
import { http, expectStatus } from '../support/clients/http';
import { startPlatformServer } from '../support/environment';
import { completedResult } from '../support/expectations/agents';
import { LoadFigures, loadFiguresHtml, loadFiguresOf } from '../support/load-report';
import type { AgentRun } from '../support/agent-run';
import { expectCollected, expectEveryRunCompletedWithin, expectFirstUpdatesWithin, expectHeapGrowthBelow } from '../support/expectations/performance';

function crowdRuns(world: ApexWorld): AgentRun[] {
  return (world.noted('crowd') ?? [...world.sessions.keys()]).flatMap((name) => world.session(name).runs);
}

async function diagnostics(world: ApexWorld, query = ''): Promise<{ heap_used: number; rss: number; peak_rss: number; collected: boolean }> {
  const instance = world.activeInstance ?? world.target;
  const answer = await http('GET', `${instance.apiUrl}/__diagnostics${query}`, { headers: { 'x-service-secret': world.target.secrets.service ?? '' } });
  return expectStatus(answer, 200, 'Reading the platform diagnostics').body;
}

Given('the platform runs in a process of its own, warmed up by {int} runs', async function (this: ApexWorld, runs: number) {
  // A platform in service has its database connections open, too.
  const skipped = await ownProcess(this, { DATABASE_POOL_SIZE: '20', DATABASE_POOL_WARM: '20' });
  if (skipped) return skipped;
  // A fresh process compiles its hot paths on first use; a platform in service has long done so.
  const warmer = this.session('Warmup');
  await ensureSignedIn(warmer);
  const workload = { provider: 'openai', model: 'gpt-4o', monthly_requests: 1000, avg_input_tokens: 100, avg_output_tokens: 50 };
  for (let i = 0; i < runs; i++) await completedResult(await startAgent(warmer, 'cost_optimizer', { user_request: costQuestion(workload), context: { workload } }), this.target.runDeadlineMs);
  return undefined;
});

Given('the platform runs in a process of its own, allowing {int} messages a minute per customer', async function (this: ApexWorld, limit: number) {
  return ownProcess(this, { WS_RATE_LIMIT_PER_MINUTE: String(limit) });
});

async function ownProcess(world: ApexWorld, overrides: NodeJS.ProcessEnv): Promise<'skipped' | undefined> {
  const instance = await startPlatformServer(overrides);
  if (!instance) return world.skip('this starts the reference platform as a separate process; a remote target already is one.');
  world.keepInstance(instance);
  world.moveEveryoneTo(instance);
  await diagnostics(world, '?reset_peak=1');
  return undefined;
}

Then("the customers' load figures are in the report", async function (this: ApexWorld) {
  const runs = crowdRuns(this);
  await Promise.allSettled(runs.map((r) => r.finished(this.target.runDeadlineMs)));
  const figures: LoadFigures = loadFiguresOf(runs);
  if (this.activeInstance) figures.platform_peak_rss_mb = Math.round((await diagnostics(this)).peak_rss / 1024 / 1024);
  this.remember('loadFigures', figures);
  this.evidence(loadFiguresHtml(`${runs.length} runs at once`, figures), 'text/html');
  this.evidence({ ...figures });
});

Then("the customers' first updates arrived within {int} ms at the 95th percentile", function (this: ApexWorld, ms: number) {
  expectFirstUpdatesWithin(this, this.recall('loadFigures'), ms);
});

Then("every customer's run completed within {int} seconds", function (this: ApexWorld, seconds: number) {
  expectEveryRunCompletedWithin(this, this.recall('loadFigures'), seconds);
});

When('{user} asks the {agent} about {workload} {int} times to warm the platform up', async function (this: ApexWorld, user: string, agent: string, workload: Workload, times: number) {
  const session = this.session(user);
  for (let i = 0; i < times; i++) await completedResult(await startAgent(session, agent, { user_request: costQuestion(workload), context: { workload } }), this.target.runDeadlineMs);
  const before = await diagnostics(this, '?gc=1');
  expectCollected(before);
  this.remember('heapBaseline', before.heap_used);
});

Then("the platform's memory after a full collection has grown by less than {int}%", async function (this: ApexWorld, percent: number) {
  const after = await diagnostics(this, '?gc=1');
  expectHeapGrowthBelow(this, this.recall('heapBaseline'), after.heap_used, percent);
});
