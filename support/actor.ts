import { randomBytes, randomUUID } from 'node:crypto';
import { AuthClient, AccountUser, TokenSet } from './clients/auth-client';
import { ApiClient } from './clients/api-client';
import type { AgentSocket } from './clients/agent-socket';
import type { HttpResponse } from './clients/http';
import type { AgentRun } from './agent-run';
import type { Target } from './environment';
import type { Answer } from './intrusions';
import type { UsageLog } from './domain';

/** What a person's steps note for later ones, for the notes scenarios share a name for. */
export interface ActorNotes {
  /** The conversation this person started on purpose, its title, and how many they had before. */
  thread: any;
  threadTitle: string;
  threadCountBefore: number;
  /** Who wrote into this person's conversation at once, and the order its messages must keep. */
  writers: string[];
  messageOrder: string[];
  /** A second view of the last run, from a connection that joined late and caught up. */
  catchUp: AgentRun;
  /** A usage log this person attaches to every request from now on. */
  usageLog: UsageLog;
  /** Files attached ahead of the usage log, as customers attach screenshots along with it. */
  otherFiles: { name: string; media_type: string; content: string }[];
  /** Where Google last sent this person back to (with its code and state), and the approval page before it. */
  googleReturn: string;
  googleApproval: string;
  /** The answer to this person's last try at a conversation or run by its id. */
  lastIntrusion: Answer;
}

/**
 * One named person in a scenario (Alice, Bob …). Abilities: the auth and API clients and the
 * sockets they opened; what they hold: their account, every token they were given and the runs
 * they started; and notes. What they do is in support/tasks/.
 */
export class Actor {
  readonly email: string;
  readonly password = `apex-pw-${randomBytes(12).toString('base64url')}`;
  account?: AccountUser;
  tokens?: TokenSet;
  readonly issued: TokenSet[] = [];
  readonly sockets: AgentSocket[] = [];
  readonly runs: AgentRun[] = [];
  /** Every answer to something this person tried that may be refused, in order, with a label. */
  readonly attempts: { label: string; answer: HttpResponse }[] = [];
  auth: AuthClient;
  api: ApiClient;
  /** Where this person's chat connections go: the target, unless the scenario moved them to another instance. */
  chatUrl: string;
  private readonly notes = new Map<keyof ActorNotes, unknown>();

  /** In a sentence or a message, an actor is their name. */
  toString(): string {
    return this.name;
  }

  constructor(readonly name: string, readonly target: Target) {
    // Unique per scenario, so scenarios never share an account, in any order or worker.
    // An address's local part in plain letters, whatever the name's accents and hyphens.
    const local = name.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase() || 'customer';
    this.email = `${local}.${randomUUID().slice(0, 12)}@apex-specs.test`;
    this.auth = new AuthClient(target.authUrl);
    this.api = new ApiClient(target.apiUrl);
    this.chatUrl = target.wsUrl;
  }

  remember<K extends keyof ActorNotes>(name: K, value: ActorNotes[K]): void {
    this.notes.set(name, value);
  }

  /** What an earlier step noted about this person; a step that needs a note nobody made fails, saying so. */
  recall<K extends keyof ActorNotes>(name: K): ActorNotes[K] {
    if (!this.notes.has(name)) throw new Error(`Nothing was noted as ${this.name}'s "${name}" earlier in this scenario; a step before this one must set it up.`);
    return this.notes.get(name) as ActorNotes[K];
  }

  noted<K extends keyof ActorNotes>(name: K): ActorNotes[K] | undefined {
    return this.notes.get(name) as ActorNotes[K] | undefined;
  }

  /** From now on this person talks to another instance of the platform: its auth, API and chat. */
  useInstance(instance: { authUrl: string; apiUrl: string; wsUrl: string }): void {
    this.auth = new AuthClient(instance.authUrl);
    this.api = new ApiClient(instance.apiUrl);
    this.chatUrl = instance.wsUrl;
  }

  get accessToken(): string {
    if (!this.tokens) throw new Error(`${this.name} has no session yet: sign ${this.name} up or in first.`);
    return this.tokens.access_token;
  }

  get userId(): string {
    if (!this.account) throw new Error(`${this.name} has no account yet: sign ${this.name} up first.`);
    return this.account.id;
  }

  /** Records the answer to something that may be refused, for a later "is refused because" step. */
  async attempt(label: string, call: Promise<HttpResponse>): Promise<HttpResponse> {
    const answer = await call;
    this.attempts.push({ label, answer });
    return answer;
  }

  get lastAnswer(): HttpResponse | undefined {
    return this.attempts.at(-1)?.answer;
  }

  lastRun(): AgentRun {
    const run = this.runs.at(-1);
    if (!run) throw new Error(`${this.name} has not asked any agent anything yet.`);
    return run;
  }
}
