import { DomainError } from './domain-error';
import { MemoryRateStore, RateLimiter } from './rate-limiter';

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
