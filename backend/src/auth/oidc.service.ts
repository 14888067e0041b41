import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, OidcLabRoleRule } from '../config/app-config';
import { type InstallationRole, LAB_ROLES, LabRole } from '../common/vocabulary';
import { SessionsService } from '../users/sessions.service';
import { Claims, OidcClient } from './oidc-client';
import { OidcAccount, OidcRepository, OidcSignInWrites } from './oidc.repository';
import { newToken, sha256 } from '../common/tokens';

/**
 * Why a sign-in with the provider did not go through. The browser is sent to /inloggen?fout=<code>, where the
 * dashboard says it in Dutch or English; these are not problem+json codes (nothing here answers with JSON).
 */
export const OIDC_FAILURES = [
  'oidc_not_configured',
  'oidc_state',
  'oidc_cancelled',
  'oidc_provider',
  'oidc_failed',
  'oidc_email_in_use',
  'account_deactivated',
] as const;
export type OidcFailureCode = (typeof OIDC_FAILURES)[number];

export class OidcFailure extends Error {
  constructor(
    readonly code: OidcFailureCode,
    reason: string,
    readonly returnTo = '/',
  ) {
    super(reason);
  }
}

export const CALLBACK_PATH = '/api/auth/oidc/callback';
/** How long a sign-in may take at the provider. */
export const SIGN_IN_TTL_MS = 10 * 60_000;

/** A path on this site to go to after signing in; anything else (other sites, //host, odd characters) becomes /. */
export function safeReturnTo(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length > 500 ||
    !value.startsWith('/') ||
    /^\/[/\\]/.test(value) ||
    /[\u0000-\u001f\\]/.test(value)
  )
    return '/';
  const base = 'http://same.invalid';
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : '/';
}

/** The groups in the configured claim: a list, or one string. Keycloak's full paths (/team) count by their name too. */
export function groupsOf(claims: Record<string, unknown>, claim: string): string[] {
  const value = claims[claim];
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  const groups = raw.filter((g): g is string => typeof g === 'string' && g.length > 0);
  return [...new Set(groups.flatMap((g) => (g.startsWith('/') ? [g, g.slice(1)] : [g])))];
}

/**
 * The installation role the groups give: admin, else staff, else member. An account with a local password that is
 * admin stays admin (the break-glass account must not be locked out by the provider). With no admin or staff groups
 * configured at all, roles are not managed by the provider: null, the account keeps the role it has.
 */
export function installationRoleFor(
  groups: string[],
  account: Pick<OidcAccount, 'installationRole' | 'hasPassword'>,
  admin: string[],
  staff: string[],
): InstallationRole | null {
  if (!admin.length && !staff.length) return null;
  const fromGroups: InstallationRole = groups.some((g) => admin.includes(g))
    ? 'admin'
    : groups.some((g) => staff.includes(g))
      ? 'staff'
      : 'member';
  if (account.installationRole === 'admin' && account.hasPassword) return 'admin';
  return fromGroups;
}

/**
 * Per lab slug, the role the groups give there (the strongest, in the order of LAB_ROLES, when several do) and the
 * group that gave it.
 */
export function labRolesFor(groups: string[], rules: OidcLabRoleRule[]): Map<string, { role: LabRole; group: string }> {
  const result = new Map<string, { role: LabRole; group: string }>();
  for (const rule of rules) {
    if (!groups.includes(rule.group)) continue;
    const current = result.get(rule.labSlug);
    if (!current || LAB_ROLES.indexOf(rule.role) < LAB_ROLES.indexOf(current.role))
      result.set(rule.labSlug, { role: rule.role, group: rule.group });
  }
  return result;
}

export interface Identity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  displayName: string;
}

/** Who the provider says this is. Entra ID sends no email_verified; its optional claim xms_edov says the same. */
export function identityOf(claims: Claims): Identity {
  const text = (key: string) => (typeof claims[key] === 'string' ? (claims[key] as string).trim() : '');
  const email = text('email').toLowerCase();
  const validEmail = email.length <= 254 && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null;
  const name =
    text('name') ||
    [text('given_name'), text('family_name')].filter(Boolean).join(' ') ||
    text('preferred_username') ||
    validEmail ||
    'Medewerker';
  return {
    issuer: claims.iss,
    subject: claims.sub,
    email: validEmail,
    emailVerified: claims['email_verified'] === true || claims['xms_edov'] === true,
    displayName: name.slice(0, 120),
  };
}

