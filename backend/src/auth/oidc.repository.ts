import { Injectable } from '@nestjs/common';
import { HistoryService, Snapshot } from '../common/history.service';
import { Db, managerQuery, type Tx } from '../database/db';
import type { InstallationRole, LabRole } from '../common/vocabulary';
import { LabsService } from '../labs/labs.service';
import { IdentityAccounts, type OidcAccount } from '../users/identity-accounts.service';

/** A sign-in between the redirect to the provider and its way back. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  returnTo: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export type { OidcAccount };

/** The reads and writes of one sign-in, all in one transaction (see OidcRepository.signIn). */
export class OidcSignInWrites {
  constructor(
    private readonly tx: Tx,
    private readonly accounts: IdentityAccounts,
    private readonly labs: LabsService,
    private readonly history: HistoryService,
  ) {}

  byIdentity(issuer: string, subject: string): Promise<OidcAccount | null> {
    return this.accounts.byIdentity(this.tx, issuer, subject);
  }

  byEmail(email: string): Promise<OidcAccount | null> {
    return this.accounts.byEmail(this.tx, email);
  }

  link(userId: number, issuer: string, subject: string): Promise<void> {
    return this.accounts.link(this.tx, userId, issuer, subject);
  }

  /** A deleted account keeps its row (unnamed) but gives up its identity, so the same person can start afresh. */
  unlink(userId: number): Promise<void> {
    return this.accounts.unlink(this.tx, userId);
  }

  create(account: {
    email: string | null;
    displayName: string;
    issuer: string;
    subject: string;
  }): Promise<OidcAccount> {
    return this.accounts.create(this.tx, account);
  }

  setInstallationRole(userId: number, role: InstallationRole): Promise<void> {
    return this.accounts.setInstallationRole(this.tx, userId, role);
  }

  labIdBySlug(slug: string): Promise<number | null> {
    return this.labs.labIdBySlug(this.tx, slug);
  }

  hasMembership(labId: number, userId: number): Promise<boolean> {
    return this.labs.hasMember(this.tx, labId, userId);
  }

  addMembership(labId: number, userId: number, role: LabRole): Promise<void> {
    return this.labs.addMember(this.tx, { labId, userId, role });
  }

  record(entry: {
    entityType: string;
    entityId: number;
    labId: number | null;
    userId: number | null;
    before: Snapshot | null;
    after: Snapshot | null;
  }): Promise<void> {
    return this.history.record(this.tx, entry);
  }
}

/**
 * All of OpenID Connect sign-in's SQL: sign-ins in progress, the ID tokens of sessions, and the account writes of a
 * sign-in.
 */
@Injectable()
export class OidcRepository {
  constructor(
    private readonly db: Db,
    private readonly history: HistoryService,
    private readonly accounts: IdentityAccounts,
    private readonly labs: LabsService,
  ) {}

  /** Stores a sign-in in progress (and clears those that expired). */
  async savePending(id: string, pending: PendingSignIn): Promise<void> {
    await this.db.write(async (m) => {
      await managerQuery(m, 'DELETE FROM oidc_sign_ins WHERE expires_ms < $1', [Date.now()]);
      await managerQuery(
        m,
        'INSERT INTO oidc_sign_ins (id, state, nonce, code_verifier, redirect_uri, return_to, expires_ms) ' +
          'VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [
          id,
          pending.state,
          pending.nonce,
          pending.codeVerifier,
          pending.redirectUri,
          pending.returnTo,
          pending.expiresAt,
        ],
      );
    });
  }

  /** The sign-in in progress with this id, removed as it is read: each can be completed once. */
  takePending(id: string): Promise<PendingSignIn | null> {
    return this.db.write(async (m) => {
      const [row] = await managerQuery(
        m,
        'SELECT state, nonce, code_verifier, redirect_uri, return_to, expires_ms FROM oidc_sign_ins WHERE id = $1',
        [id],
      );
      if (!row) return null;
      await managerQuery(m, 'DELETE FROM oidc_sign_ins WHERE id = $1', [id]);
      return {
        state: row['state'] as string,
        nonce: row['nonce'] as string,
        codeVerifier: row['code_verifier'] as string,
        redirectUri: row['redirect_uri'] as string,
        returnTo: row['return_to'] as string,
        expiresAt: Number(row['expires_ms']),
      };
    });
  }

  /** Runs one sign-in's account rules in a transaction: all of it is stored, or (when `work` throws) none of it. */
  signIn<T>(work: (writes: OidcSignInWrites) => Promise<T>): Promise<T> {
    return this.db.write((tx) => work(new OidcSignInWrites(tx, this.accounts, this.labs, this.history)));
  }

  /** Keeps the ID token of a session started by the provider; it goes when the session goes. */
  async keepIdToken(sessionId: string, idToken: string): Promise<void> {
    await this.db.write((m) =>
      managerQuery(m, 'INSERT INTO oidc_sessions (session_id, id_token) VALUES ($1, $2)', [sessionId, idToken]),
    );
  }

  async idTokenOf(sessionId: string): Promise<string | null> {
    const [row] = await this.db.query('SELECT id_token FROM oidc_sessions WHERE session_id = $1', [sessionId]);
    return (row?.['id_token'] as string | undefined) ?? null;
  }
}
