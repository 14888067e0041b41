import { Injectable } from '@nestjs/common';
import type { InstallationRole, LabRole } from '../common/vocabulary';
import { Db, managerQuery, Tx } from '../database/db';
import { Invitation } from './invitation.entity';

export type { Tx };

/** An invitation in the lab's list, with the name of whoever used it. */
export interface InvitationRow {
  id: number;
  role: LabRole;
  note: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  declinedAt: Date | null;
  revokedAt: Date | null;
  inviteeEmail: string | null;
  usedByName: string | null;
  roundId: number | null;
  roundTitle: string | null;
}

/** A member of the lab who has not contributed to a round. */
export interface OutstandingMemberRow {
  userId: number;
  name: string;
  role: LabRole;
}

/** A round's links, counted: never who used them. */
export interface RoundLinkCounts {
  open: number;
  unused: number;
  usedWithoutContribution: number;
}

/** What an invitation link shows of its lab. */
export interface InvitedLabRow {
  id: number;
  name: string;
  question: string;
  municipality: string;
}

/** An account as a session knows it. */
export interface AccountRow {
  id: number;
  email: string | null;
  displayName: string;
  installationRole: InstallationRole;
  locale: string;
}

export type NewInvitation = Omit<Invitation, 'id' | 'createdAt' | 'usedAt' | 'usedBy' | 'labRef'>;

const dateOrNull = (v: unknown): Date | null => (v ? new Date(v as string) : null);

/** The invitations' SQL and TypeORM calls, and what an invitation reads of the labs and accounts below it. */
@Injectable()
export class InvitationsRepository {
  constructor(private readonly db: Db) {}

  insert(tx: Tx, values: NewInvitation): Promise<Invitation> {
    return tx.save(tx.create(Invitation, values));
  }

  find(tx: Tx, id: number): Promise<Invitation | null> {
    return tx.findOneBy(Invitation, { id });
  }

  get(tx: Tx, id: number): Promise<Invitation> {
    return tx.findOneByOrFail(Invitation, { id });
  }

  byTokenHash(tokenHash: string): Promise<Invitation | null> {
    return this.db.manager.findOneBy(Invitation, { tokenHash });
  }

  async list(labId: number): Promise<InvitationRow[]> {
    const rows = await this.db.query(
      `SELECT i.id, i.role, i.note, i.created_at, i.expires_at, i.used_at, i.declined_at, i.revoked_at,
              i.invitee_email, u.display_name AS used_by_name, i.round_id, r.title AS round_title
       FROM invitations i LEFT JOIN users u ON u.id = i.used_by LEFT JOIN evaluation_rounds r ON r.id = i.round_id
       WHERE i.lab_id = $1 ORDER BY i.id DESC`,
      [labId],
    );
    return rows.map((r) => ({
      id: Number(r['id']),
      role: r['role'] as LabRole,
      note: (r['note'] as string) ?? null,
      createdAt: new Date(r['created_at'] as string),
      expiresAt: new Date(r['expires_at'] as string),
      usedAt: dateOrNull(r['used_at']),
      declinedAt: dateOrNull(r['declined_at']),
      revokedAt: dateOrNull(r['revoked_at']),
      inviteeEmail: (r['invitee_email'] as string) || null,
      usedByName: (r['used_by_name'] as string) ?? null,
      roundId: r['round_id'] === null || r['round_id'] === undefined ? null : Number(r['round_id']),
      roundTitle: (r['round_title'] as string) ?? null,
    }));
  }

