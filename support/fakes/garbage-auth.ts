import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An "auth service" that answers every request 200 with a page that is not JSON: a misrouted proxy, say. */
export class GarbageAuth {
  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<GarbageAuth> {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Service temporarily moved</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new GarbageAuth(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
