import { Injectable } from '@nestjs/common';
import { AuthService, toAuthUser } from '../auth/auth.service';
import { RateLimiter } from '../auth/rate-limiter';
import { newToken, sha256 } from '../auth/tokens';
import { Errors } from '../common/domain-error';
import { HistoryService } from '../common/history.service';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db } from '../database/db';
import type { LabRole } from '../common/vocabulary';
import { LabMember } from '../labs/lab-member.entity';
import { Lab } from '../labs/lab.entity';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import {
  AcceptedInvitationDto,
  CreatedInvitationDto,
  CreateInvitationDto,
  InvitationListDto,
  InvitationPreviewDto,
  InviteByEmailDto,
} from './dto/invitation.dto';
import type { PendingInvitationListDto } from '../users/dto/user.dto';
import { hashPassword } from '../auth/password';
import { Invitation } from './invitation.entity';
import { EvaluationRound } from '../evaluations/round.entity';

const TEAM_ROLES: LabRole[] = ['coordinator', 'partner'];

/** Enough of an address to recognise whom you invited, not a copy of someone's e-mail address: "sa…@gemeente.nl". */
export const maskEmail = (email: string): string => {
  const [local, domain] = email.split('@');
  return `${local.slice(0, Math.min(2, Math.max(1, local.length - 1)))}…@${domain}`;
};

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryService,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly limiter: RateLimiter,
  ) {}

  async create(
    access: LabAccess,
    user: AuthUser,
    dto: CreateInvitationDto,
    roundId: number | null = null,
  ): Promise<CreatedInvitationDto> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + (dto.expiresInDays ?? 14) * 86_400_000);
    const invitation = await this.db.write(async (m) => {
      const saved = await m.save(
        m.create(Invitation, {
          labId: access.labId,
          tokenHash: sha256(token),
          role: dto.role,
          note: dto.note?.trim() || null,
          createdBy: user.id,
          expiresAt,
          roundId,
          inviteeEmail: null,
          declinedAt: null,
        }),
      );
      await this.history.record(m, {
        entityType: 'invitation',
        entityId: saved.id,
        labId: access.labId,
        userId: user.id,
        before: null,
        after: { role: saved.role, note: saved.note, roundId, expiresAt: expiresAt.toISOString() },
      });
      return saved;
    });
    return {
      id: invitation.id,
      token,
      path: `/uitnodiging/${token}`,
      role: invitation.role,
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** Addressed to an exact e-mail address; whether an account has it is never told to the coordinator. */
  async inviteByEmail(access: LabAccess, user: AuthUser, dto: InviteByEmailDto): Promise<InvitationListDto> {
    const email = dto.email.trim().toLowerCase();
    const expiresAt = new Date(Date.now() + (dto.expiresInDays ?? 14) * 86_400_000);
    await this.db.write(async (m) => {
      const saved = await m.save(
        m.create(Invitation, {
          labId: access.labId,
          tokenHash: sha256(newToken()),
          role: dto.role,
          note: null,
          createdBy: user.id,
          expiresAt,
          roundId: null,
          inviteeEmail: email,
          declinedAt: null,
        }),
      );
      await this.history.record(m, {
        entityType: 'invitation',
        entityId: saved.id,
        labId: access.labId,
        userId: user.id,
        before: null,
        after: { role: saved.role, byEmail: true, expiresAt: expiresAt.toISOString() },
      });
    });
    return this.list(access.labId);
  }

  async list(labId: number): Promise<InvitationListDto> {
    const rows = await this.db.query(
      `SELECT i.id, i.role, i.note, i.created_at, i.expires_at, i.used_at, i.declined_at, i.invitee_email, u.display_name AS used_by_name
       FROM invitations i LEFT JOIN users u ON u.id = i.used_by WHERE i.lab_id = $1 ORDER BY i.id DESC`,
      [labId],
    );
    const now = Date.now();
    return {
      items: rows.map((r) => {
        const expiresAt = new Date(r['expires_at'] as string);
        const usedAt = r['used_at'] ? new Date(r['used_at'] as string).toISOString() : null;
        return {
          id: Number(r['id']),
          role: r['role'] as LabRole,
          note: (r['note'] as string) ?? null,
          createdAt: new Date(r['created_at'] as string).toISOString(),
          expiresAt: expiresAt.toISOString(),
          usedAt,
          usedByName: (r['used_by_name'] as string) ?? null,
          inviteeEmail: r['invitee_email'] ? maskEmail(r['invitee_email'] as string) : null,
          state: usedAt ? 'used' : r['declined_at'] ? 'declined' : expiresAt.getTime() <= now ? 'expired' : 'open',
        };
      }),
    };
  }

  async revoke(access: LabAccess, user: AuthUser, id: number): Promise<InvitationListDto> {
    await this.db.write(async (m) => {
      const invitation = await m.findOneByOrFail(Invitation, { id });
      if (invitation.usedAt)
        throw Errors.conflict('invitation_used', 'This invitation has already been used; remove the member instead.');
      if (invitation.declinedAt || new Date(invitation.expiresAt).getTime() <= Date.now()) return;
      const now = new Date();
      await m.update(Invitation, { id }, { expiresAt: now });
      await this.history.record(m, {
        entityType: 'invitation',
        entityId: id,
        labId: access.labId,
        userId: user.id,
        before: { expiresAt: invitation.expiresAt.toISOString() },
        after: { expiresAt: now.toISOString() },
      });
    });
    return this.list(access.labId);
  }

  /** Finds an invitation by its token and says clearly why it cannot be used, if it cannot. */
  private async usable(token: string, ip: string): Promise<{ invitation: Invitation; lab: Lab }> {
    await this.limiter.hit(`invitation:ip:${ip}`, 30, 60_000);
    const found =
      token.length <= 100 ? await this.db.manager.findOneBy(Invitation, { tokenHash: sha256(token) }) : null;
    // An invitation by e-mail address has no link to open.
    const invitation = found && !found.inviteeEmail ? found : null;
    if (!invitation) throw Errors.notFound('invitation');
    if (invitation.usedAt)
      throw Errors.gone(
        'invitation_used',
        'This invitation link has already been used. Ask the coordinator for a new link.',
      );
    if (new Date(invitation.expiresAt).getTime() <= Date.now())
      throw Errors.gone('invitation_expired', 'This invitation link has expired. Ask the coordinator for a new link.');
    const lab = await this.db.manager.findOneByOrFail(Lab, { id: invitation.labId });
    return { invitation, lab };
  }

  async preview(token: string, ip: string): Promise<InvitationPreviewDto> {
    const { invitation, lab } = await this.usable(token, ip);
    const round = invitation.roundId
      ? await this.db.manager.findOneBy(EvaluationRound, { id: invitation.roundId })
      : null;
    return {
      labId: lab.id,
      labName: lab.name,
      labQuestion: lab.question,
      municipality: lab.municipality,
      role: invitation.role,
      expiresAt: new Date(invitation.expiresAt).toISOString(),
      roundId: round?.id ?? null,
      roundTitle: round?.title ?? null,
      needsLogin: TEAM_ROLES.includes(invitation.role),
    };
  }

  /**
   * Joins the lab. A visitor becomes an account and is logged in: residents and observers with only a display name
   * (they can make a personal link to come back), coordinators and partners with an e-mail address and password so
   * that they can log in again. A logged-in user is added with the invited role. The token works once: the UPDATE claims it.
   */
  async accept(
    token: string,
    dto: { displayName: string; email?: string; password?: string },
    current: AuthUser | null,
    ip: string,
  ): Promise<AcceptedInvitationDto & { session?: { token: string; csrfToken: string } }> {
    const { invitation } = await this.usable(token, ip);
    const email = dto.email?.trim().toLowerCase();
    if (!current && TEAM_ROLES.includes(invitation.role)) {
      const errors = [
        ...(email ? [] : [{ field: 'email', message: 'is needed to log in again later' }]),
        ...(dto.password ? [] : [{ field: 'password', message: 'choose a password of at least 12 characters' }]),
      ];
      if (errors.length) throw Errors.validation(errors);
    }
    const passwordHash = !current && email && dto.password ? await hashPassword(dto.password) : null;
    const userId = await this.db.write(async (m) => {
      if (current && (await m.existsBy(LabMember, { labId: invitation.labId, userId: current.id }))) {
        throw Errors.conflict('already_member', 'You are already a member of this lab.');
      }
      if (!current && email && (await m.existsBy(User, { email }))) {
        throw Errors.validation([
          { field: 'email', message: 'already has an account here: log in first, then open the link again' },
        ]);
      }
      const user =
        current ??
        toAuthUser(
          await m.save(
            m.create(User, {
              email: passwordHash ? email! : null,
              passwordHash,
              displayName: dto.displayName.trim(),
              installationRole: 'member',
              locale: 'nl',
              deactivatedAt: null,
              deletedAt: null,
            }),
          ),
        );
      const claimed = await m
        .createQueryBuilder()
        .update(Invitation)
        .set({ usedAt: new Date(), usedBy: user.id })
        .where('id = :id AND used_at IS NULL', { id: invitation.id })
        .execute();
      if (!claimed.affected)
        throw Errors.gone(
          'invitation_used',
          'This invitation link has already been used. Ask the coordinator for a new link.',
        );
      await m.insert(LabMember, { labId: invitation.labId, userId: user.id, role: invitation.role });
      await this.history.record(m, {
        entityType: 'lab_member',
        entityId: user.id,
        labId: invitation.labId,
        userId: user.id,
        before: null,
        after: { role: invitation.role, viaInvitation: invitation.id },
      });
      return user.id;
    });
    const user = current ?? toAuthUser(await this.db.manager.findOneByOrFail(User, { id: userId }));
    const session = current ? undefined : await this.auth.createSession(userId);
    return { labId: invitation.labId, roundId: invitation.roundId ?? null, user: await this.users.me(user), session };
  }

  /** Answers an invitation addressed to the caller's e-mail address; any other id is, for them, not there. */
  async answer(user: AuthUser, id: number, accept: boolean): Promise<PendingInvitationListDto> {
    await this.db.write(async (m) => {
      const invitation = await m.findOneBy(Invitation, { id });
      const mine =
        invitation &&
        user.email &&
        invitation.inviteeEmail === user.email &&
        !invitation.usedAt &&
        !invitation.declinedAt &&
        new Date(invitation.expiresAt).getTime() > Date.now();
      if (!invitation || !mine) throw Errors.notFound('invitation', id);
      if (!accept) {
        await m.update(Invitation, { id }, { declinedAt: new Date() });
        await this.history.record(m, {
          entityType: 'invitation',
          entityId: id,
          labId: invitation.labId,
          userId: user.id,
          before: { declinedAt: null },
          after: { declinedAt: new Date().toISOString() },
        });
        return;
      }
      if (await m.existsBy(LabMember, { labId: invitation.labId, userId: user.id }))
        throw Errors.conflict('already_member', 'You are already a member of this lab.');
      const claimed = await m
        .createQueryBuilder()
        .update(Invitation)
        .set({ usedAt: new Date(), usedBy: user.id })
        .where('id = :id AND used_at IS NULL', { id })
        .execute();
      if (!claimed.affected) throw Errors.notFound('invitation', id);
      await m.insert(LabMember, { labId: invitation.labId, userId: user.id, role: invitation.role });
      await this.history.record(m, {
        entityType: 'lab_member',
        entityId: user.id,
        labId: invitation.labId,
        userId: user.id,
        before: null,
        after: { role: invitation.role, viaInvitation: invitation.id },
      });
    });
    return this.users.pendingInvitations(user);
  }
}
