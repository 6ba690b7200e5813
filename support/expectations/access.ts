import { readFrom } from '../reading';
import type { AgentRun } from '../agent-run';
import { expectStatus } from '../clients/http';
import { Answer, describeAnswer } from '../intrusions';
import type { Actor } from '../actor';
import { expectRunKeptInConversation } from './runs';
import { DEADLINES } from '../deadlines';

/** The person's last try at someone's conversation or run was refused the stated way. */
export function expectRefused(actor: Actor, how: string, refused: (answer: Answer) => boolean): void {
  const answer = actor.recall('lastIntrusion');
  if (!answer) throw new Error(`${actor.name} has not tried anything on a conversation yet.`);
  if (!refused(answer)) throw new Error(`Expected ${actor.name} to be refused ${how}; ${describeAnswer(answer)}`);
}

/**
 * The owner's conversation is as the run left it: still listed and open, holding exactly the
 * question and the answer of that run, with the run stored as completed. Nothing anyone else
 * tried added, archived or stopped anything.
 */
export async function expectConversationHoldsOnly(owner: Actor, run: AgentRun): Promise<void> {
  await expectRunKeptInConversation(owner, run);
  const thread = expectStatus(await owner.api.thread(owner.accessToken, run.threadId!), 200, `Reading ${owner.name}'s conversation`).body;
  const { messages, total } = expectStatus(await owner.api.messages(owner.accessToken, run.threadId!), 200, `Reading ${owner.name}'s messages`).body as { messages: { role: string; run_id: string }[]; total: number };
  const shape = messages.map((m) => `${m.role}${m.run_id === run.runId ? '' : ` (run ${m.run_id})`}`).join(', ');
  if (thread.status !== 'active' || messages.length !== 2 || total !== 2 || thread.message_count !== 2 || shape !== 'user, assistant') {
    throw new Error(`Expected ${owner.name}'s conversation to be open and hold just her question and its answer; it is ${thread.status}, with ${thread.message_count} messages counted, ${total} in total: ${shape}`);
  }
}

/** A conversation belongs to whoever started it, whatever its details say; the person it names never sees it. */
export async function expectOwnedDespiteClaim(starter: Actor, named: Actor): Promise<void> {
  const created = starter.recall('thread');
  const read = expectStatus(await starter.api.thread(starter.accessToken, created.id), 200, `Reading ${starter.name}'s conversation`).body;
  for (const [seen, thread] of [['as created', created], ['when read back', read]] as const) {
    if (thread.metadata?.user_id !== starter.userId || thread.metadata?.project !== 'apollo') {
      throw new Error(`Expected the conversation ${seen} to name ${starter.name} (${starter.userId}) as its owner and keep its project; its details are ${JSON.stringify(thread.metadata)}`);
    }
  }
  const listed = expectStatus(await named.api.threads(named.accessToken), 200, `Listing ${named.name}'s conversations`).body.threads as { id: string }[];
  const attempt = await named.api.thread(named.accessToken, created.id);
  if (listed.some((t) => t.id === created.id) || attempt.status !== 403) {
    throw new Error(`Expected ${named.name} never to see ${starter.name}'s conversation; it is ${listed.some((t) => t.id === created.id) ? '' : 'not '}in ${named.name}'s list, and reading it answered ${attempt.status}`);
  }
}

/** A conversation started with no details: untitled, without metadata beyond its owner, and in its owner's list. */
export async function expectUntitledThread(owner: Actor): Promise<void> {
  const created = expectStatus(owner.lastAnswer!, 201, 'Starting a conversation with no details').body;
  const { user_id: ownerId, ...details } = created.metadata ?? {};
  if (created.title !== '' || Object.keys(details).length || ownerId !== owner.userId) {
    throw new Error(`Expected an untitled conversation of ${owner.name}'s with no details; it is ${JSON.stringify(created).slice(0, 300)}`);
  }
  const listed = expectStatus(await owner.api.threads(owner.accessToken), 200, `Listing ${owner.name}'s conversations`).body.threads as { id: string }[];
  if (!listed.some((t) => t.id === created.id)) throw new Error(`Expected ${owner.name}'s conversations to list ${created.id}`);
}

