import { spawn } from 'node:child_process';
import { loadConfiguration } from '@cucumber/cucumber/api';
import { readFileSync } from 'node:fs';
import { REPORTS, reportCounts, summarise } from './lib/reports';
import { prepareRun } from './lib/prepare-run';
import { ms, readEnvelopes, readOutcomes, readStated } from './lib/messages';
import { coverageOf, journeySummary, readCatalogue } from './lib/journeys';
import { readRunConfiguration } from './lib/run-configuration';
import { configFromEnv } from '../platform/server/config';
import { startPlatform } from '../platform/server/platform';
import { AuthClient } from '../support/clients/auth-client';
import { AgentSocket } from '../support/clients/agent-socket';
import { TERMINAL_EVENTS } from '../support/agent-run';
import { latencySummary } from '../support/expectations/realtime';

/**
 * `npm run bench`: the suite's own speed, measured rather than asserted.
 * - start-up: from `npm run specs` being launched to the first scenario starting;
 * - per-scenario overhead: a scenario's wall time minus the time its steps took, i.e. what
 *   the World, hooks, evidence and clean-up add (agents at AGENT_TIME_SCALE=0, one worker);
 * - scenario wall time at AGENT_TIME_SCALE=0, an upper bound on overhead plus platform work.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Tagged subsets timed as CI runs them (the default profile and its workers). */
