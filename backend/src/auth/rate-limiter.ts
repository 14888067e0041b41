import { Injectable } from '@nestjs/common';
import { Errors } from '../common/domain-error';

/**
 * Fixed-window counters per key (login: address and e-mail; invitations: address).
 * Kept in this process' memory; several instances share counters once a shared store is configured.
 */
@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  /** Counts one attempt; throws 429 with Retry-After once more than `limit` attempts fall in the window. */
  hit(key: string, limit: number, windowMs: number, now = Date.now()): void {
    if (this.windows.size > 10_000) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > limit) throw Errors.tooManyRequests(Math.ceil((window.resetAt - now) / 1000));
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
