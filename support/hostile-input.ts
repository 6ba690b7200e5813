import type { PrivateRedis } from './fakes/private-redis';
import type { Actor } from './actor';

/**
 * Bodies an attacker (or a broken client) sends, in a reviewer's words. Each is written as text,
 * because a JSON encoder would never produce most of them. `fields` is a well-formed body for the
 * route (a conversation's title, a sign-up's email and password); the hostile part goes into it.
 */
type Fields = Record<string, unknown>;

/** `{…fields, "metadata": {"a": {"a": …}}}`, nested `levels` deep counting the body itself. */
function nested(fields: Fields, levels: number): string {
  const inner = levels - 1;
  return `${JSON.stringify(fields).slice(0, -1)},"metadata":${'{"a":'.repeat(inner)}1${'}'.repeat(inner)}}`;
}

/** Pads the details so the whole body is exactly `bytes` long. */
function sized(fields: Fields, bytes: number): string {
  const frame = `${JSON.stringify(fields).slice(0, -1)},"metadata":{"notes":""}}`;
  return frame.replace('"notes":""', `"notes":"${'n'.repeat(bytes - Buffer.byteLength(frame))}"`);
}

const withText = (fields: Fields, field: string, text: string) => JSON.stringify({ ...fields, [field]: text });

export const HOSTILE_BODIES: Record<string, (fields: Fields) => string> = {
  'a null byte in the title': (f) => withText(f, 'title', 'Budget\u0000review'),
  'a null byte in the name': (f) => withText(f, 'name', 'Mal\u0000lory'),
  'a null byte in the name of a detail': (f) => JSON.stringify({ ...f, metadata: { 'team\u0000': 'ops' } }),
  'a "__proto__" key': (f) => `${JSON.stringify(f).slice(0, -1)},"metadata":{"__proto__":{"admin":true}}}`,
  'a "constructor" key': (f) => `${JSON.stringify(f).slice(0, -1)},"metadata":{"constructor":{"prototype":{"admin":true}}}}`,
  'a "prototype" key': (f) => `${JSON.stringify(f).slice(0, -1)},"metadata":{"prototype":{"admin":true}}}`,
  'details nested 64 levels deep': (f) => nested(f, 64),
  'details nested 65 levels deep': (f) => nested(f, 65),
  'details nested 5,000 levels deep': (f) => nested(f, 5000),
  'brackets opened 100,000 deep': () => '['.repeat(100_000),
  'text that is not JSON': (f) => JSON.stringify(f).slice(0, -1),
  'details making the body exactly 1 MiB': (f) => sized(f, 1024 * 1024),
  'details making the body one byte over 1 MiB': (f) => sized(f, 1024 * 1024 + 1),
};

/** The details the body carried, to compare with what was kept; none if it is not JSON at all. */
export function detailsOf(body: string): Record<string, unknown> {
  try {
    return (JSON.parse(body) as { metadata?: Record<string, unknown> }).metadata ?? {};
  } catch {
    return {};
  }
}

/** Requests the router meets before any route: each is answered in the `{detail, code}` shape (contract section 8). */
export const ROUTER_PROBLEMS: Record<string, { path: string; method?: string; headers?: Record<string, string> }> = {
  'an address with a broken %-encoding': { path: '/api/threads/%E0%A4%A' },
  'headers too large to read': { path: '/api/threads', headers: { 'x-padding': 'p'.repeat(20_000) } },
  'an address that does not exist': { path: '/api/nowhere' },
  "a null byte in a conversation's address": { path: '/api/threads/thread_%00' },
};

/**
 * Messages a neighbour on the same Redis server could publish on the reference platform's channels
 * (its revocations, and the events it relays between instances), some naming a customer who has a
 * chat open so that the platform does more than drop them. Each must be ignored.
 */
