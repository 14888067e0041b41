import { request } from 'node:http';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import { ApiClient } from '../support/api-client';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';

/** A GET as a browser sends it, optionally conditional (fetch() adds Cache-Control: no-cache, which forbids a 304). */
function browserGet(url: string, etag?: string): Promise<{ status: number; etag: string; cacheControl: string }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: etag ? { 'if-none-match': etag } : {} }, (res) => {
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

/** The ETags of a public lab's kept answers follow what a visitor receives, not every change in the lab. */
describe(`ETags of public answers on ${databaseKind}`, () => {
  let t: TestApp;
  let coordinator: ApiClient;
  let labId: number;
  let indicatorId: number;
  let experimentId: number;
  const urls = () => [`${t.baseUrl}/api/labs/${labId}/charts`, `${t.baseUrl}/api/labs/${labId}/timeline`];
  const tags = async () => Promise.all(urls().map(async (url) => (await browserGet(url)).etag));

  beforeAll(async () => {
    t = await startTestApp();
    const user = await makeUser(t.dataSource);
    const lab = await makeLab(t.dataSource, { visibility: 'public' });
    labId = lab.id;
    await addMember(t.dataSource, lab, user, 'coordinator');
    coordinator = new ApiClient(t.baseUrl);
    await coordinator.login(user.email!, PASSWORD);
    indicatorId = (
      await coordinator.post(`/api/labs/${labId}/indicators`, {
        name: 'Bezoekers',
        unit: 'personen',
        signalOf: 'bereik',
      })
    ).body.id;
    experimentId = (
      await coordinator.post(`/api/labs/${labId}/experiments`, { title: 'Buurtmaaltijd', description: 'Elke maand' })
    ).body.id;
    expect(
      (
        await coordinator.post(`/api/experiments/${experimentId}/iterations`, {
          startsOn: '2025-03-01',
          plan: 'Samen eten',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await coordinator.post(`/api/labs/${labId}/observations`, {
          kind: 'measure',
          observedOn: '2025-03-01',
          indicatorId,
          value: 10,
        })
      ).status,
    ).toBe(201);
  });
  afterAll(() => t.close());

  it(
    'keeps the ETag and answers 304 after changes a visitor cannot see, ' + 'and changes it when the answer does',
    async () => {
      const before = await tags();
      before.forEach((tag) => expect(tag).toMatch(/^W\/"/));
      const participant = await coordinator.post(`/api/labs/${labId}/participants`, {
        pseudonym: 'Buurvrouw A.',
        groups: ['65+'],
        consent: { participation: true, quote: true, photo: false, contact: false, textVersion: 'v1' },
      });
      expect(participant.status).toBe(201);
      const story = await coordinator.post(`/api/labs/${labId}/observations`, {
        kind: 'story',
        observedOn: '2025-03-02',
        storyText: 'Alleen voor het team.',
        perspective: 'resident',
        audience: 'lab',
      });
      expect(story.status).toBe(201);
      expect(await tags()).toEqual(before);
      for (const [i, url] of urls().entries()) expect((await browserGet(url, before[i])).status).toBe(304);

      expect(
        (
          await coordinator.post(`/api/labs/${labId}/observations`, {
            kind: 'measure',
            observedOn: '2025-03-03',
            indicatorId,
            value: 12,
          })
        ).status,
      ).toBe(201);
      expect(
        (
          await coordinator.post(`/api/experiments/${experimentId}/iterations`, {
            startsOn: '2025-04-01',
            plan: 'Nog eens',
          })
        ).status,
      ).toBe(201);
      const after = await tags();
      after.forEach((tag, i) => expect(tag).not.toBe(before[i]));
      for (const [i, url] of urls().entries()) {
        expect((await browserGet(url, before[i])).status).toBe(200);
        expect((await browserGet(url, after[i])).status).toBe(304);
      }
    },
  );
});
