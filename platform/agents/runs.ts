import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { Conversations } from '../store/conversations';
import { inTransaction } from '../store/database';
import type { Faults } from '../server/faults';
import { AgentFailure } from './agent-failure';
import { AgentWork, DEFAULT_AGENT, agentNamed } from './agents';
import type { Wording } from './wording';
import { CircuitBreakers, ToolUnavailable } from './circuit-breaker';
import type { Cache } from '../store/cache';
import type { PoolClient } from 'pg';

export interface Identity {
  userId: string;
  email?: string;
  permissions: string[];
  /** The token's jti and login, so a revocation can find the sockets it opened. */
  tokenId?: string;
  sessionId?: string;
}

export interface StartRequest {
  user_request: string;
  agent?: string;
  thread_id?: string;
  request_id?: string;
  context?: Record<string, unknown>;
}

export interface RunEvent {
  type: string;
  data: { run_id: string; thread_id: string; agent_name: string; seq: number; timestamp: string; request_id?: string; [field: string]: unknown };
  timestamp: string;
}

/** A request refused before any run exists; the socket answers it with an error_message. */
export class RequestRefused extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

export type Publish = (userId: string, event: RunEvent) => void;

/**
 * Starts agent runs and turns their work into the contract's run events. Every event is stored
 * before it is delivered, and the terminal event only after the run's outcome is committed,
 * so whatever a customer saw can be read back.
 */
/**
 * One event of a run, in the contract's envelope. `at` is the moment it stamps: a duration the
 * event states is measured to that same reading of the clock, so the two always agree.
 */
function runEvent(run: { runId: string; threadId: string; agentName: string; requestId?: string }, type: string, seq: number, fields: Record<string, unknown>, at = Date.now()): RunEvent {
  const timestamp = new Date(at).toISOString();
  // An undefined request_id leaves no trace in JSON, so a run started without one sends none.
  const data = { run_id: run.runId, thread_id: run.threadId, agent_name: run.agentName, seq, timestamp, ...fields, request_id: run.requestId };
  return { type, data, timestamp };
}

/** The run status a terminal event leaves behind. */
const TERMINAL: Record<string, string> = { agent_completed: 'completed', agent_failed: 'failed', agent_cancelled: 'cancelled' };

class StorageUnavailable extends Error {}
/**
 * The run's next seq is taken: another instance ended the run, taking this one for dead (it had
 * stalled past its lease). That ending stands, and this instance says no more of the run.
 */
class RunEndedElsewhere extends Error {}
const UNIQUE_VIOLATION = '23505';
const takenSeq = (error: unknown) => (error as { code?: string } | undefined)?.code === UNIQUE_VIOLATION;

/** How a run ends: its terminal event's type and fields, what is stored of it, and the answer left in its conversation. */
type Ending = { type: string; fields: Record<string, unknown>; status: 'completed' | 'failed' | 'cancelled'; result?: unknown; error?: unknown; summary: string };

/**
 * Watches a run for silence (contract section 9, "Hung agents"): barks once the run has produced
 * no event for `ms`. It is paused while an event is being stored, as storage has bounds of its own
 * (statement and pool timeouts); what it watches is the agent's own work.
 */
class Watchdog {
  private timer?: NodeJS.Timeout;

  constructor(private readonly ms: number, private readonly bark: () => void) {}

  restart(): void {
    this.pause();
    this.timer = setTimeout(this.bark, this.ms);
  }

  pause(): void {
    clearTimeout(this.timer);
  }
}

/** The reason a silent run's work is stopped with. */
class AgentTimedOut extends Error {}

const failed = (code: string, message: string): Ending => {
  const details = { error_code: code, error_message: message };
  return { type: 'agent_failed', fields: details, status: 'failed', error: details, summary: message };
};

