import { readFrom } from '../reading';
import type { DataTable } from '@cucumber/cucumber';
import type { ApexWorld } from '../world';
import { describeFrames, type AgentSocket } from '../clients/agent-socket';
import { DEPENDENCIES } from '../domain';
import type { Instance } from '../environment';
import { redact } from '../redact';
import { REQUESTS_WHILE_SILENT, conversationsReceived, type Reply } from '../resource-bounds';
import type { Actor } from '../actor';
import { eventually } from '../wait';
import { DEADLINES } from '../deadlines';

/** The contract's close code for a connection that fell too far behind (1013, "try again later"). */
const TOO_FAR_BEHIND = 1013;
/** How a refusal says something the request needs cannot be reached right now. */
const UNAVAILABLE = /_UNAVAILABLE$|^DATABASE_BUSY$/;

/** Exactly `count` of the person's chat connections are open, each was welcomed, and each still answers a ping. */
export async function expectOpenChatsAnswer(session: Actor, count: number): Promise<void> {
  const open = session.sockets.filter((socket) => socket.isOpen);
  const welcomed = open.filter((socket) => socket.frames.some((f) => f.frame.type === 'system_message' && f.frame.data?.event === 'connection_established'));
  if (open.length !== count || welcomed.length !== count) {
    const each = session.sockets.map((socket, i) => `connection ${i + 1}: ${socket.isOpen ? 'open' : socket.closed ? `closed ${socket.closed.code}` : 'closing'}, ${describeFrames(socket.frames.slice(0, 3), socket.openedAt)}`);
    throw new Error(`Expected ${count} of ${session.name}'s chat connections to be open and welcomed; ${open.length} are open, ${welcomed.length} of them welcomed:\n- ${each.join('\n- ')}`);
  }
  await Promise.all(open.map(async (socket, i) => {
    const from = socket.frames.length;
    socket.send('ping');
    await socket.waitFor(`a pong on ${session.name}'s open connection ${i + 1}`, (f) => f.type === 'pong', DEADLINES.reply, from);
  }));
}

/**
 * The chat that stopped reading was closed with 1013 as falling too far behind, before it had
 * been sent half of what it asked for: the platform stopped piling up replies for it (what did
 * reach it is what the network itself buffers, plus the platform's bound).
 */
export async function expectDroppedAsTooFarBehind(socket: AgentSocket, owner: string, asked: number, withinMs: number): Promise<string> {
  const closedOrAll = () => (socket.closed || conversationsReceived(socket).count >= asked ? true : undefined);
  await eventually(`${owner}'s chat that stopped reading to be closed, or sent all it asked for`, async () => closedOrAll(), withinMs, () => `it received ${conversationsReceived(socket).count} of ${asked} conversations`).catch(() => undefined);
  const { count, bytes } = conversationsReceived(socket);
  const sent = `${count} of the ${asked} conversations it asked for (${(bytes / 1048576).toFixed(1)} MiB)`;
  if (!socket.closed) throw new Error(`Expected ${owner}'s chat that stopped reading to be closed with ${TOO_FAR_BEHIND} as falling too far behind; it stayed open and was sent ${sent}`);
  if (socket.closed.code !== TOO_FAR_BEHIND) throw new Error(`Expected ${owner}'s chat that stopped reading to be closed with ${TOO_FAR_BEHIND} as falling too far behind; it was closed with ${socket.closed.code} (${socket.closed.reason || 'no reason'}) after ${sent}`);
  if (count >= asked / 2) throw new Error(`Expected the platform to drop ${owner}'s chat that stopped reading before half of what it asked for was sent; it was sent ${sent} first`);
  return `${owner}'s chat that stopped reading was sent ${sent}, then closed with ${socket.closed.code} (${socket.closed.reason}).`;
}

/** The person's reading chat was shown the whole conversation every one of the `times` it asked, and is still open. */
export function expectShownConversation(session: Actor, socket: AgentSocket, times: number): void {
  const threads = socket.frames.slice(readFrom(socket)).filter((f) => f.frame.type === 'thread');
  const whole = threads.filter((f) => f.frame.data?.thread?.id === session.recall('thread').id && f.frame.data.thread.metadata?.notes === session.recall('thread').metadata.notes);
  if (whole.length !== times || !socket.isOpen) {
    throw new Error(`Expected ${session.name}'s other chat to be shown the whole conversation ${times} times and stay open; it was shown it whole ${whole.length} times${socket.isOpen ? '' : `, and closed with ${socket.closed?.code}`}: ${describeFrames(socket.frames.slice(readFrom(socket)), socket.openedAt)}`);
  }
}

