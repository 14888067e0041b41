import { Injectable } from '@nestjs/common';
import { updateVersioned } from '../common/versioned';
import { Errors } from '../common/domain-error';
import type { LabRole, Scale, Visibility } from '../common/vocabulary';
import { Db, managerQuery, Tx } from '../database/db';
import { LabMember } from './lab-member.entity';
import { LabPartner } from './lab-partner.entity';
import { Lab, LabStatus } from './lab.entity';

export type { Tx };

/** A lab as lists show it, with the caller's role in it. */
export interface LabSummaryRow {
  id: number;
  slug: string;
  name: string;
  question: string;
  aim: string;
  municipality: string;
  neighbourhood: string | null;
  themes: string[];
  status: LabStatus;
  scale: Scale;
  visibility: Visibility;
  myRole: LabRole | null;
}

export interface LabFilter {
  /** The caller; -1 for someone not signed in. */
  userId: number;
  /** Administrators see every lab. */
  all: boolean;
  q?: string;
  theme?: string;
  status?: LabStatus;
  municipality?: string;
  mine: boolean;
  limit: number;
  offset: number;
}

export interface LabCountsRow {
  experiments: number;
  iterations: number;
  members: number;
}

export interface PartnerRow {
  organisationId: number;
  name: string;
  kind: string;
  joinedAt: string;
  invitedByOrganisationId: number | null;
}

export interface MemberRow {
  id: number;
  userId: number;
  role: LabRole;
  since: string;
  displayName: string;
  installationRole: string;
  /** A password or an identity provider: a way to sign in without a link. */
  hasPassword: boolean;
  /** How many of the member's labs the viewer does not coordinate. */
  elsewhere: number;
}

export type NewLab = Pick<
  Lab,
  | 'slug'
  | 'name'
  | 'question'
  | 'aim'
  | 'municipality'
  | 'neighbourhood'
  | 'themes'
  | 'valueDimensions'
  | 'status'
  | 'scale'
  | 'visibility'
  | 'originLabId'
  | 'transferConditions'
>;

/** Which labs a user sees (m: their membership of lab l, if any); administrators see all. */
const VISIBLE_SQL =
  "(l.visibility = 'public' OR (l.visibility = 'members' AND m.role IS NOT NULL)" +
  " OR (l.visibility = 'private' AND m.role IN ('coordinator', 'partner')))";

const SEARCHED = ['l.name', 'l.question', 'l.aim', 'l.municipality', "COALESCE(l.neighbourhood, '')"];
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const truthy = (v: unknown) => v === true || Number(v) === 1;

/** All of the labs feature's SQL and TypeORM calls: labs, their partners and their members. */
@Injectable()
export class LabsRepository {
  constructor(private readonly db: Db) {}

