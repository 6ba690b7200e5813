import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASSWORD_SHAPE, TOKEN_SHAPE } from '../../support/redact';
import { PreparedRun } from './prepare-run';
import { REPORTS } from './reports';
import { behindTheRun, cucumber, filesUnder } from './cucumber-process';
import { spawnPlatform } from '../../support/platform-process';
import { readOutcomes } from './messages';
import { stepCatalogue } from './step-catalogue';
import { explainUndefined } from './undefined-steps';
import { readCatalogue } from './journeys';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  /** Did not run here, for the reason in detail: not a failure, but not a pass either. */
  skipped?: boolean;
}

/** `tsc --noEmit` under strict: the run itself only transpiles, so types are checked here once. */
export function typecheck(): Promise<CheckResult> {
  return new Promise((resolve) => {
    const tsc = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
    // TypeScript's incremental mode re-checks only what changed since the last npm test on this
    // checkout (a clean clone checks everything, as before); its record is kept beside the installed packages.
    const record = join('node_modules', '.cache', 'apex-specs', 'tsconfig.tsbuildinfo');
    const child = behindTheRun(spawn(process.execPath, [tsc, '--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', record], { stdio: ['ignore', 'pipe', 'inherit'] }));
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      if (code !== 0) process.stdout.write(output);
      resolve({ name: 'typecheck', ok: code === 0, detail: code === 0 ? 'clean under strict' : `${output.split('\n').filter((l) => l.includes('error TS')).length} type errors` });
    });
  });
}

/** The suite's own tooling (test/unit): parsing, run bookkeeping, message reading, configuration, schema checks, the shard merge, journeys, redaction. */
export function unitCheck(): Promise<CheckResult> {
  return new Promise((resolve) => {
    const child = behindTheRun(spawn(process.execPath, ['--require', 'ts-node/register', '--test', 'test/unit/all.ts'], { stdio: ['ignore', 'pipe', 'inherit'] }));
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => {
      const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
      if (code !== 0) process.stdout.write(output.split('\n').filter((l) => /^not ok|^\s+(error|expected|actual|location):/.test(l)).join('\n') + '\n');
      resolve({ name: 'unit', ok: code === 0 && count('pass') > 0, detail: code === 0 ? `${count('pass')} tests of the suite's own tooling pass (npm run unit)` : `${count('fail')} of ${count('tests')} tests of the suite's own tooling failed (npm run unit)` });
    });
  });
}

/**
 * Every step of every feature has exactly one definition. Cucumber's dry run exits 0 on undefined
 * steps, so its message stream is read instead, and each missing step is shown with its snippet.
 */
export async function stepsCheck(env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const code = await cucumber(['--profile', 'steps'], env, true, true);
  const outcome = readOutcomes(`${REPORTS}/steps/messages.ndjson`);
  if (!outcome) return { name: 'steps', ok: false, detail: `the dry run wrote no messages (exit ${code})` };
  const problems: string[] = [];
  const catalogue = stepCatalogue(`${REPORTS}/steps/messages.ndjson`);
  for (const scenario of outcome.scenarios) {
    for (const step of scenario.undefinedSteps) {
      const help = explainUndefined(step.text, `${REPORTS}/steps/messages.ndjson`);
      problems.push(`Undefined step in ${scenario.uri} (${scenario.name}): "${step.text}"\n${help}\n  Or define it in step-definitions/, for example:\n${(step.snippet ?? '').replace(/^/gm, '    ')}`);
    }
    for (const step of scenario.ambiguousSteps) problems.push(`Ambiguous step in ${scenario.uri} (${scenario.name}): ${step}`);
  }
  // Reports, shards and the journey page know a scenario by its feature and name.
  const seen = new Set<string>();
  for (const scenario of outcome.scenarios) {
    const id = `${scenario.uri}: ${scenario.name}`;
    if (seen.has(id)) problems.push(`Two scenarios in ${scenario.uri} are both called "${scenario.name}": give each its own name (in an outline, put a <column> in the name).`);
    seen.add(id);
  }
  // A journey tag that is not in the catalogue is a typo, or a journey nobody wrote down.
  const journeys = new Set(readCatalogue().map((j) => `@${j.id}`));
  for (const [tag, uri] of new Map(outcome.scenarios.flatMap((s) => s.tags.filter((t) => /^@[A-Z]+-\d+$/.test(t) && !journeys.has(t)).map((t) => [t, s.uri] as const)))) {
    problems.push(`${uri} is tagged ${tag}, which is not a journey of docs/journeys.md: correct the tag, or add the journey there.`);
  }
  for (const unused of catalogue.filter((entry) => entry.examples.length === 0)) {
    problems.push(`No feature uses the step "${unused.pattern}" (${unused.file}:${unused.line}): use it in a scenario or remove it.`);
  }
  problems.forEach((p) => console.error(p));
  const steps = outcome.scenarios.length;
  return problems.length || code !== 0
    ? { name: 'steps', ok: false, detail: `${problems.length} problem(s): undefined, ambiguous or unused steps, or unknown journey tags${code !== 0 ? `, dry run exit ${code}` : ''}` }
    : { name: 'steps', ok: true, detail: `every step of all ${steps} scenarios (the dry run includes those the default run leaves out) has one definition, and every definition is used` };
}

