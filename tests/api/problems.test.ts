import { ApiClient, expectProblem } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';

describe('errors are problem+json, never a stack trace', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT: '10kb' });
  });
  afterAll(() => t.close());

  it('answers malformed JSON with 400 naming the body', async () => {
    const problem = expectProblem(
      await new ApiClient(t.baseUrl).post('/api/auth/login', '{"email": '),
      400,
      'invalid_json',
    );
    expect(problem.errors).toEqual([{ field: 'body', code: 'not_readable', message: expect.any(String) }]);
  });

  it('answers an oversized body with 413', async () => {
    expectProblem(
      await new ApiClient(t.baseUrl).post('/api/auth/login', { email: 'a@b.nl', password: 'x'.repeat(20_000) }),
      413,
      'payload_too_large',
    );
  });

  it('answers an unknown API address with 404 and a wrong type of id with 400', async () => {
    expectProblem(await new ApiClient(t.baseUrl).get('/api/bestaat-niet'), 404, 'not_found');
    expectProblem(await new ApiClient(t.baseUrl).get('/api/labs/1e3'), 400, 'validation_failed');
    expectProblem(await new ApiClient(t.baseUrl).get('/api/labs/99999999999999999999'), 400, 'validation_failed');
  });

  it('answers arrays, nulls and strings where an object belongs with 400', async () => {
    for (const body of ['[]', 'null', '"text"', '42']) {
      const response = await new ApiClient(t.baseUrl).post('/api/auth/login', body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('logs requests as JSON lines without tokens from the path', async () => {
    await new ApiClient(t.baseUrl).get('/api/invitations/by-token/geheim-token-123');
    const lines = t.logs.map((l) => JSON.parse(l));
    expect(lines.some((l) => l.msg === 'request' && l.route === '/api/invitations/by-token/:token')).toBe(true);
    expect(t.logs.join('\n')).not.toContain('geheim-token-123');
  });
});
