import { EventEmitter } from 'node:events';
import type { Cache } from './cache';

/**
 * The stand-in for Redis on a machine that has none (`REDIS_URL=memory:`): the same behaviour
 * within one process, shared with no other instance. The specification runs against real Redis,
 * so mutation testing leaves this file out (stryker.config.mjs); `npm test` on a machine
 * without Redis runs the whole specification on it.
 */
export class InProcessCache implements Cache {
  readonly kind = 'in-process' as const;
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private readonly channels = new EventEmitter();
  // Reading a key drops it once expired, but most keys (a rate-limit counter, a revoked token) are
  // never read again: without a sweep they would pile up for as long as the process runs.
  private readonly sweeper = setInterval(() => this.sweep(), 60_000);

  constructor() {
    this.sweeper.unref();
  }

  /** Drops every expired key, as Redis does by itself. */
  sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }

  private live(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: Date.now() + Math.max(1, ttlSeconds) * 1000 });
  }

  async get(key: string): Promise<string | null> {
    return this.live(key);
  }

  async take(key: string): Promise<string | null> {
    const value = this.live(key);
    this.entries.delete(key);
    return value;
  }

  async del(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async exists(key: string): Promise<boolean> {
    return this.live(key) !== null;
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const current = this.live(key);
    const count = Number(current ?? 0) + 1;
    const expiresAt = current === null ? Date.now() + ttlSeconds * 1000 : this.entries.get(key)!.expiresAt;
    this.entries.set(key, { value: String(count), expiresAt });
    return count;
  }

  async decrement(key: string, by: number): Promise<void> {
    const current = this.live(key);
    if (current !== null) this.entries.set(key, { value: String(Number(current) - by), expiresAt: this.entries.get(key)!.expiresAt });
  }

  async publish(channel: string, message: string): Promise<void> {
    this.channels.emit(channel, message);
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<void> {
    this.channels.on(channel, onMessage);
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.entries.clear();
    this.channels.removeAllListeners();
  }
}
