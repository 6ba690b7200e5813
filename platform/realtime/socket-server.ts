import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, RawData } from 'ws';
import type { AuthGateway } from '../backend/auth-gateway';
import { Identity, RequestRefused, RunEngine, RunEvent, StartRequest } from '../agents/runs';
import type { Conversations } from '../store/conversations';
import type { Cache } from '../store/cache';
import { asWorkOf } from '../store/database';
import type { Faults } from '../server/faults';
import { logInternalError } from '../server/internal-errors';
import { storageRefusal } from '../server/unavailable';
import { STARTUP_INCOMPLETE, STARTUP_INCOMPLETE_DETAIL } from '../server/readiness';

export const MAX_FRAME_BYTES = 64 * 1024;
const MAX_REQUEST_ID = 128;
const GOING_AWAY = 1001;
const POLICY_VIOLATION = 1008;
const INTERNAL_ERROR = 1011;
const TRY_AGAIN_LATER = 1013;
/** Contract section 8: a socket with more than this waiting to be sent is let go rather than buffered without end. */
const MAX_UNSENT_BYTES = 1024 * 1024;
const MISSED_HEARTBEATS = 2;

type ClientMessage = { type?: unknown; payload?: Record<string, unknown> } & Record<string, unknown>;

interface Connection {
  id: string;
  socket: WebSocket;
  identity?: Identity;
  /** Heartbeats sent since the last answer. */
  missed: number;
  /** Runs being replayed to this socket: their live events wait here until the replay is sent. */
  replaying: Map<string, RunEvent[]>;
  /**
   * Runs replayed to this socket, with the last seq it has been sent of each. An event is stored
   * before it is published, so a replay can read one whose live copy reaches this instance only
   * after the replay: that copy is not sent again.
   */
  sentUpTo: Map<string, number>;
  /** Messages are handled one at a time, in the order they came. */
  queue: Promise<void>;
  /** The connection itself failed: it is closing, and nothing more it sent is handled. */
  broken?: boolean;
}

export interface SocketOptions {
  heartbeatMs: number;
  rateLimitPerMinute: number;
  /** The rate limit's window: a minute, unless a test platform shortens it. */
  rateWindowSeconds: number;
  /** Chat connections one user may hold at once (contract section 8). */
  maxSocketsPerUser: number;
  /** Whether the platform has finished starting (for this user, given one); until then new sockets are refused (contract section 9). */
  readyFor?: (userId?: string) => boolean;
}

const AUTH_PROBLEMS: Record<string, string> = {
  token_expired: 'TOKEN_EXPIRED',
  token_revoked: 'TOKEN_REVOKED',
};

/** The first credential found, in the contract's order: header, subprotocol, query. */
export function tokenFrom(request: IncomingMessage): string | undefined {
  // Stryker disable next-line StringLiteral: equivalent, with no header there is nothing to match whatever the stand-in text
  const header = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (header) return header[1];
  const protocols =
    request.headers['sec-websocket-protocol'] ??
    // Stryker disable next-line StringLiteral: equivalent, with no header no protocol starts with jwt. whatever the stand-in text
    '';
  const offered = protocols.split(',').map((p) => p.trim());
  const carried = offered.find((p) => p.startsWith('jwt.'));
  if (carried) return Buffer.from(carried.slice(4), 'base64url').toString('utf8');
  // Stryker disable next-line StringLiteral: equivalent, an empty token is no token either way
  return new URL(request.url ?? '/', 'http://backend').searchParams.get('token') ?? undefined;
}

function parse(raw: RawData, isBinary: boolean): ClientMessage | undefined {
  try {
    // A null byte in any string makes the message malformed (contract section 8): stored data cannot hold one.
    let nullByte = false;
    // Stryker disable next-line StringLiteral: equivalent, any text that is not JSON makes a binary frame a FORMAT_ERROR
    const message = JSON.parse(isBinary ? '' : raw.toString(), (_key, value: unknown) => {
      if (typeof value === 'string' && value.includes('\u0000')) nullByte = true;
      return value;
    });
    if (nullByte) return undefined;
    // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, reading .type of null throws into the catch below, and a number or string has no type
    return typeof message === 'object' && message !== null && typeof message.type === 'string' ? message : undefined;
  } catch {
    // Not JSON, or null: no message (undefined, below).
  }
  return undefined;
}

