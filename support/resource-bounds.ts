import { startReading, readFrom } from './reading';
import { chatSocket, openSocket, waitForWelcome } from './tasks/chat';
import { ensureSignedIn } from './tasks/sign-in';
import { randomUUID } from 'node:crypto';
import type { AgentSocket, Frame } from './clients/agent-socket';
import { expectStatus, http, type HttpResponse } from './clients/http';
import type { AuthRelay } from './fakes/auth-relay';
import { costQuestion } from './domain';
import type { Instance } from './environment';
import { holdConversation, holdRun, type RowHold } from './probes/database-admin';
import type { Actor } from './actor';
import { DEADLINES } from './deadlines';

/** What a chat answered, or how a request ended; for a failure message. */
export type Reply = { kind: 'http'; answer: HttpResponse } | { kind: 'frame'; frame: Frame; stillOpen: boolean } | { kind: 'health'; answers: HttpResponse[] };

const range = (count: number) => Array.from({ length: count }, (_, i) => i);

/** Opens `count` chat connections at once; each is welcomed, or this fails saying what came instead. */
export async function haveChatsOpen(session: Actor, count: number): Promise<void> {
  await ensureSignedIn(session);
  await Promise.all(range(count).map(async () => waitForWelcome(session, await openSocket(session))));
}

/** Opens `count` chat connections at once and waits for the platform's first word on each: a welcome or a refusal. */
export async function openChats(session: Actor, count: number): Promise<void> {
  await ensureSignedIn(session);
  await Promise.all(range(count).map(async () => (await openSocket(session)).connectionAnswer()));
}

/** Closes the person's oldest open chat connection, politely, and waits until the platform has seen it go. */
export async function closeOneChat(session: Actor): Promise<void> {
  const open = session.sockets.find((socket) => socket.isOpen);
  if (!open) throw new Error(`${session.name} has no open chat connection to close.`);
  await open.close();
}

/**
 * Opens `count` chat connections while the relay holds the platform's token checks, closes each
 * once the platform is checking its token, and only then lets the checks through: every
 * connection went away during its sign-in. A polite close is answered by the platform, so by the
 * time it returns the platform knows the connection is gone.
 */
export async function dropChatsWhileSigningIn(session: Actor, relay: AuthRelay | undefined, count: number): Promise<void> {
  if (!relay) throw new Error('Holding the token checks needs an instance whose token checks can be held up (a Given step starts one).');
  await ensureSignedIn(session);
  relay.holdChecks();
  const sockets = await Promise.all(range(count).map(() => openSocket(session)));
  await relay.checksHeld(count, DEADLINES.reply);
  await Promise.all(sockets.map((socket) => socket.close()));
  await relay.releaseChecks();
}

/** A conversation whose details hold `kib` KiB of notes: every time it is read, that much is sent. */
export async function startConversationWithNotes(session: Actor, kib: number): Promise<void> {
  await ensureSignedIn(session);
  const body = { title: 'Notes', metadata: { notes: 'n'.repeat(kib * 1024) } };
  session.remember('thread', expectStatus(await session.api.createThread(session.accessToken, body), 201, `Starting ${session.name}'s conversation`).body);
}

/** Starts a conversation whose body trickles in over `overMs`; the answer is kept as the person's last attempt. Returns the details sent. */
export async function startConversationSlowly(session: Actor, overMs: number): Promise<Record<string, unknown>> {
  await ensureSignedIn(session);
  const details = { notes: 'typed on a train' };
  const body = JSON.stringify({ title: 'Slowly', metadata: details });
  await session.attempt('create thread', session.api.createThreadSlowly(session.accessToken, body, overMs));
  return details;
}

/** A chat connection that is welcomed and then stops reading; what it asks for piles up. */
export async function haveChatThatStoppedReading(session: Actor): Promise<void> {
  await ensureSignedIn(session);
  const socket = await openSocket(session);
  await waitForWelcome(session, socket);
  socket.stopReading();
}

export function stalledChatOf(session: Actor): AgentSocket {
  const stalled = session.sockets.find((socket) => socket.stoppedReading);
  if (!stalled) throw new Error(`${session.name} has no chat connection that has stopped reading.`);
  return stalled;
}

/** The person's chat beside the one that stopped reading: the one that reads. */
export function readingChatOf(session: Actor): AgentSocket {
  const reading = session.sockets.find((socket) => !socket.stoppedReading);
  if (!reading) throw new Error(`${session.name} has no chat connection that reads.`);
  return reading;
}

/**
 * The chat that stopped reading asks for the conversation `times` times at once, while the
 * person's other chat asks for it `readingTimes` times, one after another. The platform handles a
 * connection's messages in order, so a question sent last on the stalled chat tells, once its run
 * starts on the other chat, that every request before it was handled: only then does the stalled
 * chat read again, and find out what the platform kept for it.
 */
