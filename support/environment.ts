import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { configFromEnv } from '../platform/server/config';
import { startPlatform, RunningPlatform } from '../platform/server/platform';
import { registerSecret } from './redact';
import { InstanceAddresses, SuiteConfigError, readHealth, targetConfigFromEnv } from './target';
import { PlatformProcess, launchPlatform, spawnPlatform } from './platform-process';
import { tapPlatformLog } from './platform-log';
import { FRONT_END_ADDRESS } from './deployment';
import { DEADLINES } from './deadlines';

/** Everything a scenario needs to know about the deployment under test. */
/** The reference platform's default password hash cost (scrypt N), as a deployment runs it. */
export const PRODUCTION_PASSWORD_HASH_COST = 16384;

export interface Target {
  kind: 'reference' | 'remote';
  authUrl: string;
  apiUrl: string;
  wsUrl: string;
  version: string;
  environment: string;
  llm: string;
  /** Known only for the reference platform, or when a remote target's operator provides them. */
  secrets: { jwt?: string; service?: string; e2eBypassKey?: string };
  /** Where the probes look; undefined means probe steps are skipped. */
  databaseUrl?: string;
  redisUrl?: string;
  /** How long a run may take to end: APEX_RUN_DEADLINE_SECONDS, or what the target's time scale needs. */
  runDeadlineMs: number;
  timing: TargetTiming;
  /** A remote deployment's other instance, by its direct addresses (APEX_SECOND_*), where one is given. */
  secondInstance?: InstanceAddresses;
  /** The platform's log, where the suite can read it: the reference platform's, in this process. */
  log?: () => string;
}

/**
 * The target's own pace, which every deadline that waits for the platform's time (a run, a
 * breaker's cool-down, a heartbeat) follows: a staging deployment runs at the realistic time
 * scale with a cool-down of its own, and a deadline fixed for the test scale would be wrong there.
 */
export interface TargetTiming {
  agentTimeScale: number;
  breakerCooldownMs: number;
  heartbeatIntervalMs: number;
  /** Where the figures came from, as the report says it. */
  source: string;
}

/** The contract's defaults: a realistic pace (section 1), a 30 s breaker cool-down and heartbeat. */
const CONTRACT_TIMING = { agentTimeScale: 1, breakerCooldownMs: 30_000, heartbeatIntervalMs: 30_000 };

/**
 * A remote target's timing: what its health publishes, else the APEX_* settings that state it,
 * else the contract's defaults.
 */
function remoteTiming(published: { agent_time_scale?: number; breaker_cooldown_ms?: number; heartbeat_interval_ms?: number } | undefined): TargetTiming {
  if (published?.agent_time_scale !== undefined && published.breaker_cooldown_ms !== undefined && published.heartbeat_interval_ms !== undefined) {
    return { agentTimeScale: published.agent_time_scale, breakerCooldownMs: published.breaker_cooldown_ms, heartbeatIntervalMs: published.heartbeat_interval_ms, source: "the target's /health" };
  }
  const setting = (name: string, fallback: number) => {
    const raw = process.env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new SuiteConfigError(`${name} is "${raw}": set it to a number of zero or more, as the target is configured.`);
    return value;
  };
  const given = ['APEX_AGENT_TIME_SCALE', 'APEX_BREAKER_COOLDOWN_MS', 'APEX_HEARTBEAT_INTERVAL_MS'].filter((name) => process.env[name]);
  return {
    agentTimeScale: setting('APEX_AGENT_TIME_SCALE', CONTRACT_TIMING.agentTimeScale),
    breakerCooldownMs: setting('APEX_BREAKER_COOLDOWN_MS', CONTRACT_TIMING.breakerCooldownMs),
    heartbeatIntervalMs: setting('APEX_HEARTBEAT_INTERVAL_MS', CONTRACT_TIMING.heartbeatIntervalMs),
    source: given.length ? `${given.join(', ')}, and the contract's defaults for the rest` : "the contract's defaults (the target publishes no timing)",
  };
}

/** A run's deliberate work takes at most about 180 s at the realistic pace (a deep analysis's ten stages); 30 s more covers the rest. */
function runDeadlineFor(timing: TargetTiming): number {
  return deadlineMs(30 + 180 * timing.agentTimeScale);
}

let target: Target | undefined;
let platform: RunningPlatform | undefined;
let referenceEnv: NodeJS.ProcessEnv | undefined;

export function currentTarget(): Target {
  if (!target) throw new Error('The target is not up: the BeforeAll hook in support/hooks.ts brings it up.');
  return target;
}

