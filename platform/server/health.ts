import type { PlatformConfig } from './config';
import type { Database } from '../store/database';
import type { Cache } from '../store/cache';
import { DatabaseBusy } from '../store/database';
import type { Readiness } from './readiness';

/** `busy`: the database answers, but had no connection to spare within its queue timeout. */
export type DependencyState = 'ok' | 'down' | 'busy';
/** A dependency that answers but refuses this service, in a sentence naming what it refused. */
export type Refusal = `refused: ${string}`;

export interface HealthReport {
  status: 'healthy' | 'degraded' | 'unhealthy';
  service: string;
  version: string;
  environment: string;
  checks: Record<string, DependencyState | string>;
  [extra: string]: unknown;
}

async function databaseState(db: Database): Promise<DependencyState> {
  try {
    await db.query('SELECT 1');
    return 'ok';
  } catch (error) {
    return error instanceof DatabaseBusy ? 'busy' : 'down';
  }
}

/**
 * The database is essential (down means unhealthy), and so is start-up (incomplete means unhealthy);
 * every other dependency down, or a database without a connection to spare, means degraded.
 * A dependency that refuses this service is unhealthy too: nothing works until an operator fixes
 * the setting the refusal names, so the health must say so rather than look merely degraded.
 */
export async function healthReport(
  config: PlatformConfig,
  service: string,
  deps: { db: Database; cache: Cache; readiness?: Readiness },
  extraChecks: Record<string, () => Promise<DependencyState | Refusal>> = {},
): Promise<HealthReport> {
  const names = Object.keys(extraChecks);
  const [database, redis, ...extra] = await Promise.all([
    databaseState(deps.db),
    deps.cache.ping().then((ok): DependencyState => (ok ? 'ok' : 'down')),
    ...names.map((name) => extraChecks[name]()),
  ]);
  const checks: Record<string, string> = { database, redis: deps.cache.kind === 'in-process' ? 'in-process' : redis };
  names.forEach((name, i) => (checks[name] = extra[i]));
  if (deps.readiness && !deps.readiness.ready()) checks.startup = 'incomplete';
  const values = Object.values(checks);
  const refused = values.some((state) => state.startsWith('refused:'));
  const status = database === 'down' || refused || checks.startup ? 'unhealthy' : values.includes('down') || values.includes('busy') ? 'degraded' : 'healthy';
  return { status, service, version: config.version, environment: config.environment, checks };
}
