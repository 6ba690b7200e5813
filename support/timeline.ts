import type { AgentRun } from './agent-run';

export interface TimelineRow {
  seq: number | null;
  type: string;
  ms: number;
}

/** A run's events on a time axis: milliseconds since the request was sent. */
export function timelineOf(run: AgentRun): TimelineRow[] {
  return run.events.map((f) => ({ seq: f.frame.data?.seq ?? null, type: f.frame.type, ms: f.at - run.sentAt }));
}

export function timelineText(owner: string, run: AgentRun): string {
  const rows = timelineOf(run);
  const width = Math.max(3, ...rows.map((r) => String(r.ms).length));
  const header = `${owner} asked the ${run.agent} (run ${run.runId ?? 'never started'}): ${rows.length} events over ${rows.at(-1)?.ms ?? 0} ms`;
  return [header, ...rows.map((r) => `  +${String(r.ms).padStart(width)} ms  #${String(r.seq ?? '-').padEnd(3)} ${r.type}`)].join('\n');
}
