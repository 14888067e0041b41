import type { NextFunction, Request, Response } from 'express';
import { contextOf } from './request-context';

/** Paths under /api whose answers hold personal data for every caller (prefixes: routes may grow). */
const PERSONAL = [
  /^\/auth\//,
  /^\/users(\/|$)/,
  /^\/participants\//,
  /^\/observations\//,
  /^\/invitations\//,
  /^\/access-links\//,
  /^\/dialogue/,
  /^\/labs\/[^/]+\/(participants|history|members|invitations|observations|export|import|dialogues)/,
  /^\/iterations\/[^/]+\/(attendance|reflections)/,
  /^\/rounds\/[^/]+\/contribution/,
];

/** The same answer for everyone, meant to be kept and revalidated. */
const SHARED = /^\/(library|open-data|health|docs)(\/|$)/;

/**
 * Mounted on /api after the session: `Cache-Control: no-store` on every answer with personal data, and by default
 * on every answer to a logged-in user, so no browser cache or proxy keeps them. Handlers may set their own:
 * kept answers (sendRaw) are revalidated by ETag, open data is public for a few minutes.
 */
export function noStore(request: Request, response: Response, next: NextFunction): void {
  if (PERSONAL.some((p) => p.test(request.path)) || (contextOf(request).user && !SHARED.test(request.path)))
    response.setHeader('Cache-Control', 'no-store');
  next();
}
