import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '../wait';

/** A fresh, empty database on the target's PostgreSQL server, dropped again when the scenario ends. */
export async function createScratchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `apex_scratch_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export async function migrationsRecorded(url: string): Promise<{ name: string; count: number }[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT name, count(*)::int AS count FROM apex_migrations GROUP BY name ORDER BY name');
    return rows;
  } finally {
    await client.end();
  }
}

/**
 * Holds one conversation's row, as a long piece of work elsewhere on the database would: it reads
 * and changes nothing, but whatever would change that conversation waits until `release`.
 * `endWhoeverWaits` then does what an administrator (or a failover) does to a connection: ends
 * the one connection that is waiting on this hold.
 */
export async function holdConversation(url: string, threadId: string): Promise<RowHold> {
  return holdRow(url, 'SELECT 1 FROM threads WHERE id = $1 FOR UPDATE', threadId);
}

/**
 * Holds one run's row as other work changing it would: the run goes on adding its events, but
 * whatever would change the run itself (its status, its outcome) waits until `release`.
 */
export async function holdRun(url: string, runId: string): Promise<RowHold> {
  return holdRow(url, 'SELECT 1 FROM runs WHERE id = $1 FOR NO KEY UPDATE', runId);
}

export interface RowHold {
  release(): Promise<void>;
  endWhoeverWaits(withinMs: number): Promise<void>;
  /**
   * Once a connection waits on this hold, this work goes on to need one of the conversation's
   * rows that the waiting work holds: each waits for the other, and the database ends one of
   * the two (the one that has waited longer, the one waiting on this hold). Returns once it has.
   */
  waitOnConversationOfWhoeverWaits(threadId: string, withinMs: number): Promise<void>;
}

async function holdRow(url: string, lock: string, id: string): Promise<RowHold> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(lock, [id]);
  let released: Promise<void> | undefined;
  const whoeverWaits = (withinMs: number) =>
    eventually(
      'a connection to wait on the held row',
      async () => (await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE pg_backend_pid() = ANY (pg_blocking_pids(pid))')).rows[0]?.pid,
      withinMs,
    );
  return {
    release: () => (released ??= client.query('ROLLBACK').then(() => undefined, () => undefined).finally(() => client.end())),
    endWhoeverWaits: async (withinMs) => {
      await client.query('SELECT pg_terminate_backend($1)', [await whoeverWaits(withinMs)]);
    },
    waitOnConversationOfWhoeverWaits: async (threadId, withinMs) => {
      await whoeverWaits(withinMs);
      await client.query('SELECT 1 FROM threads WHERE id = $1 FOR UPDATE', [threadId]);
    },
  };
}
