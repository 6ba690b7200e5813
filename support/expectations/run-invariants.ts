import { decodeJwt } from 'jose';
import { isDeepStrictEqual } from 'node:util';
import type { AgentSocket, ReceivedFrame } from '../clients/agent-socket';
import { describeFrames } from '../clients/agent-socket';
import { TERMINAL_EVENTS } from '../agent-run';
import type { DatabaseProbe } from '../probes/database-probe';
import { eventually } from '../wait';
import { DEADLINES } from '../deadlines';

/**
 * What holds for every run any socket of a scenario saw, however the run ended and whatever the
 * scenario was about: the contract's run-event rules, checked after every scenario so that a
 * defect shows up in all of them, not only in the one journey written about it.
 */

export const RUN_EVENT_TYPES = ['agent_started', 'agent_thinking', 'tool_executing', 'tool_completed', 'agent_progress', 'agent_handoff', ...TERMINAL_EVENTS];

const STATUS_OF: Record<string, string> = { agent_completed: 'completed', agent_failed: 'failed', agent_cancelled: 'cancelled' };

export interface WatchedSocket {
  /** Whose socket this is, as the scenario names them. */
  owner: string;
  socket: AgentSocket;
}

interface View {
  owner: string;
  socket: AgentSocket;
  /** The account the platform welcomed on this socket. */
  userId?: string;
  events: ReceivedFrame[];
}

function welcomedUser(socket: AgentSocket): string | undefined {
  return socket.frames.find((f) => f.frame.type === 'system_message' && f.frame.data?.event === 'connection_established')?.frame.data?.user_id;
}

/**
 * Every welcome names the account whose token opened the socket, and no two sockets share a
 * connection id.
 */
export function welcomeViolations(sockets: WatchedSocket[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const { owner, socket } of sockets) {
    const welcome = socket.frames.find((f) => f.frame.type === 'system_message' && f.frame.data?.event === 'connection_established')?.frame;
    if (!welcome) continue;
    const sub = socket.presented ? readSubject(socket.presented) : undefined;
    if (sub && welcome.data.user_id !== sub) problems.push(`${owner}'s chat was welcomed as account ${welcome.data.user_id}, but its token is account ${sub}'s`);
    const id = welcome.data.connection_id;
    if (seen.has(id)) problems.push(`${owner}'s chat was welcomed with connection id ${id}, already given to ${seen.get(id)}'s chat`);
    seen.set(id, owner);
  }
  return problems;
}

function readSubject(token: string): string | undefined {
  try {
    return decodeJwt(token).sub;
  } catch {
    return undefined;
  }
}

/** Every socket's events, by run. */
export function runViews(sockets: WatchedSocket[]): Map<string, View[]> {
  const runs = new Map<string, View[]>();
  for (const { owner, socket } of sockets) {
    const byRun = new Map<string, ReceivedFrame[]>();
    for (const received of socket.frames) {
      const runId = received.frame.data?.run_id;
      if (!RUN_EVENT_TYPES.includes(received.frame.type) || typeof runId !== 'string') continue;
      byRun.set(runId, [...(byRun.get(runId) ?? []), received]);
    }
    for (const [runId, events] of byRun) runs.set(runId, [...(runs.get(runId) ?? []), { owner, socket, userId: welcomedUser(socket), events }]);
  }
  return runs;
}

