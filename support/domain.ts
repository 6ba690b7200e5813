import type { SocketAuth } from './clients/agent-socket';

/** Words product people write, turned into the values the contract speaks. */

/** A workload as the contract's requests carry it in context.workload (section 5): where it runs, and three figures a month. */
export type Workload = Record<'provider' | 'model', string> & Record<'monthly_requests' | 'avg_input_tokens' | 'avg_output_tokens', number>;

export const AGENT_NAMES: Record<string, string> = {
  'cost optimizer': 'cost_optimizer',
  'data analyst': 'data_analysis',
  supervisor: 'supervisor',
  'triage agent': 'triage',
  'reporting agent': 'reporting',
};

export const wholeNumber = (text: string): number => Number(text.replace(/,/g, ''));

export const money = (text: string): number => Number(text.replace(/[$,]/g, ''));

export const dollars = (amount: number): string =>
  `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** The workload sentence's shape, shared by the {workload} parameter and data tables. */
// A figure is written with its thousands grouped by commas, or without commas at all: "1,,0" or "," is a typo, not 10 or 0.
const FIGURE = String.raw`(\d{1,3}(?:,\d{3})+|\d+)`;
export const WORKLOAD_PATTERN = new RegExp(`${FIGURE} requests a month on ([\\w-]+) ([\\w.-]+) averaging ${FIGURE} input and ${FIGURE} output tokens`);

export function workloadOf(requests: string, provider: string, model: string, input: string, output: string): Workload {
  return { provider, model, monthly_requests: wholeNumber(requests), avg_input_tokens: wholeNumber(input), avg_output_tokens: wholeNumber(output) };
}

export function parseWorkload(text: string): Workload {
  const match = new RegExp(`^${WORKLOAD_PATTERN.source}$`).exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a workload; write it like "2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens".`);
  const [, requests, provider, model, input, output] = match;
  return workloadOf(requests, provider, model, input, output);
}

/** The question a customer asks about a workload, in their words. */
export const costQuestion = (workload: Workload): string => `How much can I save on ${describeWorkload(workload)}?`;

/** The same workload written into the question the way a customer types it, with no structured figures. */
export const inOwnWords = (w: Workload): string =>
  `We make ${w.monthly_requests.toLocaleString('en-US')} requests a month on ${w.provider} ${w.model}, with ${w.avg_input_tokens.toLocaleString('en-US')} input and ${w.avg_output_tokens.toLocaleString('en-US')} output tokens on average. What can we save?`;

/** The same workload pasted from notes: figures first, line breaks, tabs and doubled spaces. */
export const pastedFromNotes = (w: Workload): string =>
  `${w.monthly_requests.toLocaleString('en-US')}  requests a month\non  ${w.provider}\t ${w.model}\naveraging ${w.avg_input_tokens.toLocaleString('en-US')}\t input and ${w.avg_output_tokens.toLocaleString('en-US')}  output tokens`;

/** The workload figures a customer can leave out, by the words a reader uses for them. */
export const WORKLOAD_FIELDS: Record<string, keyof Workload> = {
  provider: 'provider',
  model: 'model',
  'monthly requests': 'monthly_requests',
  'input tokens': 'avg_input_tokens',
  'output tokens': 'avg_output_tokens',
};

/** A figure as a table gives it: a number ("1,000", "-0.5", "1e308"), text written as such ('the text "1000"'), or the words themselves ("many"). */
export function figureFrom(words: string): number | string {
  const text = /^the text "(.*)"$/.exec(words);
  if (text) return text[1];
  const number = Number(words.replace(/,/g, ''));
  return Number.isNaN(number) ? words : number;
}

export function describeWorkload(w: Workload): string {
  return `${w.monthly_requests.toLocaleString('en-US')} requests a month on ${w.provider} ${w.model}, averaging ${w.avg_input_tokens.toLocaleString('en-US')} input and ${w.avg_output_tokens.toLocaleString('en-US')} output tokens`;
}

/** "read, write and run agents" → the contract's permission names. */
export const PERMISSION_WORDS: Record<string, string> = {
  read: 'read',
  write: 'write',
  'run agents': 'agent_execute',
};

