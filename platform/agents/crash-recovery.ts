import { setTimeout as delay } from 'node:timers/promises';
import type { Conversations } from '../store/conversations';
import { DatabaseBusy, databaseUnreachable } from '../store/database';
import type { InstanceLease } from '../store/instance-lease';
import type { RunEngine } from './runs';

/**
 * Ends the runs that an instance of the platform was running when it died (contract section 8,
 * "Crashes"), and keeps this instance from being taken for dead meanwhile.
 *
 * Each instance renews its lease every third of the lease, so two renewals in a row may fail (a
 * stall, a blip of the database) before the others give it up. Every instance sweeps at start
 * and then every half lease: any run still running on an instance whose lease has lapsed is
 * ended as failed with INTERRUPTED. So a dead instance's runs end within about one and a half
 * leases of its last renewal, whichever instance is still (or again) up, and the runs of an
 * instance that is alive are never touched, however long they take.
 */
export class CrashRecovery {
  private readonly stopping = new AbortController();
  private loops: Promise<void>[] = [];

  constructor(
    private readonly lease: InstanceLease,
    private readonly conversations: Conversations,
    private readonly runs: RunEngine,
  ) {}

  /** Registers this instance (before it can start any run) and sweeps once, then keeps both going. */
  async start(): Promise<void> {
    await this.lease.renew();
    await this.sweep();
    const leaseMs = this.lease.seconds * 1000;
    // A failed renewal is simply tried again at the next one; only a run of failures lets the lease lapse.
    this.loops = [every(leaseMs / 3, this.stopping.signal, () => this.lease.renew().catch(() => undefined)), every(leaseMs / 2, this.stopping.signal, () => this.sweep())];
  }

  /** Ends every run left running by an instance whose lease has lapsed; what fails is tried again at the next sweep. */
  async sweep(): Promise<void> {
    try {
      for (const runId of await this.conversations.runsOfLapsedInstances()) {
        // Stryker disable next-line StringLiteral,ArrowFunction: what is logged about a run that could not be ended is not behaviour; it is tried again at the next sweep either way
        await this.runs.endInterrupted(runId).catch((error) => report(`run ${runId} could not be ended as interrupted`, error));
      }
      await this.lease.forgetLongDead();
      // Stryker disable BlockStatement,StringLiteral: what is logged about a failed sweep is not behaviour; the next sweep tries again either way
    } catch (error) {
      report('the sweep for interrupted runs failed', error);
    }
    // Stryker restore BlockStatement,StringLiteral
  }

  // Stryker disable next-line BlockStatement: equivalent, the platform closes its database right after, so loops left going can neither renew nor sweep (at most one more renewal lands while it shuts down)
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled(this.loops);
  }
}

/** An unreachable or busy database is already the health report's news; anything else is logged, and tried again at the next sweep. */
// Stryker disable all: what is logged, and whether, changes nothing a customer can see
function report(what: string, error: unknown): void {
  if (!databaseUnreachable(error) && !(error instanceof DatabaseBusy)) console.error(`Crash recovery: ${what} (${(error as Error).message}); trying again at the next sweep.`);
}
// Stryker restore all

/** Runs `work` every `ms`, one run at a time, until stopped; the timers never keep a process alive. */
async function every(ms: number, stopped: AbortSignal, work: () => Promise<void>): Promise<void> {
  while (!stopped.aborted) {
    // Stryker disable next-line BooleanLiteral: equivalent in the specification, whose instances are all stopped by name
    await delay(ms, undefined, { signal: stopped, ref: false }).catch(() => undefined);
    if (!stopped.aborted) await work();
  }
}
