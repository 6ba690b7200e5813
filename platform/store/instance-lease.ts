import { randomUUID } from 'node:crypto';
import type { Database } from './database';

/**
 * This instance's lease on being alive, a row in platform_instances that it keeps renewing.
 * While the lease holds, no other instance touches the runs this one records as its own; once it
 * lapses, the instance is taken for dead and its runs for interrupted. The lease's end is set and
 * read on the database's clock, the one clock all instances share.
 */
export class InstanceLease {
  readonly id = `instance_${randomUUID()}`;

  constructor(
    private readonly db: Database,
    readonly seconds: number,
  ) {}

  /** Extends the lease to `seconds` from now; the first call registers the instance. */
  async renew(): Promise<void> {
    await this.db.query(
      `INSERT INTO platform_instances (id, lease_expires_at) VALUES ($1, now() + make_interval(secs => $2))
       ON CONFLICT (id) DO UPDATE SET lease_expires_at = EXCLUDED.lease_expires_at`,
      [this.id, this.seconds],
    );
  }

  /** Forgets instances dead for a day: a missing row reads as a lapsed lease, so this changes nothing but the table's size. */
  // Stryker disable next-line BlockStatement: equivalent, a row read as lapsed and a row kept are the same to every instance; only the table's size differs
  async forgetLongDead(): Promise<void> {
    // Stryker disable next-line StringLiteral: equivalent, a row read as lapsed and a row gone are the same to every instance
    await this.db.query(`DELETE FROM platform_instances WHERE lease_expires_at < now() - interval '1 day'`);
  }
}
