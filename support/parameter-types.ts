import { defineParameterType, definePhrasebook } from './phrasebook';
import { PHRASEBOOKS } from './phrasebooks';
import { PRONOUN_WORDS, type ApexWorld } from './world';
import { AGENT_NAMES, AUTHORIZATION_WRITINGS, BAD_SIGN_UPS, CARRIERS, DEPENDENCIES, INCOMPLETE_MESSAGES, NOT_MESSAGES, LOG_VARIATIONS, PERMISSION_WORDS, RUN_FAILURES, WORKLOAD_FIELDS, WORKLOAD_PATTERN, figureFrom, money, workloadOf } from './domain';
import { REFUSALS, SERVICE_CREDENTIALS, SERVICE_PROBLEMS, SOCKET_REFUSALS } from './refusals';
import { FORGERIES } from './clients/forgery';
import { MODEL_BEHAVIOURS } from './fakes/chat-model';
import { INTRUSIONS } from './intrusions';
import { OAUTH_DESTINATIONS } from './oauth';
import { BAD_EXECUTIONS, HOSTILE_BODIES, PATHOLOGICAL_TEXTS, POISONED_MESSAGES, ROUTER_PROBLEMS } from './hostile-input';
import { PROCESS_ENDINGS } from './platform-process';
import { ORIGINS } from './deployment';
import { VOUCH_CREDENTIALS } from './tasks/vouching';
import { BAD_BYPASS_KEYS, BAD_GOOGLE_RETURNS } from './tasks/oauth-returns';
import { FAULT_LISTINGS, FAULT_SWITCHINGS } from './tasks/fault-switching';

/**
 * A person in the scenario, by first name: "Alice", "Bob": their actor (support/actor.ts), made the first time a step names them.
 * "She", "he" or "they" means the person named last (the first one named in the latest step that named anyone).
 */
// Any capitalised name, as people write them: Zoë, Anne-Marie, McKenzie, O'Brien. A capital must
// follow an apostrophe, so that "Alice's" is Alice.
const LETTER = 'A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF';
const CAPITAL = 'A-Z\u00C0-\u00D6\u00D8-\u00DE';
const NAME = `[${CAPITAL}][${LETTER}]*(?:[-'’][${CAPITAL}][${LETTER}]*)*`;
defineParameterType({
  name: 'actor',
  regexp: new RegExp(`${NAME}|she|he|they`),
  transformer(this: ApexWorld, word: string) {
    return this.session(this.person(word));
  },
});

/**
 * A pronoun for the person named last, as the sentence needs it: "her conversations", "they may", "gives him
 * a new session", "theirs": their actor. Any of them fits anyone.
 */
defineParameterType({
  name: 'pronoun',
  regexp: new RegExp(PRONOUN_WORDS.join('|')),
  transformer(this: ApexWorld, word: string) {
    return this.session(this.referredTo(word));
  },
});

/** An agent as a customer names it: "cost optimizer", "data analyst", "supervisor" … */
defineParameterType({
  name: 'agent',
  regexp: new RegExp(Object.keys(AGENT_NAMES).join('|')),
  transformer: (words: string) => AGENT_NAMES[words],
});

/** An amount in US dollars: "$15,000" or "$8,460.50". */
defineParameterType({
  name: 'money',
  regexp: /\$\d[\d,]*(?:\.\d{1,2})?/,
  transformer: money,
});

/** "2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens" */
defineParameterType({ name: 'workload', regexp: WORKLOAD_PATTERN, transformer: workloadOf });

/** "read, write and run agents" */
const permission = Object.keys(PERMISSION_WORDS).join('|');
defineParameterType({
  name: 'permissions',
  regexp: new RegExp(`(?:${permission})(?:(?:, | and )(?:${permission}))*`),
  transformer: (words: string) => words.split(/, | and /).map((w) => PERMISSION_WORDS[w]),
});