/** Whether the reply says that what the request needs cannot be reached; a description of it otherwise. */
function unavailableOrWhy(reply: Reply, dependency: string): string | undefined {
  if (reply.kind === 'http') {
    const { answer } = reply;
    return answer.status === 503 && UNAVAILABLE.test(answer.body?.code ?? '') && typeof answer.body?.detail === 'string' ? undefined : `${answer.call} answered ${answer.status}: ${redact(answer.text).slice(0, 160)}`;
  }
  if (reply.kind === 'frame') {
    const said = reply.frame.type === 'error_message' ? `${reply.frame.error_code}: ${reply.frame.error_message}` : reply.frame.type;
    return reply.frame.type === 'error_message' && UNAVAILABLE.test(reply.frame.error_code ?? '') ? undefined : `the chat answered ${said}`;
  }
  const name = DEPENDENCIES[dependency];
  const wrong = reply.answers.filter((a) => a.body?.checks?.[name] !== 'down');
  return wrong.length ? wrong.map((a) => `${a.call} says ${name} is ${a.body?.checks?.[name] ?? 'not checked'} (${a.status})`).join('; ') : undefined;
}

type Outcome = { reply: Reply; took: number } | { error: Error; took: number } | 'waiting';

/**
 * Tries every one of the requests at once, each given `withinMs` to be answered, and judges each
 * answer: the problems (a request still waiting at the deadline would have hung), and what each took.
 */
async function tryEach(session: Actor, instance: Instance, requests: string[], withinMs: number, judge: (reply: Reply) => string | undefined): Promise<{ problems: string[]; took: Record<string, number> }> {
  const unknown = requests.filter((name) => !REQUESTS_WHILE_SILENT[name]);
  if (unknown.length) throw new Error(`No request is known as ${unknown.map((n) => `"${n}"`).join(', ')}; the known ones are ${Object.keys(REQUESTS_WHILE_SILENT).join(', ')} (support/resource-bounds.ts).`);
  const started = Date.now();
  const outcomes = await Promise.all(requests.map(async (name) => {
    const attempt = REQUESTS_WHILE_SILENT[name](session, instance).then(
      (reply) => ({ reply, took: Date.now() - started }),
      (error: Error) => ({ error, took: Date.now() - started }),
    );
    let deadline: NodeJS.Timeout | undefined;
    const late = new Promise<'waiting'>((resolve) => (deadline = setTimeout(() => resolve('waiting'), withinMs)));
    const outcome: Outcome = await Promise.race([attempt, late]);
    clearTimeout(deadline);
    return { name, outcome };
  }));
  const problems = outcomes.flatMap(({ name, outcome }) => {
    if (outcome === 'waiting') return [`${name}: still waiting after ${withinMs / 1000} s`];
    if ('error' in outcome) return [`${name}: ${outcome.error.message}`];
    const why = judge(outcome.reply);
    return why ? [`${name}: ${why}`] : [];
  });
  const took = Object.fromEntries(outcomes.map(({ name, outcome }) => [name, outcome === 'waiting' ? Infinity : outcome.took]));
  return { problems, took };
}

const tookInWords = (took: Record<string, number>) => Object.entries(took).map(([name, ms]) => `${name} answered in ${ms} ms`).join('; ');

/**
 * Every one of the requests is answered within `withinMs`, saying that what it needs cannot be
 * reached (503 or an error frame whose code says unavailable; health naming the dependency down).
 * A request still waiting at the deadline fails the step, named as such: it would have hung.
 */
export async function expectAnsweredAsUnavailable(session: Actor, instance: Instance, dependency: string, requests: string[], withinMs: number): Promise<string> {
  const { problems, took } = await tryEach(session, instance, requests, withinMs, (reply) => {
    const why = unavailableOrWhy(reply, dependency);
    if (why) return why;
    if (reply.kind === 'frame' && !reply.stillOpen && reply.frame.error_code !== 'AUTH_UNAVAILABLE') return 'the chat closed after the answer';
    return undefined;
  });
  if (problems.length) {
    throw new Error(`Expected each of ${session.name}'s requests to be answered within ${withinMs / 1000} s while its ${dependency} is silent, saying it cannot be reached right now:\n- ${problems.join('\n- ')}`);
  }
  return `While its ${dependency} was silent: ${tookInWords(took)}.`;
}

const DATABASE_BUSY = 'DATABASE_BUSY';

