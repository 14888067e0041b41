import { ApiClient, expectProblem } from '../support/api-client';
import { databaseKind, sql, startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import { Learning } from '../../backend/src/learnings/learning.entity';
import { EvaluationRound } from '../../backend/src/evaluations/round.entity';
import { Contribution } from '../../backend/src/evaluations/contribution.entity';
import type { User } from '../../backend/src/users/user.entity';

/**
 * People and permissions. Each finding of the review that opened this work has a test here that failed on the
 * code before it (the first group); then the model itself: installation roles, accounts, members, coming back.
 */
describe(`people and permissions on ${databaseKind}`, () => {
  let t: TestApp;
  const as = async (user: User) => {
    const client = new ApiClient(t.baseUrl);
    await client.login(user.email!, PASSWORD);
    return client;
  };
  const anonymous = () => new ApiClient(t.baseUrl);

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1000' });
  });
  afterAll(() => t.close());

  describe('what was shown against the old code', () => {
    it(
      'lets only staff and admins start a lab: ' + 'a resident who joined by a link, or any other member, may not',
      async () => {
        const staff = await makeUser(t.dataSource, { installationRole: 'staff' });
        const member = await makeUser(t.dataSource, { installationRole: 'member' });
        const body = {
          name: 'Eigen lab',
          question: 'Hoe kunnen we elkaar ontmoeten?',
          aim: 'Meer ontmoeting.',
          municipality: 'Utrecht',
          themes: ['encounter'],
        };
        expectProblem(await (await as(member)).post('/api/labs', body), 403, 'forbidden');
        expectProblem(await anonymous().post('/api/labs', body), 401, 'unauthenticated');
        expect((await (await as(staff)).post('/api/labs', body)).status).toBe(201);
        // A resident who joined by a link has no installation role beyond member either.
        const lab = await makeLab(t.dataSource);
        const coordinator = await makeUser(t.dataSource);
        await addMember(t.dataSource, lab, coordinator, 'coordinator');
        const link = (await (await as(coordinator)).post(`/api/labs/${lab.id}/invitations`, { role: 'resident' })).body;
        const resident = anonymous();
        expect(
          (await resident.post(`/api/invitations/by-token/${link.token}/accept`, { displayName: 'Fatima' })).status,
        ).toBe(200);
        expectProblem(await resident.post('/api/labs', body), 403, 'forbidden');
        expectProblem(await resident.post('/api/organisations', { name: 'Mijn club', kind: 'ngo' }), 403, 'forbidden');
      },
    );

    it(
      "does not show another lab's draft through 'contradicts', " + 'and answers a wrong id as it answers a hidden one',
      async () => {
        const [mine, theirs] = [
          await makeLab(t.dataSource),
          await makeLab(t.dataSource, {
            name: 'Geheim Ledenlab',
            visibility: 'members',
            neighbourhood: 'Verborgenwijk',
          }),
        ];
        const [me, them] = [await makeUser(t.dataSource), await makeUser(t.dataSource)];
        await addMember(t.dataSource, mine, me, 'coordinator');
        await addMember(t.dataSource, theirs, them, 'coordinator');
        const m = t.dataSource.manager;
        const draft = await m.save(
          m.create(Learning, {
            labId: theirs.id,
            title: 'Geheime kladtekst',
            body: 'Nog niet af, niet voor anderen',
            type: 'pitfall',
            themes: [],
            maturity: 'emerging',
            transferConditions: null,
            status: 'draft',
            publishedAt: null,
            createdBy: them.id,
          }),
        );
        const client = await as(me);
        const hidden = await client.post(`/api/labs/${mine.id}/learnings`, {
          title: 'Mijn les',
          body: 'Tekst',
          type: 'pitfall',
          themes: [],
          evidence: [],
          contradicts: [draft.id],
        });
        const missing = await client.post(`/api/labs/${mine.id}/learnings`, {
          title: 'Mijn les',
          body: 'Tekst',
          type: 'pitfall',
          themes: [],
          evidence: [],
          contradicts: [draft.id + 100000],
        });
        expectProblem(hidden, 400, 'validation_failed');
        expectProblem(missing, 400, 'validation_failed');
        expect(hidden.body.errors).toEqual([
          { field: 'contradicts.0', code: 'not_available', message: 'is not a learning you can see' },
        ]);
        expect(missing.body.errors).toEqual(hidden.body.errors);
        for (const secret of ['Geheime kladtekst', 'Nog niet af', 'Geheim Ledenlab', 'Verborgenwijk'])
          expect(hidden.text).not.toContain(secret);
        // Evidence the same way: "not there" and "not yours" read alike.
        const theirIteration = (
          await sql(
            t.dataSource,
            'INSERT INTO experiments (lab_id, title, description, working_ingredients, scale, status) ' +
              "VALUES ($1, 'x', 'y', '[]', 'street', 'running') RETURNING id",
            [theirs.id],
          )
        )[0]['id'];
        const a = await client.post(`/api/labs/${mine.id}/learnings`, {
          title: 'x',
          body: 'y',
          type: 'pitfall',
          themes: [],
          evidence: [{ kind: 'hypothesis', id: 999999 }],
        });
        const b = await client.post(`/api/labs/${mine.id}/learnings`, {
          title: 'x',
          body: 'y',
          type: 'pitfall',
          themes: [],
          evidence: [{ kind: 'hypothesis', id: Number(theirIteration) }],
        });
        expect(a.body.errors).toEqual(b.body.errors);
      },
    );

    it('puts no one in a lab without their yes, and lists no account ids or e-mail addresses', async () => {
      const lab = await makeLab(t.dataSource);
      const coordinator = await makeUser(t.dataSource);
      const victim = await makeUser(t.dataSource, { displayName: 'Iemand Anders' });
      await addMember(t.dataSource, lab, coordinator, 'coordinator');
      const client = await as(coordinator);
      // The old route that took any account id is gone.
      expect((await client.put(`/api/labs/${lab.id}/members`, { userId: victim.id, role: 'observer' })).status).toBe(
        404,
      );
      const listed = await client.get(`/api/labs/${lab.id}/members`);
      expect(listed.text).not.toContain(victim.email!);
      expect(listed.text).not.toContain('Iemand Anders');
      expect(listed.text).not.toMatch(/userId|email/);
      expect((await (await as(victim)).get('/api/auth/session')).body.user.memberships).toEqual([]);
    });

    it('invites by e-mail address without telling whether the address has an account', async () => {
      const lab = await makeLab(t.dataSource);
      const coordinator = await makeUser(t.dataSource);
      const invitee = await makeUser(t.dataSource);
      await addMember(t.dataSource, lab, coordinator, 'coordinator');
      const client = await as(coordinator);
      const known = await client.post(`/api/labs/${lab.id}/invitations/by-email`, {
        email: invitee.email!.toUpperCase(),
        role: 'partner',
      });
      const unknown = await client.post(`/api/labs/${lab.id}/invitations/by-email`, {
        email: 'niemand-hier@test.nl',
        role: 'partner',
      });
      expect([known.status, unknown.status]).toEqual([201, 201]);
      const states = unknown.body.items.map((i: { state: string; inviteeEmail: string }) => [i.state, i.inviteeEmail]);
      expect(states).toEqual([
        ['open', 'ni…@test.nl'],
        ['open', `${invitee.email!.slice(0, 2)}…@test.nl`],
      ]);
      expect(unknown.text).not.toContain(invitee.email!);
      const own = await as(invitee);
      expect((await own.get('/api/auth/session')).body.user.pendingInvitations).toBe(1);
      const [pending] = (await own.get('/api/users/me/invitations')).body.items;
      // Someone else cannot answer it.
      expectProblem(await client.post(`/api/users/me/invitations/${pending.id}/accept`), 404, 'invitation_not_found');
      expect((await own.post(`/api/users/me/invitations/${pending.id}/accept`)).body.items).toEqual([]);
      expect((await own.get('/api/auth/session')).body.user.memberships).toEqual([
        expect.objectContaining({ labId: lab.id, role: 'partner' }),
      ]);
    });

    it(
      'erases a participant from every history entry that named them, ' +
        'also of a story deleted earlier, and the export listed it before',
      async () => {
        const lab = await makeLab(t.dataSource);
        const coordinator = await makeUser(t.dataSource);
        await addMember(t.dataSource, lab, coordinator, 'coordinator');
        const client = await as(coordinator);
        const consent = { participation: true, quote: true, photo: false, contact: true, textVersion: 'v1' };
        const participant = (
          await client.post(`/api/labs/${lab.id}/participants`, {
            pseudonym: 'Anne Erasure',
            groups: [],
            contact: 'anne@wissen.nl',
            consent,
          })
        ).body;
        const story = (
          await client.post(`/api/labs/${lab.id}/observations`, {
            kind: 'story',
            observedOn: '2025-02-01',
            storyText: 'Annes verwijderde zin.',
            perspective: 'resident',
            participantId: participant.id,
            audience: 'lab',
          })
        ).body;
        expect((await client.delete(`/api/observations/${story.id}`)).status).toBe(204);
        const exported = (await client.get(`/api/participants/${participant.id}/personal-data`)).body;
        expect(JSON.stringify(exported.observationHistory)).toContain('Annes verwijderde zin.');
        expect((await client.post(`/api/participants/${participant.id}/erase`)).status).toBe(200);
        const history = (await client.get(`/api/labs/${lab.id}/history?limit=200`)).text;
        expect(history).not.toContain('Annes verwijderde zin.');
        expect(history).not.toContain('anne@wissen.nl');
        expect(history).not.toContain('Anne Erasure');
        const observationEntries = (await client.get(`/api/labs/${lab.id}/history?limit=200`)).body.items.filter(
          (h: { entityType: string }) => h.entityType === 'observation',
        );
        expect(observationEntries.map((h: { action: string }) => h.action).sort()).toEqual(['create', 'delete']);
        for (const entry of observationEntries) expect(entry.changes).toEqual({});
        const stored = await sql(
          t.dataSource,
          "SELECT changes FROM history WHERE lab_id = $1 AND entity_type = 'observation'",
          [lab.id],
        );
        expect(JSON.stringify(stored)).not.toMatch(/Annes|participantId/);
      },
    );

    it('withholds story text and contact in the history once consent is withdrawn', async () => {
      const lab = await makeLab(t.dataSource);
      const coordinator = await makeUser(t.dataSource);
      await addMember(t.dataSource, lab, coordinator, 'coordinator');
      const client = await as(coordinator);
      const consent = { participation: true, quote: true, photo: false, contact: true, textVersion: 'v1' };
      const participant = (
        await client.post(`/api/labs/${lab.id}/participants`, {
          pseudonym: 'Bram',
          groups: [],
          contact: 'bram@contact.nl',
          consent,
        })
      ).body;
      await client.post(`/api/labs/${lab.id}/observations`, {
        kind: 'story',
        observedOn: '2025-02-01',
        storyText: 'Brams eigen woorden.',
        perspective: 'resident',
        participantId: participant.id,
        audience: 'lab',
      });
      expect((await client.get(`/api/labs/${lab.id}/history`)).text).toContain('Brams eigen woorden.');
      const current = (await client.get(`/api/participants/${participant.id}`)).body;
      expect(
        (
          await client.put(`/api/participants/${participant.id}/consent`, {
            ...consent,
            quote: false,
            contact: false,
            version: current.version,
          })
        ).status,
      ).toBe(200);
      const history = await client.get(`/api/labs/${lab.id}/history`);
      expect(history.text).not.toContain('Brams eigen woorden.');
      expect(history.text).not.toContain('bram@contact.nl');
      const storyEntry = history.body.items.find((h: { entityType: string }) => h.entityType === 'observation');
      expect(storyEntry.changes.storyText).toEqual({ from: null, to: null, withheld: true });
    });

    it(
      'filters evidence for every viewer, not only the public: a ' +
        "partner does not read a private lab's story through a learning",
      async () => {
        const privateLab = await makeLab(t.dataSource, { name: 'Besloten Proeftuin', visibility: 'private' });
        const otherLab = await makeLab(t.dataSource, { visibility: 'members' });
        const [coordinator, partner] = [await makeUser(t.dataSource), await makeUser(t.dataSource)];
        await addMember(t.dataSource, privateLab, coordinator, 'coordinator');
        await addMember(t.dataSource, otherLab, coordinator, 'coordinator');
        await addMember(t.dataSource, otherLab, partner, 'partner');
        const client = await as(coordinator);
        const story = (
          await client.post(`/api/labs/${privateLab.id}/observations`, {
            kind: 'story',
            observedOn: '2025-02-01',
            storyText: 'Alleen voor de besloten proeftuin.',
            perspective: 'resident',
            audience: 'lab',
          })
        ).body;
        const learning = (
          await client.post(`/api/labs/${otherLab.id}/learnings`, {
            title: 'Samen leren',
            body: 'Tekst',
            type: 'advice',
            themes: [],
            evidence: [{ kind: 'observation', id: story.id }],
          })
        ).body;
        expect(learning.evidence).toHaveLength(1);
        const partnerClient = await as(partner);
        expectProblem(await partnerClient.get(`/api/observations/${story.id}`), 404, 'observation_not_found');
        const seen = await partnerClient.get(`/api/learnings/${learning.id}`);
        expect(seen.status).toBe(200);
        expect(seen.body.evidence).toEqual([]);
        expect(seen.body.suggested).toMatchObject({ labs: 0, iterations: 0 });
        for (const secret of ['Alleen voor de besloten proeftuin.', 'Besloten Proeftuin'])
          expect(seen.text).not.toContain(secret);
      },
    );

    it('drops a lab from what the library can find when it turns private', async () => {
      const lab = await makeLab(t.dataSource, {
        name: 'Zonnebloemhof',
        neighbourhood: 'Kwakelwijk',
        municipality: 'Ommelanderdam',
        visibility: 'public',
      });
      const coordinator = await makeUser(t.dataSource);
      await addMember(t.dataSource, lab, coordinator, 'coordinator');
      const client = await as(coordinator);
      const learning = (
        await client.post(`/api/labs/${lab.id}/learnings`, {
          title: 'Koffie werkt',
          body: 'Een kop koffie opent deuren.',
          type: 'advice',
          themes: [],
          evidence: [],
        })
      ).body;
      await client.post(`/api/learnings/${learning.id}/publish`, { version: learning.version });
      for (const q of ['Zonnebloemhof', 'Kwakelwijk', 'Ommelanderdam'])
        expect((await anonymous().get(`/api/library?q=${q}`)).body.total).toBe(databaseKind === 'sqlite' ? 1 : 0);
      const current = (await client.get(`/api/labs/${lab.id}`)).body;
      expect(
        (await client.patch(`/api/labs/${lab.id}`, { version: current.version, visibility: 'private' })).status,
      ).toBe(200);
      for (const q of ['Zonnebloemhof', 'Kwakelwijk', 'Ommelanderdam']) {
        const found = await anonymous().get(`/api/library?q=${q}`);
        expect(found.body.total).toBe(0);
        expect(found.text).not.toContain('Koffie werkt');
      }
    });
  });

  describe('accounts', () => {
    let admin: User;
    beforeAll(async () => {
      admin = await makeUser(t.dataSource, { installationRole: 'admin' });
    });

    it(
      'lets the admin create an account and hand over a one-time ' +
        'set-password link; the person then logs in with it',
      async () => {
        const client = await as(admin);
        const created = await client.post('/api/users', {
          email: 'Nieuwe.Coordinator@Gemeente.nl',
          displayName: 'Nieuwe Coördinator',
          installationRole: 'staff',
        });
        expect(created.status).toBe(201);
        expect(created.body.user).toMatchObject({
          email: 'nieuwe.coordinator@gemeente.nl',
          installationRole: 'staff',
          active: true,
          hasPassword: false,
        });
        const token = created.body.link.path.replace('/toegang/', '');
        expect((await anonymous().get(`/api/access-links/${token}`)).body).toEqual({
          purpose: 'set-password',
          displayName: 'Nieuwe Coördinator',
        });
        expectProblem(await anonymous().post(`/api/access-links/${token}/use`, {}), 400, 'validation_failed');
        const person = anonymous();
        const used = await person.post(`/api/access-links/${token}/use`, { password: 'een-nieuw-wachtwoord' });
        expect(used.body.user).toMatchObject({
          email: 'nieuwe.coordinator@gemeente.nl',
          installationRole: 'staff',
          hasPassword: true,
        });
        expectProblem(
          await anonymous().post(`/api/access-links/${token}/use`, { password: 'een-ander-wachtwoord' }),
          410,
          'link_used',
        );
        expect(
          (await new ApiClient(t.baseUrl).login('nieuwe.coordinator@gemeente.nl', 'een-nieuw-wachtwoord')).status,
        ).toBe(200);
        expectProblem(
          await client.post('/api/users', {
            email: 'nieuwe.coordinator@gemeente.nl',
            displayName: 'x',
            installationRole: 'member',
          }),
          400,
          'validation_failed',
        );
        const found = (await client.get('/api/users?q=gemeente.nl')).body;
        expect(found.items.map((u: { email: string }) => u.email)).toEqual(['nieuwe.coordinator@gemeente.nl']);
        const history = (await client.get('/api/users/history')).body.items;
        expect(
          history.find((h: { entityType: string; action: string }) => h.entityType === 'user' && h.action === 'create'),
        ).toBeTruthy();
        expect(JSON.stringify(history)).not.toMatch(/argon2|passwordHash/);
      },
    );

    it(
      'ends the sessions of a deactivated account at once, ' + 'refuses its login, and keeps one active admin',
      async () => {
        const client = await as(admin);
        const user = await makeUser(t.dataSource);
        const session = await as(user);
        const deactivated = await client.post(`/api/users/${user.id}/deactivate`);
        expect(deactivated.body).toMatchObject({ active: false });
        expect((await session.get('/api/auth/session')).body.user).toBeNull();
        expectProblem(
          await new ApiClient(t.baseUrl).post('/api/auth/login', { email: user.email, password: PASSWORD }),
          403,
          'account_deactivated',
        );
        expect((await client.post(`/api/users/${user.id}/reactivate`)).body).toMatchObject({ active: true });
        expect((await as(user)).cookie('sid')).toBeTruthy();
        // The last active admin cannot step down or be deactivated.
        await sql(
          t.dataSource,
          "UPDATE users SET installation_role = 'staff' WHERE installation_role = 'admin' AND id <> $1",
          [admin.id],
        );
        const self = (await client.get(`/api/users?installationRole=admin`)).body.items[0];
        expectProblem(
          await client.patch(`/api/users/${admin.id}`, { version: self.version, installationRole: 'staff' }),
          409,
          'last_admin',
        );
        expectProblem(await client.post(`/api/users/${admin.id}/deactivate`), 409, 'last_admin');
        expectProblem(
          await client.patch(`/api/users/${user.id}`, { version: 999, installationRole: 'admin' }),
          409,
          'stale_version',
        );
      },
    );

    it(
      'lets everyone change their own name, language, e-mail ' +
        'and password, log out everywhere, and delete their account',
      async () => {
        const user = await makeUser(t.dataSource, { displayName: 'Eigen Naam' });
        const first = await as(user);
        const second = await as(user);
        expectProblem(
          await first.patch('/api/users/me', { newPassword: 'nog-een-wachtwoord' }),
          400,
          'validation_failed',
        );
        expect(
          (
            await first.patch('/api/users/me', {
              displayName: 'Andere Naam',
              locale: 'en',
              newPassword: 'nog-een-wachtwoord',
              currentPassword: PASSWORD,
            })
          ).body,
        ).toMatchObject({ displayName: 'Andere Naam', locale: 'en' });
        expect((await first.post('/api/users/me/logout-everywhere')).status).toBe(200);
        expect((await first.get('/api/auth/session')).body.user).toBeNull();
        expect((await second.get('/api/auth/session')).body.user).toBeNull();
        const again = new ApiClient(t.baseUrl);
        await again.login(user.email!, 'nog-een-wachtwoord');
        // Deleting: a resident's contribution stays in the results without their name.
        const lab = await makeLab(t.dataSource);
        const coordinator = await makeUser(t.dataSource);
        await addMember(t.dataSource, lab, coordinator, 'coordinator');
        await addMember(t.dataSource, lab, user, 'resident');
        const m = t.dataSource.manager;
        const round = await m.save(
          m.create(EvaluationRound, {
            labId: lab.id,
            title: 'Ronde',
            periodStart: '2025-01-01',
            periodEnd: '2025-02-01',
            iterationIds: [],
            prompts: ['Wat werkte?'],
            dimensions: ['trust'],
            contributorRoles: ['resident'],
            showAfterContributing: false,
            status: 'open',
            closedAt: null,
            createdBy: null,
          }),
        );
        await m.save(
          m.create(Contribution, {
            roundId: round.id,
            userId: user.id,
            stakeholderGroup: 'resident',
            showName: true,
            answers: [{ prompt: 0, text: 'Het eten was goed.' }],
            nominatedObservationId: null,
            nominationReason: null,
          }),
        );
        expectProblem(await again.request('DELETE', '/api/users/me', {}), 400, 'validation_failed');
        expect((await again.request('DELETE', '/api/users/me', { confirm: true })).status).toBe(200);
        expect((await again.get('/api/auth/session')).body.user).toBeNull();
        const [row] = await sql(
          t.dataSource,
          'SELECT email, display_name, password_hash, deleted_at FROM users WHERE id = $1',
          [user.id],
        );
        expect(row).toMatchObject({ email: null, display_name: 'Verwijderd account', password_hash: null });
        expect(row['deleted_at']).not.toBeNull();
        const kept = await sql(t.dataSource, 'SELECT show_name FROM contributions WHERE user_id = $1', [user.id]);
        expect(kept.map((r) => Boolean(r['show_name']))).toEqual([false]);
        expect((await (await as(coordinator)).get(`/api/labs/${lab.id}/members`)).text).not.toContain('Andere Naam');
      },
    );
  });

  describe('coming back', () => {
    it(
      'lets a resident keep a personal link, and a coordinator make ' +
        'a new one that brings the same person back, never counted twice',
      async () => {
        const lab = await makeLab(t.dataSource);
        const coordinator = await makeUser(t.dataSource);
        await addMember(t.dataSource, lab, coordinator, 'coordinator');
        const coord = await as(coordinator);
        const invitation = (await coord.post(`/api/labs/${lab.id}/invitations`, { role: 'resident' })).body;
        const resident = anonymous();
        const joined = (
          await resident.post(`/api/invitations/by-token/${invitation.token}/accept`, { displayName: 'Yusuf' })
        ).body;
        const personal = (await resident.post('/api/users/me/sign-in-link')).body;
        expect(personal).toMatchObject({ path: expect.stringMatching(/^\/toegang\//), expiresAt: null });
        // The session is lost; the personal link works, and keeps working.
        for (let i = 0; i < 2; i++) {
          const back = anonymous();
          const used = await back.post(`/api/access-links/${personal.path.replace('/toegang/', '')}/use`, {});
          expect(used.body.user).toMatchObject({ id: joined.user.id, displayName: 'Yusuf' });
        }
        // Or the coordinator makes a one-time link from the Members tab.
        const members = (await coord.get(`/api/labs/${lab.id}/members`)).body.items;
        const yusuf = members.find((m: { displayName: string }) => m.displayName === 'Yusuf');
        expect(yusuf.canGetSignInLink).toBe(true);
        expect(members.find((m: { isYou: boolean }) => m.isYou).canGetSignInLink).toBe(false);
        const link = (await coord.post(`/api/labs/${lab.id}/members/${yusuf.id}/sign-in-link`)).body;
        const back = anonymous();
        expect(
          (await back.post(`/api/access-links/${link.path.replace('/toegang/', '')}/use`, {})).body.user,
        ).toMatchObject({
          id: joined.user.id,
          memberships: [expect.objectContaining({ labId: lab.id, role: 'resident' })],
        });
        expectProblem(
          await anonymous().post(`/api/access-links/${link.path.replace('/toegang/', '')}/use`, {}),
          410,
          'link_used',
        );
        expect((await coord.get(`/api/labs/${lab.id}`)).body.memberCount).toBe(2);
        // Not for someone with a password, nor for someone who is also in a lab this coordinator does not run.
        const elsewhere = await makeLab(t.dataSource);
        await sql(t.dataSource, "INSERT INTO lab_members (lab_id, user_id, role) VALUES ($1, $2, 'resident')", [
          elsewhere.id,
          joined.user.id,
        ]);
        expect(
          (await coord.get(`/api/labs/${lab.id}/members`)).body.items.find((m: { id: number }) => m.id === yusuf.id)
            .canGetSignInLink,
        ).toBe(false);
        expectProblem(await coord.post(`/api/labs/${lab.id}/members/${yusuf.id}/sign-in-link`), 403, 'forbidden');
        // Staff never get a link that goes around their password or their organisation's sign-in.
        expectProblem(await coord.post('/api/users/me/sign-in-link'), 400, 'validation_failed');
        const staffWithoutPassword = await makeUser(t.dataSource, { passwordHash: null, installationRole: 'staff' });
        await sql(
          t.dataSource,
          "UPDATE users SET oidc_issuer = 'https://idp.test', oidc_subject = 'abc' WHERE id = $1",
          [staffWithoutPassword.id],
        );
        await addMember(t.dataSource, lab, staffWithoutPassword, 'resident');
        const listed = (await coord.get(`/api/labs/${lab.id}/members`)).body.items.find(
          (m: { displayName: string }) => m.displayName === staffWithoutPassword.displayName,
        );
        expect(listed.canGetSignInLink).toBe(false);
      },
    );

    it(
      'asks a coordinator or partner who joins by a link for ' +
        'an e-mail address and password, so they can log in again',
      async () => {
        const lab = await makeLab(t.dataSource);
        const coordinator = await makeUser(t.dataSource);
        await addMember(t.dataSource, lab, coordinator, 'coordinator');
        const invitation = (await (await as(coordinator)).post(`/api/labs/${lab.id}/invitations`, { role: 'partner' }))
          .body;
        expect((await anonymous().get(`/api/invitations/by-token/${invitation.token}`)).body).toMatchObject({
          role: 'partner',
          needsLogin: true,
        });
        const missing = expectProblem(
          await anonymous().post(`/api/invitations/by-token/${invitation.token}/accept`, { displayName: 'Petra' }),
          400,
          'validation_failed',
        );
        expect(missing.errors.map((e: { field: string }) => e.field)).toEqual(['email', 'password']);
        expectProblem(
          await anonymous().post(`/api/invitations/by-token/${invitation.token}/accept`, {
            displayName: 'Petra',
            email: coordinator.email,
            password: 'een-lang-wachtwoord',
          }),
          400,
          'validation_failed',
        );
        const joined = await anonymous().post(`/api/invitations/by-token/${invitation.token}/accept`, {
          displayName: 'Petra',
          email: 'petra@partner.nl',
          password: 'een-lang-wachtwoord',
        });
        expect(joined.body.user).toMatchObject({
          email: 'petra@partner.nl',
          installationRole: 'member',
          hasPassword: true,
        });
        const later = new ApiClient(t.baseUrl);
        expect((await later.login('petra@partner.nl', 'een-lang-wachtwoord')).body.user.memberships).toEqual([
          expect.objectContaining({ labId: lab.id, role: 'partner' }),
        ]);
      },
    );
  });
});
