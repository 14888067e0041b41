import { Injectable, Logger } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { Errors } from '../common/domain-error';
import { CSRF_COOKIE, SESSION_COOKIE, type AuthUser } from '../common/request-context';
import { RateLimiter } from '../common/rate-limiter';
import { newToken, sha256 } from '../common/tokens';
import type { Tx } from '../database/db';
import { hashPassword, verifyPassword } from './password';
import { SessionsRepository } from './sessions.repository';
import type { User } from './user.entity';

export function toAuthUser(user: Pick<User, 'id' | 'email' | 'displayName' | 'installationRole' | 'locale'>): AuthUser {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    installationRole: user.installationRole,
    isAdmin: user.installationRole === 'admin',
    locale: user.locale,
  };
}

/**
 * Signing in with a password, and the sessions every sign-in ends in (cookies included). It lives with the
 * accounts, not in auth/, because accounts end sessions too (log out everywhere, deactivation, deletion) and
 * auth/ (the sign-in routes, the identity provider, the session middleware) builds on accounts.
 */
@Injectable()
export class SessionsService {
  private readonly logger = new Logger('auth');
  /** Verified against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly repo: SessionsRepository,
    private readonly config: AppConfig,
    private readonly limiter: RateLimiter,
  ) {}

  async login(
    email: string,
    password: string,
    ip: string,
  ): Promise<{ user: AuthUser; token: string; csrfToken: string }> {
    const normalised = email.trim().toLowerCase();
    await this.limiter.hit(`login:ip:${ip}`, this.config.LOGIN_RATE_LIMIT * 5, this.config.LOGIN_RATE_WINDOW_MS);
    await this.limiter.hit(`login:email:${normalised}`, this.config.LOGIN_RATE_LIMIT, this.config.LOGIN_RATE_WINDOW_MS);
    const user = await this.repo.accountByEmail(normalised);
    this.dummyHash ??= hashPassword(newToken());
    const ok = user?.passwordHash
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await this.dummyHash, password).then(() => false);
    if (!user || !ok) {
      throw Errors.invalidCredentials();
    }
    if (user.deactivatedAt || user.deletedAt) throw Errors.accountDeactivated();
    await this.limiter.reset(`login:email:${normalised}`);
    const session = await this.createSession(user.id);
    this.logger.log({ msg: 'login', userId: user.id });
    return { user: toAuthUser(user), ...session };
  }

  async createSession(userId: number): Promise<{ token: string; csrfToken: string }> {
    const token = newToken();
    const csrfToken = newToken(24);
    const now = new Date();
    await this.repo.insert({
      id: sha256(token),
      userId,
      csrfToken,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.SESSION_DAYS * 86_400_000),
    });
    return { token, csrfToken };
  }

  async findSession(token: string): Promise<{ user: AuthUser; sessionId: string; csrfToken: string } | null> {
    if (token.length > 100) return null;
    const id = sha256(token);
    const found = await this.repo.find(id);
    if (!found || found.expiresAt.getTime() < Date.now()) return null;
    return { sessionId: id, csrfToken: found.csrfToken, user: found.user };
  }

  async logout(sessionId: string | null): Promise<void> {
    if (sessionId) await this.repo.delete(sessionId);
  }

  /** Ends every session of an account: "log out everywhere", deactivation, deletion. */
  async endAllSessions(tx: Tx, userId: number): Promise<void> {
    await this.repo.deleteAllOf(tx, userId);
  }

  setSessionCookies(request: Request, response: Response, token: string, csrfToken: string): void {
    response.cookie(SESSION_COOKIE, token, {
      ...this.cookieBase(request),
      httpOnly: true,
      sameSite: 'lax',
      maxAge: this.config.SESSION_DAYS * 86_400_000,
    });
    this.setCsrfCookie(request, response, csrfToken);
  }

  setCsrfCookie(request: Request, response: Response, token: string): void {
    response.cookie(CSRF_COOKIE, token, { ...this.cookieBase(request), httpOnly: false, sameSite: 'strict' });
  }

  clearSessionCookie(request: Request, response: Response): void {
    response.clearCookie(SESSION_COOKIE, { ...this.cookieBase(request), httpOnly: true, sameSite: 'lax' });
  }

  private cookieBase(request: Request): CookieOptions {
    return { path: '/', secure: this.config.COOKIE_SECURE ?? request.secure };
  }
}
