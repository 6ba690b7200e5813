import { EventEmitter } from 'node:events';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { whenEmitted } from '../wait';

const TOKEN_CHECK = '/auth/validate';

/**
 * An HTTP relay between a backend and its auth service that can hold the backend's token checks:
 * while it holds them, a new chat connection stays "being signed in" for exactly as long as the
 * scenario needs, with no timing luck. Everything else passes straight through.
 */
export class AuthRelay extends EventEmitter {
  private holding = false;
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
        const body = Buffer.from(await answer.arrayBuffer());
        await new Promise<void>((resolve) => response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(body, resolve));
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
