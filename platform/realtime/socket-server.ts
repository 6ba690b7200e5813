import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, RawData } from 'ws';
import type { AuthGateway } from '../backend/auth-gateway';
import { AuthUnavailable } from '../backend/auth-gateway';
import { Identity, RequestRefused, RunEngine, RunEvent, StartRequest } from '../agents/runs';

export const MAX_FRAME_BYTES = 64 * 1024;
const POLICY_VIOLATION = 1008;
const INTERNAL_ERROR = 1011;

interface Connection {
  id: string;
  socket: WebSocket;
  identity?: Identity;
}

const AUTH_PROBLEMS: Record<string, string> = {
  token_expired: 'TOKEN_EXPIRED',
  token_revoked: 'TOKEN_REVOKED',
};

/** The first credential found, in the contract's order: header, subprotocol, query. */
export function tokenFrom(request: IncomingMessage): string | undefined {
  const header = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (header) return header[1];
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const carried = offered.find((p) => p.startsWith('jwt.'));
  if (carried) return Buffer.from(carried.slice(4), 'base64url').toString('utf8');
  return new URL(request.url ?? '/', 'http://backend').searchParams.get('token') ?? undefined;
}

/** The backend's `/ws`: authenticates each socket through the auth service and carries run events to their owner. */
export class AgentSocketServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has('jwt-auth') ? 'jwt-auth' : false),
  });
  private readonly byUser = new Map<string, Set<Connection>>();
  runs?: RunEngine;

  constructor(private readonly gateway: AuthGateway) {}

  attach(server: Server): void {
    server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      if (new URL(request.url ?? '/', 'http://backend').pathname !== '/ws') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(request, socket, head, (ws) => this.accept(ws, tokenFrom(request)));
    });
  }

  publish(userId: string, event: RunEvent): void {
    const frame = JSON.stringify(event);
    for (const connection of this.byUser.get(userId) ?? []) {
      if (connection.socket.readyState === WebSocket.OPEN) connection.socket.send(frame);
    }
  }

  /** Closes, at once, every socket opened with a revoked token or by a revoked login. */
  revoke(revocation: { session_id?: string; token_id?: string }): void {
    for (const connections of this.byUser.values()) {
      for (const connection of connections) {
        const identity = connection.identity!;
        const hit = (revocation.token_id && identity.tokenId === revocation.token_id) || (revocation.session_id && identity.sessionId === revocation.session_id);
        if (!hit) continue;
        this.error(connection, 'TOKEN_REVOKED', 'Your session was revoked; sign in again.');
        connection.socket.close(POLICY_VIOLATION, 'TOKEN_REVOKED');
      }
    }
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket, token: string | undefined): void {
    const connection: Connection = { id: `conn_${randomUUID()}`, socket };
    socket.on('error', () => undefined);
    // Messages may arrive while the token is still being checked; they wait for the verdict.
    const ready = this.authenticate(connection, token);
    socket.on('message', (raw, isBinary) => {
      void ready.then((ok) => (ok ? this.onMessage(connection, raw, isBinary) : undefined));
    });
    socket.on('close', () => {
      const mine = connection.identity && this.byUser.get(connection.identity.userId);
      mine?.delete(connection);
      if (mine && mine.size === 0) this.byUser.delete(connection.identity!.userId);
    });
  }

  private async authenticate(connection: Connection, token: string | undefined): Promise<boolean> {
    const refuse = (code: string, message: string, closeCode = POLICY_VIOLATION) => {
      this.send(connection, { type: 'error_message', error_code: code, error_message: message, timestamp: new Date().toISOString() });
      connection.socket.close(closeCode, code);
      return false;
    };
    if (!token) return refuse('NO_TOKEN', 'Connect with an access token: an Authorization header, the jwt-auth subprotocol, or ?token=.');
    let verdict;
    try {
      verdict = await this.gateway.validate(token);
    } catch (error) {
      if (error instanceof AuthUnavailable) return refuse('AUTH_UNAVAILABLE', `${error.message} Try again shortly.`, INTERNAL_ERROR);
      throw error;
    }
    if (!verdict.ok) return refuse(AUTH_PROBLEMS[verdict.problem] ?? 'INVALID_TOKEN', 'The access token was refused; sign in again.');

    connection.identity = verdict.identity;
    const mine = this.byUser.get(verdict.identity.userId) ?? new Set();
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

  private send(connection: Connection, frame: object): void {
    if (connection.socket.readyState === WebSocket.OPEN) connection.socket.send(JSON.stringify(frame));
  }

  private error(connection: Connection, code: string, message: string): void {
    this.send(connection, { type: 'error_message', error_code: code, error_message: message, timestamp: new Date().toISOString() });
  }

  private async onMessage(connection: Connection, raw: RawData, isBinary: boolean): Promise<void> {
    let message: { type?: unknown; payload?: Record<string, unknown> } & Record<string, unknown>;
    try {
      message = JSON.parse(isBinary ? '' : raw.toString());
    } catch {
      return this.error(connection, 'FORMAT_ERROR', 'Each message must be a JSON object with a "type".');
    }
    if (typeof message !== 'object' || message === null || typeof message.type !== 'string') {
      return this.error(connection, 'FORMAT_ERROR', 'Each message must be a JSON object with a "type".');
    }
    switch (message.type) {
      case 'ping':
        return this.send(connection, { type: 'pong', data: { timestamp: new Date().toISOString() } });
      case 'start_agent':
        return this.startRun(connection, (message.payload ?? {}) as unknown as StartRequest);
      case 'agent_request': {
        const body = (message.payload ?? message) as Record<string, unknown>;
        return this.startRun(connection, {
          user_request: body.message as string,
          agent: body.agent as string | undefined,
          thread_id: body.thread_id as string | undefined,
          request_id: body.request_id as string | undefined,
          context: body.context as Record<string, unknown> | undefined,
        });
      }
      case 'agent_interrupt': {
        const runId = (message.payload ?? message).run_id;
        if (typeof runId !== 'string') return this.error(connection, 'INVALID_REQUEST', 'Say which run to stop in payload.run_id.');
        try {
          await this.runs!.cancel(connection.identity!, runId);
        } catch (error) {
          if (error instanceof RequestRefused) return this.error(connection, error.code, error.message);
          this.error(connection, 'INTERNAL_ERROR', 'The run could not be stopped; try again.');
        }
        return;
      }
      default:
        return this.error(connection, 'UNKNOWN_MESSAGE_TYPE', `"${message.type}" is not a message type this socket understands.`);
    }
  }

  private async startRun(connection: Connection, request: StartRequest): Promise<void> {
    if (typeof request.user_request !== 'string' || request.user_request.trim() === '') {
      return this.error(connection, 'INVALID_REQUEST', 'Say what you need in payload.user_request (or message, for agent_request).');
    }
    try {
      await this.runs!.start(connection.identity!, request);
    } catch (error) {
      if (error instanceof RequestRefused) return this.error(connection, error.code, error.message);
      this.error(connection, 'INTERNAL_ERROR', 'The run could not be started; try again.');
    }
  }
}
