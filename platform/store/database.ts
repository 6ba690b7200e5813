import { join } from 'node:path';
import { Client, Pool, PoolClient } from 'pg';
import runner from 'node-pg-migrate';

export type Database = Pool;

// Any fixed number: it only has to be the same for every instance of the platform.
const MIGRATION_LOCK_ID = 7_041_977;

/**
 * Applies pending migrations. Instances starting together queue on a blocking advisory lock,
 * so the second one finds the work done instead of failing on node-pg-migrate's try-lock.
 */
export async function migrate(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
    await runner({
      dbClient: client,
      dir: join(__dirname, 'migrations'),
      direction: 'up',
      migrationsTable: 'apex_migrations',
      noLock: true,
      log: () => undefined,
    });
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

export async function openDatabase(databaseUrl: string, pool: { size: number; warm: number; synchronousCommit?: boolean; statementTimeoutMs: number; queueTimeoutMs: number }): Promise<Database> {
  await migrate(databaseUrl);
  // Opening a connection costs more than a run's first commit, so connections stay open a while
  // and `warm` of them are opened up front, for customers who arrive together.
  // Without synchronous commit a commit is visible at once but reaches the disk a moment later: only
  // a crash of the database server itself could lose it. Test platforms take the speed.
  // Stryker disable next-line all: how fast a commit reaches the disk is not observable short of crashing the database server
  const options = pool.synchronousCommit === false ? '-c synchronous_commit=off' : undefined;
  // No request may wait on the database for ever: the server ends a statement that runs past
  // statement_timeout; the client gives up a moment later on a link that carries nothing back
  // (query_timeout), and on waiting for a connection, or opening one (connectionTimeoutMillis).
  const connections = new Pool({
    connectionString: databaseUrl,
    max: pool.size,
    idleTimeoutMillis: 30_000,
    options,
    statement_timeout: pool.statementTimeoutMs,
    query_timeout: pool.statementTimeoutMs + 500,
    connectionTimeoutMillis: pool.queueTimeoutMs,
  });
  // An idle client losing its server must not crash the process; the next query reports it.
  connections.on('error', () => undefined);
  // Stryker disable next-line all: how many connections are opened ahead changes only how soon the first customers are served
  const warm = await Promise.all(Array.from({ length: Math.min(pool.warm, pool.size) }, () => connections.connect()));
  warm.forEach((client) => client.release());
  return connections;
}

export async function inTransaction<T>(db: Database, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that timed out or dropped may still owe an answer: it is discarded, not reused.
    // Stryker disable next-line ConditionalExpression: equivalent, a connection that cannot answer fails the ROLLBACK below too and is discarded for that, while discarding one that can costs only a new connection
    if (databaseUnreachable(error)) broken = error as Error;
    // Stryker disable next-line ArrowFunction: equivalent, a ROLLBACK fails only on a connection that can no longer answer, and the error above has marked that one broken already
    await client.query('ROLLBACK').catch((failed: Error) => (broken = failed));
    throw error;
  } finally {
    client.release(broken);
  }
}

/**
 * Whether an error says the database could not be reached or did not answer in time (a statement
 * past its timeout, 57014, or a link that carried nothing back), rather than that it refused a statement.
 */
export function databaseUnreachable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  const unreachable = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57014', '57P01', '57P03', '08001', '08003', '08006'];
  // Stryker disable next-line StringLiteral: equivalent, an error without a code or a message matches no code and no pattern, whatever text stands in for the missing one
  return unreachable.includes(code ?? '') || /connection terminated|timeout exceeded when trying to connect|query read timeout/i.test(message ?? '');
}
