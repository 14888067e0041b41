import type { NextFunction, Request, Response } from 'express';
import { Errors } from '../common/domain-error';
import { contextOf, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../common/request-context';
import type { SessionsService } from '../users/sessions.service';
import { newToken, sameToken } from '../common/tokens';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Finds the session from its httpOnly cookie and guards every state-changing request with a
 * double-submit CSRF token: the `csrf` cookie (readable by the dashboard) must come back in the
 * X-CSRF-Token header, and for a logged-in user it must be the token bound to the session.
 */
export function sessionMiddleware(auth: SessionsService) {
  return async (request: Request, response: Response, next: NextFunction): Promise<void> => {
    try {
      const ctx = contextOf(request);
      const cookies: Record<string, string> = (request as Request & { cookies?: Record<string, string> }).cookies ?? {};
      const sid = cookies[SESSION_COOKIE];
      if (sid) {
        const found = await auth.findSession(sid);
        if (found) {
          ctx.user = found.user;
          ctx.sessionId = found.sessionId;
          ctx.csrfToken = found.csrfToken;
        } else {
          auth.clearSessionCookie(request, response);
        }
      }
      const cookieToken = cookies[CSRF_COOKIE];
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.header(CSRF_HEADER);
        if (!sameToken(sent, cookieToken) || (ctx.csrfToken !== null && !sameToken(sent, ctx.csrfToken)))
          throw Errors.csrf();
      }
      const token = ctx.csrfToken ?? cookieToken ?? newToken(24);
      if (token !== cookieToken) auth.setCsrfCookie(request, response, token);
      ctx.csrfCookie = token;
      next();
    } catch (error) {
      next(error);
    }
  };
}
