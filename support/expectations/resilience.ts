import { closeSockets, openSocket, startAgent } from '../tasks/chat';
import type { AgentRun } from '../agent-run';
import { Frame, describeFrames } from '../clients/agent-socket';
import { http } from '../clients/http';
import { costQuestion } from '../domain';
import type { DatabaseProbe } from '../probes/database-probe';
import { redact } from '../redact';
import type { Actor } from '../actor';
import { eventually } from '../wait';
import { completedResult } from './agents';
import { expectHealth } from './realtime';
import { expectAuthFailsClosed } from './sessions';
import { DEADLINES } from '../deadlines';

/** While its token cannot be checked, a session is refused everywhere (API 503, auth, chat AUTH_UNAVAILABLE), never trusted unchecked. */
export async function expectSessionRefusedUnchecked(session: Actor, serviceSecret: string | undefined): Promise<void> {
  const answer = await session.api.threads(session.accessToken);
  if (answer.status !== 503) throw new Error(`Expected the API to refuse ${session.name}'s token while it cannot be checked (503); it answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
  await expectAuthFailsClosed(session, serviceSecret);
  const socket = await openSocket(session);
  const first = await socket.connectionAnswer();
  if (first.frame.type !== 'error_message' || first.frame.error_code !== 'AUTH_UNAVAILABLE') {
    throw new Error(`Expected the chat to refuse ${session.name} with AUTH_UNAVAILABLE; received ${describeFrames(socket.frames, socket.openedAt)}`);
  }
  await socket.waitForClose(DEADLINES.close);
}

/** A new chat connection is refused with AUTH_UNAVAILABLE and closed with an error code, not let in unchecked. */
export async function expectNewConnectionRefusedUnchecked(session: Actor): Promise<void> {
  const socket = await openSocket(session);
  const first = await socket.connectionAnswer();
  if (first.frame.type !== 'error_message' || first.frame.error_code !== 'AUTH_UNAVAILABLE') {
    throw new Error(`Expected the new connection to be refused with AUTH_UNAVAILABLE, not let in unchecked; received ${describeFrames(socket.frames, socket.openedAt)}`);
  }
  const closed = await socket.waitForClose(DEADLINES.close);
  if (closed.code === 1000) throw new Error('Expected the refused connection to close with an error code, not a normal close.');
}

/** Until both services report healthy, failing with the last report if they do not within the time. */
export async function untilHealthyAgain(instance: { apiUrl: string; authUrl: string }, withinMs: number): Promise<void> {
  let last: Error | undefined;
  await eventually('the platform to report itself healthy', () => expectHealth(instance, { status: 'healthy' }).then(() => true, (error: Error) => ((last = error), undefined)), withinMs, () => last?.message ?? '');
}

/** Until a fresh question on a fresh chat is answered. Returns how many tries it took. */
export async function untilAnsweredAgain(session: Actor, withinMs: number): Promise<number> {
  const workload = { provider: 'openai', model: 'gpt-4o', monthly_requests: 2_000_000, avg_input_tokens: 1000, avg_output_tokens: 500 };
  let tries = 0;
  await eventually(`${session.name}'s question to be answered`, async () => {
    tries += 1;
    try {
      await closeSockets(session);
      const run = await startAgent(session, 'cost_optimizer', { user_request: costQuestion(workload), context: { workload } });
      await completedResult(run, DEADLINES.quickRun);
      return true;
    } catch {
      return undefined;
    }
  }, withinMs);
  return tries;
}

export async function untilWelcomedAgain(session: Actor, withinMs: number): Promise<void> {
  await eventually(`${session.name} to be welcomed again`, async () => {
    const socket = await openSocket(session);
    const first = await socket.connectionAnswer();
    return first.frame.type === 'system_message' ? true : undefined;
  }, withinMs);
}

/** The run is stored as failed, with exactly the events its owner received, and its question and answer in the conversation; given time to settle. */
export async function expectRecordedAsFailedAsSeen(probe: DatabaseProbe, owner: string, run: AgentRun): Promise<void> {
  const seen = run.events.map((f) => `${f.frame.data.seq}:${f.frame.type}`).join(', ');
  await eventually(`run ${run.runId} recorded as failed with the events ${owner} saw`, async () => {
    const row = await probe.run(run.runId!);
    const stored = (await probe.runEvents(run.runId!)).map((e) => `${e.seq}:${e.type}`).join(', ');
    const roles = (await probe.messages(run.threadId!)).filter((m) => m.run_id === run.runId).map((m) => m.role).join(',');
    return row?.status === 'failed' && stored === seen && roles === 'user,assistant' ? true : undefined;
  }, DEADLINES.settle, () => `${owner} saw ${seen}`);
}

const COST_ANALYZER_UNAVAILABLE = (result: unknown) => `Expected the answer to say the cost analyzer is unavailable; it says ${JSON.stringify(result).slice(0, 300)}`;

/** Each answer names the cost analyzer as unavailable, in its list, its limitations and its summary. */
export async function expectAnswersSayCostAnalysisUnavailable(runs: AgentRun[], deadlineMs: number): Promise<void> {
  for (const run of runs) {
    const result = await completedResult(run, deadlineMs);
    if (!result?.unavailable_tools?.includes('cost_analyzer') || !(result.limitations ?? []).some((l: string) => l.includes('unavailable')) || !String(result.summary).includes('cost analyzer is unavailable')) {
      throw new Error(COST_ANALYZER_UNAVAILABLE(result));
    }
  }
}

