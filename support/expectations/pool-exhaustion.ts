import type { HttpResponse } from '../clients/http';
import { redact } from '../redact';
import type { Actor } from '../actor';

/** Whether an answer is the person's conversations, their conversation among them. */
const listsConversationOf = (session: Actor) => (answer: HttpResponse) =>
  answer.status === 200 && (answer.body?.threads ?? []).some((t: { id: string }) => t.id === session.noted('thread')?.id);

/** Each answer's status and time, and what a refusal said. */
const eachAnswer = (answers: HttpResponse[]) =>
  answers.map((a, i) => `request ${i + 1}: ${a.status} in ${Math.round(a.elapsedMs)} ms${a.status === 200 ? '' : ` (${redact(a.text).slice(0, 120)})`}`).join('; ');

/**
 * Work that a connection came free for within the platform's wait was served, all of it, though
 * there was more of it than connections: every one of the person's requests listed their
 * conversation. Each was answered later than the control's request, made at the same moment by
 * someone nothing held up: they waited their turn rather than being served past the hold.
 */
export function expectServedInTurn(session: Actor, answers: { mine: HttpResponse[]; theirs: HttpResponse }, control: Actor): string {
  const { mine, theirs } = answers;
  const listed = listsConversationOf(session);
  const each = eachAnswer(mine);
  if (theirs.status !== 200) throw new Error(`Expected ${control.name}, whom nothing holds up, to be served at once; ${theirs.call} answered ${theirs.status}: ${redact(theirs.text).slice(0, 200)}`);
  if (!mine.every(listed)) throw new Error(`Expected every one of ${session.name}'s ${mine.length} requests to be served once a connection came free, listing the conversation; ${each}`);
  const early = mine.filter((a) => !(a.elapsedMs > theirs.elapsedMs));
  if (early.length) throw new Error(`Expected each of ${session.name}'s requests to wait for a connection, and so to be answered later than ${control.name}'s (${Math.round(theirs.elapsedMs)} ms); ${early.length} did not wait: ${each}`);
  return `${session.name}'s ${mine.length} requests: ${each}; ${control.name}'s, at the same moment: ${Math.round(theirs.elapsedMs)} ms.`;
}

/**
 * Every one of the requests made at once was served while the hold lasted, with the one
 * connection it leaves: each in turn, none waiting as long as the platform's wait for a connection,
 * so each was handed the connection the one before gave back, rather than served once the hold ended.
 */
export function expectServedOneAfterAnother(session: Actor, answers: { mine: HttpResponse[] }, queueTimeoutMs: number, holdMs: number): string {
  const { mine } = answers;
  const each = eachAnswer(mine);
  const listed = listsConversationOf(session);
  if (!mine.every(listed)) throw new Error(`Expected every one of ${session.name}'s ${mine.length} requests to be served on the one connection the hold leaves, listing the conversation; ${each}`);
  const late = mine.filter((a) => !(a.elapsedMs < Math.min(queueTimeoutMs, holdMs)));
  if (late.length) throw new Error(`Expected each of ${session.name}'s requests to be served within the platform's wait for a connection (${queueTimeoutMs} ms), on the connection the one before gave back, while the hold (${holdMs} ms) lasted; ${late.length} waited longer: ${each}`);
  return `${session.name}'s ${mine.length} requests, on the one connection left: ${each}.`;
}