function deadlineMs(fallbackSeconds: number): number {
  const raw = process.env.APEX_RUN_DEADLINE_SECONDS;
  const seconds = raw ? Number(raw) : fallbackSeconds;
  if (!Number.isFinite(seconds) || seconds <= 0) throw new SuiteConfigError(`APEX_RUN_DEADLINE_SECONDS is "${raw}": set it to a number of seconds above zero.`);
  return seconds * 1000;
}

/**
 * Starts this worker's own reference platform (so faults a scenario injects stay inside its
 * worker) or connects to the configured deployment. Services were resolved once by the runner
 * and arrive as DATABASE_URL / REDIS_URL.
 */
export async function bringUpTarget(): Promise<Target> {
  const config = targetConfigFromEnv();
  if (config.kind === 'remote') {
    const [auth, backend] = await Promise.all([readHealth('auth service', config.authUrl), readHealth('backend', config.apiUrl)]);
    const timing = remoteTiming(backend.capabilities?.timing);
    target = {
      ...config,
      version: backend.version ?? auth.version ?? 'unknown',
      environment: backend.environment ?? 'unknown',
      llm: backend.capabilities?.llm ?? 'unknown',
      secrets: { jwt: process.env.APEX_JWT_SECRET, service: process.env.APEX_SERVICE_SECRET, e2eBypassKey: process.env.APEX_E2E_BYPASS_KEY },
      databaseUrl: process.env.APEX_DATABASE_URL,
      redisUrl: process.env.APEX_REDIS_URL,
      runDeadlineMs: runDeadlineFor(timing),
      timing,
    };
  } else {
    const secrets = {
      jwt: process.env.JWT_SECRET_KEY || randomBytes(32).toString('base64url'),
      service: process.env.SERVICE_SECRET || randomBytes(24).toString('base64url'),
      e2eBypassKey: process.env.E2E_OAUTH_SIMULATION_KEY || randomBytes(24).toString('base64url'),
    };
    referenceEnv = {
      ...process.env,
      ENVIRONMENT: 'test',
      AUTH_PORT: '0',
      BACKEND_PORT: '0',
      AGENT_TIME_SCALE: process.env.AGENT_TIME_SCALE ?? '0.01',
      // A run that hangs ends with AGENT_TIMEOUT after 2 s at this pace, instead of holding its
      // scenario to the run deadline; a healthy run is never silent here for more than a broken
      // tool's 300 ms.
      AGENT_TIMEOUT_SECONDS: process.env.AGENT_TIMEOUT_SECONDS ?? '200',
      // Short enough for a scenario to see a breaker recover, long enough to see it open.
      BREAKER_COOLDOWN_MS: process.env.BREAKER_COOLDOWN_MS ?? '1000',
      // A crashed instance's runs are ended once its lease lapses: soon enough for a scenario to
      // wait for, long enough that a busy machine never makes a living instance look dead.
      INSTANCE_LEASE_SECONDS: process.env.INSTANCE_LEASE_SECONDS ?? '3',
      // Still memory-hard (1 MiB a hash), at a sixteenth of the production cost: scenarios sign up a
      // lot, and the one that compares timings asks for production's cost.
      PASSWORD_HASH_COST: process.env.PASSWORD_HASH_COST ?? '1024',
      // A run of the suite starts some twenty platforms on one PostgreSQL (100 connections by
      // default); eight connections each serve every scenario and keep the whole run under that.
      DATABASE_POOL_SIZE: process.env.DATABASE_POOL_SIZE ?? '8',
      // Every event is a commit; waiting for the disk on each one is most of a run's time here.
      DATABASE_SYNCHRONOUS_COMMIT: process.env.DATABASE_SYNCHRONOUS_COMMIT ?? 'off',
      // A front end at an address of its own, as a deployment's is: the cross-origin journeys take
      // its origin, and the look-alikes of it, from what the platform names.
      FRONTEND_URL: process.env.FRONTEND_URL ?? FRONT_END_ADDRESS,
      JWT_SECRET_KEY: secrets.jwt,
      SERVICE_SECRET: secrets.service,
      E2E_OAUTH_SIMULATION_KEY: secrets.e2eBypassKey,
    };
    const platformConfig = configFromEnv(referenceEnv);
    const log = tapPlatformLog();
    platform = await startPlatform(platformConfig);
    const timing = { agentTimeScale: platformConfig.agentTimeScale, breakerCooldownMs: platformConfig.breakerCooldownMs, heartbeatIntervalMs: platformConfig.heartbeatMs, source: "the reference platform's settings" };
    target = {
      kind: 'reference',
      authUrl: platform.authUrl,
      apiUrl: platform.apiUrl,
      wsUrl: platform.wsUrl,
      version: platform.version,
      environment: platformConfig.environment,
      llm: 'deterministic',
      secrets,
      databaseUrl: platformConfig.databaseUrl,
      redisUrl: platformConfig.redisUrl === 'memory:' ? undefined : platformConfig.redisUrl,
      runDeadlineMs: runDeadlineFor(timing),
      timing,
      log,
    };
  }
  Object.values(target.secrets).forEach(registerSecret);
  await injectConfiguredFaults(target);
  describeTargetForReport(target);
  return target;
}

