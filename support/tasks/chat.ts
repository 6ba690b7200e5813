import type { DataTable } from '@cucumber/cucumber';
import { noteBurst, startReading } from '../reading';
import { randomUUID } from 'node:crypto';
import { AgentSocket, SocketAuth } from '../clients/agent-socket';
import { AgentRun } from '../agent-run';
import { DEADLINES } from '../deadlines';
import type { Actor } from '../actor';
import { ensureSignedIn } from './sign-in';

/** What a person does on the chat: opening connections, asking agents, reconnecting, catching up. */

const WELCOME = (frame: { type: string; data?: { event?: string } }) => frame.type === 'system_message' && frame.data?.event === 'connection_established';

/** Opens a socket on the target, or on another instance's socket address. */
export async function openSocket(actor: Actor, auth: SocketAuth = 'header', wsUrl = actor.chatUrl, options: Parameters<typeof AgentSocket.open>[3] = {}): Promise<AgentSocket> {
  const socket = await AgentSocket.open(wsUrl, auth === 'none' ? undefined : actor.accessToken, auth, options);
  actor.sockets.push(socket);
  return socket;
}

export async function waitForWelcome(actor: Actor, socket: AgentSocket, withinMs: number = DEADLINES.reply) {
  return socket.waitFor(`the welcome for ${actor.name}`, WELCOME, withinMs);
}

/** Opens a connection and waits until the chat welcomes the person on it. */
export async function connect(actor: Actor, auth: SocketAuth = 'header', wsUrl = actor.chatUrl, options: Parameters<typeof AgentSocket.open>[3] = {}): Promise<AgentSocket> {
  const socket = await openSocket(actor, auth, wsUrl, options);
  await waitForWelcome(actor, socket);
  return socket;
}

/** Sends a message on a connection; what the chat says back is read from this point on. */
export function sendOn(socket: AgentSocket, type: string, payload?: unknown): void {
  startReading(socket);
  socket.send(type, payload);
}

/** Sends text as it is, JSON or not, on a connection; what the chat says back is read from this point on. */
export function sendTextOn(socket: AgentSocket, text: string): void {
  startReading(socket);
  socket.sendText(text);
}

/** Sends this many pings at once, remembered as a burst (support/expectations/realtime.ts reads it). */
export function flood(socket: AgentSocket, count: number): void {
  startReading(socket);
  noteBurst(socket, count);
  for (let i = 0; i < count; i++) socket.send('ping');
}

/** The socket the person chats on: the latest open one (never one that stopped reading), or a new one once it is welcomed. */
export async function chatSocket(actor: Actor): Promise<AgentSocket> {
  const open = [...actor.sockets].reverse().find((s) => s.isOpen && !s.stoppedReading);
  if (open) return open;
  return connect(actor);
}

export async function closeSockets(actor: Actor): Promise<void> {
  await Promise.all(actor.sockets.map((socket) => socket.close()));
}