export class RunEngine {
  private readonly active = new Map<string, { userId: string; abort: AbortController; settled: Promise<void> }>();
  private readonly repairs = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(
    private readonly deps: {
      conversations: Conversations;
      faults: Faults;
      timeScale: number;
      publish: Publish;
      wording: Wording;
      breakers: CircuitBreakers;
      cache: Cache;
      toolFailureDelayMs: number;
      /** How long a run may produce nothing before it is ended with AGENT_TIMEOUT, already scaled by AGENT_TIME_SCALE. */
      agentTimeoutMs: number;
      /** This instance's id, recorded on every run it starts: who may end the run if this instance dies. */
      instanceId: string;
    },
  ) {}

  async start(identity: Identity, request: StartRequest): Promise<{ runId: string; threadId: string; finished: Promise<void> }> {
    if (!identity.permissions.includes('agent_execute')) {
      throw new RequestRefused('PERMISSION_DENIED', 'Your account may not run agents: it lacks the agent_execute permission.');
    }
    const agentName = request.agent ?? DEFAULT_AGENT;
    let agent;
    try {
      agent = agentNamed(agentName);
    } catch (error) {
      throw new RequestRefused((error as AgentFailure).code, (error as Error).message);
    }
    const { conversations } = this.deps;
    // Stryker disable next-line StringLiteral: unreachable over the wire, the chat and the API both refuse a request without a question
    const userRequest = String(request.user_request ?? '');

    let threadId = request.thread_id;
    if (threadId) {
      const thread = await conversations.thread(threadId);
      if (!thread) throw new RequestRefused('THREAD_NOT_FOUND', `There is no thread ${threadId}.`);
      if (thread.metadata.user_id !== identity.userId) throw new RequestRefused('ACCESS_DENIED', 'That thread belongs to someone else.');
    }

    // The thread (when new), the run, the question and the first event go in at once: one
    // statement, one commit, before the customer sees the run start.
    const runId = `run_${randomUUID()}`;
    const newThreadTitle = threadId ? undefined : userRequest.slice(0, 80) || agentName;
    threadId ??= `thread_${randomUUID()}`;
    // Stryker disable next-line ObjectLiteral: agent_started's echo of the question is not in the contract; the question kept in the conversation is specified (AGENT-01)
    const echo = { user_request: userRequest };
    const started = runEvent({ runId, threadId, agentName, requestId: request.request_id }, 'agent_started', 1, echo);
    await conversations.startRun({ id: runId, threadId, newThreadTitle, userId: identity.userId, agentName, request, question: userRequest, firstEvent: started, instanceId: this.deps.instanceId });

    const finished = this.execute(identity, { runId, threadId, agentName, request, agent }, started);
    return { runId, threadId, finished };
  }

  /** Stops a run of this user's; its agent_cancelled follows at once, and nothing of it after. */
  async cancel(identity: Identity, runId: string): Promise<void> {
    const active = this.active.get(runId);
    if (!active) {
      const stored = await this.deps.conversations.run(runId);
      if (!stored) throw new RequestRefused('RUN_NOT_FOUND', `There is no run ${runId}.`);
      if (stored.user_id !== identity.userId) throw new RequestRefused('ACCESS_DENIED', 'That run belongs to someone else.');
      throw new RequestRefused('RUN_NOT_ACTIVE', `Run ${runId} has already ended (${stored.status}).`);
    }
    if (active.userId !== identity.userId) throw new RequestRefused('ACCESS_DENIED', 'That run belongs to someone else.');
    active.abort.abort();
    await active.settled;
  }

  private async execute(
    identity: Identity,
    run: { runId: string; threadId: string; agentName: string; request: StartRequest; agent: ReturnType<typeof agentNamed> },
    started: RunEvent,
  ): Promise<void> {
    const abort = new AbortController();
    let settle!: () => void;
    this.active.set(run.runId, { userId: identity.userId, abort, settled: new Promise<void>((resolve) => (settle = resolve)) });
    try {
      await this.work(identity, run, abort.signal, started);
    } finally {
      this.active.delete(run.runId);
      settle();
    }
  }

