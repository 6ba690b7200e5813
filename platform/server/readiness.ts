import type { Faults } from './faults';

/** What a delay_ready fault names as its target. */
export const READY_TARGET = 'platform';

export const STARTUP_INCOMPLETE = 'STARTUP_INCOMPLETE';
export const STARTUP_INCOMPLETE_DETAIL = 'The platform is still starting; nothing was done, and you can try again in a few seconds.';

/**
 * Start-up (contract section 9): until its migrations have run and its dependencies are ready,
 * the platform listens but serves nothing, so that nothing a customer sends meanwhile is half-done
 * against a database that is not ready for it. A delay_ready fault keeps it not ready for a while
 * longer: unscoped, the whole instance; scoped, only that customer's view of it.
 */
export class Readiness {
  private started = false;

  constructor(private readonly faults: Faults) {}

  markStarted(): void {
    this.started = true;
  }

  /** Whether the instance is ready; given a customer, whether it is ready for them. */
  ready(userId?: string): boolean {
    if (!this.started || this.faults.holding('delay_ready', READY_TARGET)) return false;
    return userId === undefined || !this.faults.holding('delay_ready', READY_TARGET, userId);
  }
}
