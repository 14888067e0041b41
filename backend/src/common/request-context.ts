import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { LabRole, Visibility } from './vocabulary';

/**
 * The cookies and the header that carry a request's session and its CSRF token (set in auth/, read by the dashboard
 * page too).
 */
export const SESSION_COOKIE = 'sid';
export const CSRF_COOKIE = 'csrf';
export const CSRF_HEADER = 'x-csrf-token';

export type InstallationRole = 'admin' | 'staff' | 'member';

export interface AuthUser {
  id: number;
  email: string | null;
  displayName: string;
  installationRole: InstallationRole;
  /** installationRole === 'admin' */
  isAdmin: boolean;
  locale: string;
}

export interface LabAccess {
  labId: number;
  visibility: Visibility;
  /** The caller's role in this lab, if a member. */
  role: LabRole | null;
  isAdmin: boolean;
  /** The lab's data version when the request began: anything kept under another stamp is stale. */
  stamp: string;
}

export interface RequestContext {
  user: AuthUser | null;
  sessionId: string | null;
  csrfToken: string | null;
  /** The CSRF cookie's value once this request is answered (sent or newly set). */
  csrfCookie?: string;
  lab?: LabAccess;
}

export type AppRequest = Request & { ctx: RequestContext };

export function contextOf(request: Request): RequestContext {
  const r = request as AppRequest;
  r.ctx ??= { user: null, sessionId: null, csrfToken: null };
  return r.ctx;
}

/** The logged-in user, or null for an anonymous visitor. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => contextOf(ctx.switchToHttp().getRequest()).user,
);

/** The caller's access to the lab of this route, resolved by the AccessGuard. */
export const CurrentLab = createParamDecorator(
  (_: unknown, ctx: ExecutionContext) => contextOf(ctx.switchToHttp().getRequest()).lab,
);
