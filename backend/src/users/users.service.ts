import { Injectable } from '@nestjs/common';
import { SessionsService, toAuthUser } from './sessions.service';
import { hashPassword, verifyPassword } from './password';
import { RateLimiter } from '../common/rate-limiter';
import { newToken, sha256 } from '../common/tokens';
import { Errors } from '../common/domain-error';
import { Events } from '../common/events';
import { HistoryService } from '../common/history.service';
import type { AuthUser } from '../common/request-context';
import { Db } from '../database/db';
import type { MeDto } from './dto/session.dto';
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
import { Tx, UsersRepository } from './users.repository';

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

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryService,
    private readonly auth: SessionsService,
    private readonly limiter: RateLimiter,
    private readonly repository: UsersRepository,
    private readonly events: Events,
  ) {}

  /** A new member account inside the caller's write (an invitation accepted by someone without one). */
  createAccount(
    tx: Tx,
    values: { email: string | null; passwordHash: string | null; displayName: string },
  ): Promise<User> {
    return this.repository.createAccount(tx, values);
  }

  async me(user: AuthUser): Promise<MeDto> {
    const [memberships, kinds, pending] = await Promise.all([
      this.repository.memberships(user.id),
      this.repository.signInKinds(user.id),
      user.email ? this.repository.countOpenInvitations(user.email, new Date()) : Promise.resolve(0),
    ]);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      installationRole: user.installationRole,
      isAdmin: user.isAdmin,
      locale: user.locale,
      ...kinds,
      pendingInvitations: pending,
      memberships: memberships.map((r) => ({ ...r, role: r.role as MeDto['memberships'][number]['role'] })),
    };
  }

  // The administrator's part

  async list(query: UserQueryDto): Promise<UserListDto> {
    const { total, users } = await this.repository.page({
      ...query,
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { total, items: users.map(toDto) };
  }

  async create(admin: AuthUser, dto: CreateUserDto): Promise<CreatedUserDto> {
    const email = dto.email.trim().toLowerCase();
    return this.db.write(async (m) => {
      if (await this.repository.emailTaken(m, email))
        throw Errors.validation([{ field: 'email', message: 'is already in use' }]);
      const user = await this.repository.insert(m, {
        email,
        displayName: dto.displayName.trim(),
        installationRole: dto.installationRole,
      });
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
      if (!(await this.repository.updateIfVersion(m, id, dto.version, changes)))
        // Read after the winner's commit (see common/versioned.ts), not the state from before the wait.
        throw Errors.staleVersion(toDto(await this.account(m, id)));
      const after = (await this.repository.find(id, m))!;
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
      const after = await this.repository.update(m, id, {
        deactivatedAt: active ? null : new Date(),
        version: before.version + 1,
      });
      // A deactivated account is out at once: its sessions and links stop working.
      if (!active) {
        await this.auth.endAllSessions(m, id);
        await this.repository.deleteLinks(m, id);
      }
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

  accountHistory(limit: number, offset: number): Promise<AccountHistoryDto> {
    return this.repository.accountHistory(limit, offset);
  }

  // Every user's own account

  async updateMe(user: AuthUser, dto: UpdateMeDto): Promise<MeDto> {
    const current = (await this.repository.find(user.id))!;
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
      if (email && email !== current.email && (await this.repository.emailTaken(m, email)))
        throw Errors.validation([{ field: 'email', message: 'is already in use' }]);
      const changes: Partial<User> = {};
      if (dto.locale) changes.locale = dto.locale;
      if (dto.displayName) changes.displayName = dto.displayName.trim();
      if (email) changes.email = email;
      if (passwordHash) changes.passwordHash = passwordHash;
      if (!Object.keys(changes).length) return;
      const after = await this.repository.update(m, user.id, { ...changes, version: current.version + 1 });
      await this.history.record(m, {
        entityType: 'user',
        entityId: user.id,
        labId: null,
        userId: user.id,
        before: { ...snapshot(current), password: current.passwordHash ? 'set' : null },
        after: { ...snapshot(after), password: after.passwordHash ? (passwordHash ? 'changed' : 'set') : null },
      });
    });
    return this.me(toAuthUser((await this.repository.find(user.id))!));
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
      // A lab refuses when this is its only coordinator (labs/ listens), before anything changes.
      await this.events.emit('account.deleting', { tx: m, userId: user.id });
      if (current.installationRole === 'admin') await this.assertAnotherAdmin(m, user.id);
      // A later sign-in at the identity provider starts a new account rather than finding this one.
      await this.repository.anonymise(m, current);
      await this.history.forgetValues(m, 'user', user.id);
      await this.auth.endAllSessions(m, user.id);
      // The history keeps that it happened, never who it was (its earlier entries were just emptied).
      await this.history.record(m, {
        entityType: 'user',
        entityId: user.id,
        labId: null,
        userId: null,
        before: { deleted: null },
        after: { deleted: true },
      });
      // Labs remove the memberships (each with its history entry); rounds stop naming the contributions.
      await this.events.emit('account.deleted', { tx: m, userId: user.id });
    });
  }

  /** A way back in for someone without a password: a personal link to keep; a new one replaces the old. */
  async personalSignInLink(user: AuthUser): Promise<AccessLinkDto> {
    return this.db.write(async (m) => {
      const current = await this.account(m, user.id);
      // A link would go around the password or the identity provider (and its deactivation): only for residents and
      // observers.
      if (current.passwordHash || current.oidcSubject || current.installationRole !== 'member') {
        throw Errors.validation([
          {
            field: 'password',
            message:
              'you log in with your e-mail address and password or your organisation; a personal link is for ' +
              'residents without one',
          },
        ]);
      }
      await this.repository.deleteLinks(m, user.id, { purpose: 'sign-in', reusable: true });
      return this.makeLink(m, user.id, 'sign-in', user.id, true);
    });
  }

  async pendingInvitations(user: AuthUser): Promise<PendingInvitationListDto> {
    if (!user.email) return { items: [] };
    return { items: await this.repository.openInvitations(user.email, new Date()) };
  }

  // Links

  async makeLink(
    m: Tx,
    userId: number,
    purpose: AccessLinkPurpose,
    createdBy: number | null,
    reusable = false,
  ): Promise<AccessLinkDto> {
    const token = newToken();
    const expiresAt = reusable
      ? null
      : new Date(Date.now() + (purpose === 'set-password' ? SET_PASSWORD_DAYS : SIGN_IN_DAYS) * 86_400_000);
    if (!reusable) await this.repository.deleteLinks(m, userId, { purpose, reusable: false });
    await this.repository.insertLink(m, { userId, tokenHash: sha256(token), purpose, reusable, createdBy, expiresAt });
    return { path: `/toegang/${token}`, expiresAt: expiresAt?.toISOString() ?? null };
  }

  private async usableLink(token: string, ip: string): Promise<{ link: AccessLink; user: User }> {
    await this.limiter.hit(`access-link:ip:${ip}`, 30, 60_000);
    const link = token.length <= 100 ? await this.repository.linkByHash(sha256(token)) : null;
    if (!link) throw Errors.notFound('link');
    if (link.usedAt) throw Errors.linkUsed();
    if (link.expiresAt && new Date(link.expiresAt).getTime() <= Date.now()) throw Errors.linkExpired();
    const user = (await this.repository.find(link.userId))!;
    if (user.deactivatedAt || user.deletedAt) throw Errors.accountDeactivated();
    return { link, user };
  }

  async previewLink(token: string, ip: string): Promise<AccessLinkPreviewDto> {
    const { link, user } = await this.usableLink(token, ip);
    return { purpose: link.purpose, displayName: user.displayName };
  }

  /**
   * Uses a link: sets the password (set-password) and signs in. A one-time link is claimed by the UPDATE, so it works
   * once.
   */
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
        if (!(await this.repository.claimLink(m, link.id))) throw Errors.linkUsed();
      }
      if (passwordHash) {
        await this.repository.update(m, user.id, { passwordHash, version: user.version + 1 });
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

  private async account(m: Tx, id: number): Promise<User> {
    const user = await this.repository.find(id, m);
    if (!user || user.deletedAt) throw Errors.notFound('user', id);
    return user;
  }

  private async assertAnotherAdmin(m: Tx, leavingId: number): Promise<void> {
    const others = await this.repository.countActiveAdmins(m);
    const self = await this.repository.find(leavingId, m);
    if (others - (self?.installationRole === 'admin' && !self.deactivatedAt ? 1 : 0) < 1)
      throw Errors.conflict(
        'last_admin',
        'The installation keeps at least one active administrator. Make someone else administrator first.',
      );
  }
}
