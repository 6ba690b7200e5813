/**
 * Faults a test run switches on over `POST /__faults` (ENVIRONMENT=test only), so a scenario can
 * prove the suite notices when the platform misbehaves.
 */
export const FAULT_KINDS = {
  drop_event: 'never deliver events of the target type (for example agent_thinking)',
  disconnect_sockets: 'close, now, every socket of the target user on this instance, as a server going away would; their runs go on',
  tool_failure: 'the target tool fails, after hanging for TOOL_FAILURE_DELAY_MS as a broken tool does',
  crash_run: "the target user's runs crash with an unexpected error once under way",
} as const;

export type FaultKind = keyof typeof FAULT_KINDS;

export interface FaultSpec {
  fault: FaultKind;
  target: string;
  count?: number;
  duration_ms?: number;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
  until: number;
}

export class Faults {
  private active: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.active.push({ ...spec, remaining: spec.count ?? Infinity, until: spec.duration_ms ? Date.now() + spec.duration_ms : Infinity });
  }

  clear(): void {
    this.active = [];
  }

  /** Lifts one kind of fault on one target, leaving the rest (and what they did) in place. */
  remove(fault: string, target: string): void {
    this.active = this.active.filter((f) => !(f.fault === fault && f.target === target));
  }

  list(): FaultSpec[] {
    this.prune();
    return this.active.map(({ fault, target, count, duration_ms }) => ({ fault, target, count, duration_ms }));
  }

  /** True when a fault of this kind applies to the target now; each hit uses up one of its count. */
  hits(fault: FaultKind, target: string): boolean {
    this.prune();
    const match = this.active.find((f) => f.fault === fault && f.target === target);
    if (!match) return false;
    match.remaining -= 1;
    return true;
  }

  private prune(): void {
    const now = Date.now();
    this.active = this.active.filter((f) => f.remaining > 0 && f.until > now);
  }
}
