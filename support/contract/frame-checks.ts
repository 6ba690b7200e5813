import { documentOf, follow, schemaViolations, validatorAt } from './schemas';
import { leakViolations, savingsViolations } from './figures';
import { Violation, excerpt, violation } from './violations';

const RUN_EVENTS = new Set(['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_progress', 'agent_handoff', 'agent_completed', 'agent_failed', 'agent_cancelled']);
const TERMINAL = new Set(['agent_completed', 'agent_failed', 'agent_cancelled']);

let schemasByType: Map<string, string[]> | undefined;

/** Where each frame type's schema lives: the message the server sends whose payload fixes `type` to it. */
function frameSchemas(): Map<string, string[]> {
  if (schemasByType) return schemasByType;
  schemasByType = new Map();
  for (const ref of documentOf('asyncapi.json').operations.sendServerFrames.messages) {
    const message = follow('asyncapi.json', ref, []);
    const payload = follow('asyncapi.json', message.node.payload, [...message.at, 'payload']);
    const type = payload.node?.properties?.type?.const;
    if (typeof type === 'string') schemasByType.set(type, payload.at);
  }
  return schemasByType;
}

const CONNECTION_REFUSED = ['components', 'schemas', 'ConnectionRefusedFrame'];

/** Compiles every frame schema now, so that no scenario waits for a compilation. */
export function prepareFrameChecks(): void {
  for (const at of [...frameSchemas().values(), CONNECTION_REFUSED]) validatorAt('asyncapi.json', at);
}

function describeFrame(frame: any): string {
  const data = frame?.data ?? {};
  const seq = data.seq !== undefined ? ` #${data.seq}` : '';
  const run = data.run_id !== undefined ? ` of ${data.run_id}` : '';
  const code = frame?.error_code ? ` ${frame.error_code}` : '';
  return `frame ${frame?.type}${seq}${run}${code}`;
}

/**
 * Checks one frame against contract/asyncapi.json by its type. Before the welcome, an
 * error_message is a refusal of the connection, whose codes the contract lists.
 */
export function checkFrame(frame: any, options: { beforeWelcome?: boolean } = {}): Violation[] {
  if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') {
    return [{ subject: 'a frame', path: '/type', rule: 'every frame is a JSON object with a type', excerpt: excerpt(frame) }];
  }
  const subject = describeFrame(frame);
  const refusal = options.beforeWelcome && frame.type === 'error_message';
  const at = refusal ? CONNECTION_REFUSED : frameSchemas().get(frame.type);
  if (!at) {
    return [violation(subject, frame, '/type', `is a type of frame the contract names (${[...frameSchemas().keys()].join(', ')})`)];
  }
  const found = schemaViolations(validatorAt('asyncapi.json', at), frame, refusal ? `${subject} refusing the connection` : subject);
  if (frame.type === 'agent_completed') found.push(...savingsViolations(subject, frame, frame.data?.result, '/data/result'));
  if (frame.type === 'error_message') found.push(...leakViolations(subject, frame, '/error_message', frame.error_message));
  if (frame.type === 'agent_failed') found.push(...leakViolations(subject, frame, '/data/error_message', frame.data?.error_message));
  return found;
}

/*
 * Times are compared on the events' own timestamps (the server's clock), never on arrival. A
 * tool call's execution_time_ms can be no longer than the time between its tool_executing and
 * tool_completed timestamps, and duration_ms is about the time from agent_started to the end;
 * the reference platform stamps both from one reading of the clock, so they agree to the
 * millisecond, and the margins leave room for a deployment that measures a little differently.
 * A value in seconds is a thousandth of the gap, so a call that took under a tenth of it is one
 * measured in the wrong unit.
 */
const TOOL_MARGIN_MS = 10;
const TOOL_MIN_SHARE = 0.1;
const DURATION_MARGIN_MS = 25;
const DURATION_MARGIN_SHARE = 0.1;

interface RunSeen {
  startedAt?: number;
  openTools: Map<string, number>;
}

/**
 * What one socket has received so far, for the checks that need more than one frame: the welcome
 * (or the refusal) comes first, and durations agree with the events' own timestamps. Seq, pairing
 * and terminal rules are support/expectations/run-invariants.ts's, checked after every scenario.
 */
export class SocketContract {
  private welcomed = false;
  private readonly runs = new Map<string, RunSeen>();

  /** `frame` is undefined when the text was not JSON. */
  receive(frame: any, text: string): Violation[] {
    if (frame === undefined) return [{ subject: 'a frame', path: '', rule: 'every frame is JSON', excerpt: excerpt(text) }];
    const beforeWelcome = !this.welcomed;
    const found = checkFrame(frame, { beforeWelcome });
    if (beforeWelcome && frame?.type !== 'system_message' && frame?.type !== 'error_message') {
      found.push(violation(describeFrame(frame), frame, '/type', 'the first frame on a socket is the welcome (system_message) or the error_message refusing the connection'));
    }
    if (frame?.type === 'system_message') this.welcomed = true;
    if (RUN_EVENTS.has(frame?.type) && typeof frame.data?.run_id === 'string') found.push(...this.timings(frame));
    return found;
  }

  private timings(frame: any): Violation[] {
    const { data, type } = frame;
    const at = Date.parse(data.timestamp);
    let run = this.runs.get(data.run_id);
    if (!run) this.runs.set(data.run_id, (run = { openTools: new Map() }));
    if (type === 'agent_started') run.startedAt = at;
    if (type === 'tool_executing') run.openTools.set(data.tool_call_id, at);
    const subject = describeFrame(frame);

    if (type === 'tool_completed' && run.openTools.has(data.tool_call_id)) {
      const gap = at - run.openTools.get(data.tool_call_id)!;
      run.openTools.delete(data.tool_call_id);
      const ms = data.execution_time_ms;
      if (typeof ms === 'number' && Number.isFinite(gap)) {
        if (ms > gap + TOOL_MARGIN_MS) {
          return [violation(subject, frame, '/data/execution_time_ms', `is in milliseconds and no longer than the ${gap} ms between its tool_executing and tool_completed timestamps (+${TOOL_MARGIN_MS} ms)`)];
        }
        if (gap >= TOOL_MARGIN_MS && ms < gap * TOOL_MIN_SHARE) {
          return [violation(subject, frame, '/data/execution_time_ms', `is in milliseconds: the ${gap} ms between its tool_executing and tool_completed timestamps would be ${(gap / 1000).toFixed(3)} in seconds, and this is under a tenth of ${gap}`)];
        }
      }
    }

    if (TERMINAL.has(type) && run.startedAt !== undefined && typeof data.duration_ms === 'number') {
      const span = at - run.startedAt;
      const margin = DURATION_MARGIN_MS + span * DURATION_MARGIN_SHARE;
      if (Math.abs(data.duration_ms - span) > margin) {
        return [violation(subject, frame, '/data/duration_ms', `is in milliseconds and about the ${span} ms from agent_started to ${type} by their timestamps (±${Math.round(margin)} ms)`)];
      }
    }
    return [];
  }
}
