import { ApiClient, expectProblem } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import type { Lab } from '../../backend/src/labs/lab.entity';

const CONSENT = { participation: true, quote: true, photo: false, contact: false, textVersion: 'toestemming-2025-1' };

/**
 * Editing after creation, as the dashboard does it: contact details only with consent to contact (refused on the
 * field, with a code the dashboard words), a story linked to hypotheses of its own lab only, and a story withheld
 * since its teller withdrew quote consent that can still be corrected without being attributed anew.
 */
describe('editing the logbook after creation', () => {
  let t: TestApp;
  let lab: Lab;
  let team: ApiClient;
  let hypothesisId: number;
  let otherHypothesisId: number;

  beforeAll(async () => {
    t = await startTestApp();
    const coordinator = await makeUser(t.dataSource);
    lab = await makeLab(t.dataSource, { visibility: 'members' });
    const other = await makeLab(t.dataSource, { visibility: 'members' });
    await addMember(t.dataSource, lab, coordinator, 'coordinator');
    await addMember(t.dataSource, other, coordinator, 'coordinator');
    team = new ApiClient(t.baseUrl);
    await team.login(coordinator.email!, PASSWORD);
    const hypothesis = async (labId: number) => {
      const experiment = await team.post(`/api/labs/${labId}/experiments`, { title: 'Maaltijd', description: 'Samen' });
      const h = await team.post(`/api/experiments/${experiment.body.id}/hypotheses`, {
        ifWe: 'persoonlijk uitnodigen',
        then: 'komen er nieuwe mensen',
        because: 'een flyer niemand aanspreekt',
      });
      expect(h.status).toBe(201);
      return h.body.id as number;
    };
    hypothesisId = await hypothesis(lab.id);
    otherHypothesisId = await hypothesis(other.id);
  });
  afterAll(() => t.close());

  it('keeps contact details only with consent to contact, and says so on the field', async () => {
    const refused = expectProblem(
      await team.post(`/api/labs/${lab.id}/participants`, { pseudonym: 'Anne', contact: '06-1', consent: CONSENT }),
      400,
      'validation_failed',
    );
    expect(refused.errors).toEqual([expect.objectContaining({ field: 'contact', code: 'needs_consent' })]);
    const anne = (await team.post(`/api/labs/${lab.id}/participants`, { pseudonym: 'Anne', consent: CONSENT })).body;
    const edit = expectProblem(
      await team.patch(`/api/participants/${anne.id}`, { version: anne.version, contact: '06-12345678' }),
      400,
      'validation_failed',
    );
    expect(edit.errors).toEqual([expect.objectContaining({ field: 'contact', code: 'needs_consent' })]);
    // The dashboard's order: the consent first, then the details at the version the consent returned.
    const consented = await team.put(`/api/participants/${anne.id}/consent`, {
      version: anne.version,
      ...CONSENT,
      contact: true,
    });
    expect(consented.status).toBe(200);
    const saved = await team.patch(`/api/participants/${anne.id}`, {
      version: consented.body.version,
      pseudonym: 'Anne B.',
      groups: ['65+', 'Transvaal'],
      contact: '06-12345678',
    });
    expect(saved.body).toMatchObject({ pseudonym: 'Anne B.', groups: ['65+', 'Transvaal'], contact: '06-12345678' });
    // The old version is stale now: 409 with the current participant, nothing overwritten.
    const stale = expectProblem(
      await team.patch(`/api/participants/${anne.id}`, { version: anne.version, pseudonym: 'Oud' }),
      409,
      'stale_version',
    );
    expect(stale.current).toMatchObject({ version: saved.body.version });
    // Withdrawing consent to contact removes the details.
    const withdrawn = await team.put(`/api/participants/${anne.id}/consent`, {
      version: saved.body.version,
      ...CONSENT,
    });
    expect(withdrawn.body.contact).toBeNull();
  });

  it("links a story to its own lab's hypotheses only, and a withheld story can still be corrected", async () => {
    const ben = (await team.post(`/api/labs/${lab.id}/participants`, { pseudonym: 'Ben', consent: CONSENT })).body;
    const story = await team.post(`/api/labs/${lab.id}/observations`, {
      kind: 'story',
      observedOn: '2025-05-01',
      storyText: 'Ik kwam voor het eten en bleef voor de mensen.',
      perspective: 'resident',
      participantId: ben.id,
      hypothesisIds: [hypothesisId],
    });
    expect(story.body.hypothesisIds).toEqual([hypothesisId]);
    const foreign = expectProblem(
      await team.patch(`/api/observations/${story.body.id}`, {
        version: story.body.version,
        hypothesisIds: [hypothesisId, otherHypothesisId],
      }),
      400,
      'validation_failed',
    );
    expect(foreign.errors).toEqual([expect.objectContaining({ field: 'hypothesisIds', code: 'not_available' })]);
    // Ben withdraws quote consent: the story is withheld, and correcting its date does not attribute it anew.
    await team.put(`/api/participants/${ben.id}/consent`, { version: ben.version, ...CONSENT, quote: false });
    const corrected = await team.patch(`/api/observations/${story.body.id}`, {
      version: story.body.version,
      observedOn: '2025-05-02',
      hypothesisIds: [],
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({
      observedOn: '2025-05-02',
      hypothesisIds: [],
      withheld: true,
      storyText: null,
    });
    // Attributing a story to him now is still refused.
    const other = await team.post(`/api/labs/${lab.id}/observations`, {
      kind: 'story',
      observedOn: '2025-05-03',
      storyText: 'Een ander verhaal.',
      perspective: 'resident',
    });
    const attributed = expectProblem(
      await team.patch(`/api/observations/${other.body.id}`, { version: other.body.version, participantId: ben.id }),
      400,
      'validation_failed',
    );
    expect(attributed.errors).toEqual([expect.objectContaining({ field: 'participantId', code: 'needs_consent' })]);
  });
});
