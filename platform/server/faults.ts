/**
 * Faults a test run switches on over `POST /__faults` (ENVIRONMENT=test only), so a scenario can
 * prove the suite notices when the platform misbehaves.
 */
export const FAULT_KINDS = {
  hang_tool: 'the target tool never answers: the run goes silent until it is stopped or given up on (AGENT_TIMEOUT_SECONDS)',
  handler_crash: "the next message of a user throws while it is handled: target `message` (one chat message), `connection` (the chat connection itself, at its next message) or `request` (one API request)",
  drop_event: 'never deliver events of the target type (for example agent_thinking)',
  disconnect_sockets: 'close, now, every socket of the target user on this instance, as a server going away would; their runs go on',
  tool_failure: 'the target tool fails, after hanging for TOOL_FAILURE_DELAY_MS as a broken tool does',
  crash_run: "the target user's runs crash with an unexpected error once under way",
  delay_ready:
    'the platform stays not ready (STARTUP_INCOMPLETE) for duration_ms; scoped, only the scoped user is turned away as if it were starting. Unscoped it is instance-wide: give it at start (FAULTS_AT_START) to a platform of your own',
  hold_connections:
    "count database connections are held for duration_ms. Scoped, the scoped user's work has that many fewer of the pool's connections (none if count is the pool's size); unscoped, real connections of the pool are held, which starves everyone on the instance",
} as const;

export type FaultKind = keyof typeof FAULT_KINDS;

export interface FaultSpec {
  fault: FaultKind;
  target: string;
  count?: number;
  duration_ms?: number;
  /**
   * A user id or a run id: the fault then touches only that user's (or that run's) work, so that
   * scenarios running at once against one deployment never feel each other's faults (contract section 9).
   */
  scope?: string;
}

/** Whose work is at hand where a fault might hit. */
export interface FaultContext {
  userId?: string;
  runId?: string;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
  until: number;
}

export class Faults {
  private active: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    // handler_crash is "the next message" (contract section 9) unless a count says how many.
    const remaining = spec.count ?? (spec.fault === 'handler_crash' ? 1 : Infinity);
    this.active.push({ ...spec, remaining, until: spec.duration_ms ? Date.now() + spec.duration_ms : Infinity });
  }

  /** Lifts every fault, or, given a scope, only the faults of that scope. */
  clear(scope?: string): void {
    this.active = scope === undefined ? [] : this.active.filter((f) => f.scope !== scope);
  }

  /** Lifts one kind of fault on one target (in one scope, if given), leaving the rest (and what they did) in place. */
  remove(fault: string, target: string, scope?: string): void {
    this.active = this.active.filter((f) => !(f.fault === fault && f.target === target && (scope === undefined || f.scope === scope)));
  }

  /** The faults switched on: all of them, or those of one scope. */
  list(scope?: string): FaultSpec[] {
    this.prune();
    return this.active
      .filter((f) => scope === undefined || f.scope === scope)
      .map(({ fault, target, count, duration_ms, scope: within }) => ({ fault, target, count, duration_ms, ...(within === undefined ? {} : { scope: within }) }));
  }

  /**
   * True when a fault of this kind applies to the target now, for this user's or run's work (a
   * scoped fault touches nothing outside its scope); each hit uses up one of its count.
   */
  hits(fault: FaultKind, target: string, context: FaultContext = {}): boolean {
    this.prune();
    const match = this.active.find((f) => f.fault === fault && f.target === target && (f.scope === undefined || f.scope === context.userId || f.scope === context.runId));
    if (!match) return false;
    match.remaining -= 1;
    return true;
  }

  /** The fault of this kind on this target that applies to exactly this scope (or, without one, to everyone), without using any of its count. */
  holding(fault: FaultKind, target: string, scope?: string): (FaultSpec & { until: number }) | undefined {
    this.prune();
    return this.active.find((f) => f.fault === fault && f.target === target && f.scope === scope);
  }

  private prune(): void {
    const now = Date.now();
    this.active = this.active.filter((f) => f.remaining > 0 && f.until > now);
  }
}
