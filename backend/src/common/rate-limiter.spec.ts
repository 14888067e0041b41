import { DomainError } from './domain-error';
import { FallbackRateStore, MemoryRateStore, RateLimiter, RedisRateStore } from './rate-limiter';

describe(RateLimiter.name, () => {
  it('allows the limit, refuses the next with a retry time, and opens again after the window', async () => {
    const sut = new RateLimiter(new MemoryRateStore());
    for (let i = 0; i < 3; i++) await sut.hit('k', 3, 1000, 0);
    const error = await sut.hit('k', 3, 1000, 400).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(429);
    expect((error as DomainError).extra['retryAfter']).toBe(1);
    await expect(sut.hit('k', 3, 1000, 1000)).resolves.toBeUndefined();
  });

  it('counts keys separately', async () => {
    const sut = new RateLimiter(new MemoryRateStore());
    await sut.hit('a', 1, 1000, 0);
    await expect(sut.hit('b', 1, 1000, 0)).resolves.toBeUndefined();
    await expect(sut.hit('a', 1, 1000, 0)).rejects.toBeInstanceOf(DomainError);
  });

  it('keeps a bounded number of counters under a flood of distinct keys within one window', async () => {
    const store = new MemoryRateStore();
    const started = performance.now();
    for (let i = 0; i < MemoryRateStore.MAX_KEYS + 5_000; i++)
      await store.hit(`login:email:${i}@flood.test`, 60_000, 0);
    // Each hit stays cheap too: no scan over every counter (that took minutes here for this many keys).
    expect(performance.now() - started).toBeLessThan(5_000);
    expect((store as unknown as { windows: { size: number } }).windows.size).toBeLessThanOrEqual(
      MemoryRateStore.MAX_KEYS,
    );
  });
});

describe(FallbackRateStore.name, () => {
  /** A Redis store that never answers (a black-holed network), or fails at once (refused). */
  const redis = (mode: 'silent' | 'refused') =>
    ({
      hit: () => (mode === 'silent' ? new Promise<never>(() => undefined) : Promise.reject(new Error('ECONNREFUSED'))),
      reset: () => Promise.resolve(),
      restart: jest.fn(),
      stuck: false,
      close: () => Promise.resolve(),
    }) as unknown as RedisRateStore;

  it('counts in memory when Redis is silent, within the timeout, and says so once', async () => {
    const logger = { warn: jest.fn(), log: jest.fn() };
    const store = new FallbackRateStore(redis('silent'), 100, logger);
    const started = Date.now();
    const sut = new RateLimiter(store);
    await sut.hit('k', 2, 60_000);
    await sut.hit('k', 2, 60_000);
    await expect(sut.hit('k', 2, 60_000)).rejects.toBeInstanceOf(DomainError);
    // One wait for Redis, then memory alone for a while (not one wait per attempt).
    expect(Date.now() - started).toBeLessThan(500);
    expect(sut.state).toBe('memory (redis unreachable)');
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('counts in memory when Redis refuses, and in Redis again once it answers', async () => {
    const logger = { warn: jest.fn(), log: jest.fn() };
    const store = new FallbackRateStore(redis('refused'), 100, logger);
    await store.hit('k', 60_000, 0);
    expect(store.state).toBe('memory (redis unreachable)');
    store.reachable();
    expect(store.state).toBe('redis');
    expect(logger.log).toHaveBeenCalledTimes(1);
  });
});
