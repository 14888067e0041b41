import { sha256 } from '../../backend/src/common/tokens';
import { ApiClient, expectProblem } from '../support/api-client';
import { sql, startTestApp, TestApp } from '../support/test-app';
import { makeUser, PASSWORD } from '../factories';

describe('accounts, sessions and CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
  });
  afterAll(() => t.close());

  it('tells a visitor nobody is logged in and hands out a readable CSRF cookie', async () => {
    const client = new ApiClient(t.baseUrl);
    const response = await client.get('/api/auth/session');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ user: null });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('csrf='))!;
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).not.toMatch(/HttpOnly/i);
  });

  it(
    'logs in with an httpOnly SameSite session cookie, stores ' +
      'only the token hash, and returns the user without secrets',
    async () => {
      const user = await makeUser(t.dataSource, { email: 'sanne@test.nl', displayName: 'Sanne' });
      const client = new ApiClient(t.baseUrl);
      const response = await client.login('Sanne@Test.nl', PASSWORD);
      expect(response.body.user).toMatchObject({
        id: user.id,
        email: 'sanne@test.nl',
        displayName: 'Sanne',
        installationRole: 'staff',
        isAdmin: false,
        memberships: [],
      });
      expect(response.text).not.toMatch(/argon2|passwordHash|password_hash|"password"/i);
      const sid = response.headers.getSetCookie().find((c) => c.startsWith('sid='))!;
      expect(sid).toMatch(/HttpOnly/i);
      expect(sid).toMatch(/SameSite=Lax/i);
      const token = client.cookie('sid')!;
      const rows = await sql(t.dataSource, 'SELECT id FROM sessions WHERE user_id = $1', [user.id]);
      expect(rows.map((r) => r['id'])).toEqual([sha256(token)]);
      expect((await client.get('/api/auth/session')).body.user.id).toBe(user.id);
    },
  );

  it('refuses a wrong password with a problem naming the field, the same as an unknown e-mail', async () => {
    await makeUser(t.dataSource, { email: 'piet@test.nl' });
    const client = new ApiClient(t.baseUrl);
    const wrong = expectProblem(
      await client.post('/api/auth/login', { email: 'piet@test.nl', password: 'nope' }),
      401,
      'invalid_credentials',
    );
    const unknown = expectProblem(
      await client.post('/api/auth/login', { email: 'niemand@test.nl', password: 'nope' }),
      401,
      'invalid_credentials',
    );
    expect(wrong.errors).toEqual([{ field: 'password', code: 'wrong_password', message: expect.any(String) }]);
    expect(unknown.detail).toBe(wrong.detail);
  });

  it('validates the login body: a missing e-mail and an unknown field are named', async () => {
    const client = new ApiClient(t.baseUrl);
    const problem = expectProblem(
      await client.post('/api/auth/login', { password: 'x', admin: true }),
      400,
      'validation_failed',
    );
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['admin', 'email']);
  });

  it('refuses a state-changing request without the CSRF header, or with another token', async () => {
    await makeUser(t.dataSource, { email: 'csrf@test.nl' });
    const client = new ApiClient(t.baseUrl);
    await client.get('/api/auth/session');
    client.sendCsrf = false;
    expectProblem(
      await client.post('/api/auth/login', { email: 'csrf@test.nl', password: PASSWORD }),
      403,
      'csrf_failed',
    );
    const forged = await client.request(
      'POST',
      '/api/auth/login',
      { email: 'csrf@test.nl', password: PASSWORD },
      { 'x-csrf-token': 'forged-token-value' },
    );
    expectProblem(forged, 403, 'csrf_failed');
  });

  it('binds the CSRF token to the session: a logged-in request with the anonymous token is refused', async () => {
    await makeUser(t.dataSource, { email: 'bound@test.nl' });
    const client = new ApiClient(t.baseUrl);
    await client.get('/api/auth/session');
    const anonymousToken = client.cookie('csrf')!;
    await client.login('bound@test.nl', PASSWORD);
    expect(client.cookie('csrf')).not.toBe(anonymousToken);
    client.setCookie('csrf', anonymousToken);
    expectProblem(
      await client.request('PATCH', '/api/users/me', { locale: 'en' }, { 'x-csrf-token': anonymousToken }),
      403,
      'csrf_failed',
    );
  });

  it('ends the session on logout: the old cookie no longer works, also when replayed', async () => {
    await makeUser(t.dataSource, { email: 'logout@test.nl' });
    const client = new ApiClient(t.baseUrl);
    await client.login('logout@test.nl', PASSWORD);
    const stolen = client.cookie('sid')!;
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    expect((await client.get('/api/auth/session')).body).toEqual({ user: null });
    const replay = new ApiClient(t.baseUrl);
    replay.setCookie('sid', stolen);
    expect((await replay.get('/api/auth/session')).body).toEqual({ user: null });
    expectProblem(await replay.patch('/api/users/me', { locale: 'en' }), 401, 'unauthenticated');
  });

  it('rate-limits login attempts per e-mail address with 429 and Retry-After', async () => {
    await makeUser(t.dataSource, { email: 'limit@test.nl' });
    const client = new ApiClient(t.baseUrl);
    for (let i = 0; i < 3; i++)
      expect((await client.post('/api/auth/login', { email: 'limit@test.nl', password: 'wrong' })).status).toBe(401);
    const limited = await client.post('/api/auth/login', { email: 'limit@test.nl', password: PASSWORD });
    expectProblem(limited, 429, 'rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('lets a user change their language, kept on the account', async () => {
    const user = await makeUser(t.dataSource, { email: 'taal@test.nl' });
    const client = new ApiClient(t.baseUrl);
    await client.login('taal@test.nl', PASSWORD);
    expect((await client.patch('/api/users/me', { locale: 'en' })).body.locale).toBe('en');
    expect((await sql(t.dataSource, 'SELECT locale FROM users WHERE id = $1', [user.id]))[0]['locale']).toBe('en');
    expectProblem(await client.patch('/api/users/me', { locale: 'fr' }), 400, 'validation_failed');
  });

  it('sends security headers and no framework fingerprint', async () => {
    const response = await new ApiClient(t.baseUrl).get('/api/health');
    expect(response.body).toMatchObject({ status: 'ok', database: 'ok' });
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
