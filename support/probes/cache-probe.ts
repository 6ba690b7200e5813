import Redis from 'ioredis';

/** Looks straight into the target's Redis: keys the contract names, and how long they live. */
export class CacheProbe {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined);
  }

  /** Seconds the key has left; undefined when it does not exist, Infinity when it never expires. */
  async secondsLeft(key: string): Promise<number | undefined> {
    const ttl = await this.redis.ttl(key);
    if (ttl === -2) return undefined;
    return ttl === -1 ? Infinity : ttl;
  }

  value(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
