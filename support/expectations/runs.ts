import { deepStrictEqual } from 'node:assert';
import type { AgentRun } from '../agent-run';
import { TERMINAL_EVENTS } from '../agent-run';
import { describeFrames } from '../clients/agent-socket';
import { expectStatus } from '../clients/http';
import type { Actor } from '../actor';
import type { DatabaseProbe } from '../probes/database-probe';
import { eventually } from '../wait';
import { DEADLINES } from '../deadlines';

/** The run's events include these types in this order (other events may come between). */
export function expectEventsInOrder(run: AgentRun, expected: string[]): void {
  const events = run.events;
  let from = 0;
  let previous = 'the request';
  for (const type of expected) {
    const index = events.findIndex((f, i) => i >= from && f.frame.type === type);
    if (index < 0) {
      throw new Error(`Expected ${type} after ${previous} in run ${run.runId ?? '(none)'}; received: ${describeFrames(events, run.sentAt)}`);
    }
    from = index + 1;
    previous = type;
  }
}

/** Every event carries the run's ids, seq rises by one from 1, and exactly one terminal event ends the run. */
export function expectWellFormedRun(run: AgentRun): void {
  const events = run.events;
  const timeline = () => describeFrames(events, run.sentAt);
  events.forEach((f, i) => {
    const data = f.frame.data ?? {};
    if (data.run_id !== run.runId || !data.thread_id || data.thread_id !== run.threadId) {
      throw new Error(`Expected every event of run ${run.runId} to carry its run and thread ids; ${f.frame.type} #${data.seq} carries run ${data.run_id}, thread ${data.thread_id}`);
    }
    if (data.seq !== i + 1) {
      throw new Error(`Expected seq to rise by one from 1; event ${i + 1} (${f.frame.type}) has seq ${data.seq}; received: ${timeline()}`);
    }
  });
  const terminals = events.filter((f) => TERMINAL_EVENTS.includes(f.frame.type));
  if (terminals.length !== 1 || events.at(-1) !== terminals[0]) {
    throw new Error(`Expected exactly one terminal event, last; received: ${timeline()}`);
  }
}

/** Matches to the cent when cents are written, otherwise to the dollar. */
export function sameAmount(actual: unknown, expected: number): boolean {
  if (typeof actual !== 'number') return false;
  return Number.isInteger(expected) ? Math.abs(actual - expected) < 0.5 : Math.abs(actual - expected) < 0.005;
}

/** What the API says about a finished run: its thread, both messages, and the same result as streamed. */
export async function expectRunKeptInConversation(user: Actor, run: AgentRun): Promise<void> {
  const token = user.accessToken;
  const threadId = run.threadId!;
  const thread = expectStatus(await user.api.thread(token, threadId), 200, `Reading ${user.name}'s thread`).body;
  if (thread.metadata?.user_id !== user.userId) throw new Error(`Expected thread ${threadId} to belong to ${user.name} (${user.userId}), it names ${thread.metadata?.user_id}`);

  const listed = expectStatus(await user.api.threads(token), 200, `Listing ${user.name}'s threads`).body.threads as { id: string }[];
  if (!listed.some((t) => t.id === threadId)) throw new Error(`Expected ${user.name}'s threads to list ${threadId}; listed: ${listed.map((t) => t.id).join(', ') || 'none'}`);

  const { messages, total } = expectStatus(await user.api.messages(token, threadId), 200, `Reading ${user.name}'s messages`).body as { messages: { role: string; content: string; run_id: string }[]; total: number };
  // The thread's count, its list and the list's total all agree (read after the run ended, so nothing moves).
  const listedCount = (listed as { id: string; message_count?: number }[]).find((t) => t.id === threadId)?.message_count;
  if (thread.message_count !== messages.length || total !== messages.length || listedCount !== messages.length) {
    throw new Error(`Expected thread ${threadId} to count its ${messages.length} messages everywhere; the thread says ${thread.message_count}, the list of threads ${listedCount}, the messages' total ${total}`);
  }
  const ofRun = messages.filter((m) => m.run_id === run.runId);
  const asked = ofRun.findIndex((m) => m.role === 'user' && m.content === run.request.user_request);
  // The answer kept is the one the customer was given: the completed result's own summary.
  const answered = ofRun.findIndex((m) => m.role === 'assistant' && m.content.length > 0 && (run.result?.summary === undefined || m.content === run.result.summary));
  if (asked < 0 || answered < asked) {
    throw new Error(`Expected ${user.name}'s question and then the agent's answer in thread ${threadId}; the run's messages are: ${JSON.stringify(ofRun.map((m) => ({ role: m.role, content: m.content.slice(0, 60) })))}`);
  }

  const stored = expectStatus(await user.api.run(token, run.runId!), 200, `Reading ${user.name}'s run`).body;
  if (stored.status !== 'completed' || stored.thread_id !== threadId) {
    throw new Error(`Expected run ${run.runId} to be stored as completed in thread ${threadId}; it is ${stored.status} in ${stored.thread_id}`);
  }
  deepStrictEqual(stored.result, run.result, `The stored result of run ${run.runId} differs from the one streamed to ${user.name}`);
}

