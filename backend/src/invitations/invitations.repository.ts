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
              i.invitee_email, u.display_name AS used_by_name
       FROM invitations i LEFT JOIN users u ON u.id = i.used_by WHERE i.lab_id = $1 ORDER BY i.id DESC`,
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
    }));
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
