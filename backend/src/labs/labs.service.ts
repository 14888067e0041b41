import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Errors } from '../common/domain-error';
import { HistoryService } from '../common/history.service';
import type { AuthUser, LabAccess } from '../common/request-context';
import { updateVersioned } from '../common/versioned';
import { LabCache } from '../common/lab-cache';
import { Db, managerQuery } from '../database/db';
import { indexLearning } from '../learnings/search-index';
import { Organisation } from '../organisations/organisation.entity';
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
import type { LabRole } from '../common/vocabulary';
import { LabMember } from './lab-member.entity';
import { LabPartner } from './lab-partner.entity';
import { DEFAULT_VALUE_DIMENSIONS, Lab } from './lab.entity';

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

const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

/** Which labs a user sees (m: their membership of lab l, if any); administrators see all. */
const VISIBLE_SQL =
  "(l.visibility = 'public' OR (l.visibility = 'members' AND m.role IS NOT NULL) OR (l.visibility = 'private' AND m.role IN ('coordinator', 'partner')))";

@Injectable()
export class LabsService {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryService,
    private readonly cache: LabCache,
    private readonly users: UsersService,
  ) {}

  /** The labs this caller may see: public ones, the ones they are a member of (as visibility allows), all for an admin. */
  visibleLabs(user: AuthUser | null): SelectQueryBuilder<Lab> {
    const qb = this.db.manager
      .createQueryBuilder(Lab, 'l')
      .leftJoin(LabMember, 'm', 'm.lab_id = l.id AND m.user_id = :uid', { uid: user?.id ?? -1 });
    if (!user?.isAdmin) {
      qb.where(VISIBLE_SQL);
    }
    return qb;
  }

  async list(user: AuthUser | null, query: LabListQueryDto): Promise<LabListDto> {
    // One plain statement: the page and, alongside every row, how many match (a window count), so the database
    // filters once. Only a page past the end needs the count on its own.
    const params: unknown[] = [user?.id ?? -1];
    const $ = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (!user?.isAdmin) where.push(VISIBLE_SQL);
    if (query.q?.trim()) {
      const like = $(
        `%${query.q
          .trim()
          .toLowerCase()
          .replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
      );
      where.push(
        `(${['l.name', 'l.question', 'l.aim', 'l.municipality', "COALESCE(l.neighbourhood, '')"].map((c) => `LOWER(${c}) LIKE ${like} ESCAPE '\\'`).join(' OR ')})`,
      );
    }
    if (query.theme) where.push(`CAST(l.themes AS TEXT) LIKE ${$(`%${JSON.stringify(query.theme)}%`)}`);
    if (query.status) where.push(`l.status = ${$(query.status)}`);
    if (query.municipality) where.push(`LOWER(l.municipality) = ${$(query.municipality.toLowerCase())}`);
    if (query.mine === 'true') where.push('m.role IS NOT NULL');
    const from = `FROM labs l LEFT JOIN lab_members m ON m.lab_id = l.id AND m.user_id = $1${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const filterParams = [...params];
    const rows = await this.db.query(
      `SELECT l.id, l.slug, l.name, l.question, l.aim, l.municipality, l.neighbourhood, l.themes, l.status, l.scale, l.visibility, m.role AS my_role, COUNT(*) OVER () AS total
       ${from} ORDER BY l.name ASC, l.id ASC LIMIT ${$(query.limit ?? 50)} OFFSET ${$(query.offset ?? 0)}`,
      params,
    );
    const total = rows.length
      ? Number(rows[0]['total'])
      : (query.offset ?? 0) > 0
        ? Number((await this.db.query(`SELECT COUNT(*) AS n ${from}`, filterParams))[0]?.['n'] ?? 0)
        : 0;
    return { total, items: rows.map((r) => this.toSummary(r)) };
  }

  private toSummary(r: Record<string, unknown>): LabSummaryDto {
    return {
      id: Number(r['id']),
      slug: r['slug'] as string,
      name: r['name'] as string,
      question: r['question'] as string,
      aim: r['aim'] as string,
      municipality: r['municipality'] as string,
      neighbourhood: (r['neighbourhood'] as string) ?? null,
      themes: parseJson<string[]>(r['themes']),
      status: r['status'] as LabSummaryDto['status'],
      scale: r['scale'] as LabSummaryDto['scale'],
      visibility: r['visibility'] as LabSummaryDto['visibility'],
      myRole: (r['my_role'] as LabRole) ?? null,
    };
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
    const m = this.db.manager;
    const lab = await m.findOneByOrFail(Lab, { id: access.labId });
    const [partners, origin, counts] = await Promise.all([
      this.partners(access.labId),
      lab.originLabId ? m.findOneBy(Lab, { id: lab.originLabId }) : Promise.resolve(null),
      this.db.query<{ experiments: number; iterations: number; members: number }>(
        `SELECT (SELECT COUNT(*) FROM experiments WHERE lab_id = $1) AS experiments,
                (SELECT COUNT(*) FROM iterations WHERE lab_id = $1) AS iterations,
                (SELECT COUNT(*) FROM lab_members WHERE lab_id = $1) AS members`,
        [access.labId],
      ),
    ]);
    return {
      ...this.toSummary({ ...lab, my_role: access.role }),
      valueDimensions: lab.valueDimensions,
      version: lab.version,
      createdAt: new Date(lab.createdAt).toISOString(),
      updatedAt: new Date(lab.updatedAt).toISOString(),
      partners,
      origin: origin ? { id: origin.id, name: origin.name, municipality: origin.municipality } : null,
      transferConditions: lab.transferConditions,
      experimentCount: Number(counts[0].experiments),
      iterationCount: Number(counts[0].iterations),
      memberCount: Number(counts[0].members),
      cosignedReflection: !!lab.cosignedReflection,
    };
  }

  async partners(labId: number): Promise<PartnerDto[]> {
    const rows = await this.db.manager
      .createQueryBuilder(LabPartner, 'p')
      .innerJoin(Organisation, 'o', 'o.id = p.organisation_id')
      .select([
        'p.organisation_id AS id',
        'o.name AS name',
        'o.kind AS kind',
        'p.joined_at AS joined_at',
        'p.invited_by_organisation_id AS invited_by',
      ])
      .where('p.lab_id = :labId', { labId })
      .orderBy('p.joined_at', 'ASC')
      .getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      organisationId: Number(r['id']),
      name: r['name'] as string,
      kind: r['kind'] as string,
      joinedAt: new Date(r['joined_at'] as string).toISOString(),
      invitedByOrganisationId: r['invited_by'] === null ? null : Number(r['invited_by']),
    }));
  }

  async create(user: AuthUser, dto: CreateLabDto): Promise<LabDto> {
    const labId = await this.db.write(async (m) => {
      if (dto.originLabId) await this.assertVisibleOrigin(user, dto.originLabId);
      const slug = await this.uniqueSlug(m, slugify(`${dto.name} ${dto.municipality}`));
      const lab = await m.save(
        m.create(Lab, {
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
        }),
      );
      await m.insert(LabMember, { labId: lab.id, userId: user.id, role: 'coordinator' });
      await this.history.record(m, {
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
    const visible = await this.visibleLabs(user).andWhere('l.id = :id', { id: originLabId }).getCount();
    if (!visible) throw Errors.validation([{ field: 'originLabId', message: 'is not a lab you can see' }]);
  }

  private async uniqueSlug(m: EntityManager, base: string): Promise<string> {
    const taken = new Set(
      (
        await m
          .createQueryBuilder(Lab, 'l')
          .select('l.slug', 'slug')
          .where('l.slug = :base OR l.slug LIKE :prefix', { base, prefix: `${base}-%` })
          .getRawMany<{ slug: string }>()
      ).map((r) => r.slug),
    );
    if (!taken.has(base)) return base;
    for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
  }

  async update(access: LabAccess, user: AuthUser, dto: UpdateLabDto): Promise<LabDto> {
    const { version, ...changes } = dto;
    await this.db.write(async (m) => {
      const { before, after } = await updateVersioned(
        m,
        Lab,
        access.labId,
        version,
        changes as Partial<Lab>,
        (row) => ({ ...row }),
      );
      await this.history.record(m, {
        entityType: 'lab',
        entityId: access.labId,
        labId: access.labId,
        userId: user.id,
        before: { ...before },
        after: { ...after },
      });
      // The library finds learnings by the places of public labs: when a lab's place or visibility changes, so does what can be found.
      if ((['visibility', 'name', 'municipality', 'neighbourhood'] as const).some((k) => before[k] !== after[k])) {
        const learnings = await managerQuery(
          m,
          'SELECT id FROM learnings WHERE lab_id = $1 UNION SELECT learning_id AS id FROM learning_evidence WHERE lab_id = $1',
          [access.labId],
        );
        for (const r of learnings) await indexLearning(m, Number(r['id']));
      }
    });
    return this.fresh(access);
  }

  async addPartner(access: LabAccess, user: AuthUser, dto: AddPartnerDto): Promise<PartnerDto[]> {
    await this.db.write(async (m) => {
      if (!(await m.existsBy(Organisation, { id: dto.organisationId })))
        throw Errors.validation([{ field: 'organisationId', message: 'is not a known organisation' }]);
      if (
        dto.invitedByOrganisationId &&
        !(await m.existsBy(LabPartner, { labId: access.labId, organisationId: dto.invitedByOrganisationId }))
      ) {
        throw Errors.validation([{ field: 'invitedByOrganisationId', message: 'is not a partner of this lab' }]);
      }
      if (await m.existsBy(LabPartner, { labId: access.labId, organisationId: dto.organisationId }))
        throw Errors.conflict('partner_exists', 'This organisation is already a partner of the lab.');
      const partner = {
        labId: access.labId,
        organisationId: dto.organisationId,
        joinedAt: new Date(),
        invitedByOrganisationId: dto.invitedByOrganisationId ?? null,
      };
      await m.insert(LabPartner, partner);
      await this.history.record(m, {
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
    await this.db.write(async (m) => {
      const partner = await m.findOneBy(LabPartner, { labId: access.labId, organisationId });
      if (!partner) throw Errors.notFound('partner', organisationId);
      await m.delete(LabPartner, { labId: access.labId, organisationId });
      await this.history.record(m, {
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
    const rows = await this.db.query(
      `SELECT m.id, m.user_id, m.role, m.created_at, u.display_name, u.installation_role, (u.password_hash IS NOT NULL OR u.oidc_subject IS NOT NULL) AS has_password,
              (SELECT COUNT(*) FROM lab_members other WHERE other.user_id = m.user_id AND other.lab_id NOT IN (SELECT lab_id FROM lab_members mine WHERE mine.user_id = $2 AND mine.role = 'coordinator')) AS elsewhere
       FROM lab_members m JOIN users u ON u.id = m.user_id WHERE m.lab_id = $1 ORDER BY m.role, LOWER(u.display_name), m.id`,
      [access.labId, viewer.id],
    );
    const coordinator = access.role === 'coordinator' || access.isAdmin;
    return {
      items: rows.map((r) => ({
        id: Number(r['id']),
        displayName: r['display_name'] as string,
        role: r['role'] as LabRole,
        since: new Date(r['created_at'] as string).toISOString(),
        isYou: Number(r['user_id']) === viewer.id,
        // A sign-in link is a way back for a resident or observer who has no password, and only into labs this coordinator runs:
        // otherwise it would let a coordinator act as someone elsewhere.
        canGetSignInLink:
          coordinator &&
          Number(r['user_id']) !== viewer.id &&
          ['resident', 'observer'].includes(r['role'] as string) &&
          r['installation_role'] === 'member' &&
          !(r['has_password'] === true || Number(r['has_password']) === 1) &&
          (access.isAdmin || Number(r['elsewhere']) === 0),
      })),
    };
  }

  private async member(m: EntityManager, labId: number, memberId: number): Promise<LabMember> {
    const member = await m.findOneBy(LabMember, { id: memberId, labId });
    if (!member) throw Errors.notFound('member', memberId);
    return member;
  }

  async changeMemberRole(
    access: LabAccess,
    user: AuthUser,
    memberId: number,
    dto: ChangeMemberDto,
  ): Promise<MemberListDto> {
    await this.db.write(async (m) => {
      const existing = await this.member(m, access.labId, memberId);
      if (existing.role === dto.role) return;
      if (existing.role === 'coordinator') await this.assertAnotherCoordinator(m, access.labId, existing.userId);
      await m.update(LabMember, { id: existing.id }, { role: dto.role });
      await this.history.record(m, {
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
    await this.db.write(async (m) => {
      const existing = await this.member(m, access.labId, memberId);
      if (existing.role === 'coordinator') await this.assertAnotherCoordinator(m, access.labId, existing.userId);
      await m.delete(LabMember, { id: existing.id });
      await this.history.record(m, {
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
    return this.db.write(async (m) => {
      const member = await this.member(m, access.labId, memberId);
      const link = await this.users.makeLink(m, member.userId, 'sign-in', user.id);
      await this.history.record(m, {
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

  private async assertAnotherCoordinator(m: EntityManager, labId: number, leavingUserId: number): Promise<void> {
    const others = await m
      .createQueryBuilder(LabMember, 'm')
      .where("m.lab_id = :labId AND m.role = 'coordinator' AND m.user_id <> :leavingUserId", { labId, leavingUserId })
      .getCount();
    if (!others)
      throw Errors.conflict(
        'last_coordinator',
        'A lab keeps at least one coordinator. Make someone else coordinator first.',
      );
  }
}
