import { ApiClient } from '../support/api-client';
import { SseConnection } from '../support/sse';
import { databaseKind, sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';

interface Event {
  id: number;
  type: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cookieHeader = (client: ApiClient) =>
  ['sid', 'tafel']
    .filter((name) => client.cookie(name))
    .map((name) => `${name}=${client.cookie(name)}`)
    .join('; ');

/**
 * Follows a stream as a phone on a bad network does: each connection is dropped after a few messages or a few
 * milliseconds (with messages possibly in flight, which are then not taken), and the next one resumes from the last
 * id taken, as EventSource does. Until `done()` and the last id is `final()`.
 */
async function follow(
  url: string,
  headers: Record<string, string>,
  done: () => boolean,
  final: () => number,
): Promise<{ events: Event[]; ids: number[]; connections: number }> {
  const events: Event[] = [];
  const ids: number[] = [];
  let last: number | undefined;
  let connections = 0;
  const until = Date.now() + 60_000;
  while (!(done() && last === final()) && Date.now() < until) {
    connections++;
    let dropped = false;
    let budget = 1 + Math.floor(Math.random() * 8);
    const connection = await SseConnection.open(url, {
      headers,
      lastEventId: last,
      onMessage: (message) => {
        if (dropped) return;
        if (message.id !== undefined) {
          ids.push(message.id);
          last = message.id;
        }
        if (message.data) events.push(JSON.parse(message.data) as Event);
        if (--budget <= 0) dropped = true;
      },
    });
    const stayMs = 5 + Math.random() * 60;
    for (let waited = 0; waited < stayMs && !dropped; waited += 5) await sleep(5);
    dropped = true;
    await connection.close();
  }
  return { events, ids, connections };
}

describe(`live dialogue streams across dropped connections on ${databaseKind}`, () => {
  let t: TestApp;
  let facilitator: ApiClient;
  let labId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const coordinator = await makeUser(t.dataSource, { installationRole: 'staff' });
    const lab = await makeLab(t.dataSource, { name: 'Wijktafel', visibility: 'public' });
    labId = lab.id;
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    facilitator = new ApiClient(t.baseUrl);
    await facilitator.login(coordinator.email!, PASSWORD);
  });
  afterAll(() => t.close());

  it('loses and repeats no event while notes pour in and clients reconnect with Last-Event-ID, again', async () => {
    const table = (await facilitator.post(`/api/labs/${labId}/dialogues`, { kind: 'focustafel', title: 'Storing' }))
      .body as { id: number; joinCode: string };
    const phones = await Promise.all(
      ['Anouk', 'Bram', 'Cem', 'Daan'].map(async (displayName) => {
        const phone = new ApiClient(t.baseUrl);
        expect((await phone.post('/api/dialogues/join', { code: table.joinCode, displayName })).status).toBe(200);
        return phone;
      }),
    );
    const lastInLog = async () =>
      Number(
        (await sql(t.dataSource, 'SELECT MAX(id) AS id FROM dialogue_events WHERE dialogue_id = $1', [table.id]))[0][
          'id'
        ],
      );
    let writing = true;
    let final = 0;
    const consents = ['public', 'lab', 'none'];
    const writers = phones.map(async (phone, p) => {
      for (let i = 0; i < 30; i++) {
        const posted = await phone.post('/api/dialogue-joiners/me/notes', {
          clientId: `reconnect-${p}-${i}`,
          prompt: 'ontkiemd',
          text: `Notitie ${p}.${i}`,
          consent: consents[(p + i) % 3],
        });
        expect(posted.status).toBe(200);
        const hide = i % 5 === 4;
        const moderated = await facilitator.post(`/api/dialogues/${table.id}/notes/${posted.body.id}/moderate`, {
          status: hide ? 'hidden' : 'shown',
          ...(hide ? { reason: 'Dubbel' } : {}),
        });
        expect(moderated.status).toBe(204);
      }
    });
    const everything = () => !writing;
    const followers = [
      follow(
        `${t.baseUrl}/api/dialogues/${table.id}/events`,
        { cookie: cookieHeader(facilitator) },
        everything,
        () => final,
      ),
      follow(
        `${t.baseUrl}/api/dialogues/${table.id}/screen/events`,
        { cookie: cookieHeader(facilitator) },
        everything,
        () => final,
      ),
      follow(
        `${t.baseUrl}/api/dialogue-joiners/me/events`,
        { cookie: cookieHeader(phones[1]) },
        everything,
        () => final,
      ),
    ];
    await Promise.all(writers);
    final = await lastInLog();
    writing = false;
    const [all, screen, phone] = await Promise.all(followers);

    const log = (
      await sql(t.dataSource, 'SELECT id FROM dialogue_events WHERE dialogue_id = $1 ORDER BY id', [table.id])
    ).map((r) => Number(r['id']));
    expect(log).toHaveLength(4 + 4 * 30 * 2);
    // The facilitator sees every event: exactly the log, in order, each once.
    expect(all.events.map((e) => e.id)).toEqual(log);
    for (const [followed, path] of [
      [screen, `/api/dialogues/${table.id}/screen/events`],
      [phone, '/api/dialogue-joiners/me/events'],
    ] as const) {
      // Strictly rising ids over all connections: nothing sent twice, and each ends on the log's last event.
      expect(followed.ids.every((id, i) => i === 0 || id > followed.ids[i - 1])).toBe(true);
      expect(followed.ids.at(-1)).toBe(final);
      // What the stream gave over all its connections is what one read of the whole log gives this viewer.
      const whole = await (path.startsWith('/api/dialogue-joiners') ? phones[1] : facilitator).get(path);
      expect(followed.events).toEqual(whole.body.events);
      expect(followed.events.length).toBeGreaterThan(10);
    }
    for (const followed of [all, screen, phone]) expect(followed.connections).toBeGreaterThan(20);
  });
});
