import type { PlatformConfig } from './config';
import type { Database } from '../store/database';
import type { Cache } from '../store/cache';

export type DependencyState = 'ok' | 'down';

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
  } catch {
    return 'down';
  }
}

/** The database is essential (down means unhealthy); every other dependency down means degraded. */
export async function healthReport(
  config: PlatformConfig,
  service: string,
  deps: { db: Database; cache: Cache },
  extraChecks: Record<string, () => Promise<DependencyState>> = {},
): Promise<HealthReport> {
  const names = Object.keys(extraChecks);
  const [database, redis, ...extra] = await Promise.all([
    databaseState(deps.db),
    deps.cache.ping().then((ok): DependencyState => (ok ? 'ok' : 'down')),
    ...names.map((name) => extraChecks[name]()),
  ]);
  const checks: Record<string, string> = { database, redis: deps.cache.kind === 'in-process' ? 'in-process' : redis };
  names.forEach((name, i) => (checks[name] = extra[i]));
  const status = database === 'down' ? 'unhealthy' : Object.values(checks).includes('down') ? 'degraded' : 'healthy';
  return { status, service, version: config.version, environment: config.environment, checks };
}
