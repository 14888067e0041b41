import { DomainError } from '../common/domain-error';
import { RateLimiter } from './rate-limiter';

describe(RateLimiter.name, () => {
  it('allows the limit, refuses the next with a retry time, and opens again after the window', () => {
    const sut = new RateLimiter();
    for (let i = 0; i < 3; i++) sut.hit('k', 3, 1000, 0);
    let error: unknown;
    try {
      sut.hit('k', 3, 1000, 400);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).status).toBe(429);
    expect((error as DomainError).extra['retryAfter']).toBe(1);
    expect(() => sut.hit('k', 3, 1000, 1000)).not.toThrow();
  });

  it('counts keys separately', () => {
    const sut = new RateLimiter();
    sut.hit('a', 1, 1000, 0);
    expect(() => sut.hit('b', 1, 1000, 0)).not.toThrow();
    expect(() => sut.hit('a', 1, 1000, 0)).toThrow(DomainError);
  });
});
