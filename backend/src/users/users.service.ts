import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { AuthService, toAuthUser } from '../auth/auth.service';
import { hashPassword, verifyPassword } from '../auth/password';
import { RateLimiter } from '../auth/rate-limiter';
import { newToken, sha256 } from '../auth/tokens';
import { Errors } from '../common/domain-error';
import { HistoryService } from '../common/history.service';
import type { AuthUser } from '../common/request-context';
import { Db, managerQuery } from '../database/db.service';
import type { MeDto } from '../auth/dto/auth.dto';
import { AccessLink, AccessLinkPurpose } from './access-link.entity';
import {
  AccessLinkDto,
  AccessLinkPreviewDto,
  AccountHistoryDto,
  CreatedUserDto,
  CreateUserDto,
  PendingInvitationListDto,
  UpdateMeDto,
  UpdateUserDto,
  UserDto,
  UserListDto,
  UserQueryDto,
} from './dto/user.dto';
import { User } from './user.entity';

const SET_PASSWORD_DAYS = 7;
const SIGN_IN_DAYS = 14;

const toDto = (u: User): UserDto => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  installationRole: u.installationRole,
  active: !u.deactivatedAt,
  hasPassword: !!u.passwordHash,
  version: u.version,
  createdAt: new Date(u.createdAt).toISOString(),
});
/** What the history keeps of an account: never its password hash. */
const snapshot = (u: User) => ({
  email: u.email,
  displayName: u.displayName,
  installationRole: u.installationRole,
  deactivatedAt: u.deactivatedAt ? new Date(u.deactivatedAt).toISOString() : null,
});
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryService,
    private readonly auth: AuthService,
    private readonly limiter: RateLimiter,
  ) {}

  async me(user: AuthUser): Promise<MeDto> {
    const [memberships, [account], [pending]] = await Promise.all([
      this.db.query(
        'SELECT m.lab_id, m.role, l.name, l.slug FROM lab_members m JOIN labs l ON l.id = m.lab_id WHERE m.user_id = $1 ORDER BY l.name',
        [user.id],
      ),
      this.db.query(
        'SELECT password_hash IS NOT NULL AS has_password, oidc_subject IS NOT NULL AS oidc FROM users WHERE id = $1',
        [user.id],
      ),
      user.email
        ? this.db.query(`SELECT COUNT(*) AS n FROM invitations WHERE invitee_email = $1 AND ${OPEN_INVITATION}`, [
            user.email,
            new Date().toISOString(),
          ])
        : Promise.resolve([{ n: 0 }]),
    ]);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      installationRole: user.installationRole,
      isAdmin: user.isAdmin,
      locale: user.locale,
      hasPassword: account?.['has_password'] === true || Number(account?.['has_password']) === 1,
      identityProvider: account?.['oidc'] === true || Number(account?.['oidc']) === 1,
      pendingInvitations: Number(pending?.['n'] ?? 0),
      memberships: memberships.map((r) => ({
        labId: Number(r['lab_id']),
        labName: r['name'] as string,
        labSlug: r['slug'] as string,
        role: r['role'] as MeDto['memberships'][number]['role'],
      })),
    };
  }

  // The administrator's part

  async list(query: UserQueryDto): Promise<UserListDto> {
    const params: unknown[] = [];
    const $ = (value: unknown) => `$${params.push(value)}`;
    const where = ['deleted_at IS NULL'];
    if (query.q?.trim()) {
      const like = $(`%${escapeLike(query.q.trim().toLowerCase())}%`);
      where.push(
        `(LOWER(display_name) LIKE ${like} ESCAPE '\\' OR LOWER(COALESCE(email, '')) LIKE ${like} ESCAPE '\\')`,
      );
    }
    if (query.installationRole) where.push(`installation_role = ${$(query.installationRole)}`);
    const filter = where.join(' AND ');
    const [count] = await this.db.query(`SELECT COUNT(*) AS n FROM users WHERE ${filter}`, [...params]);
    const ids = await this.db.query(
      `SELECT id FROM users WHERE ${filter} ORDER BY LOWER(display_name), id LIMIT ${$(query.limit ?? 50)} OFFSET ${$(query.offset ?? 0)}`,
      params,
    );
    const rows = ids.length ? await this.db.manager.findBy(User, { id: In(ids.map((r) => Number(r['id']))) }) : [];
    const byId = new Map(rows.map((u) => [u.id, u]));
    return { total: Number(count?.['n'] ?? 0), items: ids.map((r) => toDto(byId.get(Number(r['id']))!)) };
  }

  async create(admin: AuthUser, dto: CreateUserDto): Promise<CreatedUserDto> {
    const email = dto.email.trim().toLowerCase();
    return this.db.write(async (m) => {
      if (await m.exists(User, { where: { email } }))
        throw Errors.validation([{ field: 'email', message: 'is already in use' }]);
      const user = await m.save(
        m.create(User, {
          email,
          displayName: dto.displayName.trim(),
          passwordHash: null,
          installationRole: dto.installationRole,
          locale: 'nl',
          deactivatedAt: null,
          deletedAt: null,
        }),
      );
      await this.history.record(m, {
        entityType: 'user',
        entityId: user.id,
        labId: null,
        userId: admin.id,
        before: null,
        after: snapshot(user),
      });
      const link = await this.makeLink(m, user.id, 'set-password', admin.id);
      return { user: toDto(user), link };
    });
  }

  async update(admin: AuthUser, id: number, dto: UpdateUserDto): Promise<UserDto> {
    return this.db.write(async (m) => {
      const before = await this.account(m, id);
      if (before.version !== dto.version) throw Errors.staleVersion(toDto(before));
      if (dto.installationRole && dto.installationRole !== 'admin' && before.installationRole === 'admin')
        await this.assertAnotherAdmin(m, id);
      const changes: Partial<User> = {};
      if (dto.displayName) changes.displayName = dto.displayName.trim();
      if (dto.installationRole) changes.installationRole = dto.installationRole;
      const result = await m
        .createQueryBuilder()
        .update(User)
        .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'CURRENT_TIMESTAMP' } as never)
        .where('id = :id AND version = :version', { id, version: dto.version })
        .execute();
      if (!result.affected) throw Errors.staleVersion(toDto(before));
      const after = await m.findOneByOrFail(User, { id });
      await this.history.record(m, {
        entityType: 'user',
        entityId: id,
        labId: null,
        userId: admin.id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return toDto(after);
    });
  }

  async setActive(admin: AuthUser, id: number, active: boolean): Promise<UserDto> {
    return this.db.write(async (m) => {
      const before = await this.account(m, id);
      if (!active && id === admin.id)
        throw Errors.conflict('last_admin', 'You cannot deactivate your own account. Ask another administrator.');
      if (!active && before.installationRole === 'admin') await this.assertAnotherAdmin(m, id);
      if (!!before.deactivatedAt === !active) return toDto(before);
      await m.update(User, { id }, { deactivatedAt: active ? null : new Date(), version: before.version + 1 });
      // A deactivated account is out at once: its sessions and links stop working.
      if (!active) {
        await this.auth.endAllSessions(m, id);
        await m.delete(AccessLink, { userId: id });
      }
      const after = await m.findOneByOrFail(User, { id });
      await this.history.record(m, {
        entityType: 'user',
        entityId: id,
        labId: null,
        userId: admin.id,
        before: snapshot(before),
        after: snapshot(after),
      });
      return toDto(after);
    });
  }

  async passwordLink(admin: AuthUser, id: number): Promise<AccessLinkDto> {
    return this.db.write(async (m) => {
      const user = await this.account(m, id);
      if (user.deactivatedAt) throw Errors.accountDeactivated();
      if (!user.email)
        throw Errors.validation([
          {
            field: 'userId',
            message: 'has no e-mail address to log in with; make a sign-in link from the lab instead',
          },
        ]);
      const link = await this.makeLink(m, id, 'set-password', admin.id);
      await this.history.record(m, {
        entityType: 'user',
        entityId: id,
        labId: null,
        userId: admin.id,
        before: { passwordLink: null },
        after: { passwordLink: 'made' },
      });
      return link;
    });
  }

  async accountHistory(limit: number, offset: number): Promise<AccountHistoryDto> {
    const [count] = await this.db.query(
      "SELECT COUNT(*) AS n FROM history WHERE lab_id IS NULL AND entity_type IN ('user', 'organisation')",
    );
    const rows = await this.db.query(
      `SELECT h.id, h.entity_type, h.entity_id, h.action, h.changes, h.created_at, u.display_name AS user_name FROM history h LEFT JOIN users u ON u.id = h.user_id
       WHERE h.lab_id IS NULL AND h.entity_type IN ('user', 'organisation') ORDER BY h.id DESC LIMIT $1 OFFSET $2`,
      [limit, offset],
    );
    return {
      total: Number(count?.['n'] ?? 0),
      items: rows.map((r) => ({
        id: Number(r['id']),
        entityType: r['entity_type'] as string,
        entityId: Number(r['entity_id']),
        action: r['action'] as string,
        changes:
          typeof r['changes'] === 'string'
            ? JSON.parse(r['changes'] as string)
            : (r['changes'] as AccountHistoryDto['items'][number]['changes']),
        at: new Date(r['created_at'] as string).toISOString(),
        userName: (r['user_name'] as string) ?? null,
      })),
    };
  }

  // Every user's own account

  async updateMe(user: AuthUser, dto: UpdateMeDto): Promise<MeDto> {
    const current = await this.db.manager.findOneByOrFail(User, { id: user.id });
    const email = dto.email?.trim().toLowerCase();
    const changesLogin = (email !== undefined && email !== current.email) || dto.newPassword !== undefined;
    if (changesLogin && current.oidcSubject && !current.passwordHash) {
      throw Errors.validation([{ field: 'email', message: "comes from your organisation's sign-in; change it there" }]);
    }
    if (changesLogin && current.passwordHash) {
      if (!dto.currentPassword || !(await verifyPassword(current.passwordHash, dto.currentPassword))) {
        throw Errors.validation([{ field: 'currentPassword', message: 'is not your current password' }]);
      }
    }
    if (email !== undefined && !dto.newPassword && !current.passwordHash)
      throw Errors.validation([
        { field: 'newPassword', message: 'choose a password to log in with this e-mail address' },
      ]);
    const passwordHash = dto.newPassword ? await hashPassword(dto.newPassword) : undefined;
    await this.db.write(async (m) => {
      if (email && email !== current.email && (await m.exists(User, { where: { email } })))
        throw Errors.validation([{ field: 'email', message: 'is already in use' }]);
      const changes: Partial<User> = {};
      if (dto.locale) changes.locale = dto.locale;
      if (dto.displayName) changes.displayName = dto.displayName.trim();
      if (email) changes.email = email;
      if (passwordHash) changes.passwordHash = passwordHash;
      if (!Object.keys(changes).length) return;
      await m.update(User, { id: user.id }, { ...changes, version: current.version + 1 });
      const after = await m.findOneByOrFail(User, { id: user.id });
      await this.history.record(m, {
        entityType: 'user',
        entityId: user.id,
        labId: null,
        userId: user.id,
        before: { ...snapshot(current), password: current.passwordHash ? 'set' : null },
        after: { ...snapshot(after), password: after.passwordHash ? (passwordHash ? 'changed' : 'set') : null },
      });
    });
    const fresh = await this.db.manager.findOneByOrFail(User, { id: user.id });
    return this.me(toAuthUser(fresh));
  }

  async logoutEverywhere(user: AuthUser): Promise<void> {
    await this.db.write((m) => this.auth.endAllSessions(m, user.id));
  }

  /**
   * Deletes one's own account. The row stays without name, e-mail or password so that what the person contributed
   * keeps counting in the aggregates, unnamed; memberships, sessions and links go.
   */
  async deleteMe(user: AuthUser): Promise<void> {
    await this.db.write(async (m) => {
      const current = await this.account(m, user.id);
      const coordinated = await managerQuery(
        m,
        "SELECT l.name FROM lab_members mine JOIN labs l ON l.id = mine.lab_id WHERE mine.user_id = $1 AND mine.role = 'coordinator' AND NOT EXISTS (SELECT 1 FROM lab_members o WHERE o.lab_id = mine.lab_id AND o.role = 'coordinator' AND o.user_id <> $1)",
        [user.id],
      );
      if (coordinated.length)
        throw Errors.conflict(
          'last_coordinator',
          `You are the only coordinator of ${coordinated.map((r: Record<string, unknown>) => r['name']).join(', ')}. Make someone else coordinator first.`,
        );
      if (current.installationRole === 'admin') await this.assertAnotherAdmin(m, user.id);
      const labs: number[] = (
        await managerQuery(m, 'SELECT lab_id FROM lab_members WHERE user_id = $1', [user.id])
      ).map((r: Record<string, unknown>) => Number(r['lab_id']));
      await m.update(
        User,
        { id: user.id },
        {
          email: null,
          passwordHash: null,
          displayName: 'Verwijderd account',
          installationRole: 'member',
          deletedAt: new Date(),
          deactivatedAt: new Date(),
          version: current.version + 1,
        },
      );
      // A later sign-in at the identity provider starts a new account rather than finding this one.
      await managerQuery(m, 'UPDATE users SET oidc_issuer = NULL, oidc_subject = NULL WHERE id = $1', [user.id]);
      await managerQuery(m, 'UPDATE contributions SET show_name = FALSE WHERE user_id = $1', [user.id]);
      await managerQuery(m, 'DELETE FROM lab_members WHERE user_id = $1', [user.id]);
      await m.delete(AccessLink, { userId: user.id });
      await this.auth.endAllSessions(m, user.id);
      // The history keeps that it happened, never who it was.
      await managerQuery(m, "UPDATE history SET changes = '{}' WHERE entity_type = 'user' AND entity_id = $1", [
        user.id,
      ]);
      await this.history.record(m, {
        entityType: 'user',
        entityId: user.id,
        labId: null,
        userId: null,
        before: { deleted: null },
        after: { deleted: true },
      });
      for (const labId of labs)
        await this.history.record(m, {
          entityType: 'lab_member',
          entityId: user.id,
          labId,
          userId: null,
          before: { role: 'member' },
          after: null,
        });
    });
  }

  /** A way back in for someone without a password: a personal link to keep; a new one replaces the old. */
  async personalSignInLink(user: AuthUser): Promise<AccessLinkDto> {
    return this.db.write(async (m) => {
      const current = await this.account(m, user.id);
      // A link would go around the password or the identity provider (and its deactivation): only for residents and observers.
      if (current.passwordHash || current.oidcSubject || current.installationRole !== 'member') {
        throw Errors.validation([
          {
            field: 'password',
            message:
              'you log in with your e-mail address and password or your organisation; a personal link is for residents without one',
          },
        ]);
      }
      await m.delete(AccessLink, { userId: user.id, purpose: 'sign-in', reusable: true });
      return this.makeLink(m, user.id, 'sign-in', user.id, true);
    });
  }

  async pendingInvitations(user: AuthUser): Promise<PendingInvitationListDto> {
    if (!user.email) return { items: [] };
    const rows = await this.db.query(
      `SELECT i.id, i.lab_id, i.role, i.note, i.expires_at, l.name AS lab_name, l.municipality, u.display_name AS invited_by
       FROM invitations i JOIN labs l ON l.id = i.lab_id LEFT JOIN users u ON u.id = i.created_by
       WHERE i.invitee_email = $1 AND ${OPEN_INVITATION} ORDER BY i.id DESC`,
      [user.email, new Date().toISOString()],
    );
    return {
      items: rows.map((r) => ({
        id: Number(r['id']),
        labId: Number(r['lab_id']),
        labName: r['lab_name'] as string,
        municipality: r['municipality'] as string,
        role: r['role'] as string,
        note: (r['note'] as string) ?? null,
        invitedByName: (r['invited_by'] as string) ?? null,
        expiresAt: new Date(r['expires_at'] as string).toISOString(),
      })),
    };
  }

  // Links

  async makeLink(
    m: EntityManager,
    userId: number,
    purpose: AccessLinkPurpose,
    createdBy: number | null,
    reusable = false,
  ): Promise<AccessLinkDto> {
    const token = newToken();
    const expiresAt = reusable
      ? null
      : new Date(Date.now() + (purpose === 'set-password' ? SET_PASSWORD_DAYS : SIGN_IN_DAYS) * 86_400_000);
    if (!reusable) await m.delete(AccessLink, { userId, purpose, reusable: false });
    await m.insert(AccessLink, {
      userId,
      tokenHash: sha256(token),
      purpose,
      reusable,
      createdBy,
      expiresAt,
      usedAt: null,
    });
    return { path: `/toegang/${token}`, expiresAt: expiresAt?.toISOString() ?? null };
  }

  private async usableLink(token: string, ip: string): Promise<{ link: AccessLink; user: User }> {
    await this.limiter.hit(`access-link:ip:${ip}`, 30, 60_000);
    const link = token.length <= 100 ? await this.db.manager.findOneBy(AccessLink, { tokenHash: sha256(token) }) : null;
    if (!link) throw Errors.notFound('link');
    if (link.usedAt) throw Errors.linkUsed();
    if (link.expiresAt && new Date(link.expiresAt).getTime() <= Date.now()) throw Errors.linkExpired();
    const user = await this.db.manager.findOneByOrFail(User, { id: link.userId });
    if (user.deactivatedAt || user.deletedAt) throw Errors.accountDeactivated();
    return { link, user };
  }

  async previewLink(token: string, ip: string): Promise<AccessLinkPreviewDto> {
    const { link, user } = await this.usableLink(token, ip);
    return { purpose: link.purpose, displayName: user.displayName };
  }

  /** Uses a link: sets the password (set-password) and signs in. A one-time link is claimed by the UPDATE, so it works once. */
  async useLink(
    token: string,
    password: string | undefined,
    ip: string,
  ): Promise<{ user: AuthUser; session: { token: string; csrfToken: string } }> {
    const { link, user } = await this.usableLink(token, ip);
    if (link.purpose === 'set-password' && !password)
      throw Errors.validation([{ field: 'password', message: 'choose a password of at least 12 characters' }]);
    const passwordHash = link.purpose === 'set-password' && password ? await hashPassword(password) : null;
    await this.db.write(async (m) => {
      if (!link.reusable) {
        const claimed = await m
          .createQueryBuilder()
          .update(AccessLink)
          .set({ usedAt: new Date() })
          .where('id = :id AND used_at IS NULL', { id: link.id })
          .execute();
        if (!claimed.affected) throw Errors.linkUsed();
      }
      if (passwordHash) {
        await m.update(User, { id: user.id }, { passwordHash, version: user.version + 1 });
        await this.history.record(m, {
          entityType: 'user',
          entityId: user.id,
          labId: null,
          userId: user.id,
          before: { password: user.passwordHash ? 'set' : null },
          after: { password: 'set' },
        });
      }
    });
    const session = await this.auth.createSession(user.id);
    return { user: toAuthUser(user), session };
  }

  private async account(m: EntityManager, id: number): Promise<User> {
    const user = await m.findOneBy(User, { id });
    if (!user || user.deletedAt) throw Errors.notFound('user', id);
    return user;
  }

  private async assertAnotherAdmin(m: EntityManager, leavingId: number): Promise<void> {
    const others = await m.count(User, {
      where: { installationRole: 'admin', deactivatedAt: IsNull(), deletedAt: IsNull() },
    });
    const self = await m.findOneBy(User, { id: leavingId });
    if (others - (self?.installationRole === 'admin' && !self.deactivatedAt ? 1 : 0) < 1)
      throw Errors.conflict(
        'last_admin',
        'The installation keeps at least one active administrator. Make someone else administrator first.',
      );
  }
}

/** An invitation addressed by e-mail that is still open ($2: now). */
const OPEN_INVITATION = 'used_at IS NULL AND declined_at IS NULL AND expires_at > $2';
