import { Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import type { SessionsService } from '../users/sessions.service';
import type { Claims, OidcClient } from './oidc-client';
import type { OidcAccount, OidcRepository, OidcSignInWrites, PendingSignIn } from './oidc.repository';
import {
  groupsOf,
  identityOf,
  installationRoleFor,
  labRolesFor,
  OidcFailure,
  OidcService,
  safeReturnTo,
} from './oidc.service';
import { sha256 } from '../common/tokens';

const OIDC_ENV = {
  OIDC_ISSUER: 'https://login.gemeente.example/realms/staff',
  OIDC_CLIENT_ID: 'proeftuin',
  OIDC_CLIENT_SECRET: 'geheim',
};

beforeAll(() => Logger.overrideLogger(false));

describe('OIDC configuration', () => {
  it('is off until issuer, client id and secret are all set, and refuses a part of it', () => {
    expect(AppConfig.fromEnv({}).oidcEnabled).toBe(false);
    expect(AppConfig.fromEnv(OIDC_ENV).oidcEnabled).toBe(true);
    expect(() => AppConfig.fromEnv({ OIDC_ISSUER: OIDC_ENV.OIDC_ISSUER })).toThrow(/go together/);
  });

  it('accepts plain http only for a provider on this machine', () => {
    expect(() => AppConfig.fromEnv({ ...OIDC_ENV, OIDC_ISSUER: 'http://login.gemeente.example' })).toThrow(
      /OIDC_ISSUER/,
    );
    expect(AppConfig.fromEnv({ ...OIDC_ENV, OIDC_ISSUER: 'http://127.0.0.1:8080' }).OIDC_ISSUER).toBe(
      'http://127.0.0.1:8080',
    );
  });

  it('reads the group lists and the lab-role mapping, and refuses an unknown lab role', () => {
    const config = AppConfig.fromEnv({
      ...OIDC_ENV,
      OIDC_ADMIN_GROUPS: 'beheer',
      OIDC_STAFF_GROUPS: ' wijkteam-oost , , wijkteam-west ',
      OIDC_LAB_ROLES: 'wijkteam-oost=lab-slug:partner, gemeente utrecht=gedeelde-maaltijden-utrecht:observer',
    });
    expect(config.oidcAdminGroups).toEqual(['beheer']);
    expect(config.oidcStaffGroups).toEqual(['wijkteam-oost', 'wijkteam-west']);
    expect(config.oidcLabRoles).toEqual([
      { group: 'wijkteam-oost', labSlug: 'lab-slug', role: 'partner' },
      { group: 'gemeente utrecht', labSlug: 'gedeelde-maaltijden-utrecht', role: 'observer' },
    ]);
    expect(config.OIDC_SCOPES).toBe('openid profile email');
    expect(config.OIDC_GROUPS_CLAIM).toBe('groups');
    expect(() => AppConfig.fromEnv({ ...OIDC_ENV, OIDC_LAB_ROLES: 'team=lab:owner' })).toThrow(/OIDC_LAB_ROLES/);
    expect(() => AppConfig.fromEnv({ ...OIDC_ENV, OIDC_SCOPES: 'profile email' })).toThrow(/openid/);
  });
});

describe('OIDC sign-in rules', () => {
  it('returns only to paths on this site', () => {
    expect(safeReturnTo('/labs/3?tab=verhalen#top')).toBe('/labs/3?tab=verhalen#top');
    for (const bad of [
      '//elders.example',
      '/\\elders.example',
      'https://elders.example/',
      'labs',
      '/a\nb',
      undefined,
      ['/labs'],
      '/' + 'x'.repeat(600),
    ]) {
      expect(safeReturnTo(bad)).toBe('/');
    }
  });

  it('reads groups from a list or a single string, and Keycloak full paths by their name too', () => {
    expect(groupsOf({ groups: ['a', '/b', 3, ''] }, 'groups')).toEqual(['a', '/b', 'b']);
    expect(groupsOf({ roles: 'beheer' }, 'roles')).toEqual(['beheer']);
    expect(groupsOf({}, 'groups')).toEqual([]);
  });

  it(
    'gives admin before staff before member, keeps a local admin admin, and leaves roles alone ' +
      'without group lists',
    () => {
      const member: Pick<OidcAccount, 'installationRole' | 'hasPassword'> = {
        installationRole: 'member',
        hasPassword: false,
      };
      expect(installationRoleFor(['x', 'beheer', 'team'], member, ['beheer'], ['team'])).toBe('admin');
      expect(installationRoleFor(['team'], member, ['beheer'], ['team'])).toBe('staff');
      expect(installationRoleFor([], { installationRole: 'admin', hasPassword: false }, ['beheer'], ['team'])).toBe(
        'member',
      );
      expect(installationRoleFor([], { installationRole: 'admin', hasPassword: true }, ['beheer'], ['team'])).toBe(
        'admin',
      );
      expect(installationRoleFor([], { installationRole: 'staff', hasPassword: true }, ['beheer'], ['team'])).toBe(
        'member',
      );
      expect(installationRoleFor(['beheer'], member, [], [])).toBeNull();
    },
  );

  it('gives each lab the strongest role its groups map to', () => {
    const rules = [
      { group: 'iedereen', labSlug: 'oost', role: 'observer' as const },
      { group: 'team', labSlug: 'oost', role: 'partner' as const },
      { group: 'team', labSlug: 'west', role: 'resident' as const },
      { group: 'ander', labSlug: 'noord', role: 'coordinator' as const },
    ];
    expect([...labRolesFor(['iedereen', 'team'], rules)]).toEqual([
      ['oost', { role: 'partner', group: 'team' }],
      ['west', { role: 'resident', group: 'team' }],
    ]);
  });

  it('takes the name and a verified address from the claims (Entra ID: xms_edov)', () => {
    const base = { iss: 'https://idp', sub: 's1' };
    expect(identityOf({ ...base, email: ' Ilse@Gemeente.NL ', email_verified: true, name: 'Ilse' })).toEqual({
      issuer: 'https://idp',
      subject: 's1',
      email: 'ilse@gemeente.nl',
      emailVerified: true,
      displayName: 'Ilse',
    });
    expect(
      identityOf({ ...base, email: 'a@b.nl', xms_edov: true, given_name: 'An', family_name: 'Bos' }),
    ).toMatchObject({ emailVerified: true, displayName: 'An Bos' });
    expect(identityOf({ ...base, email: 'geen adres', preferred_username: 'abos' })).toMatchObject({
      email: null,
      emailVerified: false,
      displayName: 'abos',
    });
  });
});

describe(OidcService.name, () => {
  const config = AppConfig.fromEnv({
    ...OIDC_ENV,
    OIDC_ADMIN_GROUPS: 'beheer',
    OIDC_STAFF_GROUPS: 'team',
    OIDC_LAB_ROLES: 'team=oost:partner',
  });
  const pending: PendingSignIn = {
    state: 'st',
    nonce: 'no',
    codeVerifier: 'cv',
    redirectUri: 'https://proeftuin.example/api/auth/oidc/callback',
    returnTo: '/labs',
    expiresAt: Date.now() + 60_000,
  };
  const account = (over: Partial<OidcAccount> = {}): OidcAccount => ({
    id: 7,
    email: 'a@b.nl',
    installationRole: 'member',
    hasPassword: false,
    deactivated: false,
    deleted: false,
    linked: true,
    ...over,
  });
  const claims = (over: Partial<Claims> = {}): Claims => ({
    iss: 'https://login.gemeente.example/realms/staff',
    sub: 'abc',
    email: 'a@b.nl',
    email_verified: true,
    name: 'A',
    groups: ['team'],
    ...over,
  });

  function setup(
    found: {
      byIdentity?: OidcAccount | null;
      byEmail?: OidcAccount | null;
      membership?: boolean;
      lab?: number | null;
    } = {},
    given = claims(),
  ) {
    const writes = {
      byIdentity: jest.fn().mockResolvedValue(found.byIdentity ?? null),
      byEmail: jest.fn().mockResolvedValue(found.byEmail ?? null),
      link: jest.fn(),
      unlink: jest.fn(),
      create: jest.fn().mockResolvedValue(account({ id: 9, linked: true })),
      setInstallationRole: jest.fn(),
      labIdBySlug: jest.fn().mockResolvedValue(found.lab === undefined ? 3 : found.lab),
      hasMembership: jest.fn().mockResolvedValue(found.membership ?? false),
      addMembership: jest.fn(),
      record: jest.fn(),
    };
    const repository = {
      takePending: jest.fn().mockResolvedValue({ ...pending }),
      signIn: jest.fn((work: (w: OidcSignInWrites) => Promise<unknown>) => work(writes as unknown as OidcSignInWrites)),
      keepIdToken: jest.fn(),
    };
    const client = { exchange: jest.fn().mockResolvedValue({ claims: given, idToken: 'id.token.jwt' }) };
    const auth = { createSession: jest.fn().mockResolvedValue({ token: 'tok', csrfToken: 'csrf' }), logout: jest.fn() };
    const sut = new OidcService(
      config,
      client as unknown as OidcClient,
      repository as unknown as OidcRepository,
      auth as unknown as SessionsService,
    );
    return { sut, writes, repository, client, auth };
  }

  it(
    'exchanges the code with the verifier, state and nonce of the sign-in, at the redirect URI ' + 'it began with',
    async () => {
      const { sut, client, repository, auth } = setup({ byIdentity: account() });
      const result = await sut.finish('cookie', { code: 'c', state: 'st' }, '?code=c&state=st', 'old-session');
      expect(repository.takePending).toHaveBeenCalledWith(sha256('cookie'));
      expect(client.exchange).toHaveBeenCalledWith({
        callbackUrl: new URL('https://proeftuin.example/api/auth/oidc/callback?code=c&state=st'),
        state: 'st',
        nonce: 'no',
        codeVerifier: 'cv',
      });
      expect(result).toEqual({ token: 'tok', csrfToken: 'csrf', returnTo: '/labs' });
      expect(repository.keepIdToken).toHaveBeenCalledWith(sha256('tok'), 'id.token.jwt');
      expect(auth.logout).toHaveBeenCalledWith('old-session');
    },
  );

  it(
    'refuses a missing or used sign-in, and a state that is not its own, before asking the ' + 'provider anything',
    async () => {
      const { sut, client, repository } = setup();
      await expect(sut.finish(undefined, { state: 'st' }, '', null)).rejects.toMatchObject({ code: 'oidc_state' });
      await expect(sut.finish('cookie', { state: 'other' }, '', null)).rejects.toMatchObject({
        code: 'oidc_state',
        returnTo: '/labs',
      });
      repository.takePending.mockResolvedValueOnce(null);
      await expect(sut.finish('cookie', { state: 'st' }, '', null)).rejects.toBeInstanceOf(OidcFailure);
      repository.takePending.mockResolvedValueOnce({ ...pending, expiresAt: Date.now() - 1 });
      await expect(sut.finish('cookie', { state: 'st' }, '', null)).rejects.toMatchObject({ code: 'oidc_state' });
      expect(client.exchange).not.toHaveBeenCalled();
    },
  );

  it(
    'tells a cancelled sign-in from a failing provider, and a token that does not check out ' +
      'from one that cannot be reached',
    async () => {
      const { sut, client } = setup();
      await expect(sut.finish('cookie', { state: 'st', error: 'access_denied' }, '', null)).rejects.toMatchObject({
        code: 'oidc_cancelled',
      });
      await expect(sut.finish('cookie', { state: 'st', error: 'server_error' }, '', null)).rejects.toMatchObject({
        code: 'oidc_provider',
      });
      client.exchange.mockRejectedValueOnce(new Error('unexpected ID Token "nonce" claim value'));
      await expect(sut.finish('cookie', { state: 'st' }, '', null)).rejects.toMatchObject({ code: 'oidc_failed' });
      client.exchange.mockRejectedValueOnce(new TypeError('fetch failed'));
      await expect(sut.finish('cookie', { state: 'st' }, '', null)).rejects.toMatchObject({ code: 'oidc_provider' });
    },
  );

  it('links a local account with the same verified address that has no identity yet', async () => {
    const { sut, writes } = setup({ byEmail: account({ id: 4, linked: false }) });
    await sut.finish('cookie', { state: 'st' }, '', null);
    expect(writes.link).toHaveBeenCalledWith(4, 'https://login.gemeente.example/realms/staff', 'abc');
    expect(writes.create).not.toHaveBeenCalled();
  });

  it(
    'refuses to link an address the provider has not verified, or one already linked to ' + 'another identity',
    async () => {
      for (const [found, given] of [
        [account({ linked: false }), claims({ email_verified: false })],
        [account({ linked: true }), claims()],
      ] as const) {
        const { sut, writes, auth } = setup({ byEmail: found }, given);
        await expect(sut.finish('cookie', { state: 'st' }, '', null)).rejects.toMatchObject({
          code: 'oidc_email_in_use',
        });
        expect(writes.link).not.toHaveBeenCalled();
        expect(auth.createSession).not.toHaveBeenCalled();
      }
    },
  );

  it('creates an account, makes it staff by its group and adds the lab role, each change in the history', async () => {
    const { sut, writes } = setup();
    await sut.finish('cookie', { state: 'st' }, '', null);
    expect(writes.create).toHaveBeenCalledWith({
      email: 'a@b.nl',
      displayName: 'A',
      issuer: 'https://login.gemeente.example/realms/staff',
      subject: 'abc',
    });
    expect(writes.setInstallationRole).toHaveBeenCalledWith(9, 'staff');
    expect(writes.addMembership).toHaveBeenCalledWith(3, 9, 'partner');
    expect(writes.record).toHaveBeenCalledWith(
      expect.objectContaining({
        entityType: 'lab_member',
        entityId: 9,
        labId: 3,
        before: null,
        after: { role: 'partner', viaOidcGroup: 'team' },
      }),
    );
    expect(writes.record).toHaveBeenCalledWith(
      expect.objectContaining({ entityType: 'user', entityId: 9, after: { installationRole: 'staff', via: 'oidc' } }),
    );
  });

  it('leaves an existing membership and an unknown lab alone', async () => {
    for (const found of [{ membership: true }, { lab: null }]) {
      const { sut, writes } = setup({ byIdentity: account({ installationRole: 'staff' }), ...found });
      await sut.finish('cookie', { state: 'st' }, '', null);
      expect(writes.addMembership).not.toHaveBeenCalled();
      expect(writes.record).not.toHaveBeenCalled();
    }
  });

  it('refuses a deactivated account and starts no session', async () => {
    const { sut, auth, writes } = setup({ byIdentity: account({ deactivated: true }) }, claims({ groups: ['beheer'] }));
    await expect(sut.finish('cookie', { state: 'st' }, '', null)).rejects.toMatchObject({
      code: 'account_deactivated',
    });
    expect(writes.setInstallationRole).not.toHaveBeenCalled();
    expect(auth.createSession).not.toHaveBeenCalled();
  });

  it('lets a deleted account go of its identity, so the person starts afresh', async () => {
    const { sut, writes } = setup({ byIdentity: account({ id: 5, deleted: true }) });
    await sut.finish('cookie', { state: 'st' }, '', null);
    expect(writes.unlink).toHaveBeenCalledWith(5);
    expect(writes.create).toHaveBeenCalled();
  });
});