const oneOf = (phrases: string[]) => new RegExp(phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|'));

/** Why the platform refuses something, in words; see support/refusals.ts. */
defineParameterType({ name: 'refusal', regexp: oneOf(Object.keys(REFUSALS)), transformer: (words: string) => words });

/** Why the chat refuses a connection; see support/refusals.ts. */
defineParameterType({ name: 'socketRefusal', regexp: oneOf(Object.keys(SOCKET_REFUSALS)), transformer: (words: string) => words });

/** A bad token, named as a security reviewer names it; see support/clients/forgery.ts. */
defineParameterType({ name: 'forgery', regexp: oneOf(Object.keys(FORGERIES)), transformer: (words: string) => words });

/** Where a socket carries its token. */
defineParameterType({ name: 'carrier', regexp: oneOf(Object.keys(CARRIERS)), transformer: (words: string) => CARRIERS[words] });

/** A sign-up that must be refused. */
defineParameterType({ name: 'badSignUp', regexp: oneOf(Object.keys(BAD_SIGN_UPS)), transformer: (words: string) => words });

/** "supervisor, triage, data analyst, cost optimizer and reporting agent" → their wire names, in order. */
const agentWords = Object.keys(AGENT_NAMES).sort((a, b) => b.length - a.length).join('|');
defineParameterType({
  name: 'agentChain',
  regexp: new RegExp(`(?:${agentWords})(?:(?:, | and | to )(?:${agentWords}))+`),
  transformer: (words: string) => words.split(/, | and | to /).map((w) => AGENT_NAMES[w]),
});

/** How the stand-in language model behaves; see support/fakes/chat-model.ts. */
defineParameterType({ name: 'modelBehaviour', regexp: oneOf(Object.keys(MODEL_BEHAVIOURS)), transformer: (words: string) => MODEL_BEHAVIOURS[words as keyof typeof MODEL_BEHAVIOURS] });

/** "Alice, Bob and Carol": several people at once. */
defineParameterType({
  name: 'users',
  regexp: new RegExp(`${NAME}(?:(?:, | and )${NAME})+`),
  transformer: (words: string) => words.split(/, | and /),
});

/** A dependency a scenario can cut a platform instance off from: "Redis", "database", "auth service". */
defineParameterType({ name: 'dependency', regexp: oneOf(Object.keys(DEPENDENCIES)), transformer: (words: string) => words });

/** Something a customer can do to a conversation or run by naming it; see support/intrusions.ts. */
defineParameterType({ name: 'intrusion', regexp: oneOf(Object.keys(INTRUSIONS)), transformer: (words: string) => words });

/** How a customer gives a workload: as structured figures, or written into the question. */
defineParameterType({
  name: 'phrasing',
  regexp: /with its figures|in (?:her|his|their) own words(?:, in capitals)?|as pasted from (?:her|his|their) notes/,
  transformer: (words: string) => (words === 'with its figures' ? 'figures' : words.endsWith('capitals') ? 'shouted' : words.endsWith('notes') ? 'pasted' : 'words'),
});

/** A workload figure a customer can leave out: "the provider", "the monthly requests". */
defineParameterType({ name: 'workloadField', regexp: oneOf(Object.keys(WORKLOAD_FIELDS)), transformer: (words: string) => WORKLOAD_FIELDS[words] });

/** A chat message that leaves out what it is about; see support/domain.ts. */
defineParameterType({ name: 'incompleteMessage', regexp: oneOf(Object.keys(INCOMPLETE_MESSAGES)), transformer: (words: string) => words });

/** How an outsider tries the fault switch. */
defineParameterType({ name: 'faultCredentials', regexp: /without the service secret|with a wrong service secret/, transformer: (words: string) => words });

/** JSON that is not a chat message; see support/domain.ts. */
defineParameterType({ name: 'notAMessage', regexp: oneOf(Object.keys(NOT_MESSAGES)), transformer: (words: string) => NOT_MESSAGES[words] });

/** Where a catch-up starts: "the start" (0), "the start, naming no event" (after_seq left out), "event 3", "event -1", "event 2.5", or "the text \"3\"" (a string). */
defineParameterType({
  name: 'replayFrom',
  regexp: /the start(?:, naming no event)?|event -?[\d.e]+|the text "[^"]*"/,
  transformer: (words: string) => (words === 'the start' ? 0 : words === 'the start, naming no event' ? undefined : words.startsWith('the text') ? words.slice(10, -1) : Number(words.slice(6))),
});

/** A workload figure as a table gives it; see figureFrom in support/domain.ts. */
defineParameterType({ name: 'figure', regexp: /the text "[^"]*"|[^\s"]+/, transformer: (words: string) => figureFrom(words) });

/** One figure of a workload as a customer writes it in a sentence. */
defineParameterType({ name: 'figureName', regexp: /requests a month|input tokens a request|output tokens a request/, transformer: (words: string) => words });

/** A message size around a limit: "exactly 64 KiB", "64 KiB less a byte", "64 KiB and a byte", as a number of bytes. */
defineParameterType({
  name: 'frameSize',
  regexp: /(?:exactly )?\d+ KiB(?: (?:less|and) a byte)?/,
  transformer: (words: string) => Number(/\d+/.exec(words)![0]) * 1024 + (words.endsWith('less a byte') ? -1 : words.endsWith('and a byte') ? 1 : 0),
});

/** A token written into the Authorization header another way than "Bearer <token>"; see support/domain.ts. */
defineParameterType({ name: 'authorizationWriting', regexp: oneOf(Object.keys(AUTHORIZATION_WRITINGS)), transformer: (words: string) => AUTHORIZATION_WRITINGS[words] });

/** Why the auth service does not vouch for a token; see support/refusals.ts. */
defineParameterType({ name: 'serviceProblem', regexp: oneOf(Object.keys(SERVICE_PROBLEMS)), transformer: (words: string) => words });

