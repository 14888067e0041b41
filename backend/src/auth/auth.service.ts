import { Injectable, Logger } from '@nestjs/common';
import type { CookieOptions, Request, Response } from 'express';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Errors } from '../common/domain-error';
import { CSRF_COOKIE, SESSION_COOKIE, type AuthUser } from '../common/request-context';
import { Db } from '../database/db';
import { User } from '../users/user.entity';
import { hashPassword, verifyPassword } from './password';
import { RateLimiter } from './rate-limiter';
import { Session } from './session.entity';
import { newToken, sha256 } from './tokens';

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

@Injectable()
export class AuthService {
  private readonly logger = new Logger('auth');
  /** Verified against when the e-mail is unknown, so a wrong e-mail costs as long as a wrong password. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly db: Db,
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
    const user = await this.db.manager.findOne(User, { where: { email: normalised } });
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
    await this.db.write((m) =>
      m.insert(Session, {
        id: sha256(token),
        userId,
        csrfToken,
        createdAt: now,
        expiresAt: new Date(now.getTime() + this.config.SESSION_DAYS * 86_400_000),
      }),
    );
    return { token, csrfToken };
  }

  async findSession(token: string): Promise<{ user: AuthUser; sessionId: string; csrfToken: string } | null> {
    if (token.length > 100) return null;
    const id = sha256(token);
    // Every authenticated request passes here: one plain statement (kept prepared on SQLite).
    const [row] = await this.db.query(
      'SELECT s.id AS sid, s.csrf_token AS csrf, s.expires_at AS expires, u.id AS id, u.email AS email, u.display_name AS display_name, u.installation_role AS installation_role, u.locale AS locale FROM sessions s INNER JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND u.deactivated_at IS NULL AND u.deleted_at IS NULL',
      [id],
    );
    if (!row) return null;
    if (new Date(row['expires'] as string).getTime() < Date.now()) return null;
    return {
      sessionId: id,
      csrfToken: row['csrf'] as string,
      user: {
        id: Number(row['id']),
        email: (row['email'] as string) ?? null,
        displayName: row['display_name'] as string,
        installationRole: row['installation_role'] as AuthUser['installationRole'],
        isAdmin: row['installation_role'] === 'admin',
        locale: row['locale'] as string,
      },
    };
  }

  async logout(sessionId: string | null): Promise<void> {
    if (sessionId) await this.db.write((m) => m.delete(Session, { id: sessionId }));
  }

  /** Ends every session of an account: "log out everywhere", deactivation, deletion. */
  async endAllSessions(m: EntityManager, userId: number): Promise<void> {
    await m.delete(Session, { userId });
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