export async function askForConversationWhileNotReading(session: Actor, times: number, readingTimes: number, withinMs: number): Promise<void> {
  const stalled = stalledChatOf(session);
  const reading = readingChatOf(session);
  const threadId = session.noted('thread')?.id;
  if (!threadId) throw new Error(`${session.name} has no conversation to ask for.`);
  startReading(stalled);
  startReading(reading);
  for (const _ of range(times)) stalled.send('get_thread', { thread_id: threadId });
  const workload = { provider: 'openai', model: 'gpt-4o', monthly_requests: 1000, avg_input_tokens: 100, avg_output_tokens: 50 };
  const last = `req_last_${randomUUID()}`;
  stalled.send('start_agent', { user_request: costQuestion(workload), agent: 'cost_optimizer', context: { workload }, request_id: last });
  for (const _ of range(readingTimes)) {
    const from = reading.frames.length;
    reading.send('get_thread', { thread_id: threadId });
    await reading.waitFor('the conversation on the chat that reads', (f) => f.type === 'thread' || f.type === 'error_message', withinMs, from);
  }
  await reading.waitFor('the start of the question sent last on the chat that stopped reading', (f) => f.type === 'agent_started' && f.data?.request_id === last, withinMs, readFrom(reading));
  stalled.startReading();
}

/** Bytes of the conversations a chat received since the person last sent something there, and how many there were. */
export function conversationsReceived(socket: AgentSocket): { count: number; bytes: number } {
  const threads = socket.frames.slice(readFrom(socket)).filter((f) => f.frame.type === 'thread');
  return { count: threads.length, bytes: threads.reduce((sum, f) => sum + JSON.stringify(f.frame).length, 0) };
}

const stamp = (socket: AgentSocket) => socket.frames.length;

/** The first answer on the chat from `from` on, and whether the chat is still open after it. */
async function chatReply(socket: AgentSocket, from: number, expecting: (f: Frame) => boolean): Promise<Reply> {
  const { frame } = await socket.waitFor('an answer', (f) => f.type === 'error_message' || expecting(f), DEADLINES.underOutage, from);
  return { kind: 'frame', frame, stillOpen: socket.isOpen };
}

/**
 * What a customer tries while one of the platform's dependencies is silent, or its database has
 * no connection to spare, in a reviewer's words: each comes back with the answer it got
 * (support/expectations/resource-bounds.ts judges it). Add a row to try something else.
 */
export const REQUESTS_WHILE_SILENT: Record<string, (session: Actor, instance: Instance) => Promise<Reply>> = {
  'listing the conversations': async (session) => ({ kind: 'http', answer: await session.api.threads(session.accessToken) }),
  'signing in': async (session) => ({ kind: 'http', answer: await session.auth.login({ email: session.email, password: session.password }) }),
  // A newcomer's sign-up: the email is new, so the only honest answer is that accounts cannot be reached.
  'signing up': async (session) => ({ kind: 'http', answer: await session.auth.register({ email: session.email.replace('@', '.newcomer@'), password: session.password }) }),
  'asking a question through the API': async (session) => {
    const workload = { provider: 'openai', model: 'gpt-4o', monthly_requests: 2_000_000, avg_input_tokens: 1000, avg_output_tokens: 500 };
    return { kind: 'http', answer: await session.api.execute(session.accessToken, { type: 'cost_optimizer', message: costQuestion(workload), context: { workload } }) };
  },
  'opening the conversation on the chat': async (session) => {
    const socket = await chatSocket(session);
    const from = stamp(socket);
    socket.send('get_thread', { thread_id: session.noted('thread')?.id });
    return chatReply(socket, from, (f) => f.type === 'thread');
  },
  'a message on the open chat': async (session) => {
    const socket = await chatSocket(session);
    const from = stamp(socket);
    socket.send('ping');
    return chatReply(socket, from, (f) => f.type === 'pong');
  },
  'opening a new chat connection': async (session) => {
    const socket = await openSocket(session);
    const { frame } = await socket.connectionAnswer(DEADLINES.underOutage);
    return { kind: 'frame', frame, stillOpen: socket.isOpen };
  },
  "the platform's health": async (_session, instance) => ({ kind: 'health', answers: await Promise.all([instance.apiUrl, instance.authUrl].map((url) => http('GET', `${url}/health`))) }),
};

/**
 * The person archives their conversation while another piece of work holds it in the database,
 * past the platform's patience with a statement; the hold ends once the platform has answered.
 */
export async function archiveWhileHeld(session: Actor, databaseUrl: string): Promise<void> {
  const held = await holdConversation(databaseUrl, session.recall('thread').id);
  try {
    await session.attempt('archiving the conversation', session.api.archiveThread(session.accessToken, session.recall('thread').id));
  } finally {
    await held.release();
  }
}

/** The person archives their conversation while the database ends the connection the change is waiting on (an administrator's kill, a failover). */
export async function archiveWhileConnectionEnded(session: Actor, databaseUrl: string): Promise<void> {
  const held = await holdConversation(databaseUrl, session.recall('thread').id);
  try {
    const archived = session.attempt('archiving the conversation', session.api.archiveThread(session.accessToken, session.recall('thread').id));
    await held.endWhoeverWaits(DEADLINES.reply);
    await archived;
  } finally {
    await held.release();
  }
}

/** Once the person's run is under way, other work holds the run in the database (until `release`), so that the run cannot record how it ended. */
export async function holdRunOnceUnderWay(session: Actor, databaseUrl: string, withinMs: number): Promise<RowHold> {
  const run = session.lastRun();
  await run.underWay(withinMs);
  return holdRun(databaseUrl, run.runId!);
}