/** Whether the reply says the database has no connection to spare (contract section 9); a description of it otherwise. */
function busyOrWhy(reply: Reply): string | undefined {
  if (reply.kind === 'http') {
    const { answer } = reply;
    return answer.status === 503 && answer.body?.code === DATABASE_BUSY && typeof answer.body?.detail === 'string' ? undefined : `${answer.call} answered ${answer.status}: ${redact(answer.text).slice(0, 160)}`;
  }
  if (reply.kind === 'frame') {
    const said = reply.frame.type === 'error_message' ? `${reply.frame.error_code}: ${reply.frame.error_message}` : reply.frame.type;
    if (reply.frame.type !== 'error_message' || reply.frame.error_code !== DATABASE_BUSY) return `the chat answered ${said}`;
    return reply.stillOpen ? undefined : 'the chat closed after the answer';
  }
  const wrong = reply.answers.filter((a) => a.body?.checks?.database !== 'busy');
  return wrong.length ? wrong.map((a) => `${a.call} says the database is ${a.body?.checks?.database ?? 'not checked'} (${a.status}), not busy`).join('; ') : undefined;
}

/**
 * Every one of the requests is refused within `withinMs` (the platform's wait for a connection,
 * and some leeway: never a hang) as the database being busy: 503 DATABASE_BUSY over REST, an
 * error_message DATABASE_BUSY on a chat that stays open, health saying the database is busy.
 * With a control, someone the exhaustion does not touch is served meanwhile, faster than any of
 * those refusals came: they were kept waiting for a connection, not refused out of hand.
 */
export async function expectToldDatabaseBusy(session: Actor, instance: Instance, requests: string[], withinMs: number, control?: Actor): Promise<string> {
  const [{ problems, took }, served] = await Promise.all([
    tryEach(session, instance, requests, withinMs, busyOrWhy),
    control?.api.threads(control.accessToken),
  ]);
  if (served) {
    const quickest = Math.min(...Object.values(took));
    if (served.status !== 200) problems.push(`${control!.name}, whom nothing holds up, was not served meanwhile: ${served.call} answered ${served.status}: ${redact(served.text).slice(0, 160)}`);
    else if (!(served.elapsedMs < quickest)) problems.push(`${control!.name}, whom nothing holds up, took ${Math.round(served.elapsedMs)} ms to be served, no faster than ${session.name}'s quickest refusal (${quickest} ms)`);
  }
  if (problems.length) {
    throw new Error(`Expected each of ${session.name}'s requests to be refused within ${withinMs / 1000} s as the database being busy (DATABASE_BUSY), as no connection came free in time:\n- ${problems.join('\n- ')}`);
  }
  return `While every connection ${session.name}'s work could use was busy: ${tookInWords(took)}${served ? `; ${control!.name} was served meanwhile in ${Math.round(served.elapsedMs)} ms` : ''}.`;
}

/**
 * The last request was refused with 503 and a code saying stored data cannot be reached right now
 * (not as the server's own failure), and the conversation it would have changed is still listed.
 */
export async function expectRefusedAsUnavailableAndConversationKept(session: Actor): Promise<void> {
  const answer = session.lastAnswer!;
  if (answer.status !== 503 || !UNAVAILABLE.test(answer.body?.code ?? '')) {
    throw new Error(`Expected ${session.name} to be told the conversation cannot be changed right now (503, a code ending in _UNAVAILABLE), as the database could not make it; ${answer.call} answered ${answer.status}: ${redact(answer.text).slice(0, 200)}`);
  }
  const listed = await session.api.threads(session.accessToken);
  const threads = (listed.body?.threads ?? []) as { id: string }[];
  if (listed.status !== 200 || !threads.some((t) => t.id === session.recall('thread').id)) {
    throw new Error(`Expected ${session.name}'s conversation ${session.recall('thread').id} to be still listed, as nothing was changed; ${listed.call} answered ${listed.status} with ${threads.length} conversations`);
  }
}

/** Each request of the table (its column "request") is told the database is busy within the time, and the control person, if any, is served meanwhile; returns the evidence. */
export function expectEachToldDatabaseBusy(world: ApexWorld, actor: Actor, withinMs: number, table: DataTable, control?: Actor): Promise<string> {
  return expectToldDatabaseBusy(actor, world.activeInstance!, table.hashes().map((row) => row.request), withinMs, control);
}

/** Each request of the table is answered within the time, and told the broken dependency makes it impossible right now; returns the evidence. */
export function expectEachAnsweredAsUnavailable(world: ApexWorld, actor: Actor, withinMs: number, table: DataTable): Promise<string> {
  return expectAnsweredAsUnavailable(actor, world.activeInstance!, world.recall('breakable').dependency, table.hashes().map((row) => row.request), withinMs);
}
