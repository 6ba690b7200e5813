// What a run of the specification runs against, decided once before any worker starts.
import { randomBytes } from 'node:crypto';
import { ConfigError, DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL } from '../../platform/server/config';
import { resolveServices } from '../../platform/server/services';
import { SuiteConfigError, targetConfigFromEnv } from '../../support/target';
import { buildPlatform } from '../../support/platform-build';
import { preflight } from './preflight';

export interface PreparedRun {
  env: NodeJS.ProcessEnv;
  /** Printed once at the start: what the run uses. */
  description: string[];
  /** Values that must never appear in a report. */
  secrets: string[];
  stop(): Promise<void>;
}

/**
 * Decides once per run what the specification runs against, before any worker starts, so that a
 * bad configuration is one sentence and the fallbacks are chosen (and said) once.
 */
export async function prepareRun(base: NodeJS.ProcessEnv = process.env): Promise<PreparedRun> {
  const config = targetConfigFromEnv(base);
  if (config.kind === 'remote') {
    await preflight(config);
    const secrets = [base.APEX_JWT_SECRET, base.APEX_SERVICE_SECRET, base.APEX_E2E_BYPASS_KEY].filter((s): s is string => !!s);
    return {
      env: { ...base },
      description: [`Target: ${config.apiUrl} (auth ${config.authUrl}, socket ${config.wsUrl})`, `Probes: PostgreSQL ${base.APEX_DATABASE_URL ? 'configured' : 'not configured, database checks skipped'}, Redis ${base.APEX_REDIS_URL ? 'configured' : 'not configured, @redis scenarios skipped'}`],
      secrets,
      stop: async () => undefined,
    };
  }
  const services = await resolveServices({
    databaseUrl: base.DATABASE_URL || DEFAULT_DATABASE_URL,
    redisUrl: base.REDIS_URL || DEFAULT_REDIS_URL,
    ci: base.CI === 'true',
  });
  const secrets = {
    JWT_SECRET_KEY: randomBytes(32).toString('base64url'),
    SERVICE_SECRET: randomBytes(24).toString('base64url'),
    E2E_OAUTH_SIMULATION_KEY: randomBytes(24).toString('base64url'),
  };
  return {
    env: { ...base, ...secrets, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, APEX_SERVICES: JSON.stringify(services.description), APEX_PLATFORM_BUILD: buildPlatform('.apex/build') },
    description: [`Target: the reference platform, one per worker`, `PostgreSQL: ${services.description.postgres}`, `Redis: ${services.description.redis}`],
    secrets: Object.values(secrets),
    stop: () => services.stop(),
  };
}

/** Bad configuration is one plain sentence; anything else is a bug worth its stack. */
export function exitOnError(error: unknown): never {
  if (error instanceof SuiteConfigError || error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(2);
}