/**
 * The person's last listing of conversations, sent with headers claiming to be someone else,
 * shows only the person's own conversations: the one they asked about is there, and nothing of
 * the one the headers named.
 */
export function expectOnlyOwnConversationsListed(user: Actor, named: Actor): void {
  const answer = expectStatus(user.lastAnswer!, 200, `Listing ${user.name}'s conversations`);
  const threads = answer.body.threads as { id: string; metadata?: { user_id?: string } }[];
  const theirs = new Set(named.runs.map((run) => run.threadId));
  const foreign = threads.filter((t) => t.metadata?.user_id !== user.userId || theirs.has(t.id));
  const own = user.runs.map((run) => run.threadId).filter((id) => !threads.some((t) => t.id === id));
  if (foreign.length || own.length) {
    throw new Error(`Expected ${user.name}'s list to show her own conversations only, whatever the headers claimed; ${foreign.length ? `it shows ${foreign.map((t) => `${t.id} of ${t.metadata?.user_id}`).join(', ')} (${named.name} is ${named.userId})` : ''}${own.length ? ` it leaves out her own ${own.join(', ')}` : ''}`);
  }
}

/** Every read the person tried (attempts labelled "read …") was refused 403 ACCESS_DENIED. */
export function expectEveryReadRefused(reader: Actor): void {
  const reads = reader.attempts.filter((a) => a.label.startsWith('read '));
  const wrong = reads.filter(({ answer }) => answer.status !== 403 || answer.body?.code !== 'ACCESS_DENIED');
  if (reads.length === 0 || wrong.length) throw new Error(`Expected 403 ACCESS_DENIED for every read; got ${wrong.map(({ label, answer }) => `${label}: ${answer.status} ${answer.body?.code}`).join(', ')}`);
}

/** The chat answers the last get_thread with ACCESS_DENIED, not the conversation. */
export async function expectChatRefusesAccess(reader: Actor): Promise<void> {
  const socket = reader.sockets.at(-1)!;
  const answer = await socket.waitFor('an answer to get_thread', (f) => f.type === 'error_message' || f.type === 'thread', DEADLINES.reply, readFrom(socket));
  if (answer.frame.type !== 'error_message' || answer.frame.error_code !== 'ACCESS_DENIED') {
    throw new Error(`Expected the chat to refuse ${reader.name} with ACCESS_DENIED; it answered ${answer.frame.type} ${answer.frame.error_code ?? ''}`);
  }
}

/** The chat answers the owner's get_thread with the conversation of their last run and at least its question and answer. */
export async function expectChatShowsOwnConversation(owner: Actor): Promise<void> {
  const socket = owner.sockets.at(-1)!;
  const answer = await socket.waitFor('the thread', (f) => f.type === 'thread' || f.type === 'error_message', DEADLINES.reply, readFrom(socket));
  const messages = answer.frame.data?.messages ?? [];
  if (answer.frame.type !== 'thread' || answer.frame.data?.thread?.id !== owner.lastRun().threadId || messages.length < 2) {
    throw new Error(`Expected ${owner.name}'s conversation with its messages; the chat answered ${answer.frame.type} ${answer.frame.error_code ?? ''} with ${messages.length} messages`);
  }
}

/** Every conversation but the latest is as its run left it; a scenario with only one has nothing to look at. */
export async function expectOtherConversationsUnchanged(owner: Actor): Promise<void> {
  const others = owner.runs.slice(0, -1);
  if (others.length === 0) throw new Error(`${owner.name} has only one conversation; there is no other to look at.`);
  for (const run of others) await expectConversationHoldsOnly(owner, run);
}
