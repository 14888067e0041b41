import { ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ApiClient } from '../support/api-client';
import { databaseKind, freshDatabase, POSTGRES_URL, sql, startTestApp } from '../support/test-app';

/**
 * Staff sign-in with OpenID Connect against a real OpenID Provider (oidc-provider, tests/support/oidc-provider.mjs)
 * on 127.0.0.1. openid-client is an ES module, which Jest's module loader cannot load, so the app under test is the
 * built server (npm run build) in a child process, on a fresh database that the test reads and writes beside it.
 */
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'backend', 'main.js');
const CLIENT = { id: 'proeftuin', secret: 'test-client-secret-0123456789' };
const ADMIN = { email: 'beheer@gemeente.test', password: 'beheer-wachtwoord-lang' };
const LAB_SLUG = 'wijk-oost-teststad';

type Claims = { email: string; email_verified: boolean; name: string; groups: string[] };
const ACCOUNTS: Record<string, Claims> = {
  'sub-admin': {
    email: 'ict@gemeente.test',
    email_verified: true,
    name: 'Ilse ICT',
    groups: ['proeftuin-beheer', 'iedereen'],
  },
  'sub-staff': {
    email: 'wijkteam@gemeente.test',
    email_verified: true,
    name: 'Wim Wijkteam',
    groups: ['wijkteam-oost'],
  },
  'sub-member': { email: 'balie@gemeente.test', email_verified: true, name: 'Bea Balie', groups: ['iedereen'] },
  'sub-breakglass': { email: ADMIN.email, email_verified: true, name: 'Beheerder', groups: ['iedereen'] },
  'sub-impostor': {
    email: ADMIN.email,
    email_verified: false,
    name: 'Niet de beheerder',
    groups: ['proeftuin-beheer'],
  },
  'sub-other': { email: 'ander@gemeente.test', email_verified: true, name: 'Olaf Ander', groups: [] },
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A browser's cookies at the provider, following its redirects by hand. */
class ProviderBrowser {
  private readonly cookies = new Map<string, string>();

  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair.indexOf('=');
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
    return response;
  }
}