  /**
   * The lab's members with one of these roles who have not contributed to the round (read from the labs below);
   * not those who joined through one of the round's links, as those links are only counted.
   */
  async membersWithoutContribution(labId: number, roundId: number, roles: string[]): Promise<OutstandingMemberRow[]> {
    if (!roles.length) return [];
    const rows = await this.db.query(
      `SELECT m.user_id, m.role, u.display_name FROM lab_members m JOIN users u ON u.id = m.user_id
       WHERE m.lab_id = $1 AND m.role IN (${roles.map((_, i) => `$${i + 3}`).join(', ')})
         AND NOT EXISTS (SELECT 1 FROM contributions c WHERE c.round_id = $2 AND c.user_id = m.user_id)
         AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.round_id = $2 AND i.used_by = m.user_id)
       ORDER BY u.display_name, m.user_id`,
      [labId, roundId, ...roles],
    );
    return rows.map((r) => ({
      userId: Number(r['user_id']),
      name: r['display_name'] as string,
      role: r['role'] as LabRole,
    }));
  }

  /** How many of the round's links can still be used, went unused, or were used by someone who did not contribute. */
  async roundLinkCounts(roundId: number, now: Date): Promise<RoundLinkCounts> {
    const rows = await this.db.query(
      `SELECT i.used_at, i.revoked_at, i.expires_at,
              (SELECT COUNT(*) FROM contributions c WHERE c.round_id = i.round_id AND c.user_id = i.used_by) AS n
       FROM invitations i WHERE i.round_id = $1`,
      [roundId],
    );
    const counts: RoundLinkCounts = { open: 0, unused: 0, usedWithoutContribution: 0 };
    for (const r of rows) {
      if (r['used_at']) {
        if (!Number(r['n'])) counts.usedWithoutContribution++;
      } else if (r['revoked_at'] || new Date(r['expires_at'] as string).getTime() <= now.getTime()) counts.unused++;
      else counts.open++;
    }
    return counts;
  }

  /** Withdraws the invitation: it expires now, and keeps that it was withdrawn. */
  async revoke(tx: Tx, id: number, at: Date): Promise<void> {
    await tx.update(Invitation, { id }, { expiresAt: at, revokedAt: at });
  }

  async decline(tx: Tx, id: number, at: Date): Promise<void> {
    await tx.update(Invitation, { id }, { declinedAt: at });
  }

  /** Marks the invitation used by `userId` unless it already was: whether this call claimed it. */
  async claim(tx: Tx, id: number, userId: number): Promise<boolean> {
    const claimed = await tx
      .createQueryBuilder()
      .update(Invitation)
      .set({ usedAt: new Date(), usedBy: userId })
      .where('id = :id AND used_at IS NULL', { id })
      .execute();
    return !!claimed.affected;
  }

  /** The lab an invitation is for (read from the labs below). */
  async lab(labId: number): Promise<InvitedLabRow | null> {
    const [row] = await this.db.query('SELECT id, name, question, municipality FROM labs WHERE id = $1', [labId]);
    return row
      ? {
          id: Number(row['id']),
          name: row['name'] as string,
          question: row['question'] as string,
          municipality: row['municipality'] as string,
        }
      : null;
  }

  /** Whether the account is a member of the lab already (read from the labs below, inside the write). */
  async isMember(tx: Tx, labId: number, userId: number): Promise<boolean> {
    const rows = await managerQuery(tx, 'SELECT 1 AS found FROM lab_members WHERE lab_id = $1 AND user_id = $2', [
      labId,
      userId,
    ]);
    return rows.length > 0;
  }

  /** Whether an account has this e-mail address (read from the accounts below, inside the write). */
  async emailTaken(tx: Tx, email: string): Promise<boolean> {
    const rows = await managerQuery(tx, 'SELECT 1 AS found FROM users WHERE email = $1', [email]);
    return rows.length > 0;
  }

  async account(userId: number): Promise<AccountRow | null> {
    const [row] = await this.db.query(
      'SELECT id, email, display_name, installation_role, locale FROM users WHERE id = $1',
      [userId],
    );
    return row
      ? {
          id: Number(row['id']),
          email: (row['email'] as string) ?? null,
          displayName: row['display_name'] as string,
          installationRole: row['installation_role'] as InstallationRole,
          locale: row['locale'] as string,
        }
      : null;
  }
}
