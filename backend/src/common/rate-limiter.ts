import { LRUCache } from 'lru-cache';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
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

  /** Connected and past its ready check. */
  get ready(): boolean {
    return this.redis.status === 'ready';
  }

  /** Connected but never ready (its ready check got no answer, as on a silent network). */
  get stuck(): boolean {
    return this.redis.status === 'connect';
  }

  /**
   * A fresh connection: after a command went unanswered the replies still due on the old one would be matched to
   * later commands, so it is not used again.
   */
  restart() {
    this.redis.disconnect(true);
  }

  async close() {
    // Not QUIT: on a silent network its answer never comes.
    this.redis.disconnect();
  }
}

/** Where the counters are kept at the moment, as /api/health says it. */
export type RateLimiterState = 'memory' | 'redis' | 'memory (redis unreachable)';

/**
 * Redis when it answers in time, this instance's memory when it does not (down from the start, cut, or silent):
 * a login never waits for Redis longer than `timeoutMs` and never fails because of it. Meanwhile each instance
 * counts for itself, so an attacker spreading attempts over N instances gets N times the limit until Redis is back;
 * the counts made in memory are not carried over to Redis. Each change of state is one JSON warning in the log.
 */
export class FallbackRateStore implements RateStore {
  private readonly memory = new MemoryRateStore();
  /** After a failure Redis is left alone this long, so a silent Redis costs one wait, not one per login. */
  static PAUSE_MS = 2000;
  private pausedUntil = 0;
  private unreachable = false;

  constructor(
    private readonly redis: RedisRateStore,
    private readonly timeoutMs: number,
    private readonly logger: Pick<Logger, 'warn' | 'log'>,
  ) {}

  get state(): RateLimiterState {
    return this.unreachable ? 'memory (redis unreachable)' : 'redis';
  }

  /** Redis answered again (its connection is ready). */
  reachable(): void {
    if (!this.unreachable) return;
    this.unreachable = false;
    this.pausedUntil = 0;
    this.logger.log({ msg: 'redis reachable again: rate limits count in Redis' });
  }

  /** Redis failed or did not answer in time: count in memory meanwhile. */
  lost(reason: string): void {
    this.pausedUntil = Date.now() + FallbackRateStore.PAUSE_MS;
    if (this.unreachable) return;
    this.unreachable = true;
    this.logger.warn({ msg: "redis unreachable: rate limits count in this instance's memory meanwhile", reason });
  }

  async hit(key: string, windowMs: number, now: number) {
    if (Date.now() >= this.pausedUntil) {
      try {
        const window = await this.withTimeout(this.redis.hit(key, windowMs, now));
        this.reachable();
        return window;
      } catch (error) {
        this.failed(error);
      }
    }
    return this.memory.hit(key, windowMs, now);
  }

  async reset(key: string) {
    await this.memory.reset(key);
    if (Date.now() < this.pausedUntil) return;
    await this.withTimeout(this.redis.reset(key)).catch((error: unknown) => this.failed(error));
  }

  private lastRestart = 0;

  private failed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.lost(message);
    // A command that got no answer, or a connection that never became ready: start a fresh one (at most every
    // PAUSE_MS). A refused or reset connection reconnects by itself.
    const silent = /timed out|no answer/i.test(message) || this.redis.stuck;
    if (silent && Date.now() - this.lastRestart >= FallbackRateStore.PAUSE_MS) {
      this.lastRestart = Date.now();
      this.redis.restart();
    }
  }

  close() {
    return this.redis.close();
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer from redis in ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    work.catch(() => undefined);
    return Promise.race([work, late]).finally(() => clearTimeout(timer));
  }
}

/**
 * Fixed-window counters per key (login: address and e-mail; invitations: address). With REDIS_URL set
 * the counters live in Redis, so the limits hold across instances.
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  constructor(private readonly store: RateStore) {}

  static fromConfig(config: AppConfig, logger: Pick<Logger, 'warn' | 'log'> = new Logger('RateLimiter')): RateLimiter {
    if (!config.REDIS_URL) return new RateLimiter(new MemoryRateStore());
    const timeout = config.REDIS_TIMEOUT_MS;
    const redis = new Redis(config.REDIS_URL, {
      // A command while Redis is not connected fails at once (the fallback counts it in memory) instead of queueing.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: timeout * 4,
      commandTimeout: timeout,
      // Keep trying to reconnect, at most every 2 s, for as long as the server runs.
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    const store = new FallbackRateStore(new RedisRateStore(redis), timeout, logger);
    // Errors are the fallback's to report, once per change, as a JSON line (without a listener ioredis prints
    // "[ioredis] Unhandled error event" as plain text for every attempt).
    redis.on('error', (error: Error) => store.lost(error.message));
    redis.on('ready', () => store.reachable());
    return new RateLimiter(store);
  }

  /** Where the counters are kept now: in memory (no REDIS_URL), in Redis, or in memory while Redis is unreachable. */
  get state(): RateLimiterState {
    return this.store instanceof FallbackRateStore ? this.store.state : 'memory';
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
