import type { AgentRun } from '../agent-run';
import { expectStatus } from '../clients/http';
import type { Actor } from '../actor';
import type { ApexWorld } from '../world';
import { completedResult } from './agents';
import { latencySummary } from './realtime';

/** Waits for every run and reports how many completed, the rate and the first events' latency, before failing on any that did not. */
export async function expectEveryRunCompletes(world: ApexWorld, runs: AgentRun[]): Promise<void> {
  const outcomes = await Promise.allSettled(runs.map((run) => completedResult(run, world.target.runDeadlineMs)));
  const failures = outcomes.map((o, i) => ({ o, run: runs[i] })).filter(({ o }) => o.status === 'rejected');
  const firstEvents = runs.filter((r) => r.events.length).map((r) => r.events[0].at - r.sentAt);
  const latency = latencySummary(firstEvents);
  const rate = ((runs.length - failures.length) / runs.length) * 100;
  world.evidence(`${runs.length} runs, ${rate.toFixed(1)}% completed; first event p50 ${latency.p50} ms, p95 ${latency.p95} ms, slowest ${latency.max} ms`);
  world.evidence({ runs: runs.length, success_rate_percent: rate, first_event_ms: latency });
  if (failures.length) {
    throw new Error(`Expected every run to complete; ${failures.length} of ${runs.length} did not: ${failures.slice(0, 3).map(({ o }) => ((o as PromiseRejectedResult).reason as Error).message).join(' | ')}`);
  }
}

/** Each of the person's runs received only its own events. */
export function expectOwnRunsUnmixed(person: Actor): void {
  for (const run of person.runs) {
    if (run.events.some((f) => f.frame.data?.run_id !== run.runId)) throw new Error(`${person.name}'s run ${run.runId} is mixed with another run's events.`);
  }
}

/** After signing in again, every question the person asked is still listed with its answer, and they asked this many. */
export async function expectQuestionsKept(session: Actor, count: number): Promise<void> {
  const user = session.name;
  const listed = expectStatus(await session.api.threads(session.accessToken), 200, `Listing ${user}'s threads`).body.threads as { id: string }[];
  for (const run of session.runs) {
    if (!listed.some((t) => t.id === run.threadId)) throw new Error(`Expected ${user}'s threads to list ${run.threadId}`);
    const { messages } = expectStatus(await session.api.messages(session.accessToken, run.threadId!), 200, 'Reading messages').body as { messages: { role: string; run_id: string }[] };
    const roles = messages.filter((m) => m.run_id === run.runId).map((m) => m.role).join(',');
    if (roles !== 'user,assistant') throw new Error(`Expected ${user}'s question and answer for run ${run.runId}; found ${roles || 'nothing'}`);
  }
  if (session.runs.length !== count) throw new Error(`Expected ${count} questions; ${user} asked ${session.runs.length}`);
}
