import { openSocket, startAgent } from '../tasks/chat';
import { ensureSignedIn } from '../tasks/sign-in';
import { isDeepStrictEqual } from 'node:util';
import { expectStatus, http, type HttpResponse } from '../clients/http';
import { completedResult } from './agents';
import type { AgentRun } from '../agent-run';
import { costQuestion } from '../domain';
import type { Actor } from '../actor';
import { describeFrames } from '../clients/agent-socket';
import { AUTH_ANSWERS, type AuthRelay } from '../fakes/auth-relay';
import { DEADLINES } from '../deadlines';

/** The conversation was started, and reading it back gives every detail as sent. */
export async function expectDetailsKept(session: Actor, sent: Record<string, unknown>): Promise<void> {
  const created = expectStatus(session.lastAnswer!, 201, `Starting ${session.name}'s conversation`).body;
  const read = expectStatus(await session.api.thread(session.accessToken, created.id), 200, `Reading ${session.name}'s conversation`).body;
  const lost = Object.keys(sent).filter((key) => !isDeepStrictEqual(read.metadata?.[key], sent[key]));
  if (lost.length) throw new Error(`Expected ${session.name}'s conversation to keep its details as sent; ${lost.join(', ')} came back different`);
}

/** Signing in with the refused sign-up's email and password finds no account. */
export async function expectNoAccount(session: Actor): Promise<void> {
  const answer = await session.auth.login({ email: session.email, password: session.password });
  if (answer.status !== 401) throw new Error(`Expected no account for ${session.email} after the refused sign-up; signing in answered ${answer.status}`);
}

/** Of a burst of wrong passwords, exactly `checked` were told they were wrong and the rest to wait. */
export function expectBurstRefusals(attempts: { answer: HttpResponse }[], checked: number, refused: number): void {
  const statuses = attempts.map((a) => a.answer.status);
  const wrong = statuses.filter((s) => s === 401).length;
  const locked = attempts.filter((a) => a.answer.status === 429 && a.answer.body?.code === 'TOO_MANY_ATTEMPTS').length;
  if (wrong !== checked || locked !== refused) {
    const tally = [...new Set(statuses)].map((s) => `${statuses.filter((x) => x === s).length} × ${s}`).join(', ');
    throw new Error(`Expected ${checked} attempts refused as wrong (401) and ${refused} as too many (429 TOO_MANY_ATTEMPTS); the platform answered ${tally}`);
  }
}

/** The person signs in and asks the cost optimizer a question; it is answered. */
export async function expectAnswered(session: Actor, deadlineMs: number): Promise<void> {
  await ensureSignedIn(session);
  const workload = { provider: 'openai', model: 'gpt-4o', monthly_requests: 2_000_000, avg_input_tokens: 1000, avg_output_tokens: 500 };
  await completedResult(await startAgent(session, 'cost_optimizer', { user_request: costQuestion(workload), context: { workload } }), deadlineMs);
}

/**
 * Requests that need the auth service are refused as unavailable (503 AUTH_UNAVAILABLE), once and
 * again, and the backend is still there to answer its health check afterwards.
 */
export async function expectStillServing(session: Actor, instance: { apiUrl: string }): Promise<void> {
  for (const attempt of [1, 2]) {
    const answer = await session.api.threads(session.accessToken);
    if (answer.status !== 503 || answer.body?.code !== 'AUTH_UNAVAILABLE') {
      throw new Error(`Expected the API to refuse ${session.name} with 503 AUTH_UNAVAILABLE while its auth service answers garbage (request ${attempt}); it answered ${answer.status}: ${answer.text.slice(0, 200)}`);
    }
  }
  const health = await http('GET', `${instance.apiUrl}/health`).catch((error: Error) => error);
  if (health instanceof Error) throw new Error(`Expected the backend to be still running; its health check failed: ${health.message}`);
}

/** What the platform makes of a token check it cannot take at its word: the chat's error code, and the API's status and code. */
const TOKEN_VERDICTS: Record<string, { socket: string; status: number; code?: string }> = {
  'saying it cannot check her session': { socket: 'AUTH_UNAVAILABLE', status: 503, code: 'AUTH_UNAVAILABLE' },
  'refusing her token as invalid': { socket: 'INVALID_TOKEN', status: 401 },
};

/**
 * For each way a broken auth service answers (AUTH_ANSWERS), a new chat connection is refused with
 * the verdict's code and closed, and the API refuses the same token with the verdict's status:
 * nobody is let in on an answer that vouches for nothing.
 */
export async function expectLetInNowhere(session: Actor, relay: AuthRelay, rows: { answer: string; verdict: string }[]): Promise<void> {
  for (const { answer, verdict: said } of rows) {
    const verdict = TOKEN_VERDICTS[said];
    if (!AUTH_ANSWERS[answer] || !verdict) throw new Error(`Unknown row "${answer} | ${said}": the answers are ${Object.keys(AUTH_ANSWERS).join('; ')}; the verdicts ${Object.keys(TOKEN_VERDICTS).join('; ')}`);
    relay.answerChecksWith(answer);
    const socket = await openSocket(session);
    const first = await socket.connectionAnswer();
    const closed = await socket.waitForClose(DEADLINES.close).catch(() => undefined);
    const reply = await session.api.threads(session.accessToken);
    const problems = [
      ...(first.frame.type !== 'error_message' || first.frame.error_code !== verdict.socket ? [`the chat answered ${describeFrames(socket.frames, socket.openedAt)}`] : []),
      ...(!closed || closed.code === 1000 ? [`the chat ${closed ? 'closed normally' : 'stayed open'}`] : []),
      ...(reply.status !== verdict.status || (verdict.code && reply.body?.code !== verdict.code) ? [`the API answered ${reply.status}: ${reply.text.slice(0, 200)}`] : []),
    ];
    if (problems.length) {
      throw new Error(`With its auth service answering ${answer}, expected the chat to refuse ${session.name} with ${verdict.socket} and close, and the API to answer ${verdict.status}${verdict.code ? ` ${verdict.code}` : ''}; ${problems.join('; ')}`);
    }
  }
}

/** The run ends, one way or another, within `withinMs` of being asked for. */
export async function expectEndedWithin(run: AgentRun, withinMs: number): Promise<void> {
  const terminal = await run.finished(withinMs + DEADLINES.grace);
  const took = terminal.at - run.sentAt;
  if (took > withinMs) throw new Error(`Expected the question to be answered or refused within ${withinMs} ms; it took ${Math.round(took)} ms (${terminal.frame.type}). Parsing it costs more than linear time.`);
}

/** The run completes, and every one of its events carries the request id it was asked with. */
export async function expectRequestIdOnEveryEvent(run: AgentRun, deadlineMs: number): Promise<void> {
  await run.completed(deadlineMs);
  const without = run.events.filter((e) => e.frame.data?.request_id !== run.requestId);
  if (without.length) throw new Error(`Expected every event to carry the request id of ${run.requestId?.length} characters; ${without.map((e) => `${e.frame.type} #${e.frame.data?.seq}`).join(', ')} did not`);
}
