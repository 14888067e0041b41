import { Injectable } from '@nestjs/common';
import type { InstallationRole } from '../common/vocabulary';
import type { Tx } from '../database/db';
import { IdentityAccountsRepository, type OidcAccount } from './identity-accounts.repository';

export type { OidcAccount };

/** The accounts an identity provider signs in, for the sign-in's rules in auth/ (each call in its transaction). */
@Injectable()
export class IdentityAccounts {
  constructor(private readonly repo: IdentityAccountsRepository) {}

  byIdentity(tx: Tx, issuer: string, subject: string): Promise<OidcAccount | null> {
    return this.repo.byIdentity(tx, issuer, subject);
  }

  byEmail(tx: Tx, email: string): Promise<OidcAccount | null> {
    return this.repo.byEmail(tx, email);
  }

  link(tx: Tx, userId: number, issuer: string, subject: string): Promise<void> {
    return this.repo.link(tx, userId, issuer, subject);
  }

  unlink(tx: Tx, userId: number): Promise<void> {
    return this.repo.unlink(tx, userId);
  }

  create(
    tx: Tx,
    account: { email: string | null; displayName: string; issuer: string; subject: string },
  ): Promise<OidcAccount> {
    return this.repo.create(tx, account);
  }

  setInstallationRole(tx: Tx, userId: number, role: InstallationRole): Promise<void> {
    return this.repo.setInstallationRole(tx, userId, role);
  }
}
