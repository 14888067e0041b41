import type { Response } from 'express';
import { contextOf } from './request-context';

/** An answer already serialised (kept by LabCache): sent as it is, with an ETag that changes when the answer does. */
export class RawJson {
  constructor(
    readonly body: string,
    readonly etag: string,
    /** How long computing the answer took (its queries and its work in JavaScript), in milliseconds. */
    readonly computeMs: number,
    /** How long turning it into JSON took, in milliseconds. */
    readonly serializeMs = 0,
  ) {}
  /** Set on the copy handed to the first request: later requests were served what was kept. */
  fresh = false;
}

/**
 * For a handler with `@Res({ passthrough: true })`: Nest then sends the returned string as it is, and Express
 * answers 304 to a matching If-None-Match without hashing the body itself.
 */
export function sendRaw(res: Response, raw: RawJson): string {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', raw.etag);
  // Kept by the browser and asked for again with If-None-Match (304); a logged-in user's copy by their browser only.
  res.setHeader('Cache-Control', contextOf(res.req).user ? 'private, no-cache' : 'no-cache');
  // Visible in the browser's developer tools and used by the benchmark: the aggregation's own time.
  res.setHeader(
    'Server-Timing',
    raw.fresh
      ? `compute;dur=${raw.computeMs.toFixed(3)}, serialize;dur=${raw.serializeMs.toFixed(3)}`
      : 'cache;desc="kept"',
  );
  return raw.body;
}
