import Redis from 'ioredis';

/**
 * The short-lived state the contract keeps in Redis: revoked token ids, counters, run state.
 * `memory:` gives an in-process store with the same behaviour for machines without Redis;
 * it cannot be shared between instances, which is why @redis scenarios are skipped then.
 */
export interface Cache {
  readonly kind: 'redis' | 'in-process';
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  get(key: string): Promise<string | null>;
  exists(key: string): Promise<boolean>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

class RedisCache implements Cache {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
    this.redis.on('error', () => undefined);
  }

  async connect(): Promise<void> {
    await this.redis.connect();
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  }

  get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.redis.exists(key)) === 1;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

class InProcessCache implements Cache {
  readonly kind = 'in-process' as const;
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

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

  async exists(key: string): Promise<boolean> {
    return this.live(key) !== null;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}

export async function openCache(url: string): Promise<Cache> {
  if (url === 'memory:') return new InProcessCache();
  const cache = new RedisCache(url);
  await cache.connect();
  return cache;
}