/** Where a socket carries its token. */
export const CARRIERS: Record<string, SocketAuth> = {
  'in the Authorization header': 'header',
  'in the Authorization header, after two spaces': 'spaced header',
  'in the Authorization header, followed by another word': 'trailed header',
  "in the Authorization header, after another scheme's name": 'prefixed header',
  'in the subprotocol': 'subprotocol',
  'in the subprotocol, listed as a browser lists it': 'listed subprotocol',
  'in the address': 'query',
};

/**
 * A token written into the Authorization header some other way than "Bearer <token>". Only the
 * Bearer scheme carries a token (its name in any letter case, as HTTP's schemes are); a token
 * under another scheme, or under none, was not sent.
 */
export const AUTHORIZATION_WRITINGS: Record<string, (token: string) => string> = {
  'without the word Bearer': (token) => token,
  'after the word Basic': (token) => `Basic ${token}`,
  'after the word Token': (token) => `Token ${token}`,
  'after "Bearer" and a colon': (token) => `Bearer:${token}`,
  'with "bearer" in lower case': (token) => `bearer ${token}`,
  'with "BEARER" in capitals': (token) => `BEARER ${token}`,
};

/** A sign-up that must be refused, and the body it sends. */
export const BAD_SIGN_UPS: Record<string, (email: string, password: string) => Record<string, unknown>> = {
  'a malformed email address': (_email, password) => ({ email: 'not-an-email-address', password }),
  'no password': (email) => ({ email }),
  'no email address': (_email, password) => ({ password }),
};

/** What a platform instance depends on, and the name its health report gives each. */
export const DEPENDENCIES: Record<string, string> = { Redis: 'redis', database: 'database', 'auth service': 'auth' };

/** Why a run failed, in words, and the error code its agent_failed carries (contract sections 5 and 8). */
export const RUN_FAILURES: Record<string, string> = {
  'it was interrupted': 'INTERRUPTED',
  'it stopped producing anything': 'AGENT_TIMEOUT',
};

/** The AGENT_TIME_SCALE at which a stage of the reference platform's deep analysis takes this long (12 s at real pace). */
export const deepStagePace = (seconds: number): string => String(seconds / 12);

export interface UsageLog {
  name: string;
  /** text/csv unless a variation says otherwise. */
  mediaType?: string;
  /** Between lines; a newline unless a variation says otherwise. */
  separator?: string;
  header: string[];
  rows: string[][];
  raw?: string;
  /** Attached by name alone, with no content (as a client that lost the upload sends it). */
  withoutContent?: boolean;
}

/** The same usage log as customers' gateways really export it: other orders, letter cases, spacing and formats. */
export const LOG_VARIATIONS: Record<string, (log: UsageLog) => void> = {
  'lists its rows newest first': (log) => log.rows.reverse(),
  'lists its rows in no order': (log) => {
    const order = [2, 4, 0, 3, 1].filter((i) => i < log.rows.length);
    log.rows = [...order.map((i) => log.rows[i]), ...log.rows.filter((_, i) => !order.includes(i))];
  },
  'has its header in capitals': (log) => (log.header = log.header.map((h) => h.toUpperCase())),
  'has its columns in another order': (log) => {
    const order = log.header.map((_, i) => i).reverse();
    log.header = order.map((i) => log.header[i]);
    log.rows = log.rows.map((row) => order.map((i) => row[i]));
  },
  'has spaces around every cell': (log) => {
    log.header = log.header.map((h) => ` ${h} `);
    log.rows = log.rows.map((row) => row.map((cell) => `  ${cell} `));
  },
  'writes its costs with dollar signs': (log) => {
    const at = log.header.indexOf('cost');
    log.rows.forEach((row) => (row[at] = `$${row[at]}`));
  },
  'is sent as a CSV file without .csv in its name': (log) => (log.name = 'june usage export'),
  'is sent as a generic file named JUNE.CSV': (log) => {
    log.name = 'JUNE.CSV';
    log.mediaType = 'application/octet-stream';
  },
  'lists its cheaper model first': (log) => {
    const at = log.header.indexOf('model');
    log.rows = [...log.rows.filter((row) => row[at] !== 'gpt-4o'), ...log.rows.filter((row) => row[at] === 'gpt-4o')];
  },
  'has no cost on row 2': (log) => {
    const at = log.header.indexOf('cost');
    if (log.rows[1]) log.rows[1][at] = '';
  },
  'has blank lines between its rows': (log) => (log.separator = '\n\n'),
  'has Windows line endings': (log) => (log.separator = '\r\n'),
  'has a header but no rows': (log) => (log.rows = []),
  'is attached without its content': (log) => (log.withoutContent = true),
  'has a negative cost on row 2': (log) => {
    const at = log.header.indexOf('cost');
    if (log.rows[1]) log.rows[1][at] = '-7.50';
  },
  'has an extra cell on row 2': (log) => log.rows[1]?.push('extra'),
  'writes its provider and model names in capitals': (log) => {
    for (const column of ['provider', 'model']) {
      const at = log.header.indexOf(column);
      log.rows.forEach((row) => (row[at] = row[at].toUpperCase()));
    }
  },
};

