import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { redact } from '../redact';
import { SocketContract } from '../contract/frame-checks';
import { scenarioRecorder } from '../contract/violations';
import { whenEmitted } from '../wait';
import { DEADLINES } from '../deadlines';

export interface Frame {
  type: string;
  data?: any;
  [field: string]: any;
}

export interface ReceivedFrame {
  /** Epoch milliseconds at arrival. */
  at: number;
  frame: Frame;
}

/**
 * Where a socket carries its token. 'spaced header' is the Authorization header with two spaces
 * after Bearer, as RFC 6750 allows; 'trailed header' and 'prefixed header' are malformed ones
 * (a word after the token, another scheme's name before Bearer). 'listed subprotocol' offers the
 * subprotocols as a browser lists them, with a space after each comma.
 */
export type SocketAuth = 'header' | 'spaced header' | 'trailed header' | 'prefixed header' | 'subprotocol' | 'listed subprotocol' | 'query' | 'none';

const HEADER_FORMS: Partial<Record<SocketAuth, (token: string) => string>> = {
  header: (token) => `Bearer ${token}`,
  'spaced header': (token) => `Bearer  ${token}`,
  'trailed header': (token) => `Bearer ${token} please`,
  'prefixed header': (token) => `Token Bearer ${token}`,
};

export function describeFrame(received: ReceivedFrame, origin: number): string {
  const { frame } = received;
  const seq = frame.data?.seq !== undefined ? ` #${frame.data.seq}` : '';
  const code = frame.error_code ? ` ${frame.error_code}` : '';
  return `${frame.type}${seq}${code} (+${received.at - origin} ms)`;
}

export function describeFrames(frames: ReceivedFrame[], origin: number): string {
  return frames.length ? frames.map((f) => describeFrame(f, origin)).join(', ') : 'nothing';
}

/**
 * One agent socket of one user. It keeps every frame with its arrival time, and every wait is
 * "until this arrives, within a deadline": on timeout it says what did arrive instead.
 */
export class AgentSocket extends EventEmitter {
  readonly frames: ReceivedFrame[] = [];
  /** The access token this socket was opened with, if any: the account its welcome must name. */
  presented?: string;
  /** How many messages this socket has sent. */
  sent = 0;
  /** Arrival times of the server's heartbeat pings. */
  readonly heartbeats: number[] = [];
  closed?: { code: number; reason: string; at: number };
  /** Whether this client stopped reading what the server sends (it piles up in the network, then at the server); it is not the one a person chats on. */
  stoppedReading = false;
  /** Every frame is held to the contract; the After hook in support/hooks/contract.ts reports it. */
  private readonly contract = new SocketContract();
  private readonly recordViolations = scenarioRecorder();

