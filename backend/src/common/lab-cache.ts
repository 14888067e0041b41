import { Injectable, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { RawJson } from './raw-json';
import type { LabAccess } from './request-context';

/** What an answer belongs to and that thing's current stamp: a lab, or the public library (labId 'library'). */
export type Scope = Pick<LabAccess, 'stamp'> & { labId: number | string };

interface Entry {
  stamp: string;
  value: Promise<unknown>;
}

/**
 * Computed answers about a lab, kept until the lab changes. An answer is stored under the lab's stamp
 * (its version and its data version, which database triggers raise on every change to anything in the
 * lab — see the lab-data-version migration), so it is never served after a change, on any instance.
 * The stamp is read before the answer is computed: an answer is at least as new as its stamp.
 * Concurrent requests for the same missing answer share one computation. A request that has just written
 * must not read through the cache with its own (older) stamp: it computes afresh.
 */
@Injectable()
export class LabCache {
  private readonly entries = new Map<string, Entry>();
  readonly enabled: boolean;
  private readonly max: number;
  hits = 0;
  misses = 0;

  constructor(@Optional() config?: AppConfig) {
    this.enabled = config?.LAB_CACHE ?? true;
    this.max = config?.LAB_CACHE_ENTRIES ?? 500;
  }

  /**
   * `key` names the answer within the lab (and whatever it depends on besides the lab's data, such as the viewer's
   * audience).
   */
  get<T>(access: Scope, key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.enabled || this.max === 0) return compute();
    const id = `${access.labId}:${key}`;
    const found = this.entries.get(id);
    if (found && found.stamp === access.stamp) {
      this.hits++;
      // Most recently used goes to the back of the line.
      this.entries.delete(id);
      this.entries.set(id, found);
      return found.value as Promise<T>;
    }
    this.misses++;
    const value = compute();
    const entry = { stamp: access.stamp, value };
    this.entries.set(id, entry);
    // A failed computation is not kept.
    value.catch(() => this.entries.get(id) === entry && this.entries.delete(id));
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }

  /** Like get, but keeps the answer serialised: a hit costs no computing and no serialising. */
  json<T>(access: Scope, key: string, compute: () => Promise<T>): Promise<RawJson> {
    let computed: RawJson | undefined;
    return this.get(access, `json:${key}`, async () => {
      const started = process.hrtime.bigint();
      const value = await compute();
      const computedAt = process.hrtime.bigint();
      const body = JSON.stringify(value);
      // From the answer itself, not the stamp: a change the caller cannot see (a participant, a story for members)
      // raises the stamp but leaves their answer, and so their ETag and their 304, as they were.
      const tag = createHash('sha1').update(body).digest('base64url').slice(0, 20);
      return (computed = new RawJson(
        body,
        `W/"${tag}"`,
        Number(computedAt - started) / 1e6,
        Number(process.hrtime.bigint() - computedAt) / 1e6,
      ));
    }).then((raw) =>
      raw === computed
        ? Object.assign(new RawJson(raw.body, raw.etag, raw.computeMs, raw.serializeMs), { fresh: true })
        : raw,
    );
  }

  get size(): number {
    return this.entries.size;
  }
}
