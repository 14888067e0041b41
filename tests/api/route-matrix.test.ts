import { ApiClient } from '../support/api-client';
import { startTestApp, TestApp } from '../support/test-app';
import { addMember, makeLab, makeUser, PASSWORD } from '../factories';
import { Organisation } from '../../backend/src/organisations/organisation.entity';
import { newToken, sha256 } from '../../backend/src/common/tokens';
import { Invitation } from '../../backend/src/invitations/invitation.entity';
import type { Lab } from '../../backend/src/labs/lab.entity';
import { Experiment } from '../../backend/src/experiments/experiment.entity';
import { Iteration } from '../../backend/src/iterations/iteration.entity';
import { Hypothesis } from '../../backend/src/hypotheses/hypothesis.entity';
import { Participant } from '../../backend/src/participants/participant.entity';
import { Indicator } from '../../backend/src/observations/indicator.entity';
import { Observation } from '../../backend/src/observations/observation.entity';
import { EvaluationRound } from '../../backend/src/evaluations/round.entity';
import { Learning } from '../../backend/src/learnings/learning.entity';
import type { User } from '../../backend/src/users/user.entity';
import { AccessLink } from '../../backend/src/users/access-link.entity';
import { LabMember } from '../../backend/src/labs/lab-member.entity';
import { Dialogue, DialogueCluster, DialogueJoiner, DialogueNote } from '../../backend/src/dialogues/dialogue.entity';
import { SummarySnapshot } from '../../backend/src/summaries/summary-snapshot.entity';

type LabRole = 'coordinator' | 'partner' | 'resident' | 'observer';
type Rule = 'public' | 'authenticated' | 'staff' | 'admin' | 'labRead' | LabRole[];
/** staff: an installation's staff account in no lab of the matrix (may start labs). */
type Caller = 'anonymous' | 'residentOfAnotherLab' | LabRole | 'staff' | 'admin';
/** The installation role of each caller: coordinators and partners are staff, residents and observers are not. */
const INSTALLATION_ROLE: Record<Exclude<Caller, 'anonymous'>, 'admin' | 'staff' | 'member'> = {
  residentOfAnotherLab: 'member',
  resident: 'member',
  observer: 'member',
  partner: 'staff',
  coordinator: 'staff',
  staff: 'staff',
  admin: 'admin',
};

/**
 * Who may call what. Written independently of the @Access decorators: a route added to the
 * server without a line here fails the first test, and a decorator that disagrees fails the matrix.
 */
