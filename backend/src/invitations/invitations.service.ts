import { Injectable } from '@nestjs/common';
import { Errors } from '../common/domain-error';
import { HistoryService } from '../common/history.service';
import { RateLimiter } from '../common/rate-limiter';
import type { AuthUser, LabAccess } from '../common/request-context';
import { newToken, sha256 } from '../common/tokens';
import type { LabRole } from '../common/vocabulary';
import { Db, Tx } from '../database/db';
import { LabsService } from '../labs/labs.service';
import { EvaluationsService } from '../evaluations/evaluations.service';
import type { PendingInvitationListDto } from '../users/dto/user.dto';
import { hashPassword } from '../users/password';
import { SessionsService, toAuthUser } from '../users/sessions.service';
import { UsersService } from '../users/users.service';
import {
  AcceptedInvitationDto,
  CreatedInvitationDto,
  CreateInvitationDto,
  InvitationListDto,
  InvitationPreviewDto,
  InviteByEmailDto,
  RoundInvitationDto,
  RoundOutstandingDto,
} from './dto/invitation.dto';
import type { Invitation } from './invitation.entity';
import { AccountRow, InvitedLabRow, InvitationsRepository } from './invitations.repository';

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
    private readonly repository: InvitationsRepository,
    private readonly history: HistoryService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly evaluations: EvaluationsService,
    private readonly labs: LabsService,
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
    const invitation = await this.db.write(async (tx) => {
      const saved = await this.repository.insert(tx, {
        labId: access.labId,
        tokenHash: sha256(token),
        role: dto.role,
        note: dto.note?.trim() || null,
        createdBy: user.id,
        expiresAt,
        roundId,
        inviteeEmail: null,
        declinedAt: null,
        revokedAt: null,
      });
      await this.history.record(tx, {
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

  /** A link for one resident to contribute to a round that is still open; they join the lab as a resident. */
  async inviteToRound(
    access: LabAccess,
    user: AuthUser,
    roundId: number,
    dto: RoundInvitationDto,
  ): Promise<CreatedInvitationDto> {
    await this.evaluations.assertOpen(roundId);
    return this.create(access, user, { role: 'resident', expiresInDays: dto.expiresInDays, note: dto.note }, roundId);
  }

  /** Addressed to an exact e-mail address; whether an account has it is never told to the coordinator. */
  async inviteByEmail(access: LabAccess, user: AuthUser, dto: InviteByEmailDto): Promise<InvitationListDto> {
    const email = dto.email.trim().toLowerCase();
    const expiresAt = new Date(Date.now() + (dto.expiresInDays ?? 14) * 86_400_000);
    await this.db.write(async (tx) => {
      const saved = await this.repository.insert(tx, {
        labId: access.labId,
        tokenHash: sha256(newToken()),
        role: dto.role,
        note: null,
        createdBy: user.id,
        expiresAt,
        roundId: null,
        inviteeEmail: email,
        declinedAt: null,
        revokedAt: null,
      });
      await this.history.record(tx, {
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
    const rows = await this.repository.list(labId);
    const now = Date.now();
    return {
      items: rows.map((r) => {
        const usedAt = r.usedAt ? r.usedAt.toISOString() : null;
        return {
          id: r.id,
          role: r.role,
          note: r.note,
          createdAt: r.createdAt.toISOString(),
          expiresAt: r.expiresAt.toISOString(),
          usedAt,
          usedByName: r.usedByName,
          inviteeEmail: r.inviteeEmail ? maskEmail(r.inviteeEmail) : null,
          roundId: r.roundId,
          roundTitle: r.roundTitle,
          state: usedAt
            ? 'used'
            : r.declinedAt
              ? 'declined'
              : r.revokedAt
                ? 'revoked'
                : r.expiresAt.getTime() <= now
                  ? 'expired'
                  : 'open',
        };
      }),
    };
  }

  /**
   * For the round's coordinator: who on the team may contribute and has not yet, and how many of the round's links
   * are still unused or were used by someone who has not contributed. The links are anonymous, so they are only
   * counted: whoever joined through one is not named here.
   */
  async outstanding(access: LabAccess, roundId: number): Promise<RoundOutstandingDto> {
    const round = await this.evaluations.title(roundId);
    if (!round) throw Errors.notFound('round', roundId);
    const [members, links] = await Promise.all([
      this.repository.membersWithoutContribution(access.labId, roundId, round.contributorRoles),
      this.repository.roundLinkCounts(roundId, new Date()),
    ]);
    return { roundId, members, links };
  }

  async revoke(access: LabAccess, user: AuthUser, id: number): Promise<InvitationListDto> {
    await this.db.write(async (tx) => {
      const invitation = await this.repository.get(tx, id);
      if (invitation.usedAt)
        throw Errors.conflict('invitation_used', 'This invitation has already been used; remove the member instead.');
      if (invitation.declinedAt || new Date(invitation.expiresAt).getTime() <= Date.now()) return;
      const now = new Date();
      await this.repository.revoke(tx, id, now);
      await this.history.record(tx, {
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
  private async usable(token: string, ip: string): Promise<{ invitation: Invitation; lab: InvitedLabRow }> {
    await this.limiter.hit(`invitation:ip:${ip}`, 30, 60_000);
    const found = token.length <= 100 ? await this.repository.byTokenHash(sha256(token)) : null;
    // An invitation by e-mail address has no link to open.
    const invitation = found && !found.inviteeEmail ? found : null;
    if (!invitation) throw Errors.notFound('invitation');
    if (invitation.usedAt)
      throw Errors.gone(
        'invitation_used',
        'This invitation link has already been used. Ask the coordinator for a new link.',
      );
    if (invitation.revokedAt)
      throw Errors.gone(
        'invitation_revoked',
        'The coordinator withdrew this invitation. Ask the coordinator for a new link if you still want to join.',
      );
    if (new Date(invitation.expiresAt).getTime() <= Date.now())
      throw Errors.gone('invitation_expired', 'This invitation link has expired. Ask the coordinator for a new link.');
    // The invitation's lab is there: it is removed with its lab.
    const lab = await this.repository.lab(invitation.labId);
    if (!lab) throw Errors.notFound('invitation');
    return { invitation, lab };
  }

  async preview(token: string, ip: string): Promise<InvitationPreviewDto> {
    const { invitation, lab } = await this.usable(token, ip);
    const round = invitation.roundId ? await this.evaluations.title(invitation.roundId) : null;
    return {
      labId: lab.id,
      labName: lab.name,
      labQuestion: lab.question,
      municipality: lab.municipality,
      role: invitation.role,
      expiresAt: new Date(invitation.expiresAt).toISOString(),
      roundId: round?.id ?? null,
      roundTitle: round?.title ?? null,
      roundDeadline: round?.deadline ?? null,
      needsLogin: TEAM_ROLES.includes(invitation.role),
    };
  }

  /**
   * Joins the lab. A visitor becomes an account and is logged in: residents and observers with only a display name
   * (they can make a personal link to come back), coordinators and partners with an e-mail address and password so
   * that they can log in again. A logged-in user is added with the invited role. The token works once: the UPDATE
   * claims it.
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
    const userId = await this.db.write(async (tx) => {
      if (current && (await this.repository.isMember(tx, invitation.labId, current.id))) {
        throw Errors.conflict('already_member', 'You are already a member of this lab.');
      }
      if (!current && email && (await this.repository.emailTaken(tx, email))) {
        throw Errors.validation([
          { field: 'email', message: 'already has an account here: log in first, then open the link again' },
        ]);
      }
      const user =
        current ??
        toAuthUser(
          await this.users.createAccount(tx, {
            email: passwordHash ? email! : null,
            passwordHash,
            displayName: dto.displayName.trim(),
          }),
        );
      if (!(await this.repository.claim(tx, invitation.id, user.id)))
        throw Errors.gone(
          'invitation_used',
          'This invitation link has already been used. Ask the coordinator for a new link.',
        );
      await this.join(tx, invitation, user.id);
      return user.id;
    });
    const user = current ?? toAuthUser(await this.account(userId));
    const session = current ? undefined : await this.sessions.createSession(userId);
    return { labId: invitation.labId, roundId: invitation.roundId ?? null, user: await this.users.me(user), session };
  }

  /** Answers an invitation addressed to the caller's e-mail address; any other id is, for them, not there. */
  async answer(user: AuthUser, id: number, accept: boolean): Promise<PendingInvitationListDto> {
    await this.db.write(async (tx) => {
      const invitation = await this.repository.find(tx, id);
      const mine =
        invitation &&
        user.email &&
        invitation.inviteeEmail === user.email &&
        !invitation.usedAt &&
        !invitation.declinedAt &&
        new Date(invitation.expiresAt).getTime() > Date.now();
      if (!invitation || !mine) throw Errors.notFound('invitation', id);
      if (!accept) {
        await this.repository.decline(tx, id, new Date());
        await this.history.record(tx, {
          entityType: 'invitation',
          entityId: id,
          labId: invitation.labId,
          userId: user.id,
          before: { declinedAt: null },
          after: { declinedAt: new Date().toISOString() },
        });
        return;
      }
      if (await this.repository.isMember(tx, invitation.labId, user.id))
        throw Errors.conflict('already_member', 'You are already a member of this lab.');
      if (!(await this.repository.claim(tx, id, user.id))) throw Errors.notFound('invitation', id);
      await this.join(tx, invitation, user.id);
    });
    return this.users.pendingInvitations(user);
  }

  /** The account joins the invitation's lab with the invited role, and the history keeps by which invitation. */
  private async join(tx: Tx, invitation: Invitation, userId: number): Promise<void> {
    await this.labs.addMember(tx, { labId: invitation.labId, userId, role: invitation.role });
    await this.history.record(tx, {
      entityType: 'lab_member',
      entityId: userId,
      labId: invitation.labId,
      userId,
      before: null,
      after: { role: invitation.role, viaInvitation: invitation.id },
    });
  }

  /** The account that just joined, as its session knows it. */
  private async account(userId: number): Promise<AccountRow> {
    const account = await this.repository.account(userId);
    if (!account) throw Errors.notFound('user', userId);
    return account;
  }
}
