import { Injectable } from '@nestjs/common';
import { Db, type Tx } from '../database/db';
import type { AuthUser } from '../common/request-context';
import { Session } from './session.entity';
import { User } from './user.entity';

/** A session found by its id, with the account it belongs to. */
export interface SessionRow {
  csrfToken: string;
  expiresAt: Date;
  user: AuthUser;
}

/** The sessions table's SQL, and the account a password sign-in looks up. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Db) {}

  accountByEmail(email: string): Promise<User | null> {
    return this.db.manager.findOne(User, { where: { email } });
  }

  async insert(values: { id: string; userId: number; csrfToken: string; createdAt: Date; expiresAt: Date }) {
    await this.db.write((tx) => tx.insert(Session, values));
  }

  /** Every authenticated request passes here: one plain statement (kept prepared on SQLite). */
  async find(id: string): Promise<SessionRow | null> {
    const [row] = await this.db.query(
      `SELECT s.id AS sid, s.csrf_token AS csrf, s.expires_at AS expires, u.id AS id, u.email AS email,
              u.display_name AS display_name, u.installation_role AS installation_role, u.locale AS locale
       FROM sessions s INNER JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND u.deactivated_at IS NULL AND u.deleted_at IS NULL`,
      [id],
    );
    if (!row) return null;
    return {
      csrfToken: row['csrf'] as string,
      expiresAt: new Date(row['expires'] as string),
      user: {
        id: Number(row['id']),
        email: (row['email'] as string) ?? null,
        displayName: row['display_name'] as string,
        installationRole: row['installation_role'] as AuthUser['installationRole'],
        isAdmin: row['installation_role'] === 'admin',
        locale: row['locale'] as string,
      },
    };
  }

  async delete(id: string): Promise<void> {
    await this.db.write((tx) => tx.delete(Session, { id }));
  }

  async deleteAllOf(tx: Tx, userId: number): Promise<void> {
    await tx.delete(Session, { userId });
  }
}
