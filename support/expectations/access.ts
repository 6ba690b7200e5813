import type { AgentRun } from '../agent-run';
import { expectStatus } from '../clients/http';
import { Answer, describeAnswer } from '../intrusions';
import type { UserSession } from '../session';
import { expectRunKeptInConversation } from './runs';

/** The person's last try at someone's conversation or run was refused the stated way. */
export function expectRefused(actor: UserSession, how: string, refused: (answer: Answer) => boolean): void {
  const answer = actor.lastIntrusion;
  if (!answer) throw new Error(`${actor.name} has not tried anything on a conversation yet.`);
  if (!refused(answer)) throw new Error(`Expected ${actor.name} to be refused ${how}; ${describeAnswer(answer)}`);
}

/**
 * The owner's conversation is as the run left it: still listed and open, holding exactly the
 * question and the answer of that run, with the run stored as completed. Nothing anyone else
 * tried added, archived or stopped anything.
 */
export async function expectConversationHoldsOnly(owner: UserSession, run: AgentRun): Promise<void> {
  await expectRunKeptInConversation(owner, run);
  const thread = expectStatus(await owner.api.thread(owner.accessToken, run.threadId!), 200, `Reading ${owner.name}'s conversation`).body;
  const { messages, total } = expectStatus(await owner.api.messages(owner.accessToken, run.threadId!), 200, `Reading ${owner.name}'s messages`).body as { messages: { role: string; run_id: string }[]; total: number };
  const shape = messages.map((m) => `${m.role}${m.run_id === run.runId ? '' : ` (run ${m.run_id})`}`).join(', ');
  if (thread.status !== 'active' || messages.length !== 2 || total !== 2 || thread.message_count !== 2 || shape !== 'user, assistant') {
    throw new Error(`Expected ${owner.name}'s conversation to be open and hold just her question and its answer; it is ${thread.status}, with ${thread.message_count} messages counted, ${total} in total: ${shape}`);
  }
}
