import { createServer, Server, Socket, connect } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A loopback TCP relay between a platform instance and one of its dependencies (PostgreSQL,
 * Redis, the auth service), so a scenario can make the dependency unreachable, or silent, and
 * bring it back without touching the real service that other scenarios share.
 */
export class TcpProxy {
  private readonly open = new Set<Socket>();
  private reachable = true;
  /** While stalled, what either side sends waits here, in order, instead of being passed on. */
  private held?: { to: Socket; chunk?: Buffer }[];

  private constructor(private readonly server: Server, readonly port: number) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    let proxy!: TcpProxy;
    const server = createServer((client) => {
      if (!proxy.reachable) return void client.destroy();
      const upstream = connect(target.port, target.host);
      for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
        a.on('data', (chunk: Buffer) => (proxy.held ? proxy.held.push({ to: b, chunk }) : b.write(chunk)));
        // An end is passed on after what came before it, held or not.
        a.on('end', () => (proxy.held ? proxy.held.push({ to: b }) : b.end()));
        a.on('error', () => b.destroy());
        a.on('close', () => b.destroy());
        proxy.open.add(a);
        a.on('close', () => proxy.open.delete(a));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    proxy = new TcpProxy(server, (server.address() as AddressInfo).port);
    return proxy;
  }

  /** The dependency becomes unreachable: open connections drop, new ones are reset. */
  cut(): void {
    this.reachable = false;
    for (const socket of this.open) socket.destroy();
  }

  /** The dependency goes silent, as a hung server or a dead network path does: connections are accepted and stay open, but nothing gets through either way. */
  stall(): void {
    this.held ??= [];
  }

  /** The dependency answers again: what was held is passed on, in order, and new connections are let through. */
  restore(): void {
    this.reachable = true;
    const held = this.held ?? [];
    this.held = undefined;
    for (const { to, chunk } of held) {
      if (to.destroyed || to.writableEnded) continue;
      if (chunk) to.write(chunk);
      else to.end();
    }
  }

  /** This proxy's address in place of the dependency's, in a URL of the same kind. */
  rewrite(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** A loopback port nobody holds right now, for a listener a scenario places behind a relay. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