const costAnalyzerCall = (run: AgentRun) => run.events.map((f) => f.frame).find((e) => e.type === 'tool_completed' && e.data.tool_name === 'cost_analyzer');

/**
 * A call the breaker refused "at once": in less than half the time of a call that waited on the broken
 * tool, measured on the same machine at the same time. A refusal waits only for its first event to be
 * stored, a fraction of the broken tool's hang, so the bound holds on a busy machine too.
 */
const refusedAtOnce = (call: Frame, waitedMs: number) => Number(call.data?.execution_time_ms) < waitedMs / 2;

/** The answer names the cost analyzer as unavailable, and the call was refused by the open breaker faster than any call that waited on the broken tool. */
export async function expectUnavailableWithoutWaiting(owner: Actor, run: AgentRun, deadlineMs: number): Promise<void> {
  const result = await completedResult(run, deadlineMs);
  const tool = costAnalyzerCall(run);
  if (!result?.unavailable_tools?.includes('cost_analyzer')) throw new Error(COST_ANALYZER_UNAVAILABLE(result));
  // Compared with the quickest call that waited on the broken tool and failed there. Successful calls do not
  // count: they take only the tool's short work, no faster than a refusal on a busy machine.
  const waited = owner.runs.flatMap((r) => r.events.map((f) => f.frame)).filter((e) => e.type === 'tool_completed' && e.data.tool_name === 'cost_analyzer' && e.data.error !== undefined && !String(e.data.error).includes('circuit breaker'));
  if (waited.length === 0) throw new Error(`Expected an earlier call that waited on the broken tool to compare with; ${owner.name} saw none`);
  const quickest = Math.min(...waited.map((e) => e.data.execution_time_ms));
  if (!tool || !String(tool.data.error).includes('circuit breaker') || !refusedAtOnce(tool, quickest)) {
    throw new Error(`Expected the call to fail at once because the breaker is open, in less than half the ${quickest} ms the quickest call to the broken tool took; it took ${tool?.data.execution_time_ms} ms: ${tool?.data.error}`);
  }
}

/** The answer names the cost analyzer as unavailable after a trial call that reached the tool (not the breaker) and failed there. */
export async function expectUnavailableAfterTrial(run: AgentRun, deadlineMs: number): Promise<void> {
  const result = await completedResult(run, deadlineMs);
  const tool = costAnalyzerCall(run);
  if (!result?.unavailable_tools?.includes('cost_analyzer')) throw new Error(COST_ANALYZER_UNAVAILABLE(result));
  if (!tool || String(tool.data.error).includes('circuit breaker')) {
    throw new Error(`Expected the trial call to reach the tool and fail there; the tool call says: ${tool ? tool.data.error : 'no cost_analyzer call at all'}`);
  }
}

/** /health shows the tool's breaker in this state, and the platform healthy only while it is closed. */
export async function expectBreakerReported(apiUrl: string, tool: string, state: string): Promise<void> {
  const health = await http('GET', `${apiUrl}/health`);
  if (health.body?.breakers?.[tool] !== state) throw new Error(`Expected /health to show the ${tool} breaker ${state}; it shows ${JSON.stringify(health.body?.breakers)}`);
  // A tool cut off by its breaker leaves the platform working, but not fully: degraded.
  const overall = state === 'closed' ? 'healthy' : 'degraded';
  if (health.body?.status !== overall) throw new Error(`Expected /health to say ${overall} while the ${tool} breaker is ${state}; it says ${health.body?.status}`);
}

export async function untilBreakerHalfOpen(apiUrl: string, tool: string, withinMs: number): Promise<void> {
  await eventually(`the ${tool} breaker to be ready for a trial call`, async () => {
    const health = await http('GET', `${apiUrl}/health`);
    return health.body?.breakers?.[tool] === 'half_open' ? true : undefined;
  }, withinMs);
}

/** Each person's last run ended within this long of being asked. */
export function expectEachAnsweredWithin(people: Actor[], seconds: number): void {
  for (const person of people) {
    const run = person.lastRun();
    const took = (run.terminal?.at ?? Infinity) - run.sentAt;
    if (took > seconds * 1000) throw new Error(`Expected ${person.name}'s answer within ${seconds} s; it took ${took} ms`);
  }
}

/** Of runs that reached a half-open breaker together, exactly one made the trial call; the breaker refused the rest, at once. */
export async function expectOneTrialCall(runs: AgentRun[], deadlineMs: number): Promise<void> {
  const calls = [];
  for (const run of runs) {
    await completedResult(run, deadlineMs);
    calls.push(costAnalyzerCall(run));
  }
  const tried = calls.filter((call) => call && !String(call.data.error ?? '').includes('circuit breaker'));
  if (tried.length !== 1 || calls.some((call) => !call?.data.error)) {
    throw new Error(`Expected exactly one trial call to reach the broken tool and the breaker to refuse the others; the calls said: ${calls.map((c) => (c ? c.data.error ?? 'a result' : 'nothing')).join('; ')}`);
  }
  const trial = tried[0]!.data.execution_time_ms;
  const slow = calls.filter((call) => call !== tried[0] && !refusedAtOnce(call!, trial));
  if (slow.length > 0) {
    throw new Error(`Expected the breaker to refuse the other calls at once, in less than half the ${trial} ms the trial call took; they took ${slow.map((c) => c!.data.execution_time_ms).join(' and ')} ms`);
  }
}