const message = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
};
/** Network trouble reaching the provider (as opposed to an answer that does not check out). */
const unreachable = (error: unknown): boolean =>
  error instanceof Error &&
  (error.name === 'AbortError' ||
    error.name === 'TimeoutError' ||
    (error.name === 'TypeError' && /fetch failed/.test(error.message)));

@Injectable()
export class OidcService {
  private readonly logger = new Logger('auth');

  constructor(
    private readonly config: AppConfig,
    private readonly client: OidcClient,
    private readonly repository: OidcRepository,
    private readonly auth: SessionsService,
  ) {}

  providers(): { oidc: { enabled: boolean; label: string | null } } {
    return {
      oidc: {
        enabled: this.config.oidcEnabled,
        label: this.config.oidcEnabled ? (this.config.OIDC_LABEL ?? null) : null,
      },
    };
  }

  /**
   * Starts a sign-in: state, nonce and a PKCE verifier kept on the server under the hash of a new cookie value,
   * and the provider's authorization URL (response_type=code, code_challenge_method=S256).
   */
  async start(origin: string, returnTo: unknown): Promise<{ url: string; cookie: string }> {
    const target = safeReturnTo(returnTo);
    if (!this.config.oidcEnabled) throw new OidcFailure('oidc_not_configured', 'OIDC is not configured', target);
    try {
      const checks = await this.client.randomChecks();
      const redirectUri = this.config.OIDC_REDIRECT_URI ?? `${origin}${CALLBACK_PATH}`;
      const url = await this.client.authorizationUrl({
        redirectUri,
        state: checks.state,
        nonce: checks.nonce,
        codeChallenge: checks.codeChallenge,
      });
      const cookie = newToken();
      await this.repository.savePending(sha256(cookie), {
        ...checks,
        redirectUri,
        returnTo: target,
        expiresAt: Date.now() + SIGN_IN_TTL_MS,
      });
      return { url: url.href, cookie };
    } catch (error) {
      throw this.refused(new OidcFailure('oidc_provider', `could not start: ${message(error)}`, target));
    }
  }

  /**
   * Completes a sign-in from the provider's answer: the sign-in in progress (once), its state, the code exchange
   * (PKCE verifier, nonce), then the account (found, linked or created), its role and lab memberships, and a session.
   */
  async finish(
    cookie: string | undefined,
    query: Record<string, unknown>,
    search: string,
    previousSessionId: string | null,
  ): Promise<{ token: string; csrfToken: string; returnTo: string }> {
    if (!this.config.oidcEnabled) throw this.refused(new OidcFailure('oidc_not_configured', 'OIDC is not configured'));
    const pending = cookie && cookie.length <= 100 ? await this.repository.takePending(sha256(cookie)) : null;
    if (!pending)
      throw this.refused(
        new OidcFailure(
          'oidc_state',
          cookie ? 'no sign-in in progress for this cookie (used, expired or unknown)' : 'no sign-in cookie',
        ),
      );
    const { returnTo } = pending;
    if (pending.expiresAt < Date.now())
      throw this.refused(new OidcFailure('oidc_state', 'the sign-in took too long', returnTo));
    if (query['state'] !== pending.state)
      throw this.refused(new OidcFailure('oidc_state', 'state does not match the sign-in in progress', returnTo));
    if (typeof query['error'] === 'string') {
      const code = ['access_denied', 'login_required', 'consent_required', 'interaction_required'].includes(
        query['error'],
      )
        ? 'oidc_cancelled'
        : 'oidc_provider';
      throw this.refused(new OidcFailure(code, `provider answered ${String(query['error']).slice(0, 60)}`, returnTo));
    }

    const callbackUrl = new URL(pending.redirectUri);
    callbackUrl.search = search;
    let result: { claims: Claims; idToken: string };
    try {
      result = await this.client.exchange({
        callbackUrl,
        state: pending.state,
        nonce: pending.nonce,
        codeVerifier: pending.codeVerifier,
      });
    } catch (error) {
      throw this.refused(
        new OidcFailure(unreachable(error) ? 'oidc_provider' : 'oidc_failed', message(error), returnTo),
      );
    }

    const identity = identityOf(result.claims);
    const groups = groupsOf(result.claims, this.config.OIDC_GROUPS_CLAIM);
    let outcome: { userId: number; how: string };
    try {
      outcome = await this.repository.signIn((writes) => this.account(writes, identity, groups, returnTo));
    } catch (error) {
      if (error instanceof OidcFailure) throw this.refused(error);
      throw error;
    }
    const session = await this.auth.createSession(outcome.userId);
    await this.repository.keepIdToken(sha256(session.token), result.idToken);
    await this.auth.logout(previousSessionId);
    this.logger.log({ msg: 'login', via: 'oidc', userId: outcome.userId, account: outcome.how });
    return { ...session, returnTo };
  }