export const POISONED_MESSAGES: Record<string, { channel: string; message: (customerId: string) => string | string[] }> = {
  'text that is not JSON on the revocations channel': { channel: 'apex:revocations', message: () => '{"session_id": ' },
  'a bare null on the revocations channel': { channel: 'apex:revocations', message: () => 'null' },
  'text that is not JSON on the user events channel': { channel: 'apex:user-events', message: () => 'hello, neighbours' },
  "events for the customer's chat without their details, with details that are text, or with a type that is not a name, on the user events channel": {
    channel: 'apex:user-events',
    message: (customerId) => [
      JSON.stringify({ origin: 'elsewhere', user_id: customerId }),
      JSON.stringify({ origin: 'elsewhere', user_id: customerId, event: { type: 'agent_started', data: 'run_none' } }),
      JSON.stringify({ origin: 'elsewhere', user_id: customerId, event: { type: 42, data: { run_id: 'run_none', thread_id: 'thread_none', seq: 1 } } }),
    ],
  },
  'an event for a customer who does not exist on the user events channel': {
    channel: 'apex:user-events',
    message: () => JSON.stringify({ origin: 'elsewhere', user_id: 'nobody-at-all', event: { type: 'agent_started', data: { run_id: 'run_none', thread_id: 'thread_none', seq: 1 } } }),
  },
};

/** Questions whose text is built to make a careless parser backtrack; each fits one chat frame (64 KiB). */
export const PATHOLOGICAL_TEXTS: Record<string, string> = {
  '65,000 digits': '7'.repeat(65_000),
  '32,000 digits separated by commas': '7,'.repeat(32_000),
  'a figure followed by 64,000 spaces': `7${' '.repeat(64_000)}x`,
  'the word "on" 21,000 times': 'on '.repeat(21_000),
  'a figure before each of 5,000 words': '7 requests '.repeat(5_000),
};

/** A request to run an agent through the API whose own details are wrong, from a question about this workload. */
export const BAD_EXECUTIONS: Record<string, (question: string, workload: Record<string, unknown>) => Record<string, unknown>> = {
  'an empty question': (_question, workload) => ({ message: '', context: { workload } }),
  'a question that is a number': (_question, workload) => ({ message: 42, context: { workload } }),
  'a context that is a list': (question, workload) => ({ message: question, context: [workload] }),
  'a conversation id that is a number': (question, workload) => ({ message: question, context: { workload }, thread_id: 42 }),
};

/**
 * Publishes the poisoned message(s) on the neighbour's channel. Nobody listening means the
 * platform's channel names changed and the scenario would check nothing, so that fails at once.
 */
export async function publishPoison(redis: PrivateRedis, customer: Actor, poison: string): Promise<void> {
  const { channel, message } = POISONED_MESSAGES[poison];
  let heard = 0;
  for (const text of [message(customer.userId)].flat()) heard = await redis.publish(channel, text);
  if (heard === 0) throw new Error(`Nothing listens on ${channel}: the platform's channel names have changed, so this scenario would check nothing. Update support/hostile-input.ts.`);
}

/** A burst of wrong passwords for the victim, and the victim's right one sent while the burst is being checked. */
export async function wrongPasswordsAroundRightOne(attacker: Actor, victim: Actor, count: number, signer: string): Promise<void> {
  if (signer !== victim.name) throw new Error(`Only ${victim.name} knows ${victim.name}'s right password; write "and ${victim.name} her right one".`);
  const burst = Array.from({ length: count }, () => attacker.attempt('wrong password', attacker.auth.login({ email: victim.email, password: 'wrong-password-123' })));
  // A refusal back from the burst means five of its attempts have taken their places, so the right
  // one comes after them, while the five are still being checked. (The first answer of any kind
  // was not enough: on a busy machine one came back before five had arrived, and the right password
  // was rightly let in.) A platform that refuses none of the burst has it answered whole first.
  const refusal = new Promise<void>((resolve) => burst.forEach((attempt) => void attempt.then((answer) => answer.status === 429 && resolve())));
  await Promise.race([refusal, Promise.allSettled(burst)]);
  await Promise.all([...burst, victim.attempt('sign-in', victim.auth.login({ email: victim.email, password: victim.password }))]);
}
