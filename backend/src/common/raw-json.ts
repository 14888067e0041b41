import type { Response } from 'express';

/** An answer already serialised (kept by LabCache): sent as it is, with an ETag that changes when the lab does. */
export class RawJson {
  constructor(
    readonly body: string,
    readonly etag: string,
  ) {}
}

/**
 * For a handler with `@Res({ passthrough: true })`: Nest then sends the returned string as it is, and Express
 * answers 304 to a matching If-None-Match without hashing the body itself.
 */
export function sendRaw(res: Response, raw: RawJson): string {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', raw.etag);
  return raw.body;
}
