import { parseCsv } from '../../backend/src/common/csv';
import { EXPORT_TYPES } from '../../backend/src/exports/exports.service';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import { ApiClient } from '../support/api-client';
import { databaseKind, startTestApp, TestApp } from '../support/test-app';

const FORMULA = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+([.,]\d+)?$/;

/** A spreadsheet may split a cell again on ";" (Dutch Excel's separator): no part of any cell may start a formula. */
function formulaParts(csv: string): string[] {
  return parseCsv(csv)
    .flat()
    .flatMap((cell) => cell.split(';'))
    .filter((part) => FORMULA.test(part) && !NUMBER.test(part));
}

describe(`CSV exports on ${databaseKind}`, () => {
  let t: TestApp;
  let coordinator: ApiClient;
  let labId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const user = await makeUser(t.dataSource);
    const lab = await makeLab(t.dataSource, { valueDimensions: ['veilig', '=1+1'] });
    labId = lab.id;
    await addMember(t.dataSource, lab, user, 'coordinator');
    coordinator = new ApiClient(t.baseUrl);
    await coordinator.login(user.email!, PASSWORD);
    const experiment = (
      await coordinator.post(`/api/labs/${labId}/experiments`, {
        title: '=HYPERLINK("x")',
        description: '+31 6',
        workingIngredients: ['veilig', '=1+1', '@SUM(A1)'],
      })
    ).body;
    expect(experiment.id).toBeDefined();
    const indicator = (
      await coordinator.post(`/api/labs/${labId}/indicators`, {
        name: 'Bezoekers',
        unit: 'personen',
        signalOf: 'bereik',
      })
    ).body;
    const participant = await coordinator.post(`/api/labs/${labId}/participants`, {
      pseudonym: '-2+3',
      groups: ['65+', '=cmd|x', '-1'],
      consent: { participation: true, quote: true, photo: false, contact: false, textVersion: 'v1' },
    });
    expect(participant.status).toBe(201);
    const observation = await coordinator.post(`/api/labs/${labId}/observations`, {
      kind: 'measure',
      observedOn: '2025-03-01',
      indicatorId: indicator.id,
      value: -4,
      contextNote: 'rustig;=1+1',
      dimensions: ['veilig', '=1+1'],
    });
    expect(observation.status).toBe(201);
  });
  afterAll(() => t.close());

  it('starts no cell and no element of a list with a formula character, and keeps negative numbers', async () => {
    for (const type of EXPORT_TYPES) {
      const res = await coordinator.get(`/api/labs/${labId}/export/${type}.csv`);
      expect(res.status).toBe(200);
      expect({ type, parts: formulaParts(res.text) }).toEqual({ type, parts: [] });
    }
    const observations = (await coordinator.get(`/api/labs/${labId}/export/observations.csv`)).text;
    expect(observations).toContain(`"veilig;'=1+1"`);
    expect(observations).toContain(',-4,');
    expect((await coordinator.get(`/api/labs/${labId}/export/experiments.csv`)).text).toContain(
      `"veilig;'=1+1;'@SUM(A1)"`,
    );
    expect((await coordinator.get(`/api/labs/${labId}/export/participants.csv`)).text).toContain(`"65+;'=cmd|x;-1"`);
  });
});
