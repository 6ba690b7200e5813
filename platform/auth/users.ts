import { randomUUID } from 'node:crypto';
import type { Database } from '../store/database';

export interface User {
  id: string;
  email: string;
  name: string;
  permissions: string[];
  passwordHash: string | null;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  permissions: string[];
  password_hash: string | null;
}

const toUser = (row: UserRow): User => ({ id: row.id, email: row.email, name: row.name, permissions: row.permissions, passwordHash: row.password_hash });

export class EmailTaken extends Error {}

export class Users {
  constructor(private readonly db: Database) {}

  async create(input: { email: string; name: string; passwordHash: string | null; permissions: string[]; provider: string }): Promise<User> {
    try {
      const { rows } = await this.db.query<UserRow>(
        `INSERT INTO users (id, email, name, password_hash, permissions, auth_provider) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [randomUUID(), input.email.toLowerCase(), input.name, input.passwordHash, input.permissions, input.provider],
      );
      return toUser(rows[0]);
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new EmailTaken(input.email);
      throw error;
    }
  }

  /** For sign-ins that create the account on first use; safe when two arrive at once. */
  async findOrCreate(input: { email: string; name: string; permissions: string[]; provider: string }): Promise<User> {
    const existing = await this.byEmail(input.email);
    // Stryker disable next-line ConditionalExpression: equivalent, the insert below would fail on the taken email and look the account up again; this only saves the round trip
    if (existing) return existing;
    try {
      return await this.create({ ...input, passwordHash: null });
    } catch (error) {
      if (!(error instanceof EmailTaken)) throw error;
      return (await this.byEmail(input.email))!;
    }
  }

  async byEmail(email: string): Promise<User | undefined> {
    const { rows } = await this.db.query<UserRow>('SELECT * FROM users WHERE email = $1', [email.toLowerCase()]);
    return rows[0] && toUser(rows[0]);
  }

  async byId(id: string): Promise<User | undefined> {
    const { rows } = await this.db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] && toUser(rows[0]);
  }
}

export class AuthSessions {
  constructor(private readonly db: Database) {}

  /**
   * Swaps the refresh token hash only if the presented token is the current one; false means the
   * token was already spent (or the login revoked), which is how reuse is detected.
   */
  async rotate(sessionId: string, presentedHash: string, nextHash: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      `UPDATE auth_sessions SET refresh_token_hash = $3 WHERE id = $1 AND refresh_token_hash = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [sessionId, presentedHash, nextHash],
    );
    return rowCount === 1;
  }

  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE auth_sessions SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, [sessionId]);
  }

  async open(userId: string, refreshTokenHash: string, lifetimeSeconds: number, sessionId = randomUUID()): Promise<string> {
    await this.db.query(
      `INSERT INTO auth_sessions (id, user_id, refresh_token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
      [sessionId, userId, refreshTokenHash, lifetimeSeconds],
    );
    return sessionId;
  }
}