  private constructor(private readonly ws: WebSocket, readonly auth: SocketAuth, readonly openedAt: number, readonly url: string) {
    super();
    ws.on('message', (raw) => {
      // Arrival first: checking the frame is the suite's work, not the platform's latency.
      const at = Date.now();
      const text = raw.toString();
      let frame: Frame;
      let parsed: Frame | undefined;
      try {
        frame = parsed = JSON.parse(text);
      } catch {
        frame = { type: '(not JSON)', text: text.slice(0, 200) };
      }
      this.recordViolations(() => this.contract.receive(parsed, text));
      const received = { at, frame };
      this.frames.push(received);
      this.emit('frame', received);
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString(), at: Date.now() };
      this.emit('closed', this.closed);
    });
    ws.on('ping', () => {
      this.heartbeats.push(Date.now());
      this.emit('heartbeat');
    });
    ws.on('error', () => undefined);
  }

  /**
   * Opens a socket. `first`, if given, is sent the moment the socket opens, before the welcome
   * (a resume must be, so that no live event slips in ahead of the replay). `answerHeartbeats:
   * false` makes a client that has stopped answering the server's pings.
   */
  static open(
    url: string,
    token: string | undefined,
    auth: SocketAuth = 'header',
    options: { withinMs?: number; first?: { type: string; payload?: unknown }; answerHeartbeats?: boolean; alsoCarried?: { token: string; auth: SocketAuth }; authorization?: (token: string) => string; headers?: Record<string, string> } = {},
  ): Promise<AgentSocket> {
    const withinMs = options.withinMs ?? DEADLINES.reply;
    const openedAt = Date.now();
    let address = url;
    const clientOptions: WebSocket.ClientOptions = { handshakeTimeout: withinMs, autoPong: options.answerHeartbeats ?? true };
    let protocols: string[] | undefined;
    // A second token in another place tries which one the server goes by.
    for (const carried of [{ token, auth }, options.alsoCarried]) {
      if (!carried?.token) continue;
      const header = carried.auth === 'header' && options.authorization && carried.token === token ? options.authorization : HEADER_FORMS[carried.auth];
      if (header) clientOptions.headers = { authorization: header(carried.token) };
      if (carried.auth === 'subprotocol' || carried.auth === 'listed subprotocol') protocols = ['jwt-auth', `jwt.${Buffer.from(carried.token).toString('base64url')}`];
      if (carried.auth === 'listed subprotocol') {
        const listed = protocols!.join(', ');
        clientOptions.finishRequest = (request) => {
          request.setHeader('Sec-WebSocket-Protocol', listed);
          request.end();
        };
      }
      if (carried.auth === 'query') address = `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(carried.token)}`;
    }
    if (options.headers) clientOptions.headers = { ...options.headers, ...clientOptions.headers };
    const ws = new WebSocket(address, protocols, clientOptions);
    const socket = new AgentSocket(ws, auth, openedAt, url);
    socket.presented = token;
    return new Promise((resolve, reject) => {
      ws.once('open', () => {
        if (options.first) socket.send(options.first.type, options.first.payload);
        resolve(socket);
      });
      ws.once('unexpected-response', (_request, response) => reject(new Error(`The socket at ${new URL(url).pathname} refused the handshake with HTTP ${response.statusCode}.`)));
      ws.once('error', (error) => reject(new Error(`The socket at ${new URL(url).host} could not be opened: ${redact(error.message)}`)));
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(type: string, payload?: unknown): void {
    this.sendText(JSON.stringify(payload === undefined ? { type } : { type, payload }));
  }

  /** Sends text as it is: malformed, oversized, whatever a test needs. */
  sendText(text: string): void {
    this.sent += 1;
    this.ws.send(text);
  }

  /** The client stops reading, as a frozen browser tab does; what it sends still goes out. */
  stopReading(): void {
    this.stoppedReading = true;
    this.ws.pause();
  }

  /** The client reads again: whatever the server managed to send meanwhile arrives now. */
  startReading(): void {
    this.ws.resume();
  }

  /** The connection drops without a goodbye, as when a laptop loses its network. */
  cut(): void {
    this.ws.terminate();
  }

  /** Resolves when the server has sent `count` heartbeats in all, or fails saying how many came. */
  waitForHeartbeats(count: number, withinMs: number): Promise<void> {
    return whenEmitted(this, 'heartbeat', () => this.heartbeats.length >= count, withinMs, () => `Expected ${count} heartbeats within ${withinMs / 1000} s; ${this.heartbeats.length} came${this.closed ? `, and the socket closed with ${this.closed.code}` : ''}.`);
  }

  /** Resolves with the first frame (from index `from`) that satisfies the predicate. */
  waitFor(expecting: string, predicate: (frame: Frame) => boolean, withinMs: number, from = 0): Promise<ReceivedFrame> {
    const found = this.frames.slice(from).find((f) => predicate(f.frame));
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const cleanUp = () => {
        clearTimeout(timer);
        this.off('frame', onFrame);
        this.off('closed', onClosed);
      };
      const fail = (why: string) => {
        cleanUp();
        reject(new Error(`Expected ${expecting} ${why}; received: ${describeFrames(this.frames.slice(from), this.openedAt)}`));
      };
      const onFrame = (received: ReceivedFrame) => {
        if (!predicate(received.frame)) return;
        cleanUp();
        resolve(received);
      };
      const onClosed = () => fail(`but the socket closed (code ${this.closed?.code}${this.closed?.reason ? `, ${this.closed.reason}` : ''})`);
      const timer = setTimeout(() => fail(`within ${withinMs / 1000} s`), withinMs);
      this.on('frame', onFrame);
      if (this.closed) onClosed();
      else this.on('closed', onClosed);
    });
  }

  /** The server's first word on a new connection: the welcome, or the error it refuses it with. */
  connectionAnswer(withinMs: number = DEADLINES.reply): Promise<ReceivedFrame> {
    return this.waitFor('an answer to the connection', (f) => f.type === 'error_message' || f.type === 'system_message', withinMs);
  }

  waitForClose(withinMs: number): Promise<{ code: number; reason: string; at: number }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('closed', onClosed);
        reject(new Error(`Expected the socket to close within ${withinMs / 1000} s; it stayed open and received: ${describeFrames(this.frames, this.openedAt)}`));
      }, withinMs);
      const onClosed = (closed: { code: number; reason: string; at: number }) => {
        clearTimeout(timer);
        resolve(closed);
      };
      this.once('closed', onClosed);
    });
  }

  /** Closes politely, and forcibly if the server does not finish the closing handshake quickly. */
  async close(): Promise<void> {
    if (this.closed) return;
    const done = new Promise<void>((resolve) => this.once('closed', () => resolve()));
    this.ws.close(1000, 'scenario finished');
    const timer = setTimeout(() => this.ws.terminate(), DEADLINES.politeClose);
    await done;
    clearTimeout(timer);
  }
}
