import { redact } from '../redact';

/** One way an answer or a frame broke the contract. */
export interface Violation {
  /** The call and its status ("POST /auth/login → 200") or the frame ("agent_completed #6 of run run_…"). */
  subject: string;
  /** JSON pointer into the body or frame ("" is the whole of it). */
  path: string;
  /** The rule that broke: a schema keyword with its parameters, or a check's own sentence. */
  rule: string;
  /** The offending value, redacted and cut short. */
  excerpt: string;
}

const EXCERPT_CHARS = 240;

export function excerpt(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : value === undefined ? 'nothing' : JSON.stringify(value);
  const clean = redact(text ?? String(value));
  return clean.length > EXCERPT_CHARS ? `${clean.slice(0, EXCERPT_CHARS)}…` : clean;
}

/** The value a JSON pointer names, or undefined. */
export function valueAt(root: unknown, pointer: string): unknown {
  if (!pointer) return root;
  let value: any = root;
  for (const raw of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = value[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return value;
}

export function violation(subject: string, root: unknown, path: string, rule: string): Violation {
  return { subject, path, rule, excerpt: excerpt(valueAt(root, path)) };
}

export function describeViolation(v: Violation): string {
  return `${v.subject}: at ${v.path || '(the whole body)'}: ${v.rule}; found ${v.excerpt}`;
}

/*
 * The scenario's collector. Workers run their scenarios one after another, so one bucket per
 * worker at a time is enough; a call or socket keeps the bucket that was current when it began,
 * so anything arriving late never lands in the next scenario. Checks wait in the bucket, in the
 * order things arrived, and run when the scenario ends: checking is the suite's work, and done on
 * arrival it would delay the next frame's arrival, and every latency a scenario measures.
 */
type Bucket = (() => Violation[])[];
let current: Bucket | undefined;

export function beginScenario(): void {
  current = [];
}

export function endScenario(): Violation[] {
  const checks = current ?? [];
  current = undefined;
  return checks.flatMap((check) => {
    try {
      return check();
    } catch (error) {
      // A check that throws is a bug in the checks, and must not pass for a clean answer.
      return [{ subject: 'the contract check', path: '', rule: `crashed: ${(error as Error).stack ?? error}`, excerpt: '' }];
    }
  });
}

export type Recorder = (check: () => Violation[]) => void;

/** Queues contract checks for the scenario under way now; outside a scenario it checks nothing. */
export function scenarioRecorder(): Recorder {
  const bucket = current;
  return (check) => {
    if (bucket) bucket.push(check);
  };
}