const EXPECTED: Record<string, Rule> = {
  'GET /api/health': 'public',
  'GET /api/auth/session': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'GET /api/users/history': 'admin',
  'PATCH /api/users/:userId': 'admin',
  'POST /api/users/:userId/deactivate': 'admin',
  'POST /api/users/:userId/reactivate': 'admin',
  'POST /api/users/:userId/password-link': 'admin',
  'PATCH /api/users/me': 'authenticated',
  'DELETE /api/users/me': 'authenticated',
  'POST /api/users/me/logout-everywhere': 'authenticated',
  'POST /api/users/me/sign-in-link': 'authenticated',
  'GET /api/users/me/invitations': 'authenticated',
  'POST /api/users/me/invitations/:id/accept': 'authenticated',
  'POST /api/users/me/invitations/:id/decline': 'authenticated',
  'GET /api/access-links/:token': 'public',
  'POST /api/access-links/:token/use': 'public',
  'GET /api/organisations': 'authenticated',
  'POST /api/organisations': 'staff',
  'GET /api/labs': 'public',
  'POST /api/labs': 'staff',
  'GET /api/labs/:labId': 'labRead',
  'PATCH /api/labs/:labId': ['coordinator'],
  'POST /api/labs/:labId/partners': ['coordinator'],
  'DELETE /api/labs/:labId/partners/:organisationId': ['coordinator'],
  'GET /api/labs/:labId/members': ['coordinator', 'partner'],
  'PATCH /api/labs/:labId/members/:memberId': ['coordinator'],
  'DELETE /api/labs/:labId/members/:memberId': ['coordinator'],
  'POST /api/labs/:labId/members/:memberId/sign-in-link': ['coordinator'],
  'GET /api/labs/:labId/history': ['coordinator', 'partner'],
  'POST /api/labs/:labId/invitations': ['coordinator'],
  'GET /api/labs/:labId/invitations': ['coordinator'],
  'POST /api/labs/:labId/invitations/by-email': ['coordinator'],
  'DELETE /api/invitations/:id': ['coordinator'],
  'GET /api/invitations/by-token/:token': 'public',
  'POST /api/invitations/by-token/:token/accept': 'public',
  'GET /api/labs/:labId/experiments': 'labRead',
  'POST /api/labs/:labId/experiments': ['coordinator', 'partner'],
  'GET /api/experiments/:id': 'labRead',
  'PATCH /api/experiments/:id': ['coordinator', 'partner'],
  'DELETE /api/experiments/:id': ['coordinator'],
  'GET /api/labs/:labId/iterations': 'labRead',
  'GET /api/experiments/:id/iterations': 'labRead',
  'POST /api/experiments/:id/iterations': ['coordinator', 'partner'],
  'GET /api/iterations/:id': 'labRead',
  'PATCH /api/iterations/:id': ['coordinator', 'partner'],
  'DELETE /api/iterations/:id': ['coordinator'],
  'GET /api/iterations/:id/attendance': ['coordinator', 'partner'],
  'PUT /api/iterations/:id/attendance': ['coordinator', 'partner'],
  'GET /api/labs/:labId/hypotheses': 'labRead',
  'POST /api/experiments/:id/hypotheses': ['coordinator', 'partner'],
  'GET /api/hypotheses/:id': 'labRead',
  'PATCH /api/hypotheses/:id': ['coordinator', 'partner'],
  'POST /api/hypotheses/:id/status': ['coordinator', 'partner'],
  'POST /api/hypotheses/:id/revise': ['coordinator', 'partner'],
  'GET /api/labs/:labId/participants': ['coordinator', 'partner'],
  'POST /api/labs/:labId/participants': ['coordinator', 'partner'],
  'GET /api/participants/:id': ['coordinator', 'partner'],
  'PATCH /api/participants/:id': ['coordinator', 'partner'],
  'PUT /api/participants/:id/consent': ['coordinator', 'partner'],
  'GET /api/participants/:id/personal-data': ['coordinator'],
  'POST /api/participants/:id/erase': ['coordinator'],
  'GET /api/labs/:labId/indicators': 'labRead',
  'POST /api/labs/:labId/indicators': ['coordinator', 'partner'],
  'PATCH /api/indicators/:id': ['coordinator', 'partner'],
  'GET /api/labs/:labId/observations': 'labRead',
  'POST /api/labs/:labId/observations': ['coordinator', 'partner'],
  'GET /api/observations/:id': 'labRead',
  'PATCH /api/observations/:id': ['coordinator', 'partner'],
  'DELETE /api/observations/:id': ['coordinator', 'partner'],
  'GET /api/labs/:labId/timeline': 'labRead',
  'GET /api/labs/:labId/charts': 'labRead',
  'GET /api/labs/:labId/story-highlights': 'labRead',
  'GET /api/labs/:labId/export': 'labRead',
  'GET /api/labs/:labId/export/:type.csv': 'labRead',
  'POST /api/labs/:labId/import/observations': ['coordinator', 'partner'],
  'POST /api/labs/:labId/import/participants': ['coordinator', 'partner'],
  'POST /api/labs/:labId/import/attendance': ['coordinator', 'partner'],
  'GET /api/iterations/:id/reflections': ['coordinator', 'partner', 'resident', 'observer'],
  'POST /api/iterations/:id/reflections': ['coordinator', 'partner', 'resident', 'observer'],
  'GET /api/labs/:labId/rounds': ['coordinator', 'partner', 'resident', 'observer'],
  'POST /api/labs/:labId/rounds': ['coordinator'],
  'GET /api/labs/:labId/rounds/compare': ['coordinator', 'partner', 'resident', 'observer'],
  'GET /api/rounds/:id': ['coordinator', 'partner', 'resident', 'observer'],
  'PATCH /api/rounds/:id': ['coordinator'],
  'POST /api/rounds/:id/close': ['coordinator'],
  'POST /api/rounds/:id/reopen': ['coordinator'],
  'GET /api/rounds/:id/outstanding': ['coordinator'],
  'GET /api/rounds/:id/learnings': ['coordinator', 'partner', 'resident', 'observer'],
  'PUT /api/rounds/:id/contribution': ['coordinator', 'partner', 'resident', 'observer'],
  'GET /api/rounds/:id/contributions': ['coordinator', 'partner', 'resident', 'observer'],
  'GET /api/rounds/:id/results': ['coordinator', 'partner', 'resident', 'observer'],
  'POST /api/rounds/:id/follow-ups': ['coordinator'],
  'POST /api/rounds/:id/invitations': ['coordinator'],
  'GET /api/labs/:labId/learnings': 'labRead',
  'POST /api/labs/:labId/learnings': ['coordinator'],
  'GET /api/learnings/:id': 'public',
  'PATCH /api/learnings/:id': ['coordinator'],
  'POST /api/learnings/:id/publish': ['coordinator'],
  'POST /api/learnings/:id/unpublish': ['coordinator'],
  'GET /api/library': 'public',
  'GET /api/library/themes/:theme': 'public',
  'GET /api/open-data/learnings.json': 'public',
  'GET /api/open-data/learnings.csv': 'public',
  'GET /api/open-data/labs.json': 'public',
  'GET /api/open-data/labs.csv': 'public',
  // Sign-in with OpenID Connect (auth/oidc.controller.ts): public, as the password login is.
  'GET /api/auth/providers': 'public',
  'GET /api/auth/oidc/login': 'public',
  'GET /api/auth/oidc/callback': 'public',
  'POST /api/auth/oidc/logout': 'public',
  // Live dialogues (tafels): the team runs them; phones join with a code and a token of their own, no account.
  'POST /api/labs/:labId/dialogues': ['coordinator', 'partner'],
  'GET /api/labs/:labId/dialogues': ['coordinator', 'partner'],
  'GET /api/dialogues/:id': ['coordinator', 'partner'],
  'POST /api/dialogues/:id/step': ['coordinator', 'partner'],
  'POST /api/dialogues/:id/close': ['coordinator', 'partner'],
  'POST /api/dialogues/:id/notes/:noteId/moderate': ['coordinator', 'partner'],
  'PATCH /api/dialogues/:id': ['coordinator', 'partner'],
  'POST /api/dialogues/:id/notes': ['coordinator', 'partner'],
  'POST /api/dialogues/:id/notes/:noteId/merge': ['coordinator', 'partner'],
  'POST /api/dialogues/:id/notes/:noteId/cluster': ['coordinator', 'partner'],
  'POST /api/dialogues/:id/clusters': ['coordinator', 'partner'],
  'PATCH /api/dialogues/:id/clusters/:clusterId': ['coordinator', 'partner'],
  'DELETE /api/dialogues/:id/clusters/:clusterId': ['coordinator', 'partner'],
  'POST /api/dialogues/:id/notes/:noteId/tags': ['coordinator', 'partner'],
  'DELETE /api/dialogues/:id/notes/:noteId/tags/:ingredient': ['coordinator', 'partner'],
  'POST /api/dialogues/:id/notes/:noteId/take-on': ['coordinator', 'partner'],
  'GET /api/dialogues/:id/events': ['coordinator', 'partner'],
  'GET /api/dialogues/:id/screen/events': ['coordinator', 'partner'],
  // The council summary: made by the team; a frozen one is read by its link (a public one: whoever may read the lab).
  'GET /api/labs/:labId/summary': ['coordinator', 'partner'],
  'GET /api/rounds/:id/summary': ['coordinator', 'partner'],
  'POST /api/labs/:labId/summaries': ['coordinator', 'partner'],
  'GET /api/labs/:labId/summaries': ['coordinator', 'partner'],
  'GET /api/summaries/:id': 'labRead',
  'POST /api/dialogues/join': 'public',
  'GET /api/dialogue-joiners/me': 'public',
  'POST /api/dialogue-joiners/me/notes': 'public',
  'GET /api/dialogue-joiners/me/events': 'public',
  'PUT /api/dialogue-joiners/me/dots/:noteId': 'public',
  'PUT /api/dialogue-joiners/me/votes/:noteId': 'public',
  'POST /api/dialogue-joiners/me/notes/:noteId/tags': 'public',
  'POST /api/dialogue-joiners/me/notes/:noteId/take-on': 'public',
  'GET /api/dialogues/:id/closing': ['coordinator', 'partner'],
  'GET /api/dialogues/:id/export': ['coordinator', 'partner'],
  'GET /api/labs/:labId/dialogue-outcomes': ['coordinator', 'partner'],
  'POST /api/dialogue-joiners/me/link': 'public',
  'GET /api/dialogue-links/me': 'public',
};

