import { randomBytes, randomUUID } from 'node:crypto';
import { AuthClient, AccountUser, TokenSet } from './clients/auth-client';
import { ApiClient } from './clients/api-client';
import { AgentSocket, SocketAuth } from './clients/agent-socket';
import { HttpResponse, expectStatus } from './clients/http';
import { claimsOf } from './clients/tokens';
import { AgentRun } from './agent-run';
import type { Target } from './environment';
import type { Answer } from './intrusions';
import type { UsageLog } from './domain';
import { expectAuthorizationRequest } from './oauth';
import { DEADLINES } from './deadlines';

const WELCOME = (frame: { type: string; data?: { event?: string } }) => frame.type === 'system_message' && frame.data?.event === 'connection_established';

/**
 * One named person in a scenario (Alice, Bob …): their account, every token they were given,
 * their sockets with everything those received, and the runs they started.
 */
export class UserSession {
  readonly email: string;
  readonly password = `apex-pw-${randomBytes(12).toString('base64url')}`;
  account?: AccountUser;
  tokens?: TokenSet;
  readonly issued: TokenSet[] = [];
  readonly sockets: AgentSocket[] = [];
  readonly runs: AgentRun[] = [];
  /** The conversation this person started on purpose, its title, and what scenarios noted about it. */
  thread?: any;
  threadTitle?: string;
  threadCountBefore?: number;
  writers?: string[];
  messageOrder?: string[];
  /** A second view of the last run, from a connection that joined late and caught up. */
  catchUp?: AgentRun;
  /** A usage log this person attaches to every request from now on: a header and rows of cells. */
  usageLog?: UsageLog;
  /** The address Google last sent this person back to (the callback with its code and state), once followed. */
  googleReturn?: string;
  /** The provider's approval page this person last went through, with the platform's state. */
  googleApproval?: string;
  /** Files attached ahead of the usage log, as customers attach screenshots along with it. */
  otherFiles: { name: string; media_type: string; content: string }[] = [];
  /** The answer to this person's last try at a conversation or run by its id. */
  lastIntrusion?: Answer;
  /** Every answer to something this person tried that may be refused, in order, with a label. */
  readonly attempts: { label: string; answer: HttpResponse }[] = [];
  auth: AuthClient;
  api: ApiClient;
  /** Where this person's chat connections go: the target, unless the scenario moved them to another instance. */
  chatUrl: string;