/** APEX_FAULTS (a JSON list of the contract's fault specs) breaks the target on purpose: the bite check uses it. */
async function injectConfiguredFaults(t: Target): Promise<void> {
  const raw = process.env.APEX_FAULTS;
  if (!raw) return;
  let faults: unknown[];
  try {
    faults = JSON.parse(raw);
    if (!Array.isArray(faults)) throw new Error('not a list');
  } catch {
    throw new SuiteConfigError(`APEX_FAULTS is not a JSON list of faults: write it like [{"fault":"drop_event","target":"agent_thinking"}].`);
  }
  for (const fault of faults) {
    const response = await fetch(`${t.apiUrl}/__faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-service-secret': t.secrets.service ?? '' },
      body: JSON.stringify(fault),
    });
    if (response.status !== 201) throw new SuiteConfigError(`The target refused the fault ${JSON.stringify(fault)} (${response.status}): fault injection needs the reference platform or APEX_SERVICE_SECRET.`);
  }
}

/** The report's metadata names the target; every worker writes the same facts, so the last write wins safely. */
function describeTargetForReport(t: Target): void {
  const dir = process.env.APEX_REPORTS_DIR ?? 'reports';
  mkdirSync(dir, { recursive: true });
  const file = `${dir}/target.json`;
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify({ kind: t.kind, version: t.version, environment: t.environment, llm: t.llm, apiUrl: t.apiUrl, timing: t.timing }, null, 2));
  renameSync(temporary, file);
}

export interface Instance {
  authUrl: string;
  apiUrl: string;
  wsUrl: string;
  stop(): Promise<void>;
}

/**
 * Another instance of the reference platform beside the worker's own, sharing its PostgreSQL,
 * Redis and secrets unless a setting is overridden: how a scenario shows what holds across
 * instances, or what a differently configured instance does. Undefined against a remote target.
 */
export async function startExtraInstance(overrides: NodeJS.ProcessEnv = {}): Promise<Instance | undefined> {
  if (!referenceEnv) return undefined;
  const running = await startPlatform(configFromEnv({ ...referenceEnv, ...overrides }));
  return { authUrl: running.authUrl, apiUrl: running.apiUrl, wsUrl: running.wsUrl, stop: () => running.stop() };
}

/**
 * Starts the reference platform as its own process, as an operator would with `npm run platform`,
 * and reports how it ended: a refusal exits at once; a platform that comes up is stopped again.
 */
export async function startPlatformProcess(settings: NodeJS.ProcessEnv, withinMs: number = DEADLINES.processRefusal): Promise<{ started: boolean; exitCode: number | null; output: string }> {
  const launch = await launchPlatform(
    {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      APEX_PLATFORM_BUILD: process.env.APEX_PLATFORM_BUILD,
      DATABASE_URL: referenceEnv?.DATABASE_URL ?? process.env.DATABASE_URL,
      REDIS_URL: referenceEnv?.REDIS_URL ?? process.env.REDIS_URL,
      ...settings,
    },
    withinMs,
  );
  if (!launch.up) return { started: false, exitCode: launch.exitCode, output: launch.output };
  await launch.up.stop();
  return { started: true, exitCode: 0, output: launch.output };
}

/**
 * The reference platform in a process of its own (with --expose-gc), as the load journeys need
 * it: the load generator's work must not count as the platform's. Undefined against a remote target.
 */
export async function startPlatformServer(overrides: NodeJS.ProcessEnv = {}): Promise<PlatformProcess | undefined> {
  if (!referenceEnv) return undefined;
  return spawnPlatform({ ...referenceEnv, ...overrides });
}

export async function takeDownTarget(): Promise<void> {
  await platform?.stop();
  platform = undefined;
  target = undefined;
}