/** Codes the guard gives for a record in a lab the caller may not see. */
const HIDDEN = [
  'lab',
  'experiment',
  'iteration',
  'hypothesis',
  'participant',
  'indicator',
  'observation',
  'invitation',
  'round',
  'learning',
  'dialogue',
  'summary',
].map((n) => `${n}_not_found`);

/** Personal data of a participant in every lab: only coordinators, partners and admins may ever receive it. */
const PERSONAL = {
  pseudonym: 'Pseudoniem-Zichtbaar-7731',
  contact: 'persoonlijk-7731@voorbeeld.nl',
  affiliation: 'Vereniging-7731',
};

const CALLERS: Caller[] = [
  'anonymous',
  'residentOfAnotherLab',
  'resident',
  'partner',
  'observer',
  'coordinator',
  'staff',
  'admin',
];
const READERS = {
  public: null,
  members: ['coordinator', 'partner', 'resident', 'observer'],
  private: ['coordinator', 'partner'],
} as const;

/** Every route the running server answers, from Express' own route table. */
function liveRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance();
  const stack = (express.router ?? express._router).stack as {
    route?: { path: string; methods: Record<string, boolean> };
  }[];
  return stack
    .filter((layer) => layer.route && layer.route.path.startsWith('/api') && !layer.route.path.startsWith('/api/docs'))
    .flatMap((layer) =>
      Object.keys(layer.route!.methods)
        .filter((m) => m !== '_all')
        .map((m) => `${m.toUpperCase()} ${layer.route!.path}`),
    );
}