  constructor(readonly name: string, readonly target: Target) {
    // Unique per scenario, so scenarios never share an account, in any order or worker.
    // An address's local part in plain letters, whatever the name's accents and hyphens.
    const local = name.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase() || 'customer';
    this.email = `${local}.${randomUUID().slice(0, 12)}@apex-specs.test`;
    this.auth = new AuthClient(target.authUrl);
    this.api = new ApiClient(target.apiUrl);
    this.chatUrl = target.wsUrl;
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

  keep(tokens: TokenSet): void {
    this.tokens = { access_token: tokens.access_token, refresh_token: tokens.refresh_token, token_type: tokens.token_type, expires_in: tokens.expires_in };
    this.issued.push(this.tokens);
  }

  async signUp(): Promise<void> {
    const response = expectStatus(await this.auth.register({ email: this.email, password: this.password, name: this.name }), 201, `Signing ${this.name} up`);
    this.account = response.body.user;
    this.keep(response.body);
  }

  async signIn(): Promise<void> {
    const response = expectStatus(await this.auth.login({ email: this.email, password: this.password }), 200, `Signing ${this.name} in`);
    this.account = response.body.user;
    this.keep(response.body);
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

  /** The simulated OAuth sign-in: needs the target's bypass key. */
  async signInThroughBypass(bypassKey: string, options: { permissions?: string[]; expiresIn?: number } = {}): Promise<void> {
    const response = expectStatus(
      await this.auth.testSignIn(bypassKey, { email: this.email, name: this.name, permissions: options.permissions, expires_in: options.expiresIn }),
      200,
      `Signing ${this.name} in through the simulated OAuth sign-in`,
    );
    this.account = response.body.user;
    this.keep(response.body);
  }

  /** The same first simulated sign-in, several times at once. */
  async signInThroughBypassAtOnce(bypassKey: string, times: number): Promise<void> {
    await Promise.all(Array.from({ length: times }, () => this.attempt('simulated sign-in', this.auth.testSignIn(bypassKey, { email: this.email, name: this.name }))));
  }

  /** The simulated OAuth sign-in naming nobody: the platform chooses the account's email address and name. */
  async signInThroughBypassAsNobody(bypassKey: string): Promise<void> {
    const response = expectStatus(await this.attempt('simulated sign-in', this.auth.testSignIn(bypassKey, {})), 200, `Signing ${this.name} in through the simulated OAuth sign-in, naming nobody`);
    this.account = response.body.user;
    this.keep(response.body);
  }

  /**
   * The OAuth round trip, hop by hop: to the provider, back to the callback with a code, and on
   * to the front end carrying the tokens. Returns the front end's address.
   */
  async signInWithGoogle(): Promise<URL> {
    const start = expectStatus(await this.auth.oauthStart('google'), 302, `Starting ${this.name}'s Google sign-in`);
    expectAuthorizationRequest(start.location!);
    const provider = new URL(start.location!);
    provider.searchParams.set('login_hint', this.email);
    const approved = expectStatus(await this.auth.follow(provider.toString()), 302, `The provider approving ${this.name}`);
    this.googleReturn = approved.location!;
    this.googleApproval = provider.toString();
    const landed = expectStatus(await this.auth.follow(approved.location!), 302, `Coming back from Google`);
    const front = new URL(landed.location!);
    // The front end's sign-in callback takes the tokens; anywhere else they would be dropped.
    if (!front.pathname.endsWith('/auth/callback')) throw new Error(`Expected the sign-in to land on the front end's /auth/callback; it landed on ${front.origin}${front.pathname}`);
    const accessToken = front.searchParams.get('access_token');
    const refreshToken = front.searchParams.get('refresh_token');
    if (!accessToken || !refreshToken) throw new Error(`Expected the callback to send ${this.name} to the app with tokens; it sent ${front.origin}${front.pathname} with ${[...front.searchParams.keys()].join(', ') || 'nothing'}`);
    this.keep({ access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer', expires_in: 0 });
    this.account = { id: claimsOf(accessToken).sub!, email: front.searchParams.get('email') ?? '' };
    return front;
  }

  /** The provider's redirect back to the callback, with its code and state, not yet followed. */
  async googleCallbackParameters(): Promise<{ code: string; state: string }> {
    const start = expectStatus(await this.auth.oauthStart('google'), 302, `Starting a Google sign-in`);
    const approved = expectStatus(await this.auth.follow(start.location!), 302, `The provider approving the sign-in`);
    const callback = new URL(approved.location!);
    return { code: callback.searchParams.get('code') ?? '', state: callback.searchParams.get('state') ?? '' };
  }

  async refresh(): Promise<void> {
    const response = expectStatus(await this.auth.refresh(this.tokens?.refresh_token ?? ''), 200, `Refreshing ${this.name}'s session`);
    this.keep(response.body);
  }

  async signOut(): Promise<void> {
    expectStatus(await this.auth.logout(this.accessToken), 200, `Signing ${this.name} out`);
  }

  /** From now on this person presents the given access token (a forged one, say). */
  presentToken(accessToken: string): void {
    this.tokens = { ...(this.tokens ?? { refresh_token: '', token_type: 'Bearer', expires_in: 0 }), access_token: accessToken };
  }

  async ensureSignedIn(): Promise<void> {
    if (!this.tokens) await this.signUp();
  }

  /** Opens a socket on the target, or on another instance's socket address. */
  async openSocket(auth: SocketAuth = 'header', wsUrl = this.chatUrl, options: Parameters<typeof AgentSocket.open>[3] = {}): Promise<AgentSocket> {
    const socket = await AgentSocket.open(wsUrl, auth === 'none' ? undefined : this.accessToken, auth, options);
    this.sockets.push(socket);
    return socket;
  }

  async waitForWelcome(socket: AgentSocket, withinMs: number = DEADLINES.reply) {
    return socket.waitFor(`the welcome for ${this.name}`, WELCOME, withinMs);
  }

  /** The socket the user chats on: the latest open one (never one that stopped reading), or a new one once it is welcomed. */
  async chatSocket(): Promise<AgentSocket> {
    const open = [...this.sockets].reverse().find((s) => s.isOpen && !s.stoppedReading);
    if (open) return open;
    const socket = await this.openSocket();
    await this.waitForWelcome(socket);
    return socket;
  }

  /** The attached usage log as the CSV file the contract's context.files carries. */
  usageLogFile(): { name: string; media_type: string; content?: string } | undefined {
    const log = this.usageLog;
    if (!log) return undefined;
    if (log.withoutContent) return { name: log.name, media_type: log.mediaType ?? 'text/csv' };
    const content = log.raw ?? [log.header, ...log.rows].map((cells) => cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join(log.separator ?? '\n');
    return { name: log.name, media_type: log.mediaType ?? 'text/csv', content };
  }

  /**
   * Asks an agent over the chat, in the front end's dialect (start_agent) or the one the
   * platform's staging tests speak (agent_request). An attached usage log goes along. With no
   * agent named, the platform chooses its default.
   */
  async startAgent(
    agent: string | undefined,
    request: { user_request: string; context?: Record<string, unknown>; thread_id?: string },
    dialect: 'start_agent' | 'agent_request' | 'agent_request at the top level' = 'start_agent',
    /** null sends the request without an id. */
    id: string | null = `req_${randomUUID()}`,
  ): Promise<AgentRun> {
    const requestId = id ?? undefined;
    await this.ensureSignedIn();
    const socket = await this.chatSocket();
    const file = this.usageLogFile();
    const context = file ? { ...request.context, files: [...this.otherFiles, file] } : request.context;
    const run = new AgentRun(requestId, agent ?? 'default agent', { ...request, context }, socket, socket.frames.length, Date.now());
    if (dialect === 'start_agent') {
      // An empty request id is none at all: the request goes out unmarked, as the contract allows.
      socket.send('start_agent', { ...request, context, agent, request_id: requestId || undefined });
    } else {
      const fields = { agent, message: request.user_request, thread_id: request.thread_id, context, request_id: requestId || undefined };
      // The contract takes agent_request's fields in a payload or beside the type.
      if (dialect === 'agent_request') socket.send('agent_request', fields);
      else socket.sendText(JSON.stringify({ type: 'agent_request', ...fields }));
    }
    this.runs.push(run);
    return run;
  }

  /**
   * Reconnects and picks the run up where this person's last socket left it: the resume goes
   * out the moment the new socket opens. Returns when the reconnection was started.
   */
  async reconnectAndResume(run: AgentRun): Promise<number> {
    const startedAt = Date.now();
    const socket = await this.openSocket('header', this.chatUrl, { first: { type: 'resume', payload: { run_id: run.runId, after_seq: run.lastSeq } } });
    run.followOn(socket);
    return startedAt;
  }

  /**
   * Opens another chat connection (on this or another instance) that asks, as its first message,
   * for every event of the last run from the start; returns once it is welcomed, following the run.
   */
  async catchUpOn(wsUrl = this.chatUrl): Promise<AgentRun> {
    const run = this.lastRun();
    const socket = await this.openSocket('header', wsUrl, { first: { type: 'resume', payload: { run_id: run.runId, after_seq: 0 } } });
    await this.waitForWelcome(socket);
    this.catchUp = new AgentRun(run.requestId, run.agent, run.request, socket, 0, run.sentAt);
    return this.catchUp;
  }

  /** The run asked for just before the latest one. */
  earlierRun(): AgentRun {
    const run = this.runs[this.runs.length - 2];
    if (!run) throw new Error(`${this.name} has not asked for two runs yet.`);
    return run;
  }

  lastRun(): AgentRun {
    const run = this.runs[this.runs.length - 1];
    if (!run) throw new Error(`${this.name} has not asked any agent anything yet.`);
    return run;
  }

  async closeSockets(): Promise<void> {
    await Promise.all(this.sockets.map((socket) => socket.close()));
  }
}

/** The refresh token the owner's last refresh spent; a scenario must have refreshed first. */
export function spentRefreshToken(owner: UserSession): string {
  const spent = owner.issued.at(-2)?.refresh_token;
  if (!spent) throw new Error(`${owner.name} has not refreshed yet, so there is no spent refresh token.`);
  return spent;
}

/** The refresh token the owner held before the latest one. */
export function previousRefreshToken(owner: UserSession): string {
  const previous = owner.issued.at(-2)?.refresh_token;
  if (!previous) throw new Error(`${owner.name} has no previous refresh token.`);
  return previous;
}

/** The refresh token of the owner's first sign-in (their first device). */
export function firstDeviceRefreshToken(owner: UserSession): string {
  const spent = owner.issued[0]?.refresh_token;
  if (!spent) throw new Error(`${owner.name} has not signed in on a first device.`);
  return spent;
}

/**
 * Asks on one particular chat connection (not the session's own) and waits for the run to
 * complete there. Returns the run's id and how many events it had.
 */
export async function askOnConnection(socket: AgentSocket, agent: string, request: { user_request: string; context?: Record<string, unknown> }, withinMs: number): Promise<{ runId: string; events: number }> {
  const requestId = `req_${randomUUID()}`;
  socket.send('start_agent', { user_request: request.user_request, agent, context: request.context, request_id: requestId });
  const done = await socket.waitFor('the run to complete', (f) => f.type === 'agent_completed' && f.data?.request_id === requestId, withinMs);
  return { runId: done.frame.data.run_id, events: done.frame.data.seq };
}
