import { Injectable } from '@nestjs/common';
import { Errors } from '../common/domain-error';
import { type DomainEvents, Events, OnDomainEvent } from '../common/events';
import { HistoryService } from '../common/history.service';
import { LabCache } from '../common/lab-cache';
import type { AuthUser, LabAccess } from '../common/request-context';
import { Db, Tx } from '../database/db';
import { OrganisationsService } from '../organisations/organisations.service';
import type { AccessLinkDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';
import {
  AddPartnerDto,
  ChangeMemberDto,
  CreateLabDto,
  LabDto,
  LabListDto,
  LabListQueryDto,
  LabSummaryDto,
  MemberListDto,
  PartnerDto,
  UpdateLabDto,
} from './dto/lab.dto';
import { LabMember } from './lab-member.entity';
import { DEFAULT_VALUE_DIMENSIONS, Lab } from './lab.entity';
import { LabsRepository } from './labs.repository';

export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return slug || 'lab';
}

/** What the library finds a lab's learnings by: when one of these changes, the learnings are indexed again. */
const INDEXED = ['visibility', 'name', 'municipality', 'neighbourhood'] as const;

const summaryOf = (lab: Lab, myRole: LabSummaryDto['myRole']): LabSummaryDto => ({
  id: lab.id,
  slug: lab.slug,
  name: lab.name,
  question: lab.question,
  aim: lab.aim,
  municipality: lab.municipality,
  neighbourhood: lab.neighbourhood ?? null,
  themes: lab.themes,
  status: lab.status,
  scale: lab.scale,
  visibility: lab.visibility,
  myRole,
});

