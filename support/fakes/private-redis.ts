import { spawn, ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import Redis from 'ioredis';
import { freePort } from './tcp-proxy';

const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));

/**
 * A redis-server of the scenario's own, keeping nothing on disk: for what must not reach the
 * shared one. Its pub/sub channels are heard by every client of the server, whatever its database
 * number, so a poisoned message on the shared server would reach every platform on the machine.
 */
export class PrivateRedis {
  private constructor(private readonly child: ChildProcess, readonly url: string) {}

  static get available(): boolean {
    return REDIS_SERVER !== undefined;
  }

  static async start(): Promise<PrivateRedis> {
    const port = await freePort();
    const child = spawn(REDIS_SERVER!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The private redis-server did not become ready within 5 s: ${output.slice(-300)}`)), 5000);
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`The private redis-server exited (${code}): ${output.slice(-300)}`));
      });
    });
    return new PrivateRedis(child, `redis://127.0.0.1:${port}`);
  }

  /** Publishes as any neighbour could; returns how many subscribers heard it. */
  async publish(channel: string, message: string): Promise<number> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await client.connect();
      return await client.publish(channel, message);
    } finally {
      client.disconnect();
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGKILL');
    });
  }
}
