import { ApiClient, expectProblem } from '../support/api-client';
import { sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import type { Lab } from '../../backend/src/labs/lab.entity';

/** Thirty people on a list become participants in one import: preview, a report per row, all or nothing. */
describe('importing participants from CSV', () => {
  let t: TestApp;
  let lab: Lab;
  let team: ApiClient, resident: ApiClient;
  const csv = { 'content-type': 'text/csv' };
  const HEADER =
    'pseudonym;groups;affiliation;invited_by;consent_participation;consent_quote;consent_photo;' +
    'consent_contact;consent_text_version;contact';
  const post = (client: ApiClient, query: string, body: string) =>
    client.request('POST', `/api/labs/${lab.id}/import/participants${query}`, body, csv);
  const count = async () =>
    Number((await sql(t.dataSource, 'SELECT COUNT(*) AS n FROM participants WHERE lab_id = $1', [lab.id]))[0]['n']);

  beforeAll(async () => {
    t = await startTestApp();
    const [coordinator, member] = await Promise.all([makeUser(t.dataSource), makeUser(t.dataSource)]);
    lab = await makeLab(t.dataSource, { name: 'Buurtmaaltijden', visibility: 'members' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    await addMember(t.dataSource, lab, member, 'resident');
    team = new ApiClient(t.baseUrl);
    await team.login(coordinator.email!, PASSWORD);
    resident = new ApiClient(t.baseUrl);
    await resident.login(member.email!, PASSWORD);
    expect(
      (
        await team.post(`/api/labs/${lab.id}/participants`, {
          pseudonym: 'Buurvrouw A.',
          groups: ['65+'],
          consent: { participation: true, quote: false, photo: false, contact: false, textVersion: 'v1' },
        })
      ).status,
    ).toBe(201);
  });
  afterAll(() => t.close());

  const bad = [
    HEADER,
    'Youssef;"jongere; Transvaal";Moskee;Buurvrouw A.;ja;ja;nee;ja;v1;youssef@voorbeeld.nl',
    'Mevrouw K.;nieuwkomer;;Youssef;ja;nee;nee;nee;v1;',
    'Buurvrouw A.;65+;;;ja;;;;v1;',
    'Henk;65+;;Onbekend;misschien;;;;v1;henk@voorbeeld.nl',
    ';;;;ja;;;;;',
    'Mevrouw K.;;;;ja;;;;v1;',
    'Piet;;;;ja;;;;;',
  ].join('\n');

  it('previews the rows as they will be stored and reports every bad one with its line, column and code', async () => {
    const preview = await post(team, '?dryRun=true', bad);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, total: 7, valid: 2, imported: 0 });
    expect(preview.body.preview).toEqual([
      {
        pseudonym: 'Youssef',
        groups: ['jongere', 'Transvaal'],
        affiliation: 'Moskee',
        invitedBy: 'Buurvrouw A.',
        consent: { participation: true, quote: true, photo: false, contact: true, textVersion: 'v1' },
        contact: 'youssef@voorbeeld.nl',
      },
      expect.objectContaining({ pseudonym: 'Mevrouw K.', invitedBy: 'Youssef', contact: null }),
    ]);
    const rows = preview.body.rejected.map((r: { row: number; field: string; code: string }) => [
      r.row,
      r.field,
      r.code,
    ]);
    expect(rows).toEqual([
      [4, 'pseudonym', 'duplicate'],
      [5, 'consent_participation', 'not_boolean'],
      [5, 'contact', 'needs_consent'],
      [5, 'invited_by', 'not_available'],
      [6, 'pseudonym', 'required'],
      [6, 'consent_text_version', 'required'],
      [7, 'pseudonym', 'duplicate'],
      [8, 'consent_text_version', 'required'],
    ]);
    expect(preview.body.rejected[0].message).toBe('is in this lab already; a pseudonym is used once');
    expect(preview.body.rejected[6].message).toBe('is on line 3 already; a pseudonym is used once');
    expect(await count()).toBe(1);
  });

  it('imports nothing while a row is bad, and only the good rows when asked', async () => {
    const refused = expectProblem(await post(team, '', bad), 422, 'import_rejected');
    expect(refused.report.rejected).toHaveLength(8);
    expect(await count()).toBe(1);

    const partial = await post(team, '?skipInvalid=true', bad);
    expect(partial.body).toMatchObject({ imported: 2, valid: 2 });
    const people = (await team.get(`/api/labs/${lab.id}/participants`)).body.items as {
      id: number;
      pseudonym: string;
      invitedByParticipantId: number | null;
      contact: string | null;
      consent: { contact: boolean; givenAt: string | null; textVersion: string };
    }[];
    const by = new Map(people.map((p) => [p.pseudonym, p]));
    expect(by.get('Youssef')).toMatchObject({
      invitedByParticipantId: by.get('Buurvrouw A.')!.id,
      contact: 'youssef@voorbeeld.nl',
      consent: { contact: true, textVersion: 'v1' },
    });
    expect(by.get('Youssef')!.consent.givenAt).not.toBeNull();
    // Invited by someone earlier in the same file.
    expect(by.get('Mevrouw K.')!.invitedByParticipantId).toBe(by.get('Youssef')!.id);
  });

  it('writes history as adding one by hand does, and one entry for the import', async () => {
    const history = (await team.get(`/api/labs/${lab.id}/history?limit=200`)).body.items as {
      entityType: string;
      action: string;
    }[];
    expect(history.filter((h) => h.entityType === 'participant' && h.action === 'create')).toHaveLength(3);
    expect(history.filter((h) => h.entityType === 'import')).toHaveLength(1);
  });

  it('adds thirty people in one request, all or nothing', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Buur ${i + 1};Transvaal;;;ja;nee;nee;nee;v1;`);
    const done = await post(team, '', [HEADER, ...rows].join('\r\n'));
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ total: 30, valid: 30, imported: 30, rejected: [] });
    expect(await count()).toBe(33);
    // The same file again: every row is a duplicate, nothing is added.
    const again = expectProblem(await post(team, '', [HEADER, ...rows].join('\n')), 422, 'import_rejected');
    expect(again.report.rejected.every((r: { code: string }) => r.code === 'duplicate')).toBe(true);
    expect(await count()).toBe(33);
  });

  it('answers a file without a pseudonym column, an empty body and a resident with problems, never a 500', async () => {
    const missing = expectProblem(await post(team, '', 'name;groups\nJan;65+'), 400, 'validation_failed');
    expect(missing.errors[0]).toMatchObject({ field: 'file', code: 'not_readable' });
    expectProblem(await post(team, '', ' '), 400, 'validation_failed');
    expectProblem(await post(resident, '?dryRun=true', bad), 403, 'forbidden');
  });
});
