import { Injectable } from '@nestjs/common';
import type { InstallationRole } from '../common/vocabulary';
import type { Tx } from '../database/db';
import { User } from './user.entity';

/** What the sign-in rules need to know of an account. */
export interface OidcAccount {
  id: number;
  email: string | null;
  installationRole: InstallationRole;
  hasPassword: boolean;
  deactivated: boolean;
  deleted: boolean;
  linked: boolean;
}

const toAccount = (u: User): OidcAccount => ({
  id: u.id,
  email: u.email,
  installationRole: u.installationRole,
  hasPassword: !!u.passwordHash,
  deactivated: !!u.deactivatedAt,
  deleted: !!u.deletedAt,
  linked: !!u.oidcSubject,
});

const bumpVersion = () => '"version" + 1';

/**
 * The accounts an identity provider signs in: found by its identity or by address, linked, created, given the
 * installation role its groups say. Each call runs in the sign-in's transaction.
 */
@Injectable()
export class IdentityAccountsRepository {
  async byIdentity(tx: Tx, issuer: string, subject: string): Promise<OidcAccount | null> {
    const user = await tx.findOneBy(User, { oidcIssuer: issuer, oidcSubject: subject });
    return user ? toAccount(user) : null;
  }

  async byEmail(tx: Tx, email: string): Promise<OidcAccount | null> {
    const user = await tx.findOneBy(User, { email });
    return user ? toAccount(user) : null;
  }

  async link(tx: Tx, userId: number, issuer: string, subject: string): Promise<void> {
    await tx.update(User, { id: userId }, { oidcIssuer: issuer, oidcSubject: subject, version: bumpVersion });
  }

  /** A deleted account keeps its row (unnamed) but gives up its identity, so the same person can start afresh. */
  async unlink(tx: Tx, userId: number): Promise<void> {
    await tx.update(User, { id: userId }, { oidcIssuer: null, oidcSubject: null, version: bumpVersion });
  }

  async create(
    tx: Tx,
    account: {
      email: string | null;
      displayName: string;
      issuer: string;
      subject: string;
    },
  ): Promise<OidcAccount> {
    const user = await tx.save(
      tx.create(User, {
        email: account.email,
        displayName: account.displayName,
        passwordHash: null,
        installationRole: 'member',
        locale: 'nl',
        oidcIssuer: account.issuer,
        oidcSubject: account.subject,
      }),
    );
    return toAccount(user);
  }

  async setInstallationRole(tx: Tx, userId: number, role: InstallationRole): Promise<void> {
    await tx.update(User, { id: userId }, { installationRole: role, version: bumpVersion });
  }
}