/** The backend's `/ws`: authenticates each socket through the auth service and carries run events to their owner. */
export class AgentSocketServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    // Stryker disable next-line BooleanLiteral: equivalent, a client that offered protocols but not jwt-auth fails the handshake itself whether none or a made-up one is selected
    handleProtocols: (protocols) => (protocols.has('jwt-auth') ? 'jwt-auth' : false),
  });
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly heartbeat: NodeJS.Timeout;
  runs?: RunEngine;
  /** The test-only faults (handler_crash), where the platform has them. */
  faults?: Faults;

  constructor(
    private readonly gateway: AuthGateway,
    private readonly conversations: Conversations,
    private readonly cache: Cache,
    private readonly options: SocketOptions,
  ) {
    // A socket that left two heartbeats in a row unanswered is gone, whatever TCP believes. (One
    // is forgiven: after a stall of the process the next tick can run before the answer is read.)
    this.heartbeat = setInterval(() => {
      for (const client of this.wss.clients) {
        // Every accepted client is given its connection at once, before any tick can see it.
        const connection = (client as WebSocket & { connection?: Connection }).connection!;
        if (connection.missed >= MISSED_HEARTBEATS) {
          client.terminate();
          continue;
        }
        connection.missed += 1;
        client.ping();
      }
    }, options.heartbeatMs);
    this.heartbeat.unref();
  }

  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(request.url ?? '/', 'http://backend').pathname !== '/ws') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, tokenFrom(request)));
    });
  }

  /** Hands a run event to this user's sockets on this instance. */
  deliver(userId: string, event: RunEvent): void {
    const frame = JSON.stringify(event);
    for (const connection of this.byUser.get(userId) ?? []) {
      const held = connection.replaying.get(event.data.run_id);
      if (held) {
        held.push(event);
        continue;
      }
      const upTo = connection.sentUpTo.get(event.data.run_id);
      if (upTo !== undefined) {
        if (event.data.seq <= upTo) continue;
        connection.sentUpTo.set(event.data.run_id, event.data.seq);
      }
      this.sendRaw(connection, frame);
    }
  }

  /** Closes, at once, every socket opened with a revoked token or by a revoked login. */
  revoke(revocation: { session_id?: string; token_id?: string }): void {
    for (const connections of this.byUser.values()) {
      for (const connection of connections) {
        const identity = connection.identity!;
        // Stryker disable next-line ConditionalExpression: equivalent on this platform, where every token it issues belongs to a login and every revocation names that login too
        const hit = (revocation.token_id && identity.tokenId === revocation.token_id) || (revocation.session_id && identity.sessionId === revocation.session_id);
        if (!hit) continue;
        this.error(connection, 'TOKEN_REVOKED', 'Your session was revoked; sign in again.');
        // Stryker disable next-line StringLiteral: the close reason's text is not contract; the 1008 and the TOKEN_REVOKED error frame are specified
        connection.socket.close(POLICY_VIOLATION, 'TOKEN_REVOKED');
      }
    }
  }

  /** The server side going away under a user's feet (a fault a test injects): their sockets close, their runs go on. */
  disconnectUser(userId: string): number {
    // Stryker disable next-line ArrayDeclaration: the disconnect fault is for tests that cut a customer off; with no socket there is nothing to cut
    const connections = [...(this.byUser.get(userId) ?? [])];
    // Stryker disable next-line StringLiteral: the close reason's text is not contract; the 1001 is specified
    connections.forEach((connection) => connection.socket.close(GOING_AWAY, 'server going away'));
    return connections.length;
  }

  // Stryker disable next-line BlockStatement: shutdown only; the suite stops in-process instances after their scenario, and the other sockets go with the process
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket, token: string | undefined): void {
    const connection: Connection = { id: `conn_${randomUUID()}`, socket, missed: 0, replaying: new Map(), sentUpTo: new Map(), queue: Promise.resolve() };
    (socket as WebSocket & { connection?: Connection }).connection = connection;
    socket.on('error', () => undefined);
    // A socket let in before start-up is complete would be served by a platform not ready to serve it.
    if (this.options.readyFor && !this.options.readyFor()) {
      this.refuseWhileStarting(connection);
      return;
    }
    socket.on('pong', () => (connection.missed = 0));
    // Messages may arrive while the token is still being checked; they wait for the verdict.
    const ready = this.authenticate(connection, token);
    socket.on('message', (raw, isBinary) => {
      const message = parse(raw, isBinary);
      // A resume holds its run's live events from the moment it arrives, so that replay and
      // live events can neither overlap nor leave a gap.
      const runId = message?.type === 'resume' ? (message.payload ?? message).run_id : undefined;
      if (typeof runId === 'string' && !connection.replaying.has(runId)) connection.replaying.set(runId, []);
      connection.queue = connection.queue.then(() => this.handle(connection, ready, message)).catch((error) => this.fail(connection, error));
    });
    socket.on('close', () => {
      const mine = connection.identity && this.byUser.get(connection.identity.userId);
      mine?.delete(connection);
      if (mine && mine.size === 0) this.byUser.delete(connection.identity!.userId);
    });
  }

  /**
   * One message, in its turn. An unexpected error while handling it spoils that message only: it
   * is answered INTERNAL_ERROR with the reference it was logged under, and the socket goes on.
   * What throws out of here is a failure of the connection itself (see fail).
   */
  private async handle(connection: Connection, ready: Promise<boolean>, message: ClientMessage | undefined): Promise<void> {
    // Stryker disable next-line LogicalOperator: equivalent, a refused connection is already closing when its queued messages come up, so nothing handled can reach it, and it has no identity to act as
    if (!(await ready) || connection.broken) return;
    const context = { userId: connection.identity!.userId };
    // Stryker disable next-line StringLiteral,OptionalChaining: the simulated failure's own message never leaves the platform; the platform always gives the chat its fault switch
    if (this.faults?.hits('handler_crash', 'connection', context)) throw new Error('Simulated failure of the connection (handler_crash fault).');
    try {
      // Stryker disable next-line StringLiteral,OptionalChaining: the simulated crash's own message never leaves the platform; the platform always gives the chat its fault switch
      if (this.faults?.hits('handler_crash', 'message', context)) throw new Error('Simulated crash while handling a message (handler_crash fault).');
      // Whose work this is, so that a pool held for one customer (hold_connections, scoped) holds only theirs.
      await asWorkOf(context.userId, () => this.onMessage(connection, message));
    } catch (error) {
      const refusal = storageRefusal(error);
      if (refusal) return this.error(connection, refusal.code, refusal.detail);
      // Stryker disable next-line StringLiteral,LogicalOperator,OptionalChaining: the log line's description is for operators; the reference it is logged under is specified
      const reference = logInternalError(`chat message ${JSON.stringify(message?.type ?? null)} of user ${context.userId} on ${connection.id}`, error);
      this.send(connection, { type: 'error_message', error_code: 'INTERNAL_ERROR', error_message: `That message could not be handled because of an internal error, logged as ${reference}; try again.`, reference, timestamp: new Date().toISOString() });
    }
  }

  /** The connection itself failed unexpectedly: it is closed with 1011, its reason giving the reference it was logged under. */
  private fail(connection: Connection, error: unknown): void {
    connection.broken = true;
    // Stryker disable next-line StringLiteral,BlockStatement: the log line's description is for operators; the reference it is logged under is specified
    const reference = logInternalError(`chat connection ${connection.id}${connection.identity ? ` of user ${connection.identity.userId}` : ''}`, error);
    connection.socket.close(INTERNAL_ERROR, `INTERNAL_ERROR: logged as ${reference}`);
  }

  private async authenticate(connection: Connection, token: string | undefined): Promise<boolean> {
    const refuse = (code: string, message: string, closeCode = POLICY_VIOLATION) => {
      this.error(connection, code, message);
      connection.socket.close(closeCode, code);
      // Stryker disable next-line BooleanLiteral: equivalent, the socket is already closing, so nothing more can reach the client (a refused connection that talks at once gets only the refusal)
      return false;
    };
    if (!token) return refuse('NO_TOKEN', 'Connect with an access token: an Authorization header, the jwt-auth subprotocol, or ?token=.');
    let verdict;
    try {
      verdict = await this.gateway.validate(token);
    } catch (error) {
      // The gateway throws nothing but AuthUnavailable: whatever stops the check, the token cannot be checked.
      return refuse('AUTH_UNAVAILABLE', `${(error as Error).message} Try again shortly.`, INTERNAL_ERROR);
    }
    if (!verdict.ok) return refuse(AUTH_PROBLEMS[verdict.problem] ?? 'INVALID_TOKEN', 'The access token was refused; sign in again.');
    // The client may have gone while its token was being checked; its close has already been
    // handled, so registering it now would hold it (and a place under the cap) for ever.
    // Stryker disable next-line BooleanLiteral: equivalent, a client gone during its token check is never registered, so the messages it left have nobody to reach
    if (connection.socket.readyState !== WebSocket.OPEN) return false;
    // A delay_ready fault scoped to this user: the platform is still starting, for them.
    if (this.options.readyFor && !this.options.readyFor(verdict.identity.userId)) return this.refuseWhileStarting(connection);

    const mine = this.byUser.get(verdict.identity.userId) ?? new Set();
    // One user's connections are bounded, so no one account can hold the server's sockets and memory.
    if (mine.size >= this.options.maxSocketsPerUser) {
      return refuse('TOO_MANY_CONNECTIONS', `You already have ${this.options.maxSocketsPerUser} chat connections open; close one and connect again.`);
    }
    connection.identity = verdict.identity;
    mine.add(connection);
    this.byUser.set(verdict.identity.userId, mine);
    const now = new Date().toISOString();
    this.send(connection, {
      type: 'system_message',
      data: { event: 'connection_established', connection_id: connection.id, user_id: verdict.identity.userId, server_time: now },
      timestamp: now,
    });
    return true;
  }

  private refuseWhileStarting(connection: Connection): false {
    this.error(connection, STARTUP_INCOMPLETE, STARTUP_INCOMPLETE_DETAIL);
    connection.socket.close(INTERNAL_ERROR, STARTUP_INCOMPLETE);
    return false;
  }

  private sendRaw(connection: Connection, frame: string): void {
    const { socket } = connection;
    // Stryker disable next-line ConditionalExpression: equivalent, ws drops (and does not throw on) a frame sent to a closing or closed socket, and an accepted socket is never still connecting
    if (socket.readyState !== WebSocket.OPEN) return;
    socket.send(frame);
    // A client that stops reading would have the server hold everything meant for it. Past the
    // bound it is let go: nothing more is queued, and the close (after what is queued) tells it
    // why if it reads again; ws ends the connection itself if it never does.
    // Stryker disable next-line EqualityOperator,StringLiteral: the unsent amount crosses 1 MiB a frame at a time, so landing on exactly 1 MiB is not observable; the close reason's text is not contract (the 1013 is specified)
    if (socket.bufferedAmount > MAX_UNSENT_BYTES) socket.close(TRY_AGAIN_LATER, 'falling too far behind');
  }

  private send(connection: Connection, frame: object): void {
    this.sendRaw(connection, JSON.stringify(frame));
  }

  private error(connection: Connection, code: string, message: string): void {
    this.send(connection, { type: 'error_message', error_code: code, error_message: message, timestamp: new Date().toISOString() });
  }

  /** Counts a user's messages in a window (a minute) that starts with the first, shared by every instance. */
  private async overLimit(identity: Identity): Promise<boolean> {
    const count = await this.cache.increment(`ws_rate:${identity.userId}`, this.options.rateWindowSeconds);
    return count > this.options.rateLimitPerMinute;
  }

  private async onMessage(connection: Connection, message: ClientMessage | undefined): Promise<void> {
    const identity = connection.identity!;
    if (await this.overLimit(identity)) {
      if (message?.type === 'resume') this.flushHeld(connection, String((message.payload ?? message).run_id), 0);
      return this.error(connection, 'RATE_LIMITED', `More than ${this.options.rateLimitPerMinute} messages in a minute; slow down and try again shortly.`);
    }
    if (!message) return this.error(connection, 'FORMAT_ERROR', 'Each message must be a JSON object with a "type".');
    const body = (message.payload ?? message) as Record<string, unknown>;
    switch (message.type) {
      case 'ping':
        return this.send(connection, { type: 'pong', data: { timestamp: new Date().toISOString() } });
      case 'start_agent':
        return this.startRun(connection, (message.payload ?? {}) as unknown as StartRequest);
      case 'agent_request':
        return this.startRun(connection, {
          user_request: body.message as string,
          agent: body.agent as string | undefined,
          thread_id: body.thread_id as string | undefined,
          request_id: body.request_id as string | undefined,
          context: body.context as Record<string, unknown> | undefined,
        });
      case 'agent_interrupt':
        if (typeof body.run_id !== 'string') return this.error(connection, 'INVALID_REQUEST', 'Say which run to stop in payload.run_id.');
        return this.refusable(connection, () => this.runs!.cancel(identity, body.run_id as string));
      case 'resume':
        return this.resume(connection, body.run_id, body.after_seq);
      case 'get_thread':
        if (typeof body.thread_id !== 'string') return this.error(connection, 'INVALID_REQUEST', 'Say which thread in payload.thread_id.');
        return this.refusable(connection, () => this.sendThread(connection, body.thread_id as string));
      default:
        return this.error(connection, 'UNKNOWN_MESSAGE_TYPE', `"${message.type}" is not a message type this socket understands.`);
    }
  }

  private async refusable(connection: Connection, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof RequestRefused) return this.error(connection, error.code, error.message);
      throw error;
    }
  }

  private async startRun(connection: Connection, request: StartRequest): Promise<void> {
    if (typeof request.user_request !== 'string' || request.user_request.trim() === '') {
      return this.error(connection, 'INVALID_REQUEST', 'Say what you need in payload.user_request (or message, for agent_request).');
    }
    // The request id is copied onto every event of the run, so it is bounded like a name, not a message.
    if (request.request_id !== undefined && (typeof request.request_id !== 'string' || request.request_id.length > MAX_REQUEST_ID)) {
      return this.error(connection, 'INVALID_REQUEST', `payload.request_id must be text of at most ${MAX_REQUEST_ID} characters.`);
    }
    await this.refusable(connection, async () => {
      await this.runs!.start(connection.identity!, request);
    });
  }

  private async sendThread(connection: Connection, threadId: string): Promise<void> {
    const thread = await this.conversations.thread(threadId);
    if (!thread) throw new RequestRefused('THREAD_NOT_FOUND', `There is no thread ${threadId}.`);
    if (thread.metadata.user_id !== connection.identity!.userId) throw new RequestRefused('ACCESS_DENIED', 'That thread belongs to someone else.');
    this.send(connection, { type: 'thread', data: { thread, messages: await this.conversations.messages(threadId) }, timestamp: new Date().toISOString() });
  }

  /** Every stored event of the run after `after_seq`, in order, then the live ones that came meanwhile, none twice. */
  private async resume(connection: Connection, runId: unknown, afterSeq: unknown): Promise<void> {
    const id = String(runId);
    // Left out, after_seq means from the start; given, it must be a whole number of zero or more (contract section 8).
    const valid = afterSeq === undefined || (Number.isSafeInteger(afterSeq) && (afterSeq as number) >= 0);
    let last = valid ? ((afterSeq as number | undefined) ?? 0) : 0;
    try {
      if (typeof runId !== 'string') return this.error(connection, 'INVALID_REQUEST', 'Say which run to resume in payload.run_id, and the last seq you saw in payload.after_seq.');
      if (!valid) return this.error(connection, 'FORMAT_ERROR', `payload.after_seq must be the whole number of the last event you saw (0 for all of them); it was ${JSON.stringify(afterSeq)}.`);
      const run = await this.conversations.run(id);
      if (!run) return this.error(connection, 'RUN_NOT_FOUND', `There is no run ${id}.`);
      if (run.user_id !== connection.identity!.userId) return this.error(connection, 'ACCESS_DENIED', 'That run belongs to someone else.');
      for (const event of await this.conversations.eventsAfter(id, last)) {
        this.send(connection, { type: event.type, data: event.data, timestamp: event.data.timestamp });
        last = event.data.seq;
      }
    } finally {
      this.flushHeld(connection, id, last);
    }
  }

  private flushHeld(connection: Connection, runId: string, lastSent: number): void {
    const held = connection.replaying.get(runId) ?? [];
    connection.replaying.delete(runId);
    let upTo = lastSent;
    for (const event of held) {
      if (event.data.seq <= upTo) continue;
      this.send(connection, event);
      upTo = event.data.seq;
    }
    connection.sentUpTo.set(runId, upTo);
  }
}
