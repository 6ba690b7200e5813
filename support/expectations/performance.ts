import type { LoadFigures } from '../load-report';
import type { ApexWorld } from '../world';

export function expectAllRunsCompleted(f: LoadFigures): void {
  if (f.completed !== f.runs) throw new Error(`Expected 100% of ${f.runs} runs to complete; ${f.completed} did (${f.success_rate_percent}%).`);
}

/** The first updates' 95th percentile is within budget; the budget and the measure go into the report either way. */
export function expectFirstUpdatesWithin(world: ApexWorld, f: LoadFigures, ms: number): void {
  const p95 = f.first_event_ms.p95;
  world.evidence(`Budget: first updates within ${ms} ms at the 95th percentile; measured ${p95} ms (${p95 > ms ? 'over' : 'within'} budget).`);
  if (p95 > ms) throw new Error(`Expected first updates within ${ms} ms at p95; p95 was ${p95} ms (p50 ${f.first_event_ms.p50}, max ${f.first_event_ms.max}).`);
}

/** The slowest run completed within budget; the budget and the measure go into the report either way. */
export function expectEveryRunCompletedWithin(world: ApexWorld, f: LoadFigures, seconds: number): void {
  const max = f.completion_ms.max;
  world.evidence(`Budget: every run complete within ${seconds} s; the slowest took ${max} ms (${max > seconds * 1000 ? 'over' : 'within'} budget).`);
  if (max > seconds * 1000) throw new Error(`Expected every run to complete within ${seconds} s; the slowest took ${max} ms.`);
}

/** The heap after a full collection grew by less than this share of the warmed-up baseline; both figures go into the report. */
export function expectHeapGrowthBelow(world: ApexWorld, baseline: number, after: number, percent: number): void {
  const growth = ((after - baseline) / baseline) * 100;
  world.evidence(`Heap after a full collection: ${(baseline / 1048576).toFixed(1)} MB after the warm-up, ${(after / 1048576).toFixed(1)} MB after the runs (${growth.toFixed(1)}%).`);
  if (growth >= percent) throw new Error(`Expected the heap to grow by less than ${percent}%; it grew by ${growth.toFixed(1)}% (${baseline} → ${after} bytes).`);
}

/** A heap figure means something only after a full collection; a process that cannot force one gives none. */
export function expectCollected(diagnostics: { collected: boolean }): void {
  if (!diagnostics.collected) throw new Error('The platform process cannot force a garbage collection; start it with --expose-gc.');
}