/** Chat messages that leave out what they are about, with the field the chat must name in its answer. */
export const INCOMPLETE_MESSAGES: Record<string, { type: string; payload: Record<string, unknown>; names: string }> = {
  'a question to an agent with nothing in it': { type: 'start_agent', payload: { agent: 'cost_optimizer', user_request: '  \n ' }, names: 'user_request' },
  'a request to an agent without a question': { type: 'start_agent', payload: { agent: 'cost_optimizer', context: {} }, names: 'user_request' },
  'a question in the staging dialect without its text': { type: 'agent_request', payload: { agent: 'cost_optimizer' }, names: 'message' },
  'a request to stop that names no analysis': { type: 'agent_interrupt', payload: {}, names: 'run_id' },
  'a request to open a conversation that names none': { type: 'get_thread', payload: {}, names: 'thread_id' },
  'a request to catch up that names no analysis': { type: 'resume', payload: { after_seq: 0 }, names: 'run_id' },
  // A request id is copied onto every event of the run: the contract bounds it at 128 characters of text.
  'a question whose request id is 129 characters long': { type: 'start_agent', payload: { agent: 'cost_optimizer', user_request: 'How much can I save?', request_id: 'r'.repeat(129) }, names: 'request_id' },
  'a question whose request id is 60,000 characters long': { type: 'start_agent', payload: { agent: 'cost_optimizer', user_request: 'How much can I save?', request_id: 'r'.repeat(60_000) }, names: 'request_id' },
  'a question whose request id is a number': { type: 'start_agent', payload: { agent: 'cost_optimizer', user_request: 'How much can I save?', request_id: 42 }, names: 'request_id' },
};

/** Text that is JSON but not a chat message, as a buggy client sends it. */
export const NOT_MESSAGES: Record<string, string> = {
  'a bare number': '42',
  'a list of messages': '[{"type": "ping"}]',
  'the word null': 'null',
  'a message without a type': '{"payload": {"user_request": "hello"}}',
  'a message whose type is a number': '{"type": 7}',
  'a message naming a conversation whose id holds a null byte': '{"type": "get_thread", "payload": {"thread_id": "thread_\\u0000"}}',
};

/** Takes a column out of the log, header and rows alike; a column the log never had is a mistake in the scenario. */
export function removeLogColumn(log: UsageLog, column: string, owner: string): void {
  const at = log.header.indexOf(column);
  if (at < 0) throw new Error(`${owner}'s usage log has no ${column} column to remove.`);
  log.header.splice(at, 1);
  log.rows.forEach((row) => row.splice(at, 1));
}

/** Rows of "customer | agent | workload" as who asks which agent about what; an agent not on the list is a mistake in the scenario. */
export function parseAsks(rows: Record<string, string>[]): { name: string; agent: string; workload: Workload }[] {
  const asks = rows.map((row) => ({ name: row.customer, agent: AGENT_NAMES[row.agent], workload: parseWorkload(row.workload) }));
  const unknown = rows.filter((row) => !AGENT_NAMES[row.agent]);
  if (unknown.length) throw new Error(`Unknown agent "${unknown[0].agent}"; the agents are ${Object.keys(AGENT_NAMES).join(', ')}.`);
  return asks;
}
