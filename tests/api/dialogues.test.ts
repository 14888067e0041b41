import { ApiClient, expectProblem } from '../support/api-client';
import { databaseKind, sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import type { Lab } from '../../backend/src/labs/lab.entity';
import type { User } from '../../backend/src/users/user.entity';

interface Event {
  id: number;
  type: string;
  note?: Record<string, unknown>;
  noteId?: number;
  step?: number;
}

/** Reads a Server-Sent Events stream until `count` events (with data) arrived; returns them and every id seen. */
async function readStream(
  client: ApiClient,
  path: string,
  count: number,
  lastEventId?: number,
): Promise<{ events: Event[]; ids: number[] }> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  const cookie = ['sid', 'csrf', 'tafel']
    .map((name) => (client.cookie(name) ? `${name}=${client.cookie(name)}` : null))
    .filter(Boolean)
    .join('; ');
  if (cookie) headers['cookie'] = cookie;
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const response = await fetch(client.baseUrl + path, { headers, signal: controller.signal });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: Event[] = [];
  const ids: number[] = [];
  let buffer = '';
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id) ids.push(Number(id));
        if (data) events.push(JSON.parse(data) as Event);
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { events, ids };
}

describe(`live dialogues (tafels) on ${databaseKind}`, () => {
  let t: TestApp;
  let coordinator: User, resident: User, outsider: User;
  let lab: Lab, privateLab: Lab;
  let facilitator: ApiClient, residentClient: ApiClient, outsiderClient: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    coordinator = await makeUser(t.dataSource, { installationRole: 'staff' });
    resident = await makeUser(t.dataSource);
    outsider = await makeUser(t.dataSource, { installationRole: 'staff' });
    lab = await makeLab(t.dataSource, { name: 'Buurttafel', visibility: 'public' });
    privateLab = await makeLab(t.dataSource, { name: 'Besloten', visibility: 'private' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    await addMember(t.dataSource, lab, resident, 'resident');
    await addMember(t.dataSource, privateLab, coordinator, 'coordinator');
    facilitator = new ApiClient(t.baseUrl);
    await facilitator.login(coordinator.email!, PASSWORD);
    residentClient = new ApiClient(t.baseUrl);
    await residentClient.login(resident.email!, PASSWORD);
    outsiderClient = new ApiClient(t.baseUrl);
    await outsiderClient.login(outsider.email!, PASSWORD);
  });
  afterAll(() => t.close());

  const openTable = async (labId = lab.id) => {
    const response = await facilitator.post(`/api/labs/${labId}/dialogues`, {
      kind: 'focustafel',
      title: 'Focustafel',
    });
    expect(response.status).toBe(201);
    return response.body as { id: number; joinCode: string; status: string; step: number; moderation: string };
  };
  const join = async (code: string, displayName: string, groups: string[] = []) => {
    const phone = new ApiClient(t.baseUrl);
    const response = await phone.post('/api/dialogues/join', { code, displayName, groups });
    expect(response.status).toBe(200);
    expect(phone.cookie('tafel')).toBeTruthy();
    return phone;
  };
  let n = 0;
  const note = (phone: ApiClient, text: string, consent = 'lab', prompt = 'ontkiemd', clientId = `client-${++n}-x`) =>
    phone.post('/api/dialogue-joiners/me/notes', { clientId, prompt, text, consent });

  it('opens a focustafel with an unguessable code, moderated by default, listed for the team only', async () => {
    const table = await openTable();
    expect(table).toMatchObject({ status: 'open', step: 0, moderation: 'moderated' });
    expect(table.joinCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{7}$/);
    const list = await facilitator.get(`/api/labs/${lab.id}/dialogues`);
    expect(list.body.items.map((d: { id: number }) => d.id)).toContain(table.id);
    expectProblem(await residentClient.get(`/api/labs/${lab.id}/dialogues`), 403, 'forbidden');
    const history = await sql(
      t.dataSource,
      "SELECT action FROM history WHERE entity_type = 'dialogue' AND entity_id = $1",
      [table.id],
    );
    expect(history).toHaveLength(1);
  });

  it('joins with the code, posts a note once however often it is sent, and moderates it with a reason', async () => {
    const table = await openTable();
    const phone = await join(table.joinCode.toLowerCase(), 'Fatima', ['buurtbewoner']);
    const me = await phone.get('/api/dialogue-joiners/me');
    expect(me.body).toMatchObject({ dialogueId: table.id, displayName: 'Fatima', groups: ['buurtbewoner'] });

    const first = await note(phone, 'De kinderen kwamen terug', 'public', 'ontkiemd', 'same-client-id-1');
    const again = await note(phone, 'De kinderen kwamen terug', 'public', 'ontkiemd', 'same-client-id-1');
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(first.body).toMatchObject({ status: 'pending', reason: null });
    const stored = await sql(t.dataSource, 'SELECT id FROM dialogue_notes WHERE dialogue_id = $1', [table.id]);
    expect(stored).toHaveLength(1);

    const path = `/api/dialogues/${table.id}/notes/${first.body.id}/moderate`;
    expectProblem(await facilitator.post(path, { status: 'hidden' }), 400, 'validation_failed');
    expect((await facilitator.post(path, { status: 'hidden', reason: 'Noemt een naam' })).status).toBe(204);
    const mine = await phone.get('/api/dialogue-joiners/me/events');
    expect(mine.body.events.filter((e: Event) => e.type === 'note').at(-1).note).toMatchObject({
      status: 'hidden',
      reason: 'Noemt een naam',
    });
    expect((await facilitator.post(path, { status: 'shown' })).status).toBe(204);
    const screen = await facilitator.get(`/api/dialogues/${table.id}/screen/events`);
    expect(screen.body.events.map((e: Event) => e.type)).toEqual(['removed', 'note']);
    const moderated = await sql(t.dataSource, "SELECT changes FROM history WHERE entity_type = 'dialogue_note'");
    expect(JSON.stringify(moderated)).not.toContain('De kinderen');
  });

  it('never lets a note not to be quoted reach the projector or another phone; the facilitator sees it', async () => {
    const table = await openTable();
    const author = await join(table.joinCode, 'Kees');
    const other = await join(table.joinCode, 'Anna');
    const secret = await note(author, 'Geheim-niet-citeren-4411', 'none', 'knel');
    const open = await note(other, 'Mag gezegd worden', 'public');
    for (const id of [secret.body.id, open.body.id])
      expect(
        (await facilitator.post(`/api/dialogues/${table.id}/notes/${id}/moderate`, { status: 'shown' })).status,
      ).toBe(204);
    const screen = await facilitator.get(`/api/dialogues/${table.id}/screen/events`);
    expect(screen.text).not.toContain('Geheim-niet-citeren-4411');
    expect(screen.body.events.map((e: Event) => e.note?.['text'])).toEqual(['Mag gezegd worden']);
    const live = await readStream(facilitator, `/api/dialogues/${table.id}/screen/events`, 1);
    expect(JSON.stringify(live.events)).not.toContain('Geheim');
    const others = await other.get('/api/dialogue-joiners/me/events');
    expect(others.text).not.toContain('Geheim');
    const own = await author.get('/api/dialogue-joiners/me/events');
    expect(own.text).toContain('Geheim-niet-citeren-4411');
    const all = await facilitator.get(`/api/dialogues/${table.id}/events`);
    expect(all.text).toContain('Geheim-niet-citeren-4411');
    // Nobody but the team reaches the facilitator's or the projector's stream.
    expectProblem(await residentClient.get(`/api/dialogues/${table.id}/screen/events`), 403, 'forbidden');
    expectProblem(await outsiderClient.get(`/api/dialogues/${table.id}/events`), 403, 'forbidden');
  });

  it('moves the step and, closed, is read-only and its code no longer joins', async () => {
    const table = await openTable();
    const phone = await join(table.joinCode, 'Mo');
    const step = await facilitator.post(`/api/dialogues/${table.id}/step`, { step: 1 });
    expect(step.body.step).toBe(1);
    expectProblem(await facilitator.post(`/api/dialogues/${table.id}/step`, { step: 99 }), 400, 'validation_failed');
    expect((await facilitator.post(`/api/dialogues/${table.id}/close`)).body.status).toBe('closed');
    expectProblem(await note(phone, 'Te laat'), 409, 'dialogue_closed');
    expectProblem(await facilitator.post(`/api/dialogues/${table.id}/step`, { step: 2 }), 409, 'dialogue_closed');
    expectProblem(await facilitator.post(`/api/dialogues/${table.id}/close`), 409, 'dialogue_closed');
    const late = new ApiClient(t.baseUrl);
    expectProblem(
      await late.post('/api/dialogues/join', { code: table.joinCode, displayName: 'X' }),
      410,
      'dialogue_closed',
    );
    expectProblem(await late.post('/api/dialogues/join', { code: 'ZZZZZZZ', displayName: 'X' }), 404);
    const events = await phone.get('/api/dialogue-joiners/me/events');
    expect(events.body.events.map((e: Event) => e.type)).toEqual(['step', 'closed']);
    expectProblem(await new ApiClient(t.baseUrl).get('/api/dialogue-joiners/me'), 404, 'joiner_not_found');
  });

  it('does not exist for outsiders of a private lab (404), and its team sees it', async () => {
    const table = await openTable(privateLab.id);
    for (const path of [`/api/dialogues/${table.id}`, `/api/dialogues/${table.id}/screen/events`])
      expectProblem(await outsiderClient.get(path), 404, 'dialogue_not_found');
    expectProblem(await outsiderClient.get(`/api/labs/${privateLab.id}/dialogues`), 404, 'lab_not_found');
    expect((await facilitator.get(`/api/dialogues/${table.id}`)).status).toBe(200);
  });

  it('resumes a stream from Last-Event-ID without losing or repeating an event', async () => {
    const table = await openTable();
    const phone = await join(table.joinCode, 'Sanne');
    const posted: number[] = [];
    for (let i = 0; i < 3; i++) posted.push((await note(phone, `Notitie ${i}`)).body.id);
    const first = await readStream(facilitator, `/api/dialogues/${table.id}/events`, 4);
    expect(first.events.map((e) => e.type)).toEqual(['joined', 'note', 'note', 'note']);
    const resumeAt = first.ids.at(-1)!;
    // While disconnected: three more notes and two moderations.
    for (let i = 3; i < 6; i++) posted.push((await note(phone, `Notitie ${i}`)).body.id);
    await facilitator.post(`/api/dialogues/${table.id}/notes/${posted[0]}/moderate`, { status: 'shown' });
    await facilitator.post(`/api/dialogues/${table.id}/notes/${posted[1]}/moderate`, {
      status: 'hidden',
      reason: 'dubbel',
    });
    const second = readStream(facilitator, `/api/dialogues/${table.id}/events`, 6, resumeAt);
    // One more while connected: it arrives live.
    await new Promise((r) => setTimeout(r, 100));
    posted.push((await note(phone, 'Notitie 6')).body.id);
    const { events } = await second;
    const ids = [...first.events, ...events].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const all = await sql(t.dataSource, 'SELECT id FROM dialogue_events WHERE dialogue_id = $1 ORDER BY id', [
      table.id,
    ]);
    expect(ids).toEqual(all.map((r) => Number(r['id'])));
    expect(events.at(-1)!.note).toMatchObject({ text: 'Notitie 6', status: 'pending' });

    // The projector, resumed from the last id it saw, gets only what it missed.
    const screen = await readStream(facilitator, `/api/dialogues/${table.id}/screen/events`, 2);
    expect(screen.events.map((e) => e.type)).toEqual(['note', 'removed']);
    await facilitator.post(`/api/dialogues/${table.id}/notes/${posted[2]}/moderate`, { status: 'shown' });
    const resumed = await readStream(facilitator, `/api/dialogues/${table.id}/screen/events`, 1, screen.ids.at(-1));
    expect(resumed.events.map((e) => [e.type, e.noteId ?? e.note?.['id']])).toEqual([['note', posted[2]]]);
  });
});