function allowed(rule: Rule, caller: Caller, visibility: keyof typeof READERS): boolean {
  if (rule === 'public') return true;
  if (caller === 'anonymous') return rule === 'labRead' && visibility === 'public';
  if (rule === 'authenticated' || caller === 'admin') return true;
  if (rule === 'admin') return false;
  if (rule === 'staff') return INSTALLATION_ROLE[caller] !== 'member';
  if (caller === 'residentOfAnotherLab' || caller === 'staff') return rule === 'labRead' && visibility === 'public';
  const canRead = READERS[visibility] === null || (READERS[visibility] as readonly string[]).includes(caller);
  // A role counts only in a lab its holder may see (residents of a private lab see nothing of it).
  return rule === 'labRead' ? canRead : canRead && rule.includes(caller);
}

describe('authorisation matrix: every route × every kind of caller', () => {
  let t: TestApp;
  const users = {} as Record<Exclude<Caller, 'anonymous'>, User>;
  const clients = {} as Record<Caller, ApiClient>;
  const labs = {} as Record<keyof typeof READERS, Lab>;
  let organisation: Organisation;
  let bystander: User;
  let cells = 0;

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '1000' });
    const ds = t.dataSource;
    for (const caller of CALLERS.filter((c) => c !== 'anonymous') as Exclude<Caller, 'anonymous'>[]) {
      users[caller] = await makeUser(ds, { installationRole: INSTALLATION_ROLE[caller] });
    }
    bystander = await makeUser(ds);
    organisation = await ds.manager.save(
      ds.manager.create(Organisation, { name: 'Buurthuis', kind: 'ngo', municipality: null }),
    );
    const otherLab = await makeLab(ds, { visibility: 'members' });
    await addMember(ds, otherLab, users.residentOfAnotherLab, 'resident');
    for (const visibility of Object.keys(READERS) as (keyof typeof READERS)[]) {
      labs[visibility] = await makeLab(ds, { visibility });
      for (const role of ['coordinator', 'partner', 'resident', 'observer'] as LabRole[])
        await addMember(ds, labs[visibility], users[role], role);
      // A participant whose personal data only the lab's coordinators and partners may ever see, with a public story.
      const person = await ds.manager.save(
        ds.manager.create(Participant, {
          labId: labs[visibility].id,
          pseudonym: PERSONAL.pseudonym,
          groups: ['65+'],
          affiliation: PERSONAL.affiliation,
          contact: PERSONAL.contact,
          invitedByParticipantId: null,
          consentParticipation: true,
          consentQuote: true,
          consentPhoto: false,
          consentContact: true,
          consentGivenAt: new Date(),
          consentWithdrawnAt: null,
          consentVersion: 'v1',
          erasedAt: null,
        }),
      );
      await ds.manager.save(
        ds.manager.create(Observation, {
          labId: labs[visibility].id,
          kind: 'story',
          iterationId: null,
          observedOn: '2025-01-01',
          indicatorId: null,
          value: null,
          contextNote: null,
          storyText: 'Een openbaar verhaal.',
          perspective: 'resident',
          participantId: person.id,
          audience: 'public',
          selfReliance: null,
          dimensions: [],
          hypothesisIds: [],
          createdBy: null,
        }),
      );
    }
    for (const caller of CALLERS) clients[caller] = await clientFor(caller);
  });
  afterAll(() => t.close());

  async function clientFor(caller: Caller): Promise<ApiClient> {
    const client = new ApiClient(t.baseUrl);
    if (caller !== 'anonymous') await client.login(users[caller].email!, PASSWORD);
    else await client.get('/api/auth/session');
    return client;
  }

  /**
   * A fresh record for each cell, so a DELETE in one cell cannot change what the next cell sees.
   * Rounds are closed, so their results are open to every member and only the role decides.
   */
  async function recordFor(table: string, lab: Lab): Promise<number> {
    const m = t.dataSource.manager;
    const experiment = await m.save(
      m.create(Experiment, {
        labId: lab.id,
        title: 'Proef',
        description: 'Iets proberen',
        workingIngredients: [],
        scale: 'street',
        status: 'running',
      }),
    );
    switch (table) {
      case 'experiments':
        return experiment.id;
      case 'iterations':
        return (
          await m.save(
            m.create(Iteration, {
              labId: lab.id,
              experimentId: experiment.id,
              number: 1,
              startsOn: '2025-01-01',
              endsOn: null,
              plan: 'x',
              act: null,
              observe: null,
              reflect: null,
              decision: null,
              decisionReasons: null,
            }),
          )
        ).id;
      case 'hypotheses': {
        const wording = { ifWe: 'a', then: 'b', because: 'c', wouldChangeMind: null };
        return (
          await m.save(
            m.create(Hypothesis, {
              labId: lab.id,
              experimentId: experiment.id,
              ...wording,
              registered: wording,
              status: 'open',
              replacesId: null,
            }),
          )
        ).id;
      }
      case 'participants':
        return (
          await m.save(
            m.create(Participant, {
              labId: lab.id,
              pseudonym: 'Deelnemer',
              groups: [],
              affiliation: null,
              contact: null,
              invitedByParticipantId: null,
              consentParticipation: true,
              consentQuote: true,
              consentPhoto: false,
              consentContact: false,
              consentGivenAt: new Date(),
              consentWithdrawnAt: null,
              consentVersion: 'v1',
              erasedAt: null,
            }),
          )
        ).id;
      case 'indicators':
        return (
          await m.save(m.create(Indicator, { labId: lab.id, name: 'Bezoekers', unit: 'personen', signalOf: 'bereik' }))
        ).id;
      case 'observations': {
        const indicator = await m.save(
          m.create(Indicator, { labId: lab.id, name: 'Bezoekers', unit: 'personen', signalOf: 'bereik' }),
        );
        return (
          await m.save(
            m.create(Observation, {
              labId: lab.id,
              kind: 'measure',
              iterationId: null,
              observedOn: '2025-01-01',
              indicatorId: indicator.id,
              value: 3,
              contextNote: 'x',
              storyText: null,
              perspective: null,
              participantId: null,
              audience: 'public',
              selfReliance: null,
              dimensions: [],
              hypothesisIds: [],
              createdBy: null,
            }),
          )
        ).id;
      }
      case 'rounds':
        return (
          await m.save(
            m.create(EvaluationRound, {
              labId: lab.id,
              title: 'Ronde',
              periodStart: '2025-01-01',
              periodEnd: '2025-02-01',
              iterationIds: [],
              prompts: ['Wat werkte?'],
              dimensions: ['trust'],
              contributorRoles: ['coordinator', 'partner', 'resident', 'observer'],
              showAfterContributing: false,
              status: 'closed',
              closedAt: new Date(),
              createdBy: null,
            }),
          )
        ).id;
      case 'learnings':
        return (
          await m.save(
            m.create(Learning, {
              labId: lab.id,
              title: 'Les',
              body: 'Wat we leerden',
              type: 'pitfall',
              themes: [],
              maturity: 'emerging',
              transferConditions: null,
              status: 'published',
              publishedAt: new Date(),
              createdBy: null,
            }),
          )
        ).id;
      case 'summaries':
        return (
          await m.save(
            m.create(SummarySnapshot, {
              labId: lab.id,
              roundId: null,
              audience: 'public',
              content: {},
              stamp: '0',
              createdBy: null,
            }),
          )
        ).id;
      case 'dialogues':
        return (
          await m.save(
            m.create(Dialogue, {
              labId: lab.id,
              iterationId: null,
              kind: 'focustafel',
              title: 'Tafel',
              status: 'open',
              joinCode: newToken(6),
              moderation: 'moderated',
              step: 0,
              createdBy: null,
              closedAt: null,
              steps: null,
              dotsPerPerson: 3,
              chosenNoteId: null,
              outcome: null,
            }),
          )
        ).id;
    }
    throw new Error(`no fixture for ${table}`);
  }

  async function pathFor(route: string, lab: Lab, caller: Caller): Promise<string> {
    let path = route.split(' ')[1];
    const m = t.dataSource.manager;
    if (path.includes('/users/me/invitations/:id')) {
      // An invitation addressed to this caller's own e-mail address: the only kind they may answer.
      const email = caller === 'anonymous' ? 'niemand@test.nl' : users[caller].email;
      // In a lab of its own: accepting it must not make the caller a member of the labs the matrix is about.
      const elsewhere = await makeLab(t.dataSource, { visibility: 'members' });
      const invitation = await m.save(
        m.create(Invitation, {
          labId: elsewhere.id,
          tokenHash: sha256(newToken()),
          role: 'observer',
          note: null,
          createdBy: users.coordinator.id,
          expiresAt: new Date(Date.now() + 86_400_000),
          inviteeEmail: email,
        }),
      );
      path = path.replace(':id', String(invitation.id));
    }
    if (path.includes('/access-links/:token')) {
      // A set-password link: using it without a password changes nothing and logs no one in.
      const token = newToken();
      await m.insert(AccessLink, {
        userId: bystander.id,
        tokenHash: sha256(token),
        purpose: 'set-password',
        reusable: false,
        createdBy: null,
        expiresAt: new Date(Date.now() + 86_400_000),
        usedAt: null,
      });
      path = path.replace(':token', token);
    }
    if (path.includes(':memberId')) {
      // A resident of this lab without a password, fresh per cell: a removal in one cell cannot change the next.
      const resident = await makeUser(t.dataSource, { email: null, passwordHash: null, installationRole: 'member' });
      const member = await m.save(m.create(LabMember, { labId: lab.id, userId: resident.id, role: 'resident' }));
      path = path.replace(':memberId', String(member.id));
    }
    const table = path.split('/')[2];
    if (path.includes(':id') && table !== 'invitations')
      path = path.replace(':id', String(await recordFor(table, lab)));
    path = path.replace(':type.csv', 'experiments.csv').replace(':theme', 'encounter');
    if (path.includes(':clusterId')) {
      const dialogueId = Number(path.split('/')[3]);
      const cluster = await m.save(m.create(DialogueCluster, { dialogueId, label: 'Ontmoeten' }));
      path = path.replace(':clusterId', String(cluster.id));
    }
    path = path.replace(':ingredient', 'Koffie');
    if (path.includes(':noteId') && path.startsWith('/api/dialogue-joiners/')) path = path.replace(':noteId', '1');
    if (path.includes(':noteId')) {
      // A note in the dialogue the path names: a joiner of that dialogue posted it.
      const dialogueId = Number(path.split('/')[3]);
      const joiner = await m.save(
        m.create(DialogueJoiner, {
          dialogueId,
          displayName: 'Gast',
          groups: [],
          tokenHash: sha256(newToken()),
          userId: null,
        }),
      );
      const note = await m.save(
        m.create(DialogueNote, {
          dialogueId,
          joinerId: joiner.id,
          clientId: newToken(12),
          prompt: 'ontkiemd',
          text: 'Een notitie',
          consent: 'lab',
          status: 'pending',
          reason: null,
          clusterId: null,
          mergedInto: null,
          parentId: null,
          takenOn: false,
        }),
      );
      path = path.replace(':noteId', String(note.id));
    }
    if (path.includes(':id')) {
      const invitation = await t.dataSource.manager.save(
        t.dataSource.manager.create(Invitation, {
          labId: lab.id,
          tokenHash: sha256(newToken()),
          role: 'resident',
          note: null,
          createdBy: users.coordinator.id,
          expiresAt: new Date(Date.now() + 86_400_000),
        }),
      );
      path = path.replace(':id', String(invitation.id));
    }
    if (path.includes(':token')) {
      const token = newToken();
      await t.dataSource.manager.insert(Invitation, {
        labId: lab.id,
        tokenHash: sha256(token),
        role: 'resident',
        note: null,
        createdBy: users.coordinator.id,
        expiresAt: new Date(Date.now() + 86_400_000),
      });
      path = path.replace(':token', token);
    }
    return path
      .replace(':labId', String(lab.id))
      .replace(':organisationId', String(organisation.id))
      .replace(':userId', String(bystander.id));
  }

  it('has an expected rule for every route the server answers, and no rule for a route that is gone', () => {
    const live = liveRoutes(t).sort();
    expect(live.filter((r) => !(r in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((r) => !live.includes(r))).toEqual([]);
  });

  for (const visibility of Object.keys(READERS) as (keyof typeof READERS)[]) {
    it(`answers each caller as expected on a ${visibility} lab`, async () => {
      const wrong: string[] = [];
      for (const [route, rule] of Object.entries(EXPECTED)) {
        for (const caller of CALLERS) {
          const method = route.split(' ')[0];
          const path = await pathFor(route, labs[visibility], caller);
          // Logging out (here or everywhere) would end the shared session: that cell gets a session of its own,
          // and the shared client logs in again afterwards.
          const endsSessions =
            route === 'POST /api/auth/logout' ||
            route === 'POST /api/auth/oidc/logout' ||
            route === 'POST /api/users/me/logout-everywhere';
          const client = endsSessions ? await clientFor(caller) : clients[caller];
          const response = await client.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
          const denied =
            response.status === 401 ||
            response.status === 403 ||
            (response.status === 404 && HIDDEN.includes(response.body?.code));
          const expectAllowed = allowed(rule, caller, visibility);
          cells++;
          if (denied === expectAllowed)
            wrong.push(
              `${route} as ${caller}: expected ${expectAllowed ? 'allowed' : 'denied'}, ` +
                `got ${response.status} ${response.body?.code ?? ''}`,
            );
          if (response.status >= 500) wrong.push(`${route} as ${caller}: ${response.status}`);
          const team = caller === 'coordinator' || caller === 'partner' || caller === 'admin';
          if (!team && Object.values(PERSONAL).some((value) => response.text.includes(value)))
            wrong.push(`${route} as ${caller} shows a participant's personal data`);
          // No one but the admin ever receives another account's e-mail address.
          if (caller !== 'admin') {
            const own = caller === 'anonymous' ? null : users[caller].email;
            const leaked = allEmails().filter((email) => email !== own && response.text.toLowerCase().includes(email));
            if (leaked.length)
              wrong.push(`${route} as ${caller} returns another account's e-mail address (${leaked.join(', ')})`);
          }
          if (endsSessions) clients[caller] = await clientFor(caller);
          // A lab the caller may not see answers 404, as if it did not exist.
          const labScoped = rule === 'labRead' || Array.isArray(rule);
          const maySee = caller === 'admin' || allowed('labRead', caller, visibility);
          if (labScoped && !maySee && response.status !== 404)
            wrong.push(`${route} as ${caller} reveals a ${visibility} lab: ${response.status}`);
        }
      }
      expect(wrong).toEqual([]);
    });
  }

  function allEmails(): string[] {
    return [...Object.values(users), bystander].map((u) => u.email!.toLowerCase());
  }

  it('checked every cell', () => {
    expect(cells).toBe(Object.keys(EXPECTED).length * CALLERS.length * 3);
  });
});