describe(`sign-in with OpenID Connect (${databaseKind})`, () => {
  let provider: ChildProcess;
  let app: ChildProcess;
  let issuer: string;
  let appBase: string;
  let db: DataSource;
  const output: string[] = [];
  const database = freshDatabase();

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error('Build the product first: npm run build');
    const [opPort, appPort] = await Promise.all([freePort(), freePort()]);
    issuer = `http://127.0.0.1:${opPort}`;
    appBase = `http://127.0.0.1:${appPort}`;
    provider = fork(join(ROOT, 'tests', 'support', 'oidc-provider.mjs'), [], {
      env: {
        ...process.env,
        OP_PORT: String(opPort),
        OP_CLIENT_ID: CLIENT.id,
        OP_CLIENT_SECRET: CLIENT.secret,
        OP_REDIRECT_URI: `${appBase}/api/auth/oidc/callback`,
        OP_POST_LOGOUT_REDIRECT_URI: `${appBase}/`,
        OP_ACCOUNTS: JSON.stringify(ACCOUNTS),
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    provider.stderr!.on('data', (d) => output.push(`[op] ${String(d)}`));
    const up = new Promise<void>((resolve, reject) => {
      provider.once('message', () => resolve());
      provider.once('exit', (code) => reject(new Error(`provider exited (${code}): ${output.join('')}`)));
    });
    app = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...database.env,
        PORT: String(appPort),
        DEMO_DATA: 'false',
        STATIC_DIR: '/nonexistent',
        LOG_LEVEL: 'info',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: CLIENT.id,
        OIDC_CLIENT_SECRET: CLIENT.secret,
        OIDC_LABEL: 'Gemeente Teststad',
        OIDC_ADMIN_GROUPS: 'proeftuin-beheer',
        OIDC_STAFF_GROUPS: 'wijkteam-oost, wijkteam-west',
        OIDC_LAB_ROLES:
          `wijkteam-oost=${LAB_SLUG}:partner,iedereen=${LAB_SLUG}:observer,` +
          'wijkteam-west=lab-die-er-niet-is:partner',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout!.on('data', (d) => output.push(String(d)));
    app.stderr!.on('data', (d) => output.push(String(d)));
    await up;
    for (let i = 0; ; i++) {
      if (app.exitCode !== null) throw new Error(`server exited: ${output.join('')}`);
      if (
        await fetch(`${appBase}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 300) throw new Error(`server did not start: ${output.join('')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    db = POSTGRES_URL
      ? new DataSource({
          type: 'postgres',
          url: POSTGRES_URL,
          extra: { options: `-c search_path=${database.env['DATABASE_SCHEMA']}` },
        })
      : new DataSource({ type: 'better-sqlite3', database: database.env['SQLITE_PATH'], timeout: 5000 });
    await db.initialize();
    // The lab that OIDC_LAB_ROLES names, started by the break-glass admin (a local account).
    const admin = new ApiClient(appBase);
    await admin.login(ADMIN.email, ADMIN.password);
    const lab = await admin.post('/api/labs', {
      name: 'Wijk Oost',
      question: 'Hoe kunnen we buren verbinden?',
      aim: 'Iedereen kent iemand.',
      municipality: 'Teststad',
      themes: [],
    });
    expect(lab.body.slug).toBe(LAB_SLUG);
  });

  afterAll(async () => {
    await db?.destroy();
    for (const child of [app, provider]) {
      if (!child || child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    await database.drop();
  });

  /** The provider's redirect back to the app (the callback URL with code and state), after logging in as `account`. */
  async function atProvider(
    authorizationUrl: string,
    account: string,
    options: { deny?: boolean } = {},
    browser = new ProviderBrowser(),
  ): Promise<URL> {
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop++) {
      if (url.startsWith(appBase)) return new URL(url);
      const target = new URL(url, issuer);
      if (target.pathname.startsWith('/interaction/'))
        target.searchParams.set(options.deny ? 'deny' : 'account', account);
      const response = await browser.get(target.href);
      const location = response.headers.get('location');
      if (!location)
        throw new Error(`provider stopped at ${target.pathname}: ${response.status} ${await response.text()}`);
      url = new URL(location, target).href;
    }
    throw new Error('too many redirects at the provider');
  }

  /** Starts a sign-in at the app; returns the authorization URL it redirects to. */
  async function start(client: ApiClient, returnTo?: string): Promise<URL> {
    const response = await client.get(
      `/api/auth/oidc/login${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`,
    );
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location')!);
  }

  /** Back at the app with the provider's answer: where the app sends the browser. */
  async function callback(client: ApiClient, url: URL): Promise<string> {
    const response = await client.get(url.pathname + url.search);
    expect(response.status).toBe(302);
    return response.headers.get('location')!;
  }

  async function signIn(account: string, returnTo?: string) {
    const client = new ApiClient(appBase);
    const browser = new ProviderBrowser();
    const landed = await callback(client, await atProvider((await start(client, returnTo)).href, account, {}, browser));
    const session = await client.get('/api/auth/session');
    return { client, browser, landed, user: session.body.user };
  }

  const userRow = async (subject: string) =>
    (
      await sql(
        db,
        'SELECT id, email, installation_role, oidc_issuer, oidc_subject, password_hash ' +
          'FROM users WHERE oidc_subject = $1',
        [subject],
      )
    )[0];

  it('tells the login page that OIDC is on, and with which label', async () => {
    const response = await new ApiClient(appBase).get('/api/auth/providers');
    expect(response.body).toEqual({ oidc: { enabled: true, label: 'Gemeente Teststad' } });
  });

  it(
    'asks the provider for an authorization code with PKCE S256, ' + 'state and nonce (no implicit or hybrid flow)',
    async () => {
      const client = new ApiClient(appBase);
      const response = await client.get('/api/auth/oidc/login');
      expect(response.status).toBe(302);
      const url = new URL(response.headers.get('location')!);
      expect(`${url.origin}${url.pathname}`).toBe(`${issuer}/auth`);
      const p = Object.fromEntries(url.searchParams);
      expect(p).toMatchObject({
        response_type: 'code',
        code_challenge_method: 'S256',
        client_id: CLIENT.id,
        redirect_uri: `${appBase}/api/auth/oidc/callback`,
        scope: 'openid profile email',
      });
      expect(p['code_challenge']).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(p['state']).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(p['nonce']).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(p['response_mode']).toBeUndefined();
      // The verifier stays on the server: the browser holds only an opaque, httpOnly, SameSite=Lax cookie.
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('oidc_signin='))!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Lax/i);
      const [pending] = await sql(db, 'SELECT state, nonce, code_verifier FROM oidc_sign_ins WHERE state = $1', [
        p['state'],
      ]);
      expect(pending).toMatchObject({ nonce: p['nonce'] });
      expect(pending['code_verifier']).not.toBe(p['code_challenge']);
    },
  );

  it(
    'signs in end to end: a session for a new account linked to ' +
      'the identity, an admin by its group, back where sign-in began',
    async () => {
      const { landed, user } = await signIn('sub-admin', '/labs?thema=health');
      expect(landed).toBe('/labs?thema=health');
      expect(user).toMatchObject({
        email: 'ict@gemeente.test',
        displayName: 'Ilse ICT',
        installationRole: 'admin',
        isAdmin: true,
      });
      expect(await userRow('sub-admin')).toMatchObject({ id: user.id, oidc_issuer: issuer, password_hash: null });
    },
  );

  it(
    'makes staff of a staff group, gives the lab role its ' +
      'group maps to, and records the membership in the history',
    async () => {
      const { user } = await signIn('sub-staff');
      expect(user.installationRole).toBe('staff');
      // wijkteam-oost gives partner; nothing for "iedereen" here, as the account is not in it.
      expect(user.memberships).toEqual([expect.objectContaining({ labSlug: LAB_SLUG, role: 'partner' })]);
      const history = await sql(
        db,
        "SELECT entity_id, lab_id, action, changes FROM history WHERE entity_type = 'lab_member' AND entity_id = $1",
        [user.id],
      );
      expect(history).toHaveLength(1);
      const changes =
        typeof history[0]['changes'] === 'string' ? JSON.parse(history[0]['changes'] as string) : history[0]['changes'];
      expect(changes).toMatchObject({
        role: { from: null, to: 'partner' },
        viaOidcGroup: { from: null, to: 'wijkteam-oost' },
      });
      // Signing in again finds the same account and adds nothing twice.
      const again = await signIn('sub-staff');
      expect(again.user.id).toBe(user.id);
      expect(
        await sql(db, "SELECT id FROM history WHERE entity_type = 'lab_member' AND entity_id = $1", [user.id]),
      ).toHaveLength(1);
    },
  );

  it(
    'sets the installation role from the groups at every sign-in: ' +
      'member without a group, admin once in one, member again after',
    async () => {
      const first = await signIn('sub-member');
      expect(first.user).toMatchObject({ installationRole: 'member', isAdmin: false });
      expect(first.user.memberships).toEqual([expect.objectContaining({ labSlug: LAB_SLUG, role: 'observer' })]);
      await setClaims('sub-member', { ...ACCOUNTS['sub-member'], groups: ['iedereen', 'proeftuin-beheer'] });
      expect((await signIn('sub-member')).user.installationRole).toBe('admin');
      await setClaims('sub-member', ACCOUNTS['sub-member']);
      expect((await signIn('sub-member')).user.installationRole).toBe('member');
      const roles = await sql(
        db,
        "SELECT changes FROM history WHERE entity_type = 'user' AND entity_id = $1 ORDER BY id",
        [first.user.id],
      );
      expect(roles).toHaveLength(2);
    },
  );

  it('does not hand a local account to an identity whose e-mail address the provider has not verified', async () => {
    const client = new ApiClient(appBase);
    const landed = await callback(client, await atProvider((await start(client)).href, 'sub-impostor'));
    expect(landed).toBe('/inloggen?fout=oidc_email_in_use');
    expect((await client.get('/api/auth/session')).body.user).toBeNull();
    expect(
      (await sql(db, 'SELECT oidc_subject FROM users WHERE email = $1', [ADMIN.email]))[0]['oidc_subject'],
    ).toBeNull();
  });

  it(
    'links the break-glass admin by its verified address, and ' +
      'its local password keeps it admin outside the admin groups',
    async () => {
      const [local] = await sql(db, 'SELECT id FROM users WHERE email = $1', [ADMIN.email]);
      const { user } = await signIn('sub-breakglass');
      expect(user).toMatchObject({ id: Number(local['id']), installationRole: 'admin' });
      expect(await userRow('sub-breakglass')).toMatchObject({ oidc_issuer: issuer });
      // The password still works beside it.
      await new ApiClient(appBase).login(ADMIN.email, ADMIN.password);
    },
  );

  it('refuses a deactivated account with a clear code and no session', async () => {
    const { user } = await signIn('sub-other');
    await sql(db, 'UPDATE users SET deactivated_at = $1 WHERE id = $2', [
      databaseKind === 'postgres' ? new Date() : new Date().toISOString(),
      user.id,
    ]);
    const client = new ApiClient(appBase);
    const landed = await callback(client, await atProvider((await start(client, '/mijn-labs')).href, 'sub-other'));
    expect(landed).toBe('/inloggen?fout=account_deactivated&terug=%2Fmijn-labs');
    expect((await client.get('/api/auth/session')).body.user).toBeNull();
  });

  it('refuses a wrong state, and a callback used twice', async () => {
    const client = new ApiClient(appBase);
    const back = await atProvider((await start(client)).href, 'sub-staff');
    const forged = new URL(back);
    forged.searchParams.set('state', 'not-the-state-of-this-sign-in');
    expect(await callback(client, forged)).toBe('/inloggen?fout=oidc_state');
    expect((await client.get('/api/auth/session')).body.user).toBeNull();

    const second = new ApiClient(appBase);
    const answer = await atProvider((await start(second)).href, 'sub-staff');
    const used = second.cookie('oidc_signin')!;
    expect(await callback(second, answer)).toBe('/');
    const replay = new ApiClient(appBase);
    replay.setCookie('oidc_signin', used);
    expect(await callback(replay, answer)).toBe('/inloggen?fout=oidc_state');
    expect(await callback(new ApiClient(appBase), answer)).toBe('/inloggen?fout=oidc_state');
  });

  it('refuses an ID token whose nonce is not the one this sign-in sent', async () => {
    const client = new ApiClient(appBase);
    const authorization = await start(client);
    // The provider puts the nonce of the request in the ID token; the sign-in on the server expects another.
    await sql(db, 'UPDATE oidc_sign_ins SET nonce = $1 WHERE state = $2', [
      'a-nonce-the-provider-never-saw',
      authorization.searchParams.get('state'),
    ]);
    const before = output.length;
    expect(await callback(client, await atProvider(authorization.href, 'sub-staff'))).toBe(
      '/inloggen?fout=oidc_failed',
    );
    expect((await client.get('/api/auth/session')).body.user).toBeNull();
    for (let i = 0; i < 50 && !/nonce/.test(output.slice(before).join('')); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(output.slice(before).join('')).toMatch(/oidc sign-in refused.*nonce/);
  });

  it('says so when the user cancels at the provider', async () => {
    const client = new ApiClient(appBase);
    expect(
      await callback(client, await atProvider((await start(client, '/labs')).href, 'sub-staff', { deny: true })),
    ).toBe('/inloggen?fout=oidc_cancelled&terug=%2Flabs');
  });

  it('only returns to paths on this site', async () => {
    expect((await signIn('sub-staff', '//elders.example/pad')).landed).toBe('/');
    expect((await signIn('sub-staff', 'https://elders.example/')).landed).toBe('/');
  });

  it(
    'logs out locally and at the provider ' + '(RP-initiated logout with id_token_hint and post_logout_redirect_uri)',
    async () => {
      const { client, browser, user } = await signIn('sub-admin');
      expect(user).not.toBeNull();
      const response = await client.post('/api/auth/oidc/logout');
      expect(response.status).toBe(200);
      expect((await client.get('/api/auth/session')).body.user).toBeNull();
      const end = new URL(response.body.redirectTo);
      expect(`${end.origin}${end.pathname}`).toBe(`${issuer}/session/end`);
      expect(end.searchParams.get('post_logout_redirect_uri')).toBe(`${appBase}/`);
      expect(end.searchParams.get('client_id')).toBe(CLIENT.id);
      const hint = JSON.parse(
        Buffer.from(end.searchParams.get('id_token_hint')!.split('.')[1], 'base64url').toString(),
      );
      expect(hint).toMatchObject({ iss: issuer, sub: 'sub-admin', aud: CLIENT.id });
      // The provider accepts the hint and the address, asks to confirm, and then sends the browser back to the app.
      const page = await browser.get(end.href);
      expect(page.status).toBe(200);
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(await page.text())![1];
      const confirmed = await browser.get(`${issuer}/session/end/confirm`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
      });
      expect(confirmed.headers.get('location')).toBe(`${appBase}/`);
    },
  );

  it('logs a local session out with nowhere else to go', async () => {
    const client = new ApiClient(appBase);
    await client.login(ADMIN.email, ADMIN.password);
    const response = await client.post('/api/auth/oidc/logout');
    expect(response.body).toEqual({ ok: true, redirectTo: null });
    expect((await client.get('/api/auth/session')).body.user).toBeNull();
  });

  function setClaims(account: string, claims: Claims): Promise<void> {
    return new Promise((resolve) => {
      provider.once('message', () => resolve());
      provider.send({ account, claims });
    });
  }
});

describe('without OIDC configured', () => {
  it('says it is off, and sends sign-in attempts back to the login page with a code', async () => {
    const t = await startTestApp();
    try {
      const client = new ApiClient(t.baseUrl);
      expect((await client.get('/api/auth/providers')).body).toEqual({ oidc: { enabled: false, label: null } });
      for (const path of ['/api/auth/oidc/login?returnTo=/labs', '/api/auth/oidc/callback?code=x&state=y']) {
        const response = await client.get(path);
        expect(response.status).toBe(302);
        expect(response.headers.get('location')).toMatch(/^\/inloggen\?fout=oidc_not_configured/);
      }
      expect((await client.post('/api/auth/oidc/logout')).body).toEqual({ ok: true, redirectTo: null });
    } finally {
      await t.close();
    }
  });
});
