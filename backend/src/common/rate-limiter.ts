import { LRUCache } from 'lru-cache';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { Errors } from './domain-error';

export interface RateStore {
  /** Counts one hit in the window that `key` is in; returns the count so far and when the window ends. */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
  reset(key: string): Promise<void>;
  close?(): Promise<void>;
}

/** Counters in this process' memory: right for one instance. */
export class MemoryRateStore implements RateStore {
  static MAX_KEYS = 100_000;
  /**
   * Bounded, also under a flood of distinct keys within one window: the least recently used counters go first.
   * (Pruning by scanning every counter on each hit made such a flood cost time per request as well.)
   */
  private readonly windows = new LRUCache<string, { count: number; resetAt: number }>({
    max: MemoryRateStore.MAX_KEYS,
  });

  async hit(key: string, windowMs: number, now: number) {
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { ...window };
  }

  async reset(key: string) {
    this.windows.delete(key);
  }
}

/** Counters in Redis, shared by every instance behind the proxy. */
export class RedisRateStore implements RateStore {
  constructor(private readonly redis: Redis) {}

  async hit(key: string, windowMs: number, now: number) {
    const k = `lab:rate:${key}`;
    const [[, count], [, ttl]] = (await this.redis.multi().incr(k).pexpire(k, windowMs, 'NX').pttl(k).exec()) as [
      [null, number],
      [null, number],
      [null, number],
    ];
    return { count: Number(count), resetAt: now + (Number(ttl) > 0 ? Number(ttl) : windowMs) };
  }

  async reset(key: string) {
    await this.redis.del(`lab:rate:${key}`);
  }

  async close() {
    await this.redis.quit();
  }
}

/**
 * Fixed-window counters per key (login: address and e-mail; invitations: address). With REDIS_URL set
 * the counters live in Redis, so the limits hold across instances.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  constructor(private readonly store: RateStore) {}

  static fromConfig(config: AppConfig): RateLimiter {
    return new RateLimiter(
      config.REDIS_URL
        ? new RedisRateStore(new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true }))
        : new MemoryRateStore(),
    );
  }

  /** Counts one attempt; throws 429 with Retry-After once more than `limit` attempts fall in the window. */
  async hit(key: string, limit: number, windowMs: number, now = Date.now()): Promise<void> {
    const window = await this.store.hit(key, windowMs, now);
    if (window.count > limit) throw Errors.tooManyRequests(Math.max(1, Math.ceil((window.resetAt - now) / 1000)));
  }

  reset(key: string): Promise<void> {
    return this.store.reset(key);
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.close?.();
  }
}
