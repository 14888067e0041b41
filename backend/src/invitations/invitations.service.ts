import { Injectable } from '@nestjs/common';
import { AuthService, toAuthUser } from '../auth/auth.service';
import { RateLimiter } from '../auth/rate-limiter';
import { newToken, sha256 } from '../auth/tokens';
import { Errors } from '../common/domain-error';
import { HistoryService } from '../common/history.service';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db } from '../database/db.service';
import { LabMember } from '../labs/lab-member.entity';
import { Lab } from '../labs/lab.entity';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AcceptedInvitationDto, CreatedInvitationDto, CreateInvitationDto, InvitationListDto, InvitationPreviewDto } from './dto/invitation.dto';
import { Invitation } from './invitation.entity';
import { EvaluationRound } from '../evaluations/round.entity';

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryService,
    private readonly auth: AuthService,
    private readonly users: UsersService,
    private readonly limiter: RateLimiter,
  ) {}

  async create(access: LabAccess, user: AuthUser, dto: CreateInvitationDto, roundId: number | null = null): Promise<CreatedInvitationDto> {
    const token = newToken();
    const expiresAt = new Date(Date.now() + (dto.expiresInDays ?? 14) * 86_400_000);
    const invitation = await this.db.write(async (m) => {
      const saved = await m.save(m.create(Invitation, { labId: access.labId, tokenHash: sha256(token), role: dto.role, note: dto.note?.trim() || null, createdBy: user.id, expiresAt, roundId }));
      await this.history.record(m, { entityType: 'invitation', entityId: saved.id, labId: access.labId, userId: user.id, before: null, after: { role: saved.role, note: saved.note, roundId, expiresAt: expiresAt.toISOString() } });
      return saved;
    });
    return { id: invitation.id, token, path: `/uitnodiging/${token}`, role: invitation.role, expiresAt: expiresAt.toISOString() };
  }

  async list(labId: number): Promise<InvitationListDto> {
    const rows = await this.db.manager
      .createQueryBuilder(Invitation, 'i')
      .leftJoin(User, 'u', 'u.id = i.used_by')
      .select(['i.id AS id', 'i.role AS role', 'i.note AS note', 'i.created_at AS created_at', 'i.expires_at AS expires_at', 'i.used_at AS used_at', 'u.display_name AS used_by_name'])
      .where('i.lab_id = :labId', { labId })
      .orderBy('i.id', 'DESC')
      .getRawMany<Record<string, unknown>>();
    const now = Date.now();
    return {
      items: rows.map((r) => {
        const expiresAt = new Date(r['expires_at'] as string);
        const usedAt = r['used_at'] ? new Date(r['used_at'] as string).toISOString() : null;
        return {
          id: Number(r['id']),
          role: r['role'] as never,
          note: (r['note'] as string) ?? null,
          createdAt: new Date(r['created_at'] as string).toISOString(),
          expiresAt: expiresAt.toISOString(),
          usedAt,
          usedByName: (r['used_by_name'] as string) ?? null,
          state: usedAt ? 'used' : expiresAt.getTime() <= now ? 'expired' : 'open',
        };
      }),
    };
  }

  async revoke(access: LabAccess, user: AuthUser, id: number): Promise<InvitationListDto> {
    await this.db.write(async (m) => {
      const invitation = await m.findOneByOrFail(Invitation, { id });
      if (invitation.usedAt) throw Errors.conflict('invitation_used', 'This invitation has already been used; remove the member instead.');
      const now = new Date();
      await m.update(Invitation, { id }, { expiresAt: now });
      await this.history.record(m, { entityType: 'invitation', entityId: id, labId: access.labId, userId: user.id, before: { expiresAt: invitation.expiresAt.toISOString() }, after: { expiresAt: now.toISOString() } });
    });
    return this.list(access.labId);
  }

  /** Finds an invitation by its token and says clearly why it cannot be used, if it cannot. */
  private async usable(token: string, ip: string): Promise<{ invitation: Invitation; lab: Lab }> {
    await this.limiter.hit(`invitation:ip:${ip}`, 30, 60_000);
    const invitation = token.length <= 100 ? await this.db.manager.findOneBy(Invitation, { tokenHash: sha256(token) }) : null;
    if (!invitation) throw Errors.notFound('invitation');
    if (invitation.usedAt) throw Errors.gone('invitation_used', 'This invitation link has already been used. Ask the coordinator for a new link.');
    if (new Date(invitation.expiresAt).getTime() <= Date.now()) throw Errors.gone('invitation_expired', 'This invitation link has expired. Ask the coordinator for a new link.');
    const lab = await this.db.manager.findOneByOrFail(Lab, { id: invitation.labId });
    return { invitation, lab };
  }

  async preview(token: string, ip: string): Promise<InvitationPreviewDto> {
    const { invitation, lab } = await this.usable(token, ip);
    const round = invitation.roundId ? await this.db.manager.findOneBy(EvaluationRound, { id: invitation.roundId }) : null;
    return {
      labId: lab.id, labName: lab.name, labQuestion: lab.question, municipality: lab.municipality, role: invitation.role, expiresAt: new Date(invitation.expiresAt).toISOString(),
      roundId: round?.id ?? null, roundTitle: round?.title ?? null,
    };
  }

  /**
   * Joins the lab. A visitor becomes an account with only a display name and is logged in;
   * a logged-in user is added with the invited role. The token works once: the UPDATE claims it.
   */
  async accept(token: string, displayName: string, current: AuthUser | null, ip: string): Promise<AcceptedInvitationDto & { session?: { token: string; csrfToken: string } }> {
    const { invitation } = await this.usable(token, ip);
    const userId = await this.db.write(async (m) => {
      if (current && (await m.existsBy(LabMember, { labId: invitation.labId, userId: current.id }))) {
        throw Errors.conflict('already_member', 'You are already a member of this lab.');
      }
      const user = current ?? toAuthUser(await m.save(m.create(User, { email: null, passwordHash: null, displayName: displayName.trim(), isAdmin: false, locale: 'nl' })));
      const claimed = await m
        .createQueryBuilder()
        .update(Invitation)
        .set({ usedAt: new Date(), usedBy: user.id })
        .where('id = :id AND used_at IS NULL', { id: invitation.id })
        .execute();
      if (!claimed.affected) throw Errors.gone('invitation_used', 'This invitation link has already been used. Ask the coordinator for a new link.');
      await m.insert(LabMember, { labId: invitation.labId, userId: user.id, role: invitation.role });
      await this.history.record(m, { entityType: 'lab_member', entityId: user.id, labId: invitation.labId, userId: user.id, before: null, after: { role: invitation.role, viaInvitation: invitation.id } });
      return user.id;
    });
    const user = current ?? toAuthUser(await this.db.manager.findOneByOrFail(User, { id: userId }));
    const session = current ? undefined : await this.auth.createSession(userId);
    return { labId: invitation.labId, roundId: invitation.roundId ?? null, user: await this.users.me(user), session };
  }
}