  private async work(
    identity: Identity,
    run: { runId: string; threadId: string; agentName: string; request: StartRequest; agent: ReturnType<typeof agentNamed> },
    cancelled: AbortSignal,
    started: RunEvent,
  ): Promise<void> {
    const { conversations, faults, timeScale, breakers, agentTimeoutMs } = this.deps;
    // A run silent for the agent timeout is stopped as a cancel stops it: its pauses and a tool
    // that never answers are cut short, and nothing more of it is sent.
    const silence = new AbortController();
    const stopped = AbortSignal.any([cancelled, silence.signal]);
    let givenUp!: (reason: AgentTimedOut) => void;
    const hung = new Promise<never>((_resolve, reject) => (givenUp = reject));
    hung.catch(() => undefined);
    const watchdog = new Watchdog(agentTimeoutMs, () => {
      // A platform that is stopping leaves its runs as they are, for the next instance to end.
      if (this.stopping.signal.aborted) return;
      const reason = new AgentTimedOut();
      silence.abort(reason);
      givenUp(reason);
    });
    // From agent_started's own timestamp, so duration_ms spans the run as its events show it
    // (storing the start can take a while under load, and that is part of the run too).
    const startedAt = Date.parse(started.timestamp);
    /** The seq of the last event stored; an event whose write fails never existed. */
    let seq = 0;
    let speaking = run.agentName;

    const envelope = (type: string, fields: Record<string, unknown>, at?: number): RunEvent =>
      runEvent({ runId: run.runId, threadId: run.threadId, agentName: speaking, requestId: run.request.request_id }, type, seq + 1, fields, at);
    const deliver = (event: RunEvent) => {
      seq = event.data.seq;
      this.deliver(identity.userId, run, event);
    };
    const emit = async (type: string, fields: Record<string, unknown>, at?: number) => {
      stopped.throwIfAborted();
      watchdog.pause();
      const event = envelope(type, fields, at);
      try {
        await conversations.appendEvent(conversations.db, { runId: run.runId, seq: event.data.seq, type, data: event.data });
      } catch (error) {
        if (takenSeq(error)) throw new RunEndedElsewhere();
        throw new StorageUnavailable((error as Error).message);
      }
      deliver(event);
      watchdog.restart();
    };
    // Deliberate delays stand for real work; a cancel cuts them short.
    const pause = (baseMs: number) => delay(baseMs * timeScale, undefined, { signal: stopped });

    const work: AgentWork = {
      think: async (thought, baseMs = 500) => {
        await emit('agent_thinking', { thought });
        await pause(baseMs);
      },
      useTool: async (toolName, parameters, tool, baseMs = 1000) => {
        const toolCallId = `call_${randomUUID()}`;
        const t0 = Date.now();
        const breaker = breakers.of(toolName);
        await emit('tool_executing', { tool_name: toolName, tool_call_id: toolCallId, parameters }, t0);
        // The call's time is the time between its two events' own timestamps, even if the process stalls in between.
        const completed = (outcome: { result: unknown } | { error: string }) => {
          const at = Date.now();
          return emit('tool_completed', { tool_name: toolName, tool_call_id: toolCallId, ...outcome, execution_time_ms: at - t0 }, at);
        };
        const unavailable = async (why: string) => {
          await completed({ error: why });
          return new ToolUnavailable(toolName);
        };
        if (!breaker.admit()) throw await unavailable(`${toolName} is unavailable: its circuit breaker is open`);
        if (faults.hits('hang_tool', toolName, { userId: identity.userId, runId: run.runId })) {
          // A tool that never answers: only the run's end (a cancel, or the agent timeout) gets past it.
          await new Promise((_resolve, reject) => {
            if (stopped.aborted) reject(stopped.reason);
            stopped.addEventListener('abort', () => reject(stopped.reason), { once: true });
          });
        }
        if (faults.hits('tool_failure', toolName, { userId: identity.userId, runId: run.runId })) {
          // Stryker disable next-line ObjectLiteral: a cancel during the broken tool's hang (TOOL_FAILURE_DELAY_MS, 300 ms) still ends the run well within the contract's 2 s
          await delay(this.deps.toolFailureDelayMs, undefined, { signal: stopped });
          breaker.failed();
          throw await unavailable(`${toolName} failed`);
        }
        await pause(baseMs);
        let result;
        try {
          result = await tool();
        } catch (error) {
          // The tool answered; it was the input that was wrong, which says nothing against the tool.
          breaker.succeeded();
          if (stopped.aborted) throw error;
          await completed({ error: (error as Error).message });
          throw error;
        }
        breaker.succeeded();
        await completed({ result });
        return result;
      },
      progress: async (percent, message, baseMs = 1000) => {
        await emit('agent_progress', { percent, message });
        await pause(baseMs);
      },
      handoff: async (from, to) => {
        await emit('agent_handoff', { from_agent: from, to_agent: to });
        speaking = to;
      },
    };

    const commit = (event: RunEvent, ending: Ending) => inTransaction(conversations.db, (tx) => this.writeEnding(tx, run, event, ending));

    let ending: Ending;
    try {
      deliver(started);
      watchdog.restart();
      // Stryker disable next-line StringLiteral: the crash's own message never leaves the platform (the customer is told INTERNAL_ERROR)
      if (faults.hits('crash_run', identity.userId, { userId: identity.userId, runId: run.runId })) throw new Error('Simulated crash (crash_run fault).');
      // Stryker disable next-line StringLiteral: unreachable over the wire, the chat and the API both refuse a request without a question
      const working = run.agent({ userRequest: String(run.request.user_request ?? ''), context: run.request.context ?? {} }, work);
      // Work that ignores the stop (a tool blocked on something that never settles) is left behind: the run ends without it.
      working.catch(() => undefined);
      const outcome = await Promise.race([working, hung]);
      // The wording has a bound of its own (LLM_TIMEOUT_MS), and falls back when it passes.
      watchdog.pause();
      const { text, note } = await this.deps.wording.word(run.agentName, outcome);
      const result = { ...outcome.result, summary: text, wording: note };
      if (note.source === 'fallback') Object.assign(result, { limitations: [`The wording fell back to the template: ${note.fallback_reason}.`] });
      ending = { type: 'agent_completed', fields: { result }, status: 'completed', result, summary: text };
    } catch (error) {
      watchdog.pause();
      if (error instanceof RunEndedElsewhere) return;
      if (silence.signal.aborted) {
        const seconds = Math.round(agentTimeoutMs) / 1000;
        ending = failed('AGENT_TIMEOUT', `The agent produced nothing for ${seconds} second${seconds === 1 ? '' : 's'}, so it was stopped; nothing after its last update was kept, and you can ask again.`);
      } else if (cancelled.aborted) {
        ending = { type: 'agent_cancelled', fields: { reason: "Stopped at the customer's request." }, status: 'cancelled', summary: 'Stopped at your request.' };
      } else if (error instanceof ToolUnavailable) {
        const summary = `The ${error.message.replace(/_/g, ' ')} is unavailable right now, so this answer has no figures; try again in a minute.`;
        const result = { summary, recommendations: [], unavailable_tools: [error.message], limitations: [`${error.message} is unavailable; no figures could be worked out.`] };
        ending = { type: 'agent_completed', fields: { result }, status: 'completed', result, summary };
        // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent while storage stays down, as the commit below then fails and the fallback tells the customer the same
      } else if (error instanceof StorageUnavailable) {
        // Stryker disable next-line StringLiteral: equivalent while storage stays down (see above)
        ending = failed('STORAGE_UNAVAILABLE', 'The run could not be saved because storage is unavailable; nothing of it is lost, and you can ask again shortly.');
      } else if (error instanceof AgentFailure) {
        ending = failed(error.code, error.message);
      } else {
        ending = failed('INTERNAL_ERROR', 'The agent stopped because of an internal error; try again.');
      }
    }

    speaking = run.agentName;
    const endedAt = Date.now();
    const event = envelope(ending.type, { ...ending.fields, duration_ms: endedAt - startedAt }, endedAt);
    try {
      await commit(event, ending);
      deliver(event);
    } catch (error) {
      if (takenSeq(error)) return;
      // Storage went away: the customer hears why at once, and the run is recorded as failed,
      // with exactly the events they saw, as soon as storage returns.
      const stored = failed('STORAGE_UNAVAILABLE', 'The run could not be saved because storage is unavailable; you can ask again shortly.');
      const failedAt = Date.now();
      const failure = envelope(stored.type, { ...stored.fields, duration_ms: failedAt - startedAt }, failedAt);
      deliver(failure);
      this.repairLater(() => commit(failure, stored));
    }
  }