/** The same, straight from PostgreSQL: thread, both messages, the run with its final status, every event in seq order. */
export async function expectRunStored(probe: DatabaseProbe, user: Actor, run: AgentRun): Promise<void> {
  const threadId = run.threadId!;
  const thread = await probe.thread(threadId);
  if (!thread || thread.user_id !== user.userId) throw new Error(`Expected a threads row ${threadId} owned by ${user.userId}; found ${JSON.stringify(thread)}`);

  const roles = (await probe.messages(threadId)).filter((m) => m.run_id === run.runId).map((m) => m.role);
  if (roles.join(',') !== 'user,assistant') throw new Error(`Expected a user and then an assistant message row for run ${run.runId}; found: ${roles.join(', ') || 'none'}`);

  const row = await probe.run(run.runId!);
  const terminal = run.terminal?.frame.type;
  const status = terminal === 'agent_completed' ? 'completed' : terminal === 'agent_failed' ? 'failed' : 'cancelled';
  if (!row || row.status !== status) throw new Error(`Expected a runs row ${run.runId} with status ${status}; found ${row ? row.status : 'none'}`);

  const stored = await probe.runEvents(run.runId!);
  const seen = run.events.map((f) => `${f.frame.data.seq}:${f.frame.type}`).join(', ');
  const kept = stored.map((e) => `${e.seq}:${e.type}`).join(', ');
  if (kept !== seen) throw new Error(`Expected the run_events rows to be exactly the events ${user.name} received; received ${seen}; stored ${kept}`);
}

/** Read back over the API within the bound, the run is failed, with an end time and, where the API says why, this error code. */
export async function expectReportedFailed(owner: Actor, run: AgentRun, code: string, withinMs: number): Promise<void> {
  let seen = 'nothing was read';
  await eventually(
    `${owner.name}'s run ${run.runId} to be reported failed with ${code}`,
    async () => {
      const answer = await owner.api.run(owner.accessToken, run.runId!);
      const stored = answer.body ?? {};
      seen = answer.status !== 200 ? `${answer.call} answered ${answer.status}` : `it reads ${stored.status}${stored.error ? ` with ${stored.error.error_code}` : ''}, ${stored.completed_at ? `ended at ${stored.completed_at}` : 'with no end time'}`;
      const reason = stored.error === undefined || stored.error?.error_code === code;
      return stored.status === 'failed' && stored.completed_at && reason ? true : undefined;
    },
    withinMs,
    () => seen,
  );
}

/**
 * Straight from PostgreSQL: the run's stored events are numbered 1, 2, 3 … without a gap or a
 * repeat, and end in exactly one terminal event, agent_failed with this error code.
 */
export async function expectRecordEndsInFailure(probe: DatabaseProbe, run: AgentRun, code: string): Promise<void> {
  const stored = await probe.runEvents(run.runId!);
  const terminals = stored.filter((e) => TERMINAL_EVENTS.includes(e.type));
  const last = stored.at(-1);
  if (stored.some((e, i) => e.seq !== i + 1) || terminals.length !== 1 || last?.type !== 'agent_failed' || last.data?.error_code !== code) {
    const kept = stored.map((e) => `#${e.seq} ${e.type}${e.data?.error_code ? ` ${e.data.error_code}` : ''}`).join(', ');
    throw new Error(`Expected the stored events of run ${run.runId} to be numbered from 1 without a gap and to end in one agent_failed ${code}; stored: ${kept || 'none'}`);
  }
}

