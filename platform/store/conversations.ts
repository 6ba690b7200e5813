import { randomUUID } from 'node:crypto';
import type { PoolClient } from 'pg';
import type { Database } from './database';

type Queryable = Database | PoolClient;

export interface Thread {
  id: string;
  title: string;
  status: string;
  created_at: string;
  metadata: Record<string, unknown> & { user_id: string };
  message_count: number;
}

export interface Message {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  run_id: string | null;
  created_at: string;
}

export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled';

export interface Run {
  id: string;
  thread_id: string;
  agent_name: string;
  status: RunStatus;
  result: unknown;
  error: unknown;
  started_at: string;
  completed_at: string | null;
  user_id: string;
}

interface ThreadRow {
  id: string;
  user_id: string;
  title: string;
  status: string;
  metadata: Record<string, unknown>;
  created_at: Date;
  message_count: string;
}

const toThread = (row: ThreadRow): Thread => ({
  id: row.id,
  title: row.title,
  status: row.status,
  created_at: row.created_at.toISOString(),
  metadata: { ...row.metadata, user_id: row.user_id },
  message_count: Number(row.message_count),
});

const THREAD_SELECT = `SELECT t.*, (SELECT count(*) FROM messages m WHERE m.thread_id = t.id) AS message_count FROM threads t`;

/** Threads, their messages, runs and run events: everything a conversation leaves behind. */
export class Conversations {
  constructor(readonly db: Database) {}

  async createThread(userId: string, title: string, metadata: Record<string, unknown> = {}): Promise<Thread> {
    const { rows } = await this.db.query<ThreadRow>(
      `INSERT INTO threads (id, user_id, title, metadata) VALUES ($1, $2, $3, $4) RETURNING *, 0 AS message_count`,
      [`thread_${randomUUID()}`, userId, title, metadata],
    );
    return toThread(rows[0]);
  }

  async thread(id: string): Promise<Thread | undefined> {
    const { rows } = await this.db.query<ThreadRow>(`${THREAD_SELECT} WHERE t.id = $1`, [id]);
    return rows[0] && toThread(rows[0]);
  }

  async threadsOf(userId: string): Promise<Thread[]> {
    const { rows } = await this.db.query<ThreadRow>(`${THREAD_SELECT} WHERE t.user_id = $1 AND t.status = 'active' ORDER BY t.created_at DESC`, [userId]);
    return rows.map(toThread);
  }

  async archive(threadId: string): Promise<void> {
    await this.db.query(`UPDATE threads SET status = 'archived' WHERE id = $1`, [threadId]);
  }

  async messages(threadId: string): Promise<Message[]> {
    const { rows } = await this.db.query<Message & { created_at: Date }>(
      `SELECT id, role, content, run_id, created_at FROM messages WHERE thread_id = $1 ORDER BY position`,
      [threadId],
    );
    return rows.map((row) => ({ ...row, created_at: row.created_at.toISOString() }));
  }

  async addMessage(db: Queryable, message: { threadId: string; role: Message['role']; content: string; runId?: string }): Promise<string> {
    const id = `msg_${randomUUID()}`;
    await db.query(`INSERT INTO messages (id, thread_id, role, content, run_id) VALUES ($1, $2, $3, $4, $5)`, [
      id, message.threadId, message.role, message.content, message.runId ?? null,
    ]);
    return id;
  }