  /** Keeps the run's state in Redis and sends the event to its owner's sockets, on every instance. */
  private deliver(userId: string, run: { runId: string; threadId: string; agentName: string }, event: RunEvent): void {
    // Redis keeps the run's state while it runs, for whoever picks it up; losing it loses nothing stored.
    const state = { status: TERMINAL[event.type] ?? 'running', agent_name: run.agentName, thread_id: run.threadId, last_seq: event.data.seq, updated_at: event.timestamp };
    this.deps.cache.set(`agent_state:${run.runId}`, JSON.stringify(state), 3600).catch(() => undefined);
    // Stryker disable next-line ConditionalExpression,StringLiteral: the drop_event fault is for the bite check, which breaks the platform on purpose outside the specification
    if (!this.deps.faults.hits('drop_event', event.type, { userId, runId: run.runId })) this.deps.publish(userId, event);
  }

  /** A run's end, in the caller's transaction: the answer in its conversation, the terminal event, the run's outcome. */
  private async writeEnding(tx: PoolClient, run: { runId: string; threadId: string }, event: RunEvent, ending: Ending): Promise<void> {
    const { conversations } = this.deps;
    await conversations.addMessage(tx, { threadId: run.threadId, role: 'assistant', content: ending.summary, runId: run.runId });
    await conversations.appendEvent(tx, { runId: run.runId, seq: event.data.seq, type: event.type, data: event.data });
    await conversations.finishRun(tx, run.runId, ending.status, ending);
  }