/** As the customer saw the run, over every connection it was followed on: it ends in agent_failed with this code, numbered from 1 without a gap or repeat. */
export async function expectEndedInFailure(run: AgentRun, code: string, withinMs: number): Promise<void> {
  const terminal = (await run.finished(withinMs)).frame;
  if (terminal.type !== 'agent_failed' || terminal.data?.error_code !== code) {
    throw new Error(`Expected the ${run.agent} run to end in agent_failed ${code}; it ended with ${terminal.type}${terminal.data?.error_code ? ` ${terminal.data.error_code}` : ''}; received: ${describeFrames(run.events, run.sentAt)}`);
  }
  expectWellFormedRun(run);
}

/** The run has started and not ended: what a scenario needs to show that something left it alone. */
export function expectStillUnderWay(run: AgentRun): void {
  const ended = run.terminal?.frame;
  if (!run.runId || ended) {
    const how = ended ? `it had ended with ${ended.type}${ended.data?.error_code ? ` ${ended.data.error_code}` : ''}` : 'it had not started';
    throw new Error(`Expected the ${run.agent} run ${run.runId ?? ''} to be still under way; ${how}; received: ${describeFrames(run.events, run.sentAt)}`);
  }
}

/** Between two events of a run as they arrived: the longest silence, and the event that broke it. */
function longestSilence(run: AgentRun): { ms: number; before?: string } {
  const events = run.events;
  let longest = { ms: 0, before: undefined as string | undefined };
  for (let i = 1; i < events.length; i++) {
    const ms = events[i].at - events[i - 1].at;
    if (ms > longest.ms) longest = { ms, before: `${events[i].frame.type} #${events[i].frame.data?.seq}` };
  }
  return longest;
}

/**
 * The run was given up on for its silence: it ended in agent_failed with this code once it had
 * produced nothing for `silenceMs`, and not before (a tenth of the bound is allowed for delivery),
 * nor long after (a second more, for a busy machine).
 */
export async function expectGivenUpAfterSilence(owner: string, run: AgentRun, code: string, silenceMs: number): Promise<void> {
  const [early, late] = [silenceMs * 0.9, silenceMs + 1000];
  const bound = `once silent for ${silenceMs / 1000} s (not before ${early / 1000} s, not after ${late / 1000} s)`;
  let terminal;
  try {
    terminal = await run.finished(late + DEADLINES.grace);
  } catch {
    const last = run.events.at(-1);
    const silent = last ? `${((Date.now() - last.at) / 1000).toFixed(1)} s after its last update, ${last.frame.type} #${last.frame.data?.seq}${last.frame.data?.tool_name ? ` (${last.frame.data.tool_name})` : ''}` : 'and it never started';
    throw new Error(`Expected ${owner}'s ${run.agent} run to end in agent_failed ${code} ${bound}; it was still going, silent, ${silent}; received: ${run.describe()}`);
  }
  const previous = run.events[run.events.indexOf(terminal) - 1];
  const silence = previous ? terminal.at - previous.at : Infinity;
  const { type, data } = terminal.frame;
  if (type !== 'agent_failed' || data?.error_code !== code || silence < early || silence > late) {
    throw new Error(`Expected ${owner}'s ${run.agent} run to end in agent_failed ${code} ${bound}; it ended with ${type}${data?.error_code ? ` ${data.error_code}` : ''} after ${(silence / 1000).toFixed(2)} s of silence; received: ${run.describe()}`);
  }
}

/** The run completed after running at least `atLeastMs`, and was never silent for `silenceMs`: long, but alive all along. */
export async function expectLongButNeverSilent(owner: string, run: AgentRun, atLeastMs: number, silenceMs: number, withinMs: number): Promise<void> {
  const terminal = await run.finished(withinMs);
  const lasted = terminal.at - run.events[0].at;
  const longest = longestSilence(run);
  if (terminal.frame.type !== 'agent_completed' || lasted < atLeastMs || longest.ms >= silenceMs) {
    const ended = `${terminal.frame.type}${terminal.frame.data?.error_code ? ` ${terminal.frame.data.error_code}` : ''}`;
    throw new Error(
      `Expected ${owner}'s ${run.agent} run to complete after at least ${atLeastMs / 1000} s, never silent for ${silenceMs / 1000} s; it ended with ${ended} after ${(lasted / 1000).toFixed(2)} s, its longest silence ${(longest.ms / 1000).toFixed(2)} s (before ${longest.before ?? 'nothing'}); received: ${run.describe()}`,
    );
  }
}
