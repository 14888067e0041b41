import { performance } from 'node:perf_hooks';
import { ApiClient } from '../support/api-client';
import { SseConnection, type SseMessage } from '../support/sse';
import { TcpProxy } from '../support/tcp-proxy';
import { databaseKind, freshDatabase, POSTGRES_URL, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';

const postgresOnly = databaseKind === 'postgres' ? describe : describe.skip;
const POLL_MS = 300;

interface Received {
  id: number;
  type: string;
  note?: { id: number; text: string };
  at: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`waited ${ms} ms for ${what}`);
    await sleep(20);
  }
}

/**
 * Two instances on one PostgreSQL database, as behind a load balancer: what a facilitator does on one reaches the
 * projector and phones connected to the other, through LISTEN/NOTIFY. Instance B's LISTEN connection goes through a
 * TCP proxy, so the test can take it away while B's pool stays.
 */
postgresOnly('live dialogues across two instances on one PostgreSQL database', () => {
  const database = freshDatabase();
  const shared = { env: database.env, drop: async () => undefined };
  let proxy: TcpProxy;
  let a: TestApp;
  let b: TestApp;
  let facilitator: ApiClient;
  let labId: number;
  let posted = 0;
  const streams: SseConnection[] = [];

  beforeAll(async () => {
    const url = new URL(POSTGRES_URL!);
    proxy = await TcpProxy.start(Number(url.port || 5432), url.hostname);
    const proxied = new URL(POSTGRES_URL!);
    proxied.port = String(proxy.port);
    a = await startTestApp({}, shared);
    b = await startTestApp({ DATABASE_LISTEN_URL: proxied.toString(), DIALOGUE_POLL_MS: String(POLL_MS) }, shared);
    const coordinator = await makeUser(a.dataSource, { installationRole: 'staff' });
    const lab = await makeLab(a.dataSource, { name: 'Tafel op twee', visibility: 'public' });
    labId = lab.id;
    await addMember(a.dataSource, lab, coordinator, 'coordinator');
    facilitator = new ApiClient(a.baseUrl);
    await facilitator.login(coordinator.email!, PASSWORD);
  });
  afterAll(async () => {
    await Promise.all(streams.map((stream) => stream.close()));
    await a?.close();
    await b?.close();
    await proxy?.close();
    await database.drop();
  });

  const health = async (app: TestApp) => (await new ApiClient(app.baseUrl).get('/api/health')).body.dialogueEvents;

  /** A table opened on A, a phone joined on A, the projector's stream on B. */
  async function setUp(): Promise<{
    table: { id: number };
    phone: ApiClient;
    received: Received[];
    screen: SseConnection;
  }> {
    const table = (await facilitator.post(`/api/labs/${labId}/dialogues`, { kind: 'focustafel', title: 'Twee' })).body;
    const phone = new ApiClient(a.baseUrl);
    expect((await phone.post('/api/dialogues/join', { code: table.joinCode, displayName: 'Iris' })).status).toBe(200);
    const received: Received[] = [];
    const screen = await SseConnection.open(`${b.baseUrl}/api/dialogues/${table.id}/screen/events`, {
      headers: { cookie: `sid=${facilitator.cookie('sid')}` },
      onMessage: (message: SseMessage) => {
        if (message.data) received.push({ ...(JSON.parse(message.data) as Received), at: message.at });
      },
    });
    streams.push(screen);
    return { table, phone, received, screen };
  }

  /** Posts a note on A and lets it through on A; answers when the moderation was answered. */
  async function showNote(table: { id: number }, phone: ApiClient, text: string): Promise<{ id: number; at: number }> {
    const note = await phone.post('/api/dialogue-joiners/me/notes', {
      clientId: `twee-note-${++posted}`,
      prompt: 'ontkiemd',
      text,
      consent: 'public',
    });
    expect(note.status).toBe(200);
    const moderated = await facilitator.post(`/api/dialogues/${table.id}/notes/${note.body.id}/moderate`, {
      status: 'shown',
    });
    expect(moderated.status).toBe(204);
    return { id: note.body.id, at: performance.now() };
  }

  it('brings a note let through on A to the projector on B within a second, in order, each once', async () => {
    expect(await health(a)).toBe('listen');
    expect(await health(b)).toBe('listen');
    const { table, phone, received, screen } = await setUp();
    const shown: { id: number; at: number }[] = [];
    for (let i = 0; i < 25; i++) {
      shown.push(await showNote(table, phone, `Via A ${i}`));
      // The next one only when this one arrived on B: each arrival is timed against its own moderation.
      await waitFor(`note ${i} on B`, () => received.length === i + 1, 2000);
    }
    await sleep(200);
    await screen.close();
    expect(received.map((e) => e.note?.id)).toEqual(shown.map((s) => s.id));
    expect(received.map((e) => e.note?.text)).toEqual(shown.map((_, i) => `Via A ${i}`));
    const ids = received.map((e) => e.id);
    expect(ids).toEqual([...new Set(ids)].sort((x, y) => x - y));
    const lags = received.map((e, i) => e.at - shown[i].at);
    expect(Math.max(...lags)).toBeLessThan(1000);
  });

  it('catches up by polling while B has lost its LISTEN connection, says so in health, and listens again', async () => {
    const { table, phone, received, screen } = await setUp();
    await showNote(table, phone, 'Voor de storing');
    await waitFor('the first note on B', () => received.length === 1);

    proxy.set('reset');
    await waitFor('B polling', async () => (await health(b)) === 'polling (listen down)');
    expect(await health(a)).toBe('listen');
    const during = [await showNote(table, phone, 'Tijdens 1'), await showNote(table, phone, 'Tijdens 2')];
    await waitFor('the notes of the outage on B, by polling', () => received.length === 3, POLL_MS * 4 + 1000);
    expect(Math.max(...received.slice(1).map((e, i) => e.at - during[i].at))).toBeLessThan(POLL_MS * 4 + 1000);
    expect(b.logs.some((line) => line.includes('LISTEN connection lost'))).toBe(true);

    proxy.set('pass');
    await waitFor('B listening again', async () => (await health(b)) === 'listen', 15_000);
    expect(b.logs.some((line) => line.includes('LISTEN connection back'))).toBe(true);
    const after = await showNote(table, phone, 'Na de storing');
    await waitFor('the note after the outage on B', () => received.length === 4, 2000);
    expect(received[3].at - after.at).toBeLessThan(1000);
    await screen.close();
    expect(received.map((e) => e.note?.text)).toEqual(['Voor de storing', 'Tijdens 1', 'Tijdens 2', 'Na de storing']);
    const ids = received.map((e) => e.id);
    expect(ids).toEqual([...new Set(ids)].sort((x, y) => x - y));
  });
  it('notices a silent LISTEN connection by its heartbeat, polls meanwhile, and listens again', async () => {
    await waitFor('B listening', async () => (await health(b)) === 'listen', 15_000);
    const { table, phone, received, screen } = await setUp();
    proxy.set('blackhole');
    // Nothing is reset: only the unanswered heartbeat (every 5 s, 3 s to answer) tells the connection is gone.
    await waitFor('B polling', async () => (await health(b)) === 'polling (listen down)', 12_000);
    const during = await showNote(table, phone, 'In de stilte');
    await waitFor('the note of the silence on B, by polling', () => received.length === 1, POLL_MS * 4 + 1000);
    expect(received[0].at - during.at).toBeLessThan(POLL_MS * 4 + 1000);
    proxy.set('pass');
    await waitFor('B listening again', async () => (await health(b)) === 'listen', 15_000);
    await showNote(table, phone, 'Weer gewoon');
    await waitFor('the next note on B', () => received.length === 2, 2000);
    await screen.close();
    expect(received.map((e) => e.note?.text)).toEqual(['In de stilte', 'Weer gewoon']);
  });
});