  /**
   * Ends a run that the instance running it can no longer end, because that instance died
   * (contract section 8, "Crashes"): agent_failed INTERRUPTED is stored with the next seq,
   * together with the answer and the run's outcome and end time, and then sent to whoever
   * follows the run. Nothing happens if the run has ended meanwhile (another instance's sweep
   * got there first). Returns whether this call ended it.
   */
  async endInterrupted(runId: string): Promise<boolean> {
    const { conversations } = this.deps;
    const ended = await inTransaction(conversations.db, async (tx) => {
      const stored = await conversations.lockRunning(tx, runId);
      if (!stored) return undefined;
      const run = { runId, threadId: stored.thread_id, agentName: stored.agent_name };
      const ending = failed('INTERRUPTED', 'The platform instance running this request stopped before it could finish; nothing after its last update was kept, and you can ask again.');
      // Never stamped before the event it follows, whichever instance's clock stamped that one.
      // Stryker disable next-line MethodExpression: equivalent where every instance reads one machine's clock
      const at = Math.max(Date.now(), Date.parse(stored.last_event.timestamp));
      const event = runEvent({ ...run, requestId: stored.request_id }, ending.type, stored.last_event.seq + 1, ending.fields, at);
      await this.writeEnding(tx, run, event, ending);
      return { userId: stored.user_id, run, event };
    });
    if (ended) this.deliver(ended.userId, ended.run, ended.event);
    return ended !== undefined;
  }

  /** Retries a write until storage is back (for up to ten minutes), or until the platform stops. */
  private repairLater(write: () => Promise<void>): void {
    const repair = (async () => {
      // Stryker disable all: how often and how long a failing write is retried, and forgetting it once done, change nothing a customer can see; the outage journey shows the write lands once storage is back
      for (let attempt = 0; attempt < 1200 && !this.stopping.signal.aborted; attempt++) {
        try {
          await write();
          return;
        } catch {
          await delay(500, undefined, { signal: this.stopping.signal }).catch(() => undefined);
        }
      }
    })();
    this.repairs.add(repair);
    void repair.finally(() => this.repairs.delete(repair));
    // Stryker restore all
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.repairs]);
  }
}