/**
 * Proves the specification bites: the @smoke cost journeys (@AGENT-01) against a platform that
 * drops agent_thinking must fail, and say that agent_thinking is what went missing. (The smoke
 * rows are enough to prove it; npm run mutation measures how much the whole specification bites.)
 */
export async function biteCheck(env: NodeJS.ProcessEnv): Promise<CheckResult> {
  const fault = { fault: 'drop_event', target: 'agent_thinking' };
  await cucumber(['--profile', 'bite', '--tags', '@AGENT-01 and @smoke'], { ...env, APEX_FAULTS: JSON.stringify([fault]), APEX_REPORTS_DIR: `${REPORTS}/bite` }, true);
  const outcome = readOutcomes(`${REPORTS}/bite/messages.ndjson`);
  const scenarios = outcome?.scenarios ?? [];
  const caught = scenarios.filter((s) => s.status === 'FAILED' && s.errors.some((e) => e.includes('agent_thinking')));
  const ok = scenarios.length > 0 && caught.length === scenarios.length;
  const example = caught[0]?.errors.find((e) => e.includes('agent_thinking'))?.split('\n')[0];
  return {
    name: 'bite',
    ok,
    detail: ok
      ? `with agent_thinking dropped, all ${scenarios.length} @AGENT-01 @smoke scenarios failed, e.g. "${example}"`
      : `with agent_thinking dropped, ${caught.length} of ${scenarios.length} @AGENT-01 @smoke scenarios failed naming agent_thinking; the rest: ${scenarios.filter((s) => !caught.includes(s)).map((s) => `${s.name} (${s.status})`).join(', ') || 'none ran'}`,
  };
}

export function findSecrets(text: string, secrets: string[]): string[] {
  const found: string[] = [];
  if (text.match(TOKEN_SHAPE)) found.push('a token');
  if (text.match(PASSWORD_SHAPE)) found.push('a password');
  if (secrets.some((s) => text.includes(s))) found.push('a configured secret');
  return found;
}

/** No report or log under reports/ holds a token, a password or a key. */
export function redactionCheck(secrets: string[]): CheckResult {
  // The check must itself be able to fail: make sure it sees a planted token before trusting a clean result.
  const planted = `x eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ apex-pw-0123456789abcdef`;
  if (findSecrets(planted, secrets).length !== 2) return { name: 'redaction', ok: false, detail: 'the scanner missed a planted token or password' };
  const leaks: string[] = [];
  const files = filesUnder(REPORTS).filter((f) => !/\.(png|jpe?g|gif|woff2?|ttf|eot|ico)$/.test(f));
  for (const file of files) {
    const found = findSecrets(readFileSync(file, 'utf8'), secrets);
    if (found.length) leaks.push(`${file} contains ${found.join(' and ')}`);
  }
  leaks.forEach((leak) => console.error(`Secret in report: ${leak}`));
  return leaks.length
    ? { name: 'redaction', ok: false, detail: `${leaks.length} report file(s) hold secrets` }
    : { name: 'redaction', ok: true, detail: `${files.length} report files hold no token, password or key` };
}

