import { openSocket, waitForWelcome } from './tasks/chat';
import { randomUUID } from 'node:crypto';
import { AgentRun } from './agent-run';
import { expectStatus } from './clients/http';
import { Workload, costQuestion } from './domain';
import { completedResult } from './expectations/agents';
import type { Actor } from './actor';

/**
 * Adds questions to the session's conversation all at once, some over the chat and the rest through
 * the API, and waits for every answer. Notes the questions (as 'writers') for the checks.
 */
export async function addQuestionsAtOnce(session: Actor, workload: Workload, counts: { total: number; overChat: number; overApi: number }, deadlineMs: number): Promise<void> {
  const { total, overChat, overApi } = counts;
  if (overChat + overApi !== total) throw new Error(`${overChat} + ${overApi} is not ${total}.`);
  // One chat connection per writer, so the writers really are separate.
  const sockets = await Promise.all(Array.from({ length: overChat }, async () => {
    const socket = await openSocket(session);
    await waitForWelcome(session, socket);
    return socket;
  }));
  const chatRuns = sockets.map((socket, i) => {
    const requestId = `req_writer_${i}_${randomUUID()}`;
    const run = new AgentRun(requestId, 'cost_optimizer', { user_request: `${costQuestion(workload)} (chat writer ${i + 1})` }, socket, socket.frames.length, Date.now());
    socket.send('start_agent', { user_request: run.request.user_request, agent: 'cost_optimizer', thread_id: session.recall('thread').id, request_id: requestId, context: { workload } });
    session.runs.push(run);
    return run;
  });
  const apiQuestions = Array.from({ length: overApi }, (_, i) => `${costQuestion(workload)} (API writer ${i + 1})`);
  const apiAnswers = apiQuestions.map((message) => session.api.execute(session.accessToken, { type: 'cost_optimizer', message, context: { workload }, thread_id: session.recall('thread').id }));
  const [answers] = await Promise.all([Promise.all(apiAnswers), Promise.all(chatRuns.map((run) => completedResult(run, deadlineMs)))]);
  answers.forEach((answer) => expectStatus(answer, 200, 'Adding a question through the API'));
  session.remember('writers', [...chatRuns.map((r) => r.request.user_request), ...apiQuestions]);
}