/** The rules one socket's view of one run must keep. */
function viewViolations(runId: string, view: View): string[] {
  const problems: string[] = [];
  const { events } = view;
  const said = (why: string) => problems.push(`Run ${runId} as ${view.owner}'s socket saw it: ${why}; received: ${describeFrames(events, view.socket.openedAt)}`);
  const first = events[0].frame.data;

  events.forEach((received, i) => {
    const { type, data } = received.frame;
    if (typeof data.seq !== 'number') return said(`${type} has no seq`);
    if (i > 0 && data.seq !== events[i - 1].frame.data.seq + 1) said(`seq went from ${events[i - 1].frame.data.seq} to ${data.seq} (${type}); it must rise by one, with nothing missing or repeated`);
    if (typeof data.thread_id !== 'string' || data.thread_id === '' || data.thread_id !== first.thread_id) said(`${type} #${data.seq} carries thread ${JSON.stringify(data.thread_id)}, not the run's ${JSON.stringify(first.thread_id)}`);
    if (typeof data.agent_name !== 'string' || data.agent_name === '') said(`${type} #${data.seq} names no agent`);
    if (data.request_id !== first.request_id) said(`${type} #${data.seq} carries request ${JSON.stringify(data.request_id)}, not the run's ${JSON.stringify(first.request_id)}`);
    if (type === 'agent_started' && data.seq !== 1) said(`agent_started has seq ${data.seq}, not 1`);
    if (i > 0 && Date.parse(data.timestamp) < Date.parse(events[i - 1].frame.data.timestamp)) said(`${type} #${data.seq} is stamped ${data.timestamp}, before the event ahead of it (${events[i - 1].frame.data.timestamp})`);
  });
  if (first.seq === 1 && events[0].frame.type !== 'agent_started') said(`the event with seq 1 is ${events[0].frame.type}, not agent_started`);

  const terminals = events.filter((f) => TERMINAL_EVENTS.includes(f.frame.type));
  if (terminals.length > 1) said(`it ended ${terminals.length} times`);
  if (terminals.length && events.at(-1) !== terminals[0]) said(`${events.at(-1)!.frame.type} came after the run had ended with ${terminals[0].frame.type}`);

  // Tool calls pair up by call id; only a view that saw the run from its start can tell a call that never finished.
  const calls = new Map<string, { tool: string; completed: number }>();
  for (const { frame } of events) {
    const id = frame.data.tool_call_id;
    if (frame.type === 'tool_executing') {
      if (calls.has(id)) said(`tool call ${id} started twice`);
      calls.set(id, { tool: frame.data.tool_name, completed: 0 });
    } else if (frame.type === 'tool_completed') {
      const call = calls.get(id);
      if (!call) {
        if (first.seq === 1) said(`tool_completed #${frame.data.seq} answers call ${JSON.stringify(id)}, which never started`);
        continue;
      }
      call.completed += 1;
      if (call.completed > 1) said(`tool call ${id} completed twice`);
      if (frame.data.tool_name !== call.tool) said(`tool call ${id} started as ${call.tool} and completed as ${frame.data.tool_name}`);
    }
  }
  const ending = terminals[0]?.frame;
  // A cancel may cut a tool short, a run whose storage failed cannot record the tool's answer,
  // a run whose instance died (INTERRUPTED) was cut off in the middle of whatever it was doing, and
  // a run given up on for its silence (AGENT_TIMEOUT) was most likely waiting on a tool that never answered.
  const mustClose = ending && (ending.type === 'agent_completed' || (ending.type === 'agent_failed' && !['STORAGE_UNAVAILABLE', 'INTERRUPTED', 'AGENT_TIMEOUT'].includes(ending.data.error_code)));
  if (mustClose && first.seq === 1) {
    const open = [...calls].filter(([, call]) => call.completed === 0);
    if (open.length) said(`it ended with ${ending.type} while tool call${open.length > 1 ? 's' : ''} ${open.map(([id, call]) => `${id} (${call.tool})`).join(', ')} never completed`);
  }
  return problems;
}

