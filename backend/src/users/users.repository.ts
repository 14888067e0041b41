import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { Db, managerQuery, Tx } from '../database/db';
import { AccessLink, AccessLinkPurpose } from './access-link.entity';
import { InstallationRole, User } from './user.entity';

export type { Tx };

export interface MembershipRow {
  labId: number;
  labName: string;
  labSlug: string;
  role: string;
}

export interface AccountHistoryRow {
  id: number;
  entityType: string;
  entityId: number;
  action: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  at: string;
  userName: string | null;
}

export interface PendingInvitationRow {
  id: number;
  labId: number;
  labName: string;
  municipality: string;
  role: string;
  note: string | null;
  invitedByName: string | null;
  expiresAt: string;
}

/** An invitation addressed by e-mail that is still open ($2: now). */
const OPEN_INVITATION = 'used_at IS NULL AND declined_at IS NULL AND expires_at > $2';
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const truthy = (v: unknown) => v === true || Number(v) === 1;

/** All of the accounts feature's SQL and TypeORM calls: accounts, their links, and what an account is shown. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Db) {}

  /** A new member account (an invitation accepted by someone without one). */
  createAccount(
    tx: Tx,
    values: { email: string | null; passwordHash: string | null; displayName: string },
  ): Promise<User> {
    return tx.save(
      tx.create(User, { ...values, installationRole: 'member', locale: 'nl', deactivatedAt: null, deletedAt: null }),
    );
  }

  async memberships(userId: number): Promise<MembershipRow[]> {
    const rows = await this.db.query(
      `SELECT m.lab_id, m.role, l.name, l.slug FROM lab_members m JOIN labs l ON l.id = m.lab_id
       WHERE m.user_id = $1 ORDER BY l.name`,
      [userId],
    );
    return rows.map((r) => ({
      labId: Number(r['lab_id']),
      labName: r['name'] as string,
      labSlug: r['slug'] as string,
      role: r['role'] as string,
    }));
  }

  async signInKinds(userId: number): Promise<{ hasPassword: boolean; identityProvider: boolean }> {
    const [row] = await this.db.query(
      'SELECT password_hash IS NOT NULL AS has_password, oidc_subject IS NOT NULL AS oidc FROM users WHERE id = $1',
      [userId],
    );
    return { hasPassword: truthy(row?.['has_password']), identityProvider: truthy(row?.['oidc']) };
  }

  async countOpenInvitations(email: string, now: Date): Promise<number> {
    const [row] = await this.db.query(
      `SELECT COUNT(*) AS n FROM invitations WHERE invitee_email = $1 AND ${OPEN_INVITATION}`,
      [email, now.toISOString()],
    );
    return Number(row?.['n'] ?? 0);
  }

  async openInvitations(email: string, now: Date): Promise<PendingInvitationRow[]> {
    const rows = await this.db.query(
      `SELECT i.id, i.lab_id, i.role, i.note, i.expires_at, l.name AS lab_name, l.municipality,
              u.display_name AS invited_by
       FROM invitations i JOIN labs l ON l.id = i.lab_id LEFT JOIN users u ON u.id = i.created_by
       WHERE i.invitee_email = $1 AND ${OPEN_INVITATION} ORDER BY i.id DESC`,
      [email, now.toISOString()],
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      labId: Number(r['lab_id']),
      labName: r['lab_name'] as string,
      municipality: r['municipality'] as string,
      role: r['role'] as string,
      note: (r['note'] as string) ?? null,
      invitedByName: (r['invited_by'] as string) ?? null,
      expiresAt: new Date(r['expires_at'] as string).toISOString(),
    }));
  }

  /** A page of accounts that are not deleted, by name, with how many match. */
  async page(filter: {
    q?: string;
    installationRole?: InstallationRole;
    limit: number;
    offset: number;
  }): Promise<{ total: number; users: User[] }> {
    const params: unknown[] = [];
    const $ = (value: unknown) => `$${params.push(value)}`;
    const where = ['deleted_at IS NULL'];
    if (filter.q?.trim()) {
      const like = $(`%${escapeLike(filter.q.trim().toLowerCase())}%`);
      where.push(
        `(LOWER(display_name) LIKE ${like} ESCAPE '\\' OR LOWER(COALESCE(email, '')) LIKE ${like} ESCAPE '\\')`,
      );
    }
    if (filter.installationRole) where.push(`installation_role = ${$(filter.installationRole)}`);
    const sql = where.join(' AND ');
    const [count] = await this.db.query(`SELECT COUNT(*) AS n FROM users WHERE ${sql}`, [...params]);
    const ids = (
      await this.db.query(
        `SELECT id FROM users WHERE ${sql} ORDER BY LOWER(display_name), id
         LIMIT ${$(filter.limit)} OFFSET ${$(filter.offset)}`,
        params,
      )
    ).map((r) => Number(r['id']));
    const rows = ids.length ? await this.db.manager.findBy(User, { id: In(ids) }) : [];
    const byId = new Map(rows.map((u) => [u.id, u]));
    return { total: Number(count?.['n'] ?? 0), users: ids.map((id) => byId.get(id)!) };
  }

  async accountHistory(limit: number, offset: number): Promise<{ total: number; items: AccountHistoryRow[] }> {
    const [count] = await this.db.query(
      "SELECT COUNT(*) AS n FROM history WHERE lab_id IS NULL AND entity_type IN ('user', 'organisation')",
    );
    const rows = await this.db.query(
      `SELECT h.id, h.entity_type, h.entity_id, h.action, h.changes, h.created_at, u.display_name AS user_name
       FROM history h LEFT JOIN users u ON u.id = h.user_id
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
        changes: (typeof r['changes'] === 'string'
          ? JSON.parse(r['changes'] as string)
          : r['changes']) as AccountHistoryRow['changes'],
        at: new Date(r['created_at'] as string).toISOString(),
        userName: (r['user_name'] as string) ?? null,
      })),
    };
  }

  find(id: number, m: Tx = this.db.manager): Promise<User | null> {
    return m.findOneBy(User, { id });
  }

  emailTaken(m: Tx, email: string): Promise<boolean> {
    return m.exists(User, { where: { email } });
  }

  insert(m: Tx, user: Pick<User, 'email' | 'displayName' | 'installationRole'>): Promise<User> {
    return m.save(m.create(User, { ...user, passwordHash: null, locale: 'nl', deactivatedAt: null, deletedAt: null }));
  }

  /** Changes an account only if nobody changed it since `version`; false when someone did. */
  async updateIfVersion(m: Tx, id: number, version: number, changes: Partial<User>): Promise<boolean> {
    const result = await m
      .createQueryBuilder()
      .update(User)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'CURRENT_TIMESTAMP' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return !!result.affected;
  }

  async update(m: Tx, id: number, changes: Partial<User>): Promise<User> {
    await m.update(User, { id }, changes);
    return m.findOneByOrFail(User, { id });
  }

  countActiveAdmins(m: Tx): Promise<number> {
    return m.count(User, { where: { installationRole: 'admin', deactivatedAt: IsNull(), deletedAt: IsNull() } });
  }

  /** The labs where this account is the only coordinator. */
  /**
   * What deleting an account leaves: the row without name, e-mail, password or identity-provider link; no
   * links (memberships and named contributions go with the account.deleted event; the service empties its history).
   */
  async anonymise(m: Tx, user: User): Promise<void> {
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
        version: user.version + 1,
      },
    );
    await managerQuery(m, 'UPDATE users SET oidc_issuer = NULL, oidc_subject = NULL WHERE id = $1', [user.id]);
    await m.delete(AccessLink, { userId: user.id });
  }

  // Links

  deleteLinks(
    m: Tx,
    userId: number,
    which: { purpose?: AccessLinkPurpose; reusable?: boolean } = {},
  ): Promise<unknown> {
    return m.delete(AccessLink, { userId, ...which });
  }

  insertLink(
    m: Tx,
    link: Pick<AccessLink, 'userId' | 'tokenHash' | 'purpose' | 'reusable' | 'createdBy' | 'expiresAt'>,
  ): Promise<unknown> {
    return m.insert(AccessLink, { ...link, usedAt: null });
  }

  linkByHash(tokenHash: string): Promise<AccessLink | null> {
    return this.db.manager.findOneBy(AccessLink, { tokenHash });
  }

  /** Claims a one-time link; false when it was used meanwhile. */
  async claimLink(m: Tx, id: number): Promise<boolean> {
    const claimed = await m
      .createQueryBuilder()
      .update(AccessLink)
      .set({ usedAt: new Date() })
      .where('id = :id AND used_at IS NULL', { id })
      .execute();
    return !!claimed.affected;
  }
}