/** The attached usage log as the CSV file the contract's context.files carries. */
export function usageLogFile(actor: Actor): { name: string; media_type: string; content?: string } | undefined {
  const log = actor.noted('usageLog');
  if (!log) return undefined;
  if (log.withoutContent) return { name: log.name, media_type: log.mediaType ?? 'text/csv' };
  const content = log.raw ?? [log.header, ...log.rows].map((cells) => cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join(log.separator ?? '\n');
  return { name: log.name, media_type: log.mediaType ?? 'text/csv', content };
}

/**
 * Asks an agent over the chat, in the front end's dialect (start_agent) or the one the
 * platform's staging tests speak (agent_request). An attached usage log goes along. With no
 * agent named, the platform chooses its default.
 */
export async function startAgent(
  actor: Actor,
  agent: string | undefined,
  request: { user_request: string; context?: Record<string, unknown>; thread_id?: string },
  dialect: 'start_agent' | 'agent_request' | 'agent_request at the top level' = 'start_agent',
  /** null sends the request without an id. */
  id: string | null = `req_${randomUUID()}`,
): Promise<AgentRun> {
  const requestId = id ?? undefined;
  await ensureSignedIn(actor);
  const socket = await chatSocket(actor);
  const file = usageLogFile(actor);
  const context = file ? { ...request.context, files: [...(actor.noted('otherFiles') ?? []), file] } : request.context;
  const run = new AgentRun(requestId, agent ?? 'default agent', { ...request, context }, socket, socket.frames.length, Date.now());
  if (dialect === 'start_agent') {
    // An empty request id is none at all: the request goes out unmarked, as the contract allows.
    socket.send('start_agent', { ...request, context, agent, request_id: requestId || undefined });
  } else {
    const fields = { agent, message: request.user_request, thread_id: request.thread_id, context, request_id: requestId || undefined };
    // The contract takes agent_request's fields in a payload or beside the type.
    if (dialect === 'agent_request') socket.send('agent_request', fields);
    else socket.sendText(JSON.stringify({ type: 'agent_request', ...fields }));
  }
  actor.runs.push(run);
  return run;
}

/**
 * Reconnects and picks the run up where the person's last socket left it: the resume goes
 * out the moment the new socket opens. Returns when the reconnection was started.
 */
export async function reconnectAndResume(actor: Actor, run: AgentRun): Promise<number> {
  const startedAt = Date.now();
  const socket = await openSocket(actor, 'header', actor.chatUrl, { first: { type: 'resume', payload: { run_id: run.runId, after_seq: run.lastSeq } } });
  run.followOn(socket);
  return startedAt;
}

/**
 * Opens another chat connection (on this or another instance) that asks, as its first message,
 * for every event of the last run from the start; returns once it is welcomed, following the run.
 */
export async function catchUpOn(actor: Actor, wsUrl = actor.chatUrl): Promise<AgentRun> {
  const run = actor.lastRun();
  const socket = await openSocket(actor, 'header', wsUrl, { first: { type: 'resume', payload: { run_id: run.runId, after_seq: 0 } } });
  await waitForWelcome(actor, socket);
  const catchUp = new AgentRun(run.requestId, run.agent, run.request, socket, 0, run.sentAt);
  actor.remember('catchUp', catchUp);
  return catchUp;
}

/** The run asked for just before the latest one. */
export function earlierRun(actor: Actor): AgentRun {
  const run = actor.runs.at(-2);
  if (!run) throw new Error(`${actor.name} has not asked for two runs yet.`);
  return run;
}

/**
 * Asks on one particular chat connection (not the person's own) and waits for the run to
 * complete there. Returns the run's id and how many events it had.
 */
export async function askOnConnection(socket: AgentSocket, agent: string, request: { user_request: string; context?: Record<string, unknown> }, withinMs: number): Promise<{ runId: string; events: number }> {
  const requestId = `req_${randomUUID()}`;
  socket.send('start_agent', { user_request: request.user_request, agent, context: request.context, request_id: requestId });
  const done = await socket.waitFor('the run to complete', (f) => f.type === 'agent_completed' && f.data?.request_id === requestId, withinMs);
  return { runId: done.frame.data.run_id, events: done.frame.data.seq };
}

/** The person's connection drops (the network, not a close) once the run is under way; returns when the client sees it closed. */
export async function dropOnceUnderWay(run: AgentRun, deadlineMs: number): Promise<void> {
  await run.underWay(deadlineMs);
  run.socket.cut();
  await run.socket.waitForClose(DEADLINES.close);
}

/** The person's usage log as the table gives it, with its header in the contract's words, to attach to what they ask next. */
export function keepUsageLog(actor: Actor, name: string, table: DataTable): void {
  const [header, ...rows] = table.raw();
  actor.remember('usageLog', { name, header: header.map((h) => h.trim().toLowerCase().replace(/\s+/g, '_')), rows });
}
