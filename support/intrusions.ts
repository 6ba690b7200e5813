import { chatSocket } from './tasks/chat';
import { ensureSignedIn } from './tasks/sign-in';
import { randomUUID } from 'node:crypto';
import type { ReceivedFrame } from './clients/agent-socket';
import type { HttpResponse } from './clients/http';
import { redact } from './redact';
import type { Actor } from './actor';
import { DEADLINES } from './deadlines';

/**
 * Everything a customer can do to a conversation or run by naming its id, over the API or the
 * chat. Isolation must hold for each one, so each is listed here once and every scenario that
 * is about access can try them all: a new row here is a new way to knock on someone's door.
 */
export type Answer = { via: 'api'; answer: HttpResponse } | { via: 'chat'; frame: ReceivedFrame['frame']; operation: string };

export interface NamedIds {
  threadId: string;
  runId: string;
}

/** Sends one chat message and returns the chat's first answer that is about it. */
async function overChat(actor: Actor, type: string, payload: Record<string, unknown>, isAnswer: (frame: ReceivedFrame['frame']) => boolean): Promise<Answer> {
  const socket = await chatSocket(actor);
  const from = socket.frames.length;
  socket.send(type, payload);
  const { frame } = await socket.waitFor(`an answer to ${type}`, (f) => f.type === 'error_message' || isAnswer(f), DEADLINES.reply, from);
  return { via: 'chat', frame, operation: type };
}

const aboutRun = (runId: string) => (frame: ReceivedFrame['frame']) => frame.data?.run_id === runId;

export const INTRUSIONS: Record<string, (actor: Actor, ids: NamedIds) => Promise<Answer>> = {
  read: async (actor, { threadId }) => ({ via: 'api', answer: await actor.api.thread(actor.accessToken, threadId) }),
  'read the messages of': async (actor, { threadId }) => ({ via: 'api', answer: await actor.api.messages(actor.accessToken, threadId) }),
  archive: async (actor, { threadId }) => ({ via: 'api', answer: await actor.api.archiveThread(actor.accessToken, threadId) }),
  'read the run of': async (actor, { runId }) => ({ via: 'api', answer: await actor.api.run(actor.accessToken, runId) }),
  'ask a follow-up through the API in': async (actor, { threadId }) => ({
    via: 'api',
    answer: await actor.api.execute(actor.accessToken, { type: 'cost_optimizer', message: 'And what about gpt-4o-mini?', thread_id: threadId }),
  }),
  'open over the chat': (actor, { threadId }) => overChat(actor, 'get_thread', { thread_id: threadId }, (f) => f.type === 'thread'),
  'resume the run of': (actor, { runId }) => overChat(actor, 'resume', { run_id: runId, after_seq: 0 }, aboutRun(runId)),
  'stop the run of': (actor, { runId }) => overChat(actor, 'agent_interrupt', { run_id: runId }, aboutRun(runId)),
  'ask a follow-up in': (actor, { threadId }) => {
    const requestId = `req_${randomUUID()}`;
    return overChat(actor, 'start_agent', { user_request: 'And what about gpt-4o-mini?', agent: 'cost_optimizer', thread_id: threadId, request_id: requestId }, (f) => f.data?.request_id === requestId);
  },
};

/** The operations that name a run rather than only a conversation. */
export const RUN_OPERATIONS = ['read the run of', 'resume the run of', 'stop the run of'];

/** How an answer refuses, in words, for failure messages. */
export function describeAnswer(answer: Answer): string {
  return answer.via === 'api'
    ? `${answer.answer.call} answered ${answer.answer.status}: ${redact(answer.answer.text).slice(0, 200)}`
    : `the chat answered ${answer.operation} with ${answer.frame.type}${answer.frame.error_code ? ` ${answer.frame.error_code}` : ''}: ${redact(JSON.stringify(answer.frame)).slice(0, 200)}`;
}

/** Refused as someone else's: 403 ACCESS_DENIED over the API, error_message ACCESS_DENIED on the chat. */
export function refusedAsNotTheirs(answer: Answer): boolean {
  if (answer.via === 'api') return answer.answer.status === 403 && answer.answer.body?.code === 'ACCESS_DENIED' && typeof answer.answer.body?.detail === 'string';
  return answer.frame.type === 'error_message' && answer.frame.error_code === 'ACCESS_DENIED';
}

/** Refused as not existing: 404 over the API, an error_message saying it is not found on the chat. */
export function refusedAsUnknown(answer: Answer): boolean {
  if (answer.via === 'api') return answer.answer.status === 404 && typeof answer.answer.body?.code === 'string' && typeof answer.answer.body?.detail === 'string';
  return answer.frame.type === 'error_message' && /NOT_FOUND$/.test(answer.frame.error_code ?? '');
}

/**
 * Headers that claim to be someone, as the platform's own end-to-end clients send them beside a
 * token (X-User-ID, X-E2E-Test, X-Test-Type). Only a token says who is asking; these say nothing.
 */
export function headersClaimingToBe(someone: Actor): Record<string, string> {
  return { 'x-user-id': someone.userId, 'x-e2e-test': 'true', 'x-test-type': 'e2e' };
}

/**
 * Lists the person's conversations with headers claiming to be someone else, once the person's own
 * questions have been answered (so their conversations exist to be listed).
 */
export async function listClaimingToBe(user: Actor, someone: Actor, withinMs: number): Promise<void> {
  await ensureSignedIn(user);
  await Promise.all(user.runs.map((run) => run.finished(withinMs)));
  await user.attempt('list', user.api.sendingHeaders(headersClaimingToBe(someone)).threads(user.accessToken));
}