  /**
   * Ends the local session; for a session that began at the provider, also the address that ends it there
   * (RP-initiated logout with id_token_hint and post_logout_redirect_uri), or null.
   */
  async logout(sessionId: string | null, origin: string): Promise<string | null> {
    const idToken = sessionId && this.config.oidcEnabled ? await this.repository.idTokenOf(sessionId) : null;
    await this.auth.logout(sessionId);
    if (!idToken) return null;
    const site = this.config.OIDC_REDIRECT_URI ? new URL(this.config.OIDC_REDIRECT_URI).origin : origin;
    try {
      return await this.client.endSessionUrl(idToken, `${site}/`);
    } catch (error) {
      this.logger.warn({ msg: 'oidc logout: no end-session address', reason: message(error) });
      return null;
    }
  }

  private async account(
    writes: OidcSignInWrites,
    identity: Identity,
    groups: string[],
    returnTo: string,
  ): Promise<{ userId: number; how: string }> {
    let account = await writes.byIdentity(identity.issuer, identity.subject);
    let how = 'known';
    if (account?.deleted) {
      await writes.unlink(account.id);
      account = null;
    }
    if (!account && identity.email) {
      const byEmail = await writes.byEmail(identity.email);
      if (byEmail) {
        // Linking hands the account over to whoever the provider vouches for: only for an address it has verified.
        if (byEmail.linked || !identity.emailVerified || byEmail.deleted) {
          throw new OidcFailure(
            'oidc_email_in_use',
            `e-mail address in use by account ${byEmail.id} ` +
              `(${byEmail.linked ? 'linked to another identity' : 'address not verified by the provider'})`,
            returnTo,
          );
        }
        await writes.link(byEmail.id, identity.issuer, identity.subject);
        account = byEmail;
        how = 'linked';
      }
    }
    if (!account) {
      account = await writes.create({
        email: identity.email,
        displayName: identity.displayName,
        issuer: identity.issuer,
        subject: identity.subject,
      });
      how = 'created';
    }
    if (account.deactivated)
      throw new OidcFailure('account_deactivated', `account ${account.id} is deactivated`, returnTo);

    const role = installationRoleFor(groups, account, this.config.oidcAdminGroups, this.config.oidcStaffGroups);
    if (role && role !== account.installationRole) {
      await writes.setInstallationRole(account.id, role);
      await writes.record({
        entityType: 'user',
        entityId: account.id,
        labId: null,
        userId: account.id,
        before: { installationRole: account.installationRole },
        after: { installationRole: role, via: 'oidc' },
      });
    }
    for (const [slug, { role: labRole, group }] of labRolesFor(groups, this.config.oidcLabRoles)) {
      const labId = await writes.labIdBySlug(slug);
      if (labId === null) {
        this.logger.warn({ msg: 'OIDC_LAB_ROLES names a lab that does not exist', slug });
        continue;
      }
      if (await writes.hasMembership(labId, account.id)) continue;
      await writes.addMembership(labId, account.id, labRole);
      await writes.record({
        entityType: 'lab_member',
        entityId: account.id,
        labId,
        userId: account.id,
        before: null,
        after: { role: labRole, viaOidcGroup: group },
      });
    }
    return { userId: account.id, how };
  }

  private refused(failure: OidcFailure): OidcFailure {
    this.logger.warn({ msg: 'oidc sign-in refused', code: failure.code, reason: failure.message });
    return failure;
  }
}
