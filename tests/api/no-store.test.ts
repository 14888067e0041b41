import { request } from 'node:http';
import { SESSION_COOKIE } from '../../backend/src/common/request-context';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import { ApiClient } from '../support/api-client';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';

/**
 * A GET as a browser sends it (fetch() adds Cache-Control: no-cache, which forbids a 304), with a session cookie if
 * given.
 */
function browserGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; etag: string; cacheControl: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          etag: String(res.headers.etag ?? ''),
          cacheControl: String(res.headers['cache-control'] ?? ''),
        }),
      );
    })
      .on('error', reject)
      .end();
  });
}

/** Personal data is never kept by a browser or a proxy; public answers are still kept and revalidated (304). */
describe(`Cache-Control on ${databaseKind}`, () => {
  let t: TestApp;
  let coordinator: ApiClient;
  let admin: ApiClient;
  let labId: number;
  let participantId: number;
  let observationId: number;
  let iterationId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const user = await makeUser(t.dataSource);
    const lab = await makeLab(t.dataSource, { visibility: 'public' });
    labId = lab.id;
    await addMember(t.dataSource, lab, user, 'coordinator');
    coordinator = new ApiClient(t.baseUrl);
    await coordinator.login(user.email!, PASSWORD);
    const adminUser = await makeUser(t.dataSource, { installationRole: 'admin' } as never);
    admin = new ApiClient(t.baseUrl);
    await admin.login(adminUser.email!, PASSWORD);
    participantId = (
      await coordinator.post(`/api/labs/${labId}/participants`, {
        pseudonym: 'Buurvrouw A.',
        groups: ['65+'],
        consent: { participation: true, quote: true, photo: false, contact: false, textVersion: 'v1' },
      })
    ).body.id;
    observationId = (
      await coordinator.post(`/api/labs/${labId}/observations`, {
        kind: 'story',
        observedOn: '2025-03-02',
        storyText: 'Ik ken nu mijn buren.',
        perspective: 'resident',
        participantId,
        audience: 'public',
      })
    ).body.id;
    const experimentId = (
      await coordinator.post(`/api/labs/${labId}/experiments`, { title: 'Buurtmaaltijd', description: 'Elke maand' })
    ).body.id;
    iterationId = (
      await coordinator.post(`/api/experiments/${experimentId}/iterations`, {
        startsOn: '2025-03-01',
        plan: 'Samen eten',
      })
    ).body.id;
    expect([participantId, observationId, iterationId]).not.toContain(undefined);
  });
  afterAll(() => t.close());

  it('sends no-store with every answer that holds personal data', async () => {
    const routes: [ApiClient, string][] = [
      [coordinator, `/api/labs/${labId}/participants`],
      [coordinator, `/api/participants/${participantId}`],
      [coordinator, `/api/participants/${participantId}/personal-data`],
      [coordinator, `/api/labs/${labId}/history`],
      [coordinator, `/api/labs/${labId}/members`],
      [coordinator, `/api/labs/${labId}/invitations`],
      [coordinator, `/api/labs/${labId}/observations`],
      [coordinator, `/api/observations/${observationId}`],
      [coordinator, `/api/iterations/${iterationId}/attendance`],
      [coordinator, `/api/labs/${labId}/export`],
      [coordinator, `/api/labs/${labId}/export/participants.csv`],
      [coordinator, '/api/auth/session'],
      [coordinator, `/api/labs/${labId}`],
      [admin, '/api/users'],
      [new ApiClient(t.baseUrl), '/api/auth/session'],
      [new ApiClient(t.baseUrl), `/api/labs/${labId}/observations`],
      [new ApiClient(t.baseUrl), `/api/observations/${observationId}`],
    ];
    for (const [client, path] of routes) {
      const res = await client.get(path);
      expect({ path, status: res.status, cacheControl: res.headers.get('cache-control') }).toEqual({
        path,
        status: 200,
        cacheControl: 'no-store',
      });
    }
    // Refused answers too.
    expect((await new ApiClient(t.baseUrl).get(`/api/labs/${labId}/participants`)).headers.get('cache-control')).toBe(
      'no-store',
    );
    for (const path of ['/api/access-links/geen-geldige-link', '/api/invitations/by-token/geen-geldige-link']) {
      expect({ path, cacheControl: (await new ApiClient(t.baseUrl).get(path)).headers.get('cache-control') }).toEqual({
        path,
        cacheControl: 'no-store',
      });
    }
  });

  it('keeps public answers revalidatable: charts, timeline and the library answer 304 to their ETag', async () => {
    const cookie = `${SESSION_COOKIE}=${coordinator.cookie(SESSION_COOKIE)}`;
    for (const path of [
      `/api/labs/${labId}/charts`,
      `/api/labs/${labId}/timeline`,
      '/api/library',
      `/api/labs/${labId}`,
    ]) {
      const first = await browserGet(`${t.baseUrl}${path}`);
      expect({ path, status: first.status, noStore: first.cacheControl.includes('no-store') }).toEqual({
        path,
        status: 200,
        noStore: false,
      });
      expect(first.etag).not.toBe('');
      expect((await browserGet(`${t.baseUrl}${path}`, { 'if-none-match': first.etag })).status).toBe(304);
    }
    for (const path of [`/api/labs/${labId}/charts`, `/api/labs/${labId}/timeline`, '/api/library']) {
      const first = await browserGet(`${t.baseUrl}${path}`, { cookie });
      expect({ path, cacheControl: first.cacheControl }).toEqual({
        path,
        cacheControl: expect.not.stringContaining('no-store'),
      });
      expect((await browserGet(`${t.baseUrl}${path}`, { cookie, 'if-none-match': first.etag })).status).toBe(304);
    }
    expect((await browserGet(`${t.baseUrl}/api/labs/${labId}/charts`, { cookie })).cacheControl).toBe(
      'private, no-cache',
    );
  });
});
