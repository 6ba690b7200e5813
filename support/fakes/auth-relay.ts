import { EventEmitter } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { whenEmitted } from '../wait';

const TOKEN_CHECK = '/auth/validate';

type Answer = { status: number; body: string };

/**
 * How a broken auth service (or a misrouted proxy in front of it) can answer the backend's token
 * check, made from its true answer. Each is garbage the backend must not take at its word.
 */
export const AUTH_ANSWERS: Record<string, (truth: Answer) => Answer> = {
  'a server error': () => ({ status: 500, body: JSON.stringify({ detail: 'Something went wrong', code: 'INTERNAL_ERROR' }) }),
  'a bare null': () => ({ status: 200, body: 'null' }),
  'a bare number': () => ({ status: 200, body: '42' }),
  'a vouch that does not say for whom': (truth) => ({ status: 200, body: JSON.stringify({ ...JSON.parse(truth.body), valid: true, user_id: undefined }) }),
  'a vouch for a customer with an empty id': (truth) => ({ status: 200, body: JSON.stringify({ ...JSON.parse(truth.body), valid: true, user_id: '' }) }),
  'a refusal that still names the customer': (truth) => ({ status: 200, body: JSON.stringify({ ...JSON.parse(truth.body), valid: false, error: undefined }) }),
  'a refusal that gives no reason': () => ({ status: 200, body: JSON.stringify({ valid: false }) }),
};

/**
 * An HTTP relay between a backend and its auth service that can hold the backend's token checks:
 * while it holds them, a new chat connection stays "being signed in" for exactly as long as the
 * scenario needs, with no timing luck. Everything else passes straight through.
 */
export class AuthRelay extends EventEmitter {
  private holding = false;
  /** What token checks are answered with instead of the auth service's answer, when set. */
  private garble?: (truth: Answer) => Answer;
  private readonly held: (() => Promise<void>)[] = [];

  private constructor(private readonly server: Server, readonly url: string, private readonly authUrl: string) {
    super();
  }

  static async start(authUrl: string): Promise<AuthRelay> {
    let relay!: AuthRelay;
    const server = createServer((request, response) => void relay.relay(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    relay = new AuthRelay(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, authUrl);
    return relay;
  }

  /** From now on token checks wait here until released. */
  holdChecks(): void {
    this.holding = true;
  }

  /** Resolves once `count` token checks are waiting, or fails saying how many came. */
  checksHeld(count: number, withinMs: number): Promise<void> {
    return whenEmitted(this, 'held', () => this.held.length >= count, withinMs, () => `Expected the platform to be checking ${count} tokens within ${withinMs / 1000} s; it asked for ${this.held.length} checks`);
  }

  /** From now on every token check is answered as the named broken auth service would (AUTH_ANSWERS). */
  answerChecksWith(answer: string): void {
    this.garble = AUTH_ANSWERS[answer];
  }

  /** Lets the held checks through; resolves when the auth service's answer to each has been handed back to the platform. */
  async releaseChecks(): Promise<void> {
    this.holding = false;
    await Promise.all(this.held.splice(0).map((forward) => forward()));
  }

  private async relay(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const forward = async () => {
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !['host', 'connection', 'content-length'].includes(name))) as Record<string, string>;
      try {
        const answer = await fetch(`${this.authUrl}${request.url}`, { method: request.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
        let reply: Answer = { status: answer.status, body: Buffer.from(await answer.arrayBuffer()).toString('utf8') };
        if (this.garble && request.url === TOKEN_CHECK) reply = this.garble(reply);
        await new Promise<void>((resolve) => response.writeHead(reply.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(reply.body, resolve));
      } catch {
        // The backend gave up on this check (or the scenario is over): there is nobody to answer.
        response.destroy();
      }
    };
    if (this.holding && request.url === TOKEN_CHECK) {
      this.held.push(forward);
      this.emit('held');
    } else {
      await forward();
    }
  }

  async stop(): Promise<void> {
    this.held.splice(0);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
