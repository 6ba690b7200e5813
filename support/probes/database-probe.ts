import { Pool } from 'pg';

/**
 * Looks straight into the target's PostgreSQL, to check that what the API says was kept really is.
 * Read-only by intent: the suite never writes the platform's tables.
 */
export class DatabaseProbe {
  private readonly pool: Pool;

  constructor(url: string) {
    this.pool = new Pool({ connectionString: url, max: 2 });
    this.pool.on('error', () => undefined);
  }

  async thread(threadId: string) {
    const { rows } = await this.pool.query('SELECT id, user_id, title, status FROM threads WHERE id = $1', [threadId]);
    return rows[0] as { id: string; user_id: string; title: string; status: string } | undefined;
  }

  async messages(threadId: string) {
    const { rows } = await this.pool.query('SELECT id, role, content, run_id FROM messages WHERE thread_id = $1 ORDER BY position', [threadId]);
    return rows as { id: string; role: string; content: string; run_id: string | null }[];
  }

  /** One login's row: when it was revoked, if it was. */
  async authSession(sessionId: string) {
    const { rows } = await this.pool.query('SELECT id, user_id, revoked_at FROM auth_sessions WHERE id = $1', [sessionId]);
    return rows[0] as { id: string; user_id: string; revoked_at: Date | null } | undefined;
  }

  /** The messages a run left in its conversation: the question and the assistant's answer. */
  async runMessages(runId: string) {
    const { rows } = await this.pool.query('SELECT role, content FROM messages WHERE run_id = $1 ORDER BY position', [runId]);
    return rows as { role: string; content: string }[];
  }

  async run(runId: string) {
    const { rows } = await this.pool.query('SELECT id, thread_id, user_id, status, result, error, completed_at FROM runs WHERE id = $1', [runId]);
    return rows[0] as { id: string; thread_id: string; user_id: string; status: string; result: any; error: any; completed_at: Date | null } | undefined;
  }

  async runEvents(runId: string) {
    const { rows } = await this.pool.query('SELECT seq, type, data FROM run_events WHERE run_id = $1 ORDER BY seq', [runId]);
    return rows as { seq: number; type: string; data: any }[];
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