@Injectable()
export class LabsService {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryService,
    private readonly cache: LabCache,
    private readonly users: UsersService,
    private readonly organisations: OrganisationsService,
    private readonly events: Events,
    private readonly repository: LabsRepository,
  ) {}

  /** An account that is some lab's only coordinator is not deleted: someone else must coordinate first. */
  @OnDomainEvent('account.deleting')
  async keepACoordinator({ tx, userId }: DomainEvents['account.deleting']): Promise<void> {
    const alone = await this.repository.labsCoordinatedAlone(tx, userId);
    if (alone.length)
      throw Errors.conflict(
        'last_coordinator',
        `You are the only coordinator of ${alone.join(', ')}. Make someone else coordinator first.`,
      );
  }

  /** A deleted account leaves every team, each departure in that lab's history (without a name). */
  @OnDomainEvent('account.deleted')
  async removeDeletedAccount({ tx, userId }: DomainEvents['account.deleted']): Promise<void> {
    const labIds = await this.repository.labIdsOfMember(tx, userId);
    await this.repository.removeMemberships(tx, userId);
    for (const labId of labIds)
      await this.history.record(tx, {
        entityType: 'lab_member',
        entityId: userId,
        labId,
        userId: null,
        before: { role: 'member' },
        after: null,
      });
  }

  /** The lab with this slug, inside the caller's write (sign-in through the identity provider). */
  labIdBySlug(tx: Tx, slug: string): Promise<number | null> {
    return this.repository.idBySlug(tx, slug);
  }

  hasMember(tx: Tx, labId: number, userId: number): Promise<boolean> {
    return this.repository.isMemberIn(tx, labId, userId);
  }

  /** Puts an account on a lab's team inside the caller's write (an invitation accepted). */
  addMember(tx: Tx, member: Pick<LabMember, 'labId' | 'userId' | 'role'>): Promise<void> {
    return this.repository.insertMember(tx, member);
  }

  async list(user: AuthUser | null, query: LabListQueryDto): Promise<LabListDto> {
    const { total, rows } = await this.repository.page({
      userId: user?.id ?? -1,
      all: !!user?.isAdmin,
      q: query.q,
      theme: query.theme,
      status: query.status,
      municipality: query.municipality,
      mine: query.mine === 'true',
      limit: query.limit ?? 50,
      offset: query.offset ?? 0,
    });
    return { total, items: rows };
  }

  /** Kept until anything in the lab changes (LabCache); only the caller's own role differs between callers. */
  async get(access: LabAccess): Promise<LabDto> {
    const overview = await this.cache.get(access, 'overview', () => this.overview(access));
    return { ...overview, myRole: access.role };
  }

  /** After a write in the same request: the request's stamp predates the write, so nothing kept may answer. */
  private async fresh(access: LabAccess): Promise<LabDto> {
    return { ...(await this.overview(access)), myRole: access.role };
  }

  private async overview(access: LabAccess): Promise<LabDto> {
    const lab = await this.repository.get(access.labId);
    const [partners, origin, counts] = await Promise.all([
      this.partners(access.labId),
      lab.originLabId ? this.repository.find(lab.originLabId) : Promise.resolve(null),
      this.repository.counts(access.labId),
    ]);
    return {
      ...summaryOf(lab, access.role),
      valueDimensions: lab.valueDimensions,
      version: lab.version,
      createdAt: new Date(lab.createdAt).toISOString(),
      updatedAt: new Date(lab.updatedAt).toISOString(),
      partners,
      origin: origin ? { id: origin.id, name: origin.name, municipality: origin.municipality } : null,
      transferConditions: lab.transferConditions,
      experimentCount: counts.experiments,
      iterationCount: counts.iterations,
      memberCount: counts.members,
      cosignedReflection: !!lab.cosignedReflection,
    };
  }

  partners(labId: number): Promise<PartnerDto[]> {
    return this.repository.partners(labId);
  }

  async create(user: AuthUser, dto: CreateLabDto): Promise<LabDto> {
    const labId = await this.db.write(async (tx) => {
      if (dto.originLabId) await this.assertVisibleOrigin(user, dto.originLabId);
      const slug = await this.uniqueSlug(tx, slugify(`${dto.name} ${dto.municipality}`));
      const lab = await this.repository.insert(tx, {
        slug,
        name: dto.name.trim(),
        question: dto.question.trim(),
        aim: dto.aim.trim(),
        municipality: dto.municipality.trim(),
        neighbourhood: dto.neighbourhood?.trim() || null,
        themes: dto.themes,
        valueDimensions: dto.valueDimensions?.length ? dto.valueDimensions : [...DEFAULT_VALUE_DIMENSIONS],
        status: dto.status ?? 'exploring',
        scale: dto.scale ?? 'street',
        visibility: dto.visibility ?? 'members',
        originLabId: dto.originLabId ?? null,
        transferConditions: dto.transferConditions ?? null,
      });
      await this.repository.insertMember(tx, { labId: lab.id, userId: user.id, role: 'coordinator' });
      await this.history.record(tx, {
        entityType: 'lab',
        entityId: lab.id,
        labId: lab.id,
        userId: user.id,
        before: null,
        after: { ...lab },
      });
      return lab.id;
    });
    return this.fresh({
      labId,
      role: 'coordinator',
      isAdmin: user.isAdmin,
      visibility: dto.visibility ?? 'members',
      stamp: 'new',
    });
  }

  private async assertVisibleOrigin(user: AuthUser, originLabId: number): Promise<void> {
    if (!(await this.repository.isVisible(user.id, user.isAdmin, originLabId)))
      throw Errors.validation([{ field: 'originLabId', message: 'is not a lab you can see' }]);
  }

  private async uniqueSlug(tx: Tx, base: string): Promise<string> {
    const taken = new Set(await this.repository.slugsLike(tx, base));
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
  }

  async update(access: LabAccess, user: AuthUser, dto: UpdateLabDto): Promise<LabDto> {
    const { version, ...changes } = dto;
    await this.db.write(async (tx) => {
      const { before, after } = await this.repository.update(tx, access.labId, version, changes as Partial<Lab>);
      await this.history.record(tx, {
        entityType: 'lab',
        entityId: access.labId,
        labId: access.labId,
        userId: user.id,
        before: { ...before },
        after: { ...after },
      });
      // The library finds learnings by the places of public labs: when a lab's place or visibility changes, so does
      // what can be found (the learnings feature listens and indexes them again, in this transaction).
      if (INDEXED.some((k) => before[k] !== after[k]))
        await this.events.emit('lab.changed', { tx, labId: access.labId });
    });
    return this.fresh(access);
  }

  /** Sets the lab's "Hoe kunnen we …?" question inside the caller's write (a dialogue's closing), with its history. */
  async setQuestionIn(tx: Tx, access: LabAccess, user: AuthUser, question: string): Promise<void> {
    const version = await this.repository.versionIn(tx, access.labId);
    const { before, after } = await this.repository.update(tx, access.labId, version, { question });
    await this.history.record(tx, {
      entityType: 'lab',
      entityId: access.labId,
      labId: access.labId,
      userId: user.id,
      before: { ...before },
      after: { ...after },
    });
  }

  async addPartner(access: LabAccess, user: AuthUser, dto: AddPartnerDto): Promise<PartnerDto[]> {
    await this.db.write(async (tx) => {
      if (!(await this.organisations.exists(tx, dto.organisationId)))
        throw Errors.validation([{ field: 'organisationId', message: 'is not a known organisation' }]);
      if (
        dto.invitedByOrganisationId &&
        !(await this.repository.isPartner(tx, access.labId, dto.invitedByOrganisationId))
      ) {
        throw Errors.validation([{ field: 'invitedByOrganisationId', message: 'is not a partner of this lab' }]);
      }
      if (await this.repository.isPartner(tx, access.labId, dto.organisationId))
        throw Errors.conflict('partner_exists', 'This organisation is already a partner of the lab.');
      const now = new Date();
      // A day given is that day at noon UTC, so every time zone shows the same date; never later than now.
      const joinedAt = dto.joinedOn ? new Date(`${dto.joinedOn}T12:00:00Z`) : now;
      if (dto.joinedOn && dto.joinedOn > now.toISOString().slice(0, 10))
        throw Errors.validation([{ field: 'joinedOn', message: 'must not be in the future' }]);
      const partner = {
        labId: access.labId,
        organisationId: dto.organisationId,
        joinedAt: joinedAt > now ? now : joinedAt,
        invitedByOrganisationId: dto.invitedByOrganisationId ?? null,
      };
      await this.repository.insertPartner(tx, partner);
      await this.history.record(tx, {
        entityType: 'lab_partner',
        entityId: dto.organisationId,
        labId: access.labId,
        userId: user.id,
        before: null,
        after: partner,
      });
    });
    return this.partners(access.labId);
  }

  async removePartner(access: LabAccess, user: AuthUser, organisationId: number): Promise<PartnerDto[]> {
    await this.db.write(async (tx) => {
      const partner = await this.repository.findPartner(tx, access.labId, organisationId);
      if (!partner) throw Errors.notFound('partner', organisationId);
      await this.repository.deletePartner(tx, access.labId, organisationId);
      await this.history.record(tx, {
        entityType: 'lab_partner',
        entityId: organisationId,
        labId: access.labId,
        userId: user.id,
        before: { ...partner },
        after: null,
      });
    });
    return this.partners(access.labId);
  }

  /** Who is in the lab: display names and roles only; no account ids or e-mail addresses. */
  async members(access: LabAccess, viewer: AuthUser): Promise<MemberListDto> {
    const rows = await this.repository.members(access.labId, viewer.id);
    const coordinator = access.role === 'coordinator' || access.isAdmin;
    return {
      items: rows.map((r) => ({
        id: r.id,
        displayName: r.displayName,
        role: r.role,
        since: r.since,
        isYou: r.userId === viewer.id,
        // A sign-in link is a way back for a resident or observer who has no password, and only into labs this
        // coordinator runs: otherwise it would let a coordinator act as someone elsewhere.
        canGetSignInLink:
          coordinator &&
          r.userId !== viewer.id &&
          ['resident', 'observer'].includes(r.role) &&
          r.installationRole === 'member' &&
          !r.hasPassword &&
          (access.isAdmin || r.elsewhere === 0),
      })),
    };
  }

  private async member(tx: Tx, labId: number, memberId: number): Promise<LabMember> {
    const member = await this.repository.findMember(tx, labId, memberId);
    if (!member) throw Errors.notFound('member', memberId);
    return member;
  }

  async changeMemberRole(
    access: LabAccess,
    user: AuthUser,
    memberId: number,
    dto: ChangeMemberDto,
  ): Promise<MemberListDto> {
    await this.db.write(async (tx) => {
      const existing = await this.member(tx, access.labId, memberId);
      if (existing.role === dto.role) return;
      if (existing.role === 'coordinator') await this.assertAnotherCoordinator(tx, access.labId, existing.userId);
      await this.repository.setMemberRole(tx, existing.id, dto.role);
      await this.history.record(tx, {
        entityType: 'lab_member',
        entityId: existing.userId,
        labId: access.labId,
        userId: user.id,
        before: { role: existing.role },
        after: { role: dto.role },
      });
    });
    return this.members(access, user);
  }

  async removeMember(access: LabAccess, user: AuthUser, memberId: number): Promise<MemberListDto> {
    await this.db.write(async (tx) => {
      const existing = await this.member(tx, access.labId, memberId);
      if (existing.role === 'coordinator') await this.assertAnotherCoordinator(tx, access.labId, existing.userId);
      await this.repository.deleteMember(tx, existing.id);
      await this.history.record(tx, {
        entityType: 'lab_member',
        entityId: existing.userId,
        labId: access.labId,
        userId: user.id,
        before: { role: existing.role },
        after: null,
      });
    });
    return this.members(access, user);
  }

  /** A one-time link that brings a resident who lost their session back in as the same person, never counted twice. */
  async memberSignInLink(access: LabAccess, user: AuthUser, memberId: number): Promise<AccessLinkDto> {
    const listed = (await this.members(access, user)).items.find((x) => x.id === memberId);
    if (!listed) throw Errors.notFound('member', memberId);
    if (!listed.canGetSignInLink)
      throw Errors.forbidden(
        'A sign-in link is only for residents and observers without a password who are in no other lab than yours.',
      );
    return this.db.write(async (tx) => {
      const member = await this.member(tx, access.labId, memberId);
      const link = await this.users.makeLink(tx, member.userId, 'sign-in', user.id);
      await this.history.record(tx, {
        entityType: 'lab_member',
        entityId: member.userId,
        labId: access.labId,
        userId: user.id,
        before: { signInLink: null },
        after: { signInLink: 'made' },
      });
      return link;
    });
  }

  private async assertAnotherCoordinator(tx: Tx, labId: number, leavingUserId: number): Promise<void> {
    if (!(await this.repository.countOtherCoordinators(tx, labId, leavingUserId)))
      throw Errors.conflict(
        'last_coordinator',
        'A lab keeps at least one coordinator. Make someone else coordinator first.',
      );
  }
}
