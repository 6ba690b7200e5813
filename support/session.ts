import { randomBytes, randomUUID } from 'node:crypto';
import { AuthClient, AccountUser, TokenSet } from './clients/auth-client';
import { ApiClient } from './clients/api-client';
import { AgentSocket, SocketAuth } from './clients/agent-socket';
import { expectStatus } from './clients/http';
import { AgentRun } from './agent-run';
import type { Target } from './environment';

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
  readonly auth: AuthClient;
  readonly api: ApiClient;

  constructor(readonly name: string, readonly target: Target) {
    // Unique per scenario, so scenarios never share an account, in any order or worker.
    this.email = `${name.toLowerCase()}.${randomUUID().slice(0, 12)}@apex-specs.test`;
    this.auth = new AuthClient(target.authUrl);
    this.api = new ApiClient(target.apiUrl);
  }

  get accessToken(): string {
    if (!this.tokens) throw new Error(`${this.name} has no session yet: sign ${this.name} up or in first.`);
    return this.tokens.access_token;
  }

  get userId(): string {
    if (!this.account) throw new Error(`${this.name} has no account yet: sign ${this.name} up first.`);
    return this.account.id;
  }

  private keep(tokens: TokenSet): void {
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

  async ensureSignedIn(): Promise<void> {
    if (!this.tokens) await this.signUp();
  }

  async openSocket(auth: SocketAuth = 'header'): Promise<AgentSocket> {
    const socket = await AgentSocket.open(this.target.wsUrl, auth === 'none' ? undefined : this.accessToken, auth);
    this.sockets.push(socket);
    return socket;
  }

  async waitForWelcome(socket: AgentSocket, withinMs = 5000) {
    return socket.waitFor(`the welcome for ${this.name}`, WELCOME, withinMs);
  }

  /** The socket the user chats on: the latest open one, or a new one once it is welcomed. */
  async chatSocket(): Promise<AgentSocket> {
    const open = [...this.sockets].reverse().find((s) => s.isOpen);
    if (open) return open;
    const socket = await this.openSocket();
    await this.waitForWelcome(socket);
    return socket;
  }

  async startAgent(agent: string, request: { user_request: string; context?: Record<string, unknown> }): Promise<AgentRun> {
    await this.ensureSignedIn();
    const socket = await this.chatSocket();
    const requestId = `req_${randomUUID()}`;
    const run = new AgentRun(requestId, agent, request, socket, socket.frames.length, Date.now());
    socket.send('start_agent', { ...request, agent, request_id: requestId });
    this.runs.push(run);
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