  /**
   * One plain statement: the page and, alongside every row, how many match (a window count), so the database
   * filters once. Only a page past the end needs the count on its own.
   */
  async page(filter: LabFilter): Promise<{ total: number; rows: LabSummaryRow[] }> {
    const params: unknown[] = [filter.userId];
    const $ = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (!filter.all) where.push(VISIBLE_SQL);
    if (filter.q?.trim()) {
      const like = $(`%${escapeLike(filter.q.trim().toLowerCase())}%`);
      where.push(`(${SEARCHED.map((c) => `LOWER(${c}) LIKE ${like} ESCAPE '\\'`).join(' OR ')})`);
    }
    if (filter.theme) where.push(`CAST(l.themes AS TEXT) LIKE ${$(`%${JSON.stringify(filter.theme)}%`)}`);
    if (filter.status) where.push(`l.status = ${$(filter.status)}`);
    if (filter.municipality) where.push(`LOWER(l.municipality) = ${$(filter.municipality.toLowerCase())}`);
    if (filter.mine) where.push('m.role IS NOT NULL');
    const from =
      'FROM labs l LEFT JOIN lab_members m ON m.lab_id = l.id AND m.user_id = $1' +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '');
    const filterParams = [...params];
    const rows = await this.db.query(
      `SELECT l.id, l.slug, l.name, l.question, l.aim, l.municipality, l.neighbourhood, l.themes, l.status, l.scale,
              l.visibility, m.role AS my_role, COUNT(*) OVER () AS total
       ${from} ORDER BY l.name ASC, l.id ASC LIMIT ${$(filter.limit)} OFFSET ${$(filter.offset)}`,
      params,
    );
    const total = rows.length
      ? Number(rows[0]['total'])
      : filter.offset > 0
        ? Number((await this.db.query(`SELECT COUNT(*) AS n ${from}`, filterParams))[0]?.['n'] ?? 0)
        : 0;
    return {
      total,
      rows: rows.map((r) => ({
        id: Number(r['id']),
        slug: r['slug'] as string,
        name: r['name'] as string,
        question: r['question'] as string,
        aim: r['aim'] as string,
        municipality: r['municipality'] as string,
        neighbourhood: (r['neighbourhood'] as string) ?? null,
        themes: parseJson<string[]>(r['themes']),
        status: r['status'] as LabStatus,
        scale: r['scale'] as Scale,
        visibility: r['visibility'] as Visibility,
        myRole: (r['my_role'] as LabRole) ?? null,
      })),
    };
  }

  /** Whether this user may see the lab (administrators: whether it exists). */
  async isVisible(userId: number, all: boolean, labId: number): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT COUNT(*) AS n FROM labs l LEFT JOIN lab_members m ON m.lab_id = l.id AND m.user_id = $1
       WHERE l.id = $2${all ? '' : ` AND ${VISIBLE_SQL}`}`,
      [userId, labId],
    );
    return Number(row?.['n'] ?? 0) > 0;
  }

  get(labId: number): Promise<Lab> {
    return this.db.manager.findOneByOrFail(Lab, { id: labId });
  }

  find(labId: number): Promise<Lab | null> {
    return this.db.manager.findOneBy(Lab, { id: labId });
  }

  /**
   * How much the lab holds, for its overview. It counts the rows of experiments and iterations, which sit above
   * labs: one statement on the lab pages' hot path rather than a call up into those features.
   */
  async counts(labId: number): Promise<LabCountsRow> {
    const [row] = await this.db.query(
      `SELECT (SELECT COUNT(*) FROM experiments WHERE lab_id = $1) AS experiments,
              (SELECT COUNT(*) FROM iterations WHERE lab_id = $1) AS iterations,
              (SELECT COUNT(*) FROM lab_members WHERE lab_id = $1) AS members`,
      [labId],
    );
    return {
      experiments: Number(row['experiments']),
      iterations: Number(row['iterations']),
      members: Number(row['members']),
    };
  }

  /** The slugs taken by `base` and by `base-…`. */
  async slugsLike(tx: Tx, base: string): Promise<string[]> {
    const rows = await tx
      .createQueryBuilder(Lab, 'l')
      .select('l.slug', 'slug')
      .where('l.slug = :base OR l.slug LIKE :prefix', { base, prefix: `${base}-%` })
      .getRawMany<{ slug: string }>();
    return rows.map((r) => r.slug);
  }

  insert(tx: Tx, values: NewLab): Promise<Lab> {
    return tx.save(tx.create(Lab, values));
  }

  /** Changes the lab if nobody changed it since `version` (see updateVersioned); the lab before and after. */
  /** The lab's optimistic-lock version, read inside a write. */
  async versionIn(tx: Tx, labId: number): Promise<number> {
    const lab = await tx.findOneBy(Lab, { id: labId });
    if (!lab) throw Errors.notFound('lab', labId);
    return lab.version;
  }

  update(tx: Tx, labId: number, version: number, changes: Partial<Lab>): Promise<{ before: Lab; after: Lab }> {
    return updateVersioned(tx, Lab, labId, version, changes, (row) => ({ ...row }));
  }

  async partners(labId: number): Promise<PartnerRow[]> {
    const rows = await this.db.query(
      `SELECT p.organisation_id AS id, o.name, o.kind, p.joined_at, p.invited_by_organisation_id AS invited_by
       FROM lab_partners p JOIN organisations o ON o.id = p.organisation_id
       WHERE p.lab_id = $1 ORDER BY p.joined_at ASC`,
      [labId],
    );
    return rows.map((r) => ({
      organisationId: Number(r['id']),
      name: r['name'] as string,
      kind: r['kind'] as string,
      joinedAt: new Date(r['joined_at'] as string).toISOString(),
      invitedByOrganisationId: r['invited_by'] === null ? null : Number(r['invited_by']),
    }));
  }

  findPartner(tx: Tx, labId: number, organisationId: number): Promise<LabPartner | null> {
    return tx.findOneBy(LabPartner, { labId, organisationId });
  }

  isPartner(tx: Tx, labId: number, organisationId: number): Promise<boolean> {
    return tx.existsBy(LabPartner, { labId, organisationId });
  }

  async insertPartner(tx: Tx, partner: LabPartner): Promise<void> {
    await tx.insert(LabPartner, partner);
  }

  async deletePartner(tx: Tx, labId: number, organisationId: number): Promise<void> {
    await tx.delete(LabPartner, { labId, organisationId });
  }

  /** The lab's members by role and name, with what decides whether the viewer may give them a sign-in link. */
  async members(labId: number, viewerId: number): Promise<MemberRow[]> {
    const rows = await this.db.query(
      `SELECT m.id, m.user_id, m.role, m.created_at, u.display_name, u.installation_role,
              (u.password_hash IS NOT NULL OR u.oidc_subject IS NOT NULL) AS has_password,
              (SELECT COUNT(*) FROM lab_members other WHERE other.user_id = m.user_id AND other.lab_id NOT IN
                 (SELECT lab_id FROM lab_members mine WHERE mine.user_id = $2 AND mine.role = 'coordinator')
              ) AS elsewhere
       FROM lab_members m JOIN users u ON u.id = m.user_id
       WHERE m.lab_id = $1 ORDER BY m.role, LOWER(u.display_name), m.id`,
      [labId, viewerId],
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      userId: Number(r['user_id']),
      role: r['role'] as LabRole,
      since: new Date(r['created_at'] as string).toISOString(),
      displayName: r['display_name'] as string,
      installationRole: r['installation_role'] as string,
      hasPassword: truthy(r['has_password']),
      elsewhere: Number(r['elsewhere']),
    }));
  }

  findMember(tx: Tx, labId: number, memberId: number): Promise<LabMember | null> {
    return tx.findOneBy(LabMember, { id: memberId, labId });
  }

  /** The labs whose team has this account in it. */
  async labIdsOfMember(tx: Tx, userId: number): Promise<number[]> {
    const rows = await managerQuery(tx, 'SELECT lab_id FROM lab_members WHERE user_id = $1', [userId]);
    return rows.map((r) => Number(r['lab_id']));
  }

  /** The names of the labs this account is the only coordinator of. */
  async labsCoordinatedAlone(tx: Tx, userId: number): Promise<string[]> {
    const rows = await managerQuery(
      tx,
      `SELECT l.name FROM lab_members mine JOIN labs l ON l.id = mine.lab_id
       WHERE mine.user_id = $1 AND mine.role = 'coordinator'
         AND NOT EXISTS (SELECT 1 FROM lab_members o
                         WHERE o.lab_id = mine.lab_id AND o.role = 'coordinator' AND o.user_id <> $1)`,
      [userId],
    );
    return rows.map((r) => r['name'] as string);
  }

  async removeMemberships(tx: Tx, userId: number): Promise<void> {
    await tx.delete(LabMember, { userId });
  }

  async idBySlug(tx: Tx, slug: string): Promise<number | null> {
    const lab = await tx.findOne(Lab, { where: { slug }, select: { id: true } });
    return lab?.id ?? null;
  }

  isMemberIn(tx: Tx, labId: number, userId: number): Promise<boolean> {
    return tx.existsBy(LabMember, { labId, userId });
  }

  async insertMember(tx: Tx, member: Pick<LabMember, 'labId' | 'userId' | 'role'>): Promise<void> {
    await tx.insert(LabMember, member);
  }

  async setMemberRole(tx: Tx, memberId: number, role: LabRole): Promise<void> {
    await tx.update(LabMember, { id: memberId }, { role });
  }

  async deleteMember(tx: Tx, memberId: number): Promise<void> {
    await tx.delete(LabMember, { id: memberId });
  }

  /** How many coordinators the lab keeps besides this user. */
  countOtherCoordinators(tx: Tx, labId: number, userId: number): Promise<number> {
    return tx
      .createQueryBuilder(LabMember, 'm')
      .where("m.lab_id = :labId AND m.role = 'coordinator' AND m.user_id <> :userId", { labId, userId })
      .getCount();
  }
}