const SUBSETS = (process.env.BENCH_SUBSETS ?? '@auth,@agents,not @load').split(',');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ launchedAt: number }> {
  const launchedAt = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'specs', '--', ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
    child.on('exit', (code) => (code === 0 ? resolve({ launchedAt }) : reject(new Error(`npm run specs ${args.join(' ')} exited ${code}`))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function messages(): any[] {
  return readEnvelopes(`${REPORTS}/messages.ndjson`);
}

/** How fast one run streams when the agents' deliberate delays are zero: events per second, per agent. */
async function streamingRate(): Promise<string[]> {
  const prepared = await prepareRun();
  const platform = await startPlatform(configFromEnv({ ...prepared.env, ENVIRONMENT: 'test', AUTH_PORT: '0', BACKEND_PORT: '0', AGENT_TIME_SCALE: '0' }));
  const lines: string[] = [];
  try {
    const auth = new AuthClient(platform.authUrl);
    const signedIn = await auth.register({ email: `bench.${Date.now()}@apex-specs.test`, password: 'bench-password-1' });
    const socket = await AgentSocket.open(platform.wsUrl, signedIn.body.access_token);
    await socket.waitFor('the welcome', (f) => f.type === 'system_message', 5000);
    const workload = { provider: 'openai', model: 'gpt-4o', monthly_requests: 2_000_000, avg_input_tokens: 1000, avg_output_tokens: 500 };
    for (const agent of ['cost_optimizer', 'supervisor']) {
      const rates: number[] = [];
      let events = 0;
      for (let i = 0; i < 20; i++) {
        const requestId = `bench-${agent}-${i}`;
        const from = socket.frames.length;
        socket.send('start_agent', { user_request: 'bench', agent, request_id: requestId, context: { workload } });
        await socket.waitFor('the end of the run', (f) => TERMINAL_EVENTS.includes(f.type) && f.data?.request_id === requestId, 10_000, from);
        const mine = socket.frames.slice(from).filter((f) => f.frame.data?.request_id === requestId);
        events = mine.length;
        rates.push((mine.length - 1) / Math.max(0.001, (mine[mine.length - 1].at - mine[0].at) / 1000));
      }
      lines.push(`streaming at AGENT_TIME_SCALE=0, ${agent}: ${events} events per run, median ${median(rates).toFixed(0)} events/s over 20 runs`);
    }
    await socket.close();
  } finally {
    await platform.stop();
    await prepared.stop();
  }
  return lines;
}

/** First-event latency when five users ask at the same moment, twenty times over (AGENT_TIME_SCALE=0.01). */
async function concurrentFirstEvent(users = 5, rounds = 20): Promise<string> {
  const prepared = await prepareRun();
  const platform = await startPlatform(configFromEnv({ ...prepared.env, ENVIRONMENT: 'test', AUTH_PORT: '0', BACKEND_PORT: '0', AGENT_TIME_SCALE: '0.01' }));
  try {
    const auth = new AuthClient(platform.authUrl);
    const sockets = await Promise.all(Array.from({ length: users }, async (_, i) => {
      const signedIn = await auth.register({ email: `bench.${i}.${Date.now()}@apex-specs.test`, password: 'bench-password-1' });
      const socket = await AgentSocket.open(platform.wsUrl, signedIn.body.access_token);
      await socket.waitFor('the welcome', (f) => f.type === 'system_message', 5000);
      return socket;
    }));
    const workload = { provider: 'openai', model: 'gpt-4o', monthly_requests: 2_000_000, avg_input_tokens: 1000, avg_output_tokens: 500 };
    const firstEvents: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await Promise.all(sockets.map(async (socket, i) => {
        const requestId = `bench-${round}-${i}`;
        const from = socket.frames.length;
        const sentAt = Date.now();
        socket.send('start_agent', { user_request: 'bench', agent: 'cost_optimizer', request_id: requestId, context: { workload } });
        const first = await socket.waitFor('the first event', (f) => f.data?.request_id === requestId, 10_000, from);
        firstEvents.push(first.at - sentAt);
        await socket.waitFor('the end', (f) => TERMINAL_EVENTS.includes(f.type) && f.data?.request_id === requestId, 10_000, from);
      }));
    }
    await Promise.all(sockets.map((s) => s.close()));
    const latency = latencySummary(firstEvents);
    return `first-event latency, ${users} users at once x ${rounds} rounds: p50 ${latency.p50} ms, p95 ${latency.p95} ms, max ${latency.max} ms`;
  } finally {
    await platform.stop();
    await prepared.stop();
  }
}

async function timed(args: string[]): Promise<number> {
  const { launchedAt } = await run(args, {});
  return Date.now() - launchedAt;
}

async function npmTest(): Promise<number> {
  const started = Date.now();
  await new Promise<void>((resolve, reject) => spawn('npm', ['test', '--silent'], { stdio: 'ignore' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm test exited ${code}`)))));
  return Date.now() - started;
}

/** What a run's reports say, in the counts a reviewer and CI read: scenarios, journeys, JUnit. */
function reportedCounts(): string {
  const scenarios = summarise(`${REPORTS}/messages.ndjson`).line.replace(/ in [\d.]+ s$/, '');
  const journeys = journeySummary(coverageOf(readCatalogue(), readOutcomes(`${REPORTS}/messages.ndjson`)!.scenarios, readStated(`${REPORTS}/messages.ndjson`), readRunConfiguration()?.tags ?? ''));
  const suite = /<testsuite [^>]*>/.exec(readFileSync(`${REPORTS}/junit.xml`, 'utf8'))?.[0] ?? '';
  const junit = ['tests', 'skipped', 'failures', 'errors'].map((a) => `${a} ${new RegExp(`${a}="(\\d+)"`).exec(suite)?.[1]}`).join(', ');
  const report = reportCounts();
  return `${scenarios}; ${journeys}; JUnit ${junit}; report ${report.features} features, ${report.scenarios} scenarios`;
}

/**
 * Two shards, run one after the other as two CI machines would run them, gathered under
 * reports/shards/ as documented and merged by `npm run report`, say what one whole run says.
 */
async function shards(): Promise<string[]> {
  await run([], {});
  const whole = reportedCounts();
  for (const shard of ['1/2', '2/2']) await run(['--shard', shard], {});
  await new Promise<void>((resolve, reject) => spawn('npm', ['run', '--silent', 'report'], { stdio: 'ignore' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`npm run report exited ${code}`)))));
  const merged = reportedCounts();
  return [
    `one run:           ${whole}`,
    `2 shards, merged:  ${merged}`,
    `shards merged ${merged === whole ? 'to the same counts as one run' : 'to DIFFERENT counts from one run'}`,
  ];
}

async function main(): Promise<void> {
  const startups: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const { launchedAt } = await run(['--tags', '@AUTH-01', '--parallel', '0'], {});
    const first = messages().find((e) => e.testCaseStarted);
    startups.push(ms(first.testCaseStarted.timestamp) - launchedAt);
  }

  const overheads: number[] = [];
  const walls: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    await run(['--tags', '@smoke', '--parallel', '0'], { AGENT_TIME_SCALE: '0' });
    const envelopes = messages();
    const hookSteps = new Set<string>();
    for (const e of envelopes) if (e.testCase) for (const s of e.testCase.testSteps) if (s.hookId) hookSteps.add(s.id);
    const byCase = new Map<string, { start: number; end: number; steps: number }>();
    for (const e of envelopes) {
      if (e.testCaseStarted) byCase.set(e.testCaseStarted.id, { start: ms(e.testCaseStarted.timestamp), end: 0, steps: 0 });
      if (e.testStepFinished && !hookSteps.has(e.testStepFinished.testStepId)) byCase.get(e.testStepFinished.testCaseStartedId)!.steps += ms(e.testStepFinished.testStepResult.duration);
      if (e.testCaseFinished) byCase.get(e.testCaseFinished.testCaseStartedId)!.end = ms(e.testCaseFinished.timestamp);
    }
    for (const c of byCase.values()) {
      walls.push(c.end - c.start);
      overheads.push(c.end - c.start - c.steps);
    }
  }

  const subsets: string[] = [];
  for (const tags of SUBSETS) {
    const { launchedAt } = await run(['--tags', tags], {});
    const wall = Date.now() - launchedAt;
    const scenarios = readOutcomes(`${REPORTS}/messages.ndjson`)!.scenarios.sort((a, b) => b.durationMs - a.durationMs);
    subsets.push(`subset "${tags}": ${scenarios.length} scenarios, ${(wall / 1000).toFixed(1)} s from launch to exit; slowest: "${scenarios[0]?.name}" ${scenarios[0]?.durationMs.toFixed(0)} ms`);
  }

  console.log(`start-up, npm run specs to first scenario: median ${median(startups).toFixed(0)} ms (${startups.map((x) => x.toFixed(0)).join(', ')}) [target ≤ 3000 ms]`);
  console.log(`per-scenario overhead (hooks, World, evidence, clean-up): median ${median(overheads).toFixed(1)} ms, max ${Math.max(...overheads).toFixed(1)} ms over ${overheads.length} scenarios [target ≤ 100 ms]`);
  console.log(`scenario wall time at AGENT_TIME_SCALE=0 (overhead + platform work): median ${median(walls).toFixed(1)} ms, max ${Math.max(...walls).toFixed(1)} ms`);
  subsets.forEach((line) => console.log(line));
  const one = await timed(['--parallel', '1']);
  const workers = (await loadConfiguration()).useConfiguration.parallel;
  const many = await timed([]);
  console.log(`default run (not @load), launch to exit: ${(many / 1000).toFixed(1)} s with its ${workers} workers, ${(one / 1000).toFixed(1)} s with 1: ${(one / many).toFixed(2)}x`);
  console.log(`npm test, launch to exit (every check and the whole specification): ${(await npmTest() / 1000).toFixed(1)} s [target < 60 s]`);
  (await shards()).forEach((line) => console.log(line));
  (await streamingRate()).forEach((line) => console.log(line));
  console.log(await concurrentFirstEvent());
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