/** Where a run against a platform of its own process goes, and at what pace that platform works. */
export interface RemoteRun {
  /** Cucumber's arguments: a profile whose message stream lands in its own folder, and tags. */
  args: string[];
  reportsDir: string;
  /** AGENT_TIME_SCALE of the platform: 0.01 is the suite's test pace, 1 the realistic one. */
  timeScale: number;
  quiet?: boolean;
  /** Start a second instance on the same stores, given by its direct addresses (APEX_SECOND_*), as behind a load balancer. */
  secondInstance?: boolean;
}

/**
 * Runs scenarios against the reference platform started as a process of its own, with the
 * settings a deployment has (its own breaker cool-down and heartbeat), addressed only by APEX_*
 * settings as a remote target is. Resolves with cucumber's exit code.
 */
export async function runAgainstPlatformProcess(prepared: PreparedRun, run: RemoteRun): Promise<number> {
  const env = prepared.env;
  const settings = { ...env, ENVIRONMENT: 'test', AGENT_TIME_SCALE: String(run.timeScale), PASSWORD_HASH_COST: '1024', DATABASE_SYNCHRONOUS_COMMIT: 'off' };
  const [platform, second] = await Promise.all([spawnPlatform(settings), run.secondInstance ? spawnPlatform(settings) : undefined]);
  try {
    return await cucumber(run.args, {
      ...env,
      APEX_AUTH_URL: platform.authUrl,
      APEX_API_URL: platform.apiUrl,
      APEX_WS_URL: platform.wsUrl,
      ...(second ? { APEX_SECOND_API_URL: second.apiUrl, APEX_SECOND_WS_URL: second.wsUrl } : {}),
      APEX_DATABASE_URL: env.DATABASE_URL,
      ...(env.REDIS_URL && env.REDIS_URL !== 'memory:' ? { APEX_REDIS_URL: env.REDIS_URL } : {}),
      APEX_JWT_SECRET: env.JWT_SECRET_KEY,
      APEX_SERVICE_SECRET: env.SERVICE_SECRET,
      APEX_E2E_BYPASS_KEY: env.E2E_OAUTH_SIMULATION_KEY,
      APEX_REPORTS_DIR: run.reportsDir,
    }, run.quiet);
  } finally {
    await Promise.all([platform.stop(), second?.stop()]);
  }
}

/**
 * Pointing the suite at a deployment works: the reference platform is started as a process of
 * its own, and the @smoke journeys run against it through APEX_* settings alone, as against a
 * remote target. (`npm run remote-check` runs the whole default profile so.)
 */
export async function remoteCheck(prepared: PreparedRun): Promise<CheckResult> {
  const code = await runAgainstPlatformProcess(prepared, { args: ['--profile', 'remote', '--tags', '@smoke'], reportsDir: `${REPORTS}/remote`, timeScale: 0.01, quiet: true });
  const scenarios = readOutcomes(`${REPORTS}/remote/messages.ndjson`)?.scenarios ?? [];
  const passed = scenarios.filter((s) => s.status === 'PASSED').length;
  const ok = code === 0 && scenarios.length > 0 && passed === scenarios.length;
  return {
    name: 'remote',
    ok,
    detail: ok
      ? `the @smoke journeys pass against the platform as a separate process, addressed only by APEX_* settings (${passed} scenarios)`
      : `against the platform as a separate process, ${passed} of ${scenarios.length} @smoke scenarios passed: ${scenarios.filter((s) => s.status !== 'PASSED').map((s) => `${s.name}: ${s.errors[0]?.split('\n')[0] ?? s.status}`).join('; ')}`,
  };
}