/** What a service presents for a service token; see support/refusals.ts. */
defineParameterType({ name: 'serviceCredentials', regexp: oneOf(Object.keys(SERVICE_CREDENTIALS)), transformer: (words: string) => words });

/** A usage log written another way; see support/domain.ts. */
defineParameterType({ name: 'logVariation', regexp: oneOf(Object.keys(LOG_VARIATIONS)), transformer: (words: string) => words });

/** Where a sign-in might be sent: "another site", "a javascript address" … (support/oauth.ts). */
defineParameterType({ name: 'oauthDestination', regexp: oneOf(Object.keys(OAUTH_DESTINATIONS)), transformer: (words: string) => words });

/** Where a page calling the platform is, in words built from the front end's own address; see support/deployment.ts. */
defineParameterType({ name: 'origin', regexp: oneOf(Object.keys(ORIGINS)), transformer: (words: string) => words });

/** A body no one should send: "a null byte in the title", "details nested 65 levels deep" … (support/hostile-input.ts). */
defineParameterType({ name: 'hostileBody', regexp: oneOf(Object.keys(HOSTILE_BODIES)), transformer: (words: string) => words });

/** A request the router meets before any route: "headers too large to read" … (support/hostile-input.ts). */
defineParameterType({ name: 'routerProblem', regexp: oneOf(Object.keys(ROUTER_PROBLEMS)), transformer: (words: string) => words });

/** A message a neighbour publishes on the platform's Redis channels (support/hostile-input.ts). */
defineParameterType({ name: 'poison', regexp: oneOf(Object.keys(POISONED_MESSAGES)), transformer: (words: string) => words });

/** Text built to make a careless parser backtrack: "65,000 digits" … (support/hostile-input.ts). */
defineParameterType({ name: 'pathologicalText', regexp: oneOf(Object.keys(PATHOLOGICAL_TEXTS)), transformer: (words: string) => words });

/** Why a run failed: "it was interrupted" → its error code (support/domain.ts). */
defineParameterType({ name: 'failureReason', regexp: oneOf(Object.keys(RUN_FAILURES)), transformer: (words: string) => RUN_FAILURES[words] });

/** How a platform process ends: "killed" (a crash) or "shut down" (support/platform-process.ts). */
defineParameterType({ name: 'processEnding', regexp: oneOf(Object.keys(PROCESS_ENDINGS)), transformer: (words: string) => words });

/** A stretch of time: "3 seconds", "1 second", "400 milliseconds", in milliseconds. */
defineParameterType({
  name: 'duration',
  regexp: /\d+ (?:seconds?|milliseconds?)/,
  transformer: (words: string) => Number(/\d+/.exec(words)![0]) * (words.includes('milli') ? 1 : 1000),
});

/** A request to run an agent through the API with its own details wrong: "an empty question" … (support/hostile-input.ts). */
defineParameterType({ name: 'badExecution', regexp: oneOf(Object.keys(BAD_EXECUTIONS)), transformer: (words: string) => words });

/** Who asks the auth service to vouch for a token: the wording only, as the auth service cannot tell. */
defineParameterType({ name: 'caller', regexp: /the backend|someone/, transformer: (words: string) => words });

/** How the caller presents itself when it asks the auth service to vouch; see support/tasks/vouching.ts. */
defineParameterType({ name: 'vouchCredentials', regexp: oneOf(Object.keys(VOUCH_CREDENTIALS)), transformer: (words: string) => words });

/** A way of coming back from Google that must be refused; see support/tasks/oauth-returns.ts. */
defineParameterType({ name: 'badGoogleReturn', regexp: oneOf(Object.keys(BAD_GOOGLE_RETURNS)), transformer: (words: string) => words });

/** A simulated OAuth sign-in's bypass key, given wrongly; see support/tasks/oauth-returns.ts. */
defineParameterType({ name: 'badBypassKey', regexp: oneOf(Object.keys(BAD_BYPASS_KEYS)), transformer: (words: string) => words });

/** What the service does at an instance's fault switch, and what the switch then lists; see support/tasks/fault-switching.ts. */
defineParameterType({ name: 'faultSwitching', regexp: oneOf(Object.keys(FAULT_SWITCHINGS)), transformer: (words: string) => words });
defineParameterType({ name: 'faultListing', regexp: oneOf(Object.keys(FAULT_LISTINGS)), transformer: (words: string) => words });

// Phrasebooks come last: their phrases use the parameter types above.

/** Asking now, or having asked before the scenario's point: the request is the same. */
defineParameterType({ name: 'asks', regexp: /asks|has asked/, transformer: (words: string) => words });

for (const [name, { phrases }] of Object.entries(PHRASEBOOKS)) definePhrasebook(name, phrases);
