import { randomBytes } from 'node:crypto';
import { ConfigError, configFromEnv } from './server/config';

// What the platform does with an error nobody caught, in one place: it is logged, loudly, and the
// platform carries on. Every request and socket message runs inside a handler that answers its
// own errors, so what reaches here escaped from a callback (a timer, a peer's event): a defect to
// fix from the log, never a reason to drop every other customer's work (contract section 8).
process.on('unhandledRejection', (reason) => {
  console.error(`Unhandled rejection (the platform carries on): ${reason instanceof Error ? reason.stack : String(reason)}`);
});
process.on('uncaughtException', (error) => {
  console.error(`Uncaught exception (the platform carries on): ${error.stack ?? String(error)}`);
});

/** `npm run platform`: the reference platform on its own, for people and for other clients. */
async function main(): Promise<void> {
  // A test platform started by hand is for a specification in another terminal, whose simulated
  // sign-ins need a bypass key: without one, a dozen of its scenarios would be skipped.
  if ((process.env.ENVIRONMENT ?? 'test') === 'test' && !process.env.E2E_OAUTH_SIMULATION_KEY) process.env.E2E_OAUTH_SIMULATION_KEY = randomBytes(24).toString('base64url');
  const config = configFromEnv();
  // Loaded only once the configuration holds, so that a refusal to start is immediate.
  const { resolveServices } = require('./server/services') as typeof import('./server/services');
  const { startPlatform } = require('./server/platform') as typeof import('./server/platform');
  const services = await resolveServices({ databaseUrl: config.databaseUrl, redisUrl: config.redisUrl, ci: process.env.CI === 'true' });
  console.log(`PostgreSQL: ${services.description.postgres}`);
  console.log(`Redis: ${services.description.redis}`);
  const platform = await startPlatform({ ...config, databaseUrl: services.databaseUrl, redisUrl: services.redisUrl });
  console.log(`Apex reference platform ${platform.version} (${config.environment}) is up:`);
  console.log(`  auth     ${platform.authUrl}`);
  console.log(`  backend  ${platform.apiUrl}`);
  console.log(`  socket   ${platform.wsUrl}`);
  if (!process.env.JWT_SECRET_KEY) console.log('JWT_SECRET_KEY is not set: this test-only run signs tokens with a random secret.');
  // What the specification needs to judge this platform from another terminal, ready to paste.
  const settings: Record<string, string | undefined> = {
    APEX_AUTH_URL: platform.authUrl,
    APEX_API_URL: platform.apiUrl,
    APEX_WS_URL: platform.wsUrl,
    APEX_DATABASE_URL: services.databaseUrl,
    APEX_REDIS_URL: services.redisUrl.startsWith('memory:') ? undefined : services.redisUrl,
    APEX_JWT_SECRET: config.jwtSecret,
    APEX_SERVICE_SECRET: config.serviceSecret,
    APEX_E2E_BYPASS_KEY: config.e2eOAuthSimulationKey,
  };
  console.log('To run the specification against it, paste these into another terminal (they hold its secrets):');
  for (const [name, value] of Object.entries(settings)) if (value) console.log(`  export ${name}='${value}'`);
  console.log('  npm run specs                        # the whole default profile');
  console.log('  npm run specs -- --tags @smoke       # or only the quickest journeys');

  const shutdown = async () => {
    await platform.stop();
    await services.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(`The platform could not start: ${(error as Error).message}`);
  }
  process.exit(1);
});