/** The rules every run must keep on every socket that saw it, and across those sockets. */
export function runInvariantViolations(sockets: WatchedSocket[]): string[] {
  const problems: string[] = [];
  for (const [runId, views] of runViews(sockets)) {
    views.forEach((view) => problems.push(...viewViolations(runId, view)));
    const accounts = new Set(views.map((v) => v.userId));
    if (accounts.size > 1) problems.push(`Run ${runId} reached the sockets of more than one account: ${views.map((v) => `${v.owner} (${v.userId})`).join(', ')}`);
    // One run, one request: a socket that picked the run up later (a resume, a catch-up) sees the same request id.
    const requests = new Set(views.map((v) => JSON.stringify(v.events[0].frame.data.request_id)));
    if (requests.size > 1) problems.push(`Run ${runId} carries a different request id on different sockets: ${views.map((v) => `${v.owner}'s socket saw ${JSON.stringify(v.events[0].frame.data.request_id)} from #${v.events[0].frame.data.seq}`).join(', ')}`);
    // Every socket that saw an event saw the same event.
    const bySeq = new Map<number, { owner: string; frame: ReceivedFrame['frame'] }>();
    for (const view of views) {
      for (const { frame } of view.events) {
        const seen = bySeq.get(frame.data.seq);
        if (!seen) bySeq.set(frame.data.seq, { owner: view.owner, frame });
        else if (!isDeepStrictEqual(seen.frame.type, frame.type) || !isDeepStrictEqual(seen.frame.data, frame.data)) {
          problems.push(`Run ${runId} event #${frame.data.seq} differs between sockets: ${seen.owner} got ${JSON.stringify(seen.frame).slice(0, 300)}, ${view.owner} got ${JSON.stringify(frame).slice(0, 300)}`);
        }
      }
    }
  }
  return problems;
}

/**
 * An ended run left the customer's question and one answer in the conversation: a completed
 * run's summary, a failed run's reason, a cancelled run's note that it was stopped.
 */
function messageViolations(runId: string, ending: ReceivedFrame['frame'], started: ReceivedFrame['frame'] | undefined, messages: { role: string; content: string }[]): string[] {
  const roles = messages.map((m) => m.role).join(', ');
  if (roles !== 'user, assistant') return [`Run ${runId} ended with ${ending.type}, so its conversation should hold its question and one answer; it holds ${roles || 'nothing'} of it`];
  const [question, answer] = messages;
  const problems: string[] = [];
  if (started?.data.user_request !== undefined && question.content !== started.data.user_request) problems.push(`Run ${runId}'s question is stored as "${question.content.slice(0, 100)}", but its agent_started says "${String(started.data.user_request).slice(0, 100)}"`);
  const said = { agent_completed: ending.data.result?.summary, agent_failed: ending.data.error_message, agent_cancelled: undefined }[ending.type as 'agent_completed'];
  if (said !== undefined ? answer.content !== said : !answer.content.trim()) {
    problems.push(`Run ${runId} ended with ${ending.type}, so its answer in the conversation should be ${said === undefined ? 'a note that it was stopped' : `"${String(said).slice(0, 150)}"`}; it is "${answer.content.slice(0, 150)}"`);
  }
  return problems;
}

/** Seconds to wait for a run's storage to catch up with what was sent (a repair after a database outage). */
const STORAGE_CATCH_UP_MS = DEADLINES.storage;

/**
 * What the sockets received is what the platform stored: each event, field for field, and for an
 * ended run its status, result and end time. Runs of an instance with a database of its own are
 * not in the target's database; those are left out.
 */
export async function storedRunViolations(probe: DatabaseProbe, sockets: WatchedSocket[], targetWsUrl: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [runId, views] of runViews(sockets)) {
    const received = new Map<number, ReceivedFrame['frame']>();
    views.forEach((view) => view.events.forEach(({ frame }) => received.set(frame.data.seq, frame)));
    const ending = [...received.values()].find((frame) => TERMINAL_EVENTS.includes(frame.type));

    const mismatches = async (): Promise<string[]> => {
      const row = await probe.run(runId);
      if (!row) return views.every((v) => v.socket.url !== targetWsUrl) ? [] : [`Run ${runId} was streamed but has no runs row`];
      const stored = new Map((await probe.runEvents(runId)).map((e) => [e.seq, e]));
      const found: string[] = [];
      for (const [seq, frame] of received) {
        const kept = stored.get(seq);
        if (!kept) found.push(`Run ${runId} event #${seq} (${frame.type}) was sent but not stored`);
        else if (kept.type !== frame.type || !isDeepStrictEqual(kept.data, frame.data)) found.push(`Run ${runId} event #${seq} was sent as ${JSON.stringify(frame).slice(0, 400)} but stored as ${JSON.stringify(kept).slice(0, 400)}`);
      }
      if (ending) {
        const status = STATUS_OF[ending.type];
        if (row.status !== status) found.push(`Run ${runId} ended with ${ending.type} but is stored as ${row.status}`);
        if (!row.completed_at) found.push(`Run ${runId} ended with ${ending.type} but its stored end time is empty`);
        const result = status === 'completed' ? ending.data.result : null;
        if (!isDeepStrictEqual(row.result, result)) found.push(`Run ${runId} ended with ${ending.type}, so its stored result should be ${JSON.stringify(result).slice(0, 300)}, but it is ${JSON.stringify(row.result).slice(0, 300)}`);
        const error = status === 'failed' ? { error_code: ending.data.error_code, error_message: ending.data.error_message } : null;
        if (!isDeepStrictEqual(row.error, error)) found.push(`Run ${runId} ended with ${ending.type}, so its stored error should be ${JSON.stringify(error)}, but it is ${JSON.stringify(row.error)}`);
        found.push(...messageViolations(runId, ending, received.get(1), await probe.runMessages(runId)));
        const last = Math.max(...stored.keys());
        if (last !== ending.data.seq) found.push(`Run ${runId} ended with #${ending.data.seq} ${ending.type}, but its stored events go on to #${last} (${stored.get(last)?.type})`);
      }
      return found;
    };
    let found: string[] = [];
    await eventually(`run ${runId} stored as it was sent`, async () => ((found = await mismatches()).length ? undefined : true), STORAGE_CATCH_UP_MS).catch(() => undefined);
    problems.push(...found);
  }
  return problems;
}