  /**
   * Everything a run's start leaves behind, in one statement (so one round trip and one commit):
   * the thread when it is new, the run, the customer's question and the run's first event.
   */
  async startRun(run: { id: string; threadId: string; newThreadTitle?: string; userId: string; agentName: string; request: unknown; question: string; firstEvent: { type: string; data: unknown }; instanceId: string }): Promise<void> {
    await this.db.query(
      `WITH new_thread AS (
         INSERT INTO threads (id, user_id, title) SELECT $1, $2, $3 WHERE $4::boolean RETURNING id
       ), new_run AS (
         INSERT INTO runs (id, thread_id, user_id, agent_name, status, request, instance_id)
         SELECT $5, $1, $2, $6, 'running', $7, $12 FROM (SELECT 1) one LEFT JOIN new_thread ON true RETURNING id
       ), question AS (
         INSERT INTO messages (id, thread_id, role, content, run_id) SELECT $8, $1, 'user', $9, id FROM new_run RETURNING id
       )
       INSERT INTO run_events (run_id, seq, type, data) SELECT id, 1, $10, $11 FROM new_run`,
      [
        run.threadId,
        run.userId,
        // Stryker disable next-line StringLiteral,LogicalOperator: equivalent, the title is read only for a new thread ($4), which always has one
        run.newThreadTitle ?? '',
        run.newThreadTitle !== undefined,
        run.id, run.agentName, JSON.stringify(run.request), `msg_${randomUUID()}`, run.question, run.firstEvent.type, JSON.stringify(run.firstEvent.data), run.instanceId,
      ],
    );
  }

  async finishRun(db: Queryable, runId: string, status: Exclude<RunStatus, 'running'>, outcome: { result?: unknown; error?: unknown }): Promise<void> {
    // JSON.stringify(undefined) is undefined, which pg stores as NULL.
    await db.query(`UPDATE runs SET status = $2, result = $3, error = $4, completed_at = now() WHERE id = $1`, [runId, status, JSON.stringify(outcome.result), JSON.stringify(outcome.error)]);
  }

  async appendEvent(db: Queryable, event: { runId: string; seq: number; type: string; data: unknown }): Promise<void> {
    await db.query(`INSERT INTO run_events (run_id, seq, type, data) VALUES ($1, $2, $3, $4)`, [event.runId, event.seq, event.type, JSON.stringify(event.data)]);
  }

  /** The stored events of a run after a given seq, in order: what `resume` replays. */
  async eventsAfter(runId: string, afterSeq: number): Promise<{ type: string; data: { seq: number; timestamp: string; [field: string]: unknown } }[]> {
    const { rows } = await this.db.query(`SELECT type, data FROM run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq`, [runId, afterSeq]);
    return rows;
  }

  /** Runs still running on an instance whose lease has lapsed (or is gone): nobody is left to end them. */
  async runsOfLapsedInstances(): Promise<string[]> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT r.id FROM runs r
       WHERE r.status = 'running' AND r.instance_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM platform_instances i WHERE i.id = r.instance_id AND i.lease_expires_at > now())`,
    );
    return rows.map((row) => row.id);
  }

  /**
   * A running run, locked for the caller's transaction, with its last event: what ending it on
   * another instance's behalf needs. Undefined once it has ended, even if it ended while this waited for the lock.
   */
  async lockRunning(tx: PoolClient, runId: string): Promise<{ thread_id: string; user_id: string; agent_name: string; request_id?: string; last_event: { seq: number; timestamp: string } } | undefined> {
    const { rows } = await tx.query(
      `SELECT r.thread_id, r.user_id, r.agent_name, r.request->>'request_id' AS request_id,
              (SELECT jsonb_build_object('seq', e.seq, 'timestamp', e.data->>'timestamp') FROM run_events e WHERE e.run_id = r.id ORDER BY e.seq DESC LIMIT 1) AS last_event
       FROM runs r WHERE r.id = $1 AND r.status = 'running' FOR UPDATE`,
      [runId],
    );
    const row = rows[0];
    return row && { ...row, request_id: row.request_id ?? undefined };
  }

  async run(id: string): Promise<Run | undefined> {
    const { rows } = await this.db.query<Run & { started_at: Date; completed_at: Date | null }>(
      `SELECT id, thread_id, user_id, agent_name, status, result, error, started_at, completed_at FROM runs WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row && { ...row, started_at: row.started_at.toISOString(), completed_at: row.completed_at?.toISOString() ?? null };
  }
}
