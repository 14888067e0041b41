import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { hashPassword } from '../users/password';
import { HistoryEntry } from '../common/history.entity';
import { AppConfig } from '../config/app-config';
import { Experiment } from '../experiments/experiment.entity';
import { HypothesisEvent } from '../hypotheses/hypothesis-event.entity';
import { Hypothesis, HypothesisStatus } from '../hypotheses/hypothesis.entity';
import { Iteration } from '../iterations/iteration.entity';
import { LabMember } from '../labs/lab-member.entity';
import { LabPartner } from '../labs/lab-partner.entity';
import { DEFAULT_VALUE_DIMENSIONS, Lab } from '../labs/lab.entity';
import { slugify } from '../labs/labs.service';
import { Indicator } from '../observations/indicator.entity';
import { Observation } from '../observations/observation.entity';
import { Organisation } from '../organisations/organisation.entity';
import { Attendance } from '../participants/attendance.entity';
import { Participant } from '../participants/participant.entity';
import { User } from '../users/user.entity';
import { Db } from '../database/db';
import { holdFirstStartLock } from '../database/migrate';
import { DEMO_CASES, DEMO_LEARNINGS, DEMO_PASSWORD, DEMO_ROUND, DEMO_USERS, DemoCase } from './demo-data';
import { Learning, LearningEvidence } from '../learnings/learning.entity';
import { indexLearning } from '../learnings/search-index';
import { Appreciation } from '../evaluations/appreciation.entity';
import { Contribution } from '../evaluations/contribution.entity';
import { DEFAULT_PROMPTS } from '../evaluations/dto/round.dto';
import { FollowUp } from '../evaluations/follow-up.entity';
import { EvaluationRound } from '../evaluations/round.entity';

export interface SeedResult {
  admin?: { email: string; password?: string; fromEnvironment: boolean };
  demoAccounts: string[];
  labs: number;
}

const monthsAgo = (n: number) => new Date(Date.now() - n * 30 * 86_400_000);

/**
 * Runs on a database without accounts (the first start): creates the first admin, from
 * ADMIN_EMAIL/ADMIN_PASSWORD or with a generated password printed once, and the demo data when enabled.
 */
export async function seedFirstStart(db: Db, config: AppConfig): Promise<SeedResult | null> {
  const anyUser = await db.manager.createQueryBuilder(User, 'u').select('u.id').limit(1).getRawOne();
  if (anyUser) return null;
  const fromEnvironment = !!(config.ADMIN_EMAIL && config.ADMIN_PASSWORD);
  const adminEmail = (config.ADMIN_EMAIL ?? 'admin@living-lab.local').toLowerCase();
  const generated = fromEnvironment ? undefined : randomBytes(12).toString('base64url');
  const adminHash = await hashPassword(config.ADMIN_PASSWORD ?? generated!);
  const demoHash = config.DEMO_DATA ? await hashPassword(DEMO_PASSWORD) : '';

  return db.write(async (m) => {
    // Another instance starting at the same moment may be seeding: wait for it (the migrations' advisory lock, held
    // to the end of this transaction), then look again; without the lock both found no account and both inserted.
    await holdFirstStartLock(m);
    if (await m.createQueryBuilder(User, 'u').select('u.id').limit(1).getRawOne()) return null;
    await m.insert(User, {
      email: adminEmail,
      displayName: 'Beheerder',
      passwordHash: adminHash,
      installationRole: 'admin',
      locale: 'nl',
    });
    const result: SeedResult = {
      admin: { email: adminEmail, password: generated, fromEnvironment },
      demoAccounts: [],
      labs: 0,
    };
    if (!config.DEMO_DATA) return result;

    const users = new Map<string, number>();
    for (const u of DEMO_USERS) {
      const saved = await m.save(
        m.create(User, {
          email: u.email,
          displayName: u.displayName,
          passwordHash: demoHash,
          installationRole: u.installationRole ?? 'member',
          locale: 'nl',
        }),
      );
      users.set(u.email, saved.id);
    }
    const organisations = new Map<string, number>();
    const labIds = new Map<string, number>();
    for (const demo of DEMO_CASES) labIds.set(demo.key, await seedCase(m, demo, users, organisations));
    await seedRound(m, labIds.get(DEMO_ROUND.labKey)!, users);
    await seedLearnings(m, labIds, users);
    result.demoAccounts = DEMO_USERS.map((u) => u.email);
    result.labs = DEMO_CASES.length;
    return result;
  });
}

async function seedCase(
  m: EntityManager,
  demo: DemoCase,
  users: Map<string, number>,
  organisations: Map<string, number>,
): Promise<number> {
  const coordinatorId = users.get(demo.coordinator)!;
  const lab = await m.save(
    m.create(Lab, {
      ...demo.lab,
      slug: slugify(`${demo.lab.name} ${demo.lab.municipality}`),
      status: demo.lab.status as Lab['status'],
      scale: demo.lab.scale as Lab['scale'],
      valueDimensions: [...DEFAULT_VALUE_DIMENSIONS],
      originLabId: null,
      transferConditions: null,
    }),
  );
  await m.insert(HistoryEntry, {
    entityType: 'lab',
    entityId: lab.id,
    labId: lab.id,
    userId: coordinatorId,
    action: 'create',
    changes: { name: { from: null, to: lab.name } } as never,
  });
  const members: [string | undefined, LabMember['role']][] = [
    [demo.coordinator, 'coordinator'],
    [demo.partnerUser, 'partner'],
    [demo.residentUser, 'resident'],
    [demo.observerUser, 'observer'],
  ];
  for (const [email, role] of members)
    if (email) await m.insert(LabMember, { labId: lab.id, userId: users.get(email)!, role });

  for (const p of demo.partners) {
    let orgId = organisations.get(p.name);
    if (!orgId) {
      orgId = (
        await m.save(
          m.create(Organisation, {
            name: p.name,
            kind: p.kind as Organisation['kind'],
            municipality: demo.lab.municipality,
          }),
        )
      ).id;
      organisations.set(p.name, orgId);
    }
    await m.insert(LabPartner, {
      labId: lab.id,
      organisationId: orgId,
      joinedAt: monthsAgo(p.monthsAgo),
      invitedByOrganisationId: p.invitedBy ? (organisations.get(p.invitedBy) ?? null) : null,
    });
  }

  const experiment = await m.save(m.create(Experiment, { labId: lab.id, ...demo.experiment, status: 'running' }));
  const iterations: Iteration[] = [];
  for (const [i, it] of demo.iterations.entries()) {
    iterations.push(
      await m.save(
        m.create(Iteration, {
          ...it,
          decision: it.decision as Iteration['decision'],
          experimentId: experiment.id,
          labId: lab.id,
          number: i + 1,
        }),
      ),
    );
  }
  const iterationId = (n: number) => iterations[n - 1].id;
  const dateOf = (n: number) => iterations[n - 1].endsOn ?? iterations[n - 1].startsOn;

  const hypothesisIds: number[] = [];
  for (const h of demo.hypotheses) {
    const last = h.events[h.events.length - 1];
    const wording = { ifWe: h.ifWe, then: h.then, because: h.because, wouldChangeMind: h.wouldChangeMind };
    const saved = await m.save(
      m.create(Hypothesis, {
        experimentId: experiment.id,
        labId: lab.id,
        ...wording,
        registered: wording,
        status: (last?.to ?? 'open') as HypothesisStatus,
        replacesId: null,
      }),
    );
    hypothesisIds.push(saved.id);
    let from: HypothesisStatus = 'open';
    for (const e of h.events) {
      await m.insert(HypothesisEvent, {
        hypothesisId: saved.id,
        labId: lab.id,
        iterationId: iterationId(e.iteration),
        fromStatus: from,
        toStatus: e.to as HypothesisStatus,
        rationale: e.rationale,
        evidence: e.evidence ?? null,
        createdBy: coordinatorId,
      });
      from = e.to as HypothesisStatus;
    }
  }

  const participantIds: number[] = [];
  for (const p of demo.participants) {
    const saved = await m.save(
      m.create(Participant, {
        labId: lab.id,
        pseudonym: p.pseudonym,
        groups: p.groups,
        affiliation: p.affiliation ?? null,
        contact: null,
        invitedByParticipantId: p.invitedBy ? participantIds[p.invitedBy - 1] : null,
        consentParticipation: true,
        consentQuote: p.quote,
        consentPhoto: false,
        consentContact: false,
        consentGivenAt: new Date(`${demo.iterations[0].startsOn}T10:00:00Z`),
        consentWithdrawnAt: null,
        consentVersion: 'toestemming-2025-1',
        erasedAt: null,
      }),
    );
    participantIds.push(saved.id);
    for (const n of p.attends)
      await m.insert(Attendance, { iterationId: iterationId(n), participantId: saved.id, labId: lab.id });
  }

  for (const ind of demo.indicators) {
    const indicator = await m.save(
      m.create(Indicator, { labId: lab.id, name: ind.name, unit: ind.unit, signalOf: ind.signalOf }),
    );
    for (const v of ind.values) {
      await m.insert(Observation, {
        labId: lab.id,
        iterationId: iterationId(v.iteration),
        kind: 'measure',
        observedOn: dateOf(v.iteration),
        indicatorId: indicator.id,
        value: v.value,
        contextNote: v.note ?? null,
        storyText: null,
        perspective: null,
        participantId: null,
        audience: 'public',
        selfReliance: null,
        dimensions: ['participation'],
        hypothesisIds: hypothesisIds.slice(0, 1),
        createdBy: coordinatorId,
      });
    }
  }
  for (const s of demo.stories) {
    await m.insert(Observation, {
      labId: lab.id,
      iterationId: iterationId(s.iteration),
      kind: 'story',
      observedOn: dateOf(s.iteration),
      indicatorId: null,
      value: null,
      contextNote: null,
      storyText: s.text,
      perspective: s.perspective,
      participantId: s.participant ? participantIds[s.participant - 1] : null,
      audience: s.audience,
      selfReliance: s.selfReliance ?? null,
      dimensions: s.dimensions,
      hypothesisIds: hypothesisIds.slice(0, 1),
      createdBy: coordinatorId,
    });
  }
  return lab.id;
}

/** The published learnings from the report's lessons, with their evidence in the demo labs. */
async function seedLearnings(m: EntityManager, labIds: Map<string, number>, users: Map<string, number>): Promise<void> {
  for (const d of DEMO_LEARNINGS) {
    const evidence = [];
    for (const e of d.evidence) {
      const labId = labIds.get(e.lab)!;
      const rows =
        e.kind === 'iteration'
          ? await m.find(Iteration, { where: { labId }, order: { number: 'ASC' } })
          : e.kind === 'hypothesis'
            ? await m.find(Hypothesis, { where: { labId }, order: { id: 'ASC' } })
            : e.kind === 'round'
              ? await m.find(EvaluationRound, { where: { labId }, order: { id: 'ASC' } })
              : await m.find(Observation, { where: { labId, kind: 'story' }, order: { id: 'ASC' } });
      const row = rows[e.index];
      if (row) evidence.push({ kind: e.kind === 'story' ? ('observation' as const) : e.kind, refId: row.id, labId });
    }
    const learning = await m.save(
      m.create(Learning, {
        labId: labIds.get(d.lab)!,
        title: d.title,
        body: d.body,
        type: d.type,
        themes: d.themes,
        maturity: d.maturity,
        transferConditions: d.transferConditions,
        status: d.published ? 'published' : 'draft',
        publishedAt: d.published ? new Date() : null,
        createdBy: users.get('coordinator@demo.nl') ?? null,
      }),
    );
    if (evidence.length)
      await m.insert(
        LearningEvidence,
        evidence.map((e) => ({ learningId: learning.id, ...e })),
      );
    await indexLearning(m, learning.id);
  }
}

/** A closed co-evaluation round of the shared meals: five residents, two partners and the municipality officer. */
async function seedRound(m: EntityManager, labId: number, users: Map<string, number>): Promise<void> {
  const iterations = await m.find(Iteration, { where: { labId }, order: { number: 'ASC' } });
  const stories = await m.find(Observation, { where: { labId, kind: 'story' }, order: { id: 'ASC' } });
  const round = await m.save(
    m.create(EvaluationRound, {
      labId,
      title: DEMO_ROUND.title,
      periodStart: iterations[0].startsOn,
      periodEnd: iterations.at(-1)!.endsOn ?? iterations.at(-1)!.startsOn,
      iterationIds: iterations.map((i) => i.id),
      prompts: DEFAULT_PROMPTS.nl,
      dimensions: DEMO_ROUND.dimensions,
      contributorRoles: ['coordinator', 'partner', 'resident', 'observer'],
      showAfterContributing: false,
      status: 'closed',
      closedAt: new Date(),
      createdBy: users.get('coordinator@demo.nl') ?? null,
    }),
  );
  for (const c of DEMO_ROUND.contributions) {
    let userId = c.email ? users.get(c.email) : undefined;
    if (!userId) {
      userId = (
        await m.save(
          m.create(User, {
            email: null,
            passwordHash: null,
            displayName: c.name,
            installationRole: 'member',
            locale: 'nl',
          }),
        )
      ).id;
      await m.insert(LabMember, { labId, userId, role: c.group === 'partner' ? 'partner' : 'resident' });
    }
    const contribution = await m.save(
      m.create(Contribution, {
        roundId: round.id,
        userId,
        stakeholderGroup: c.group,
        showName: c.showName,
        answers: c.answers.map((text, prompt) => ({ prompt, text })).filter((a) => a.text),
        nominatedObservationId: stories[c.nominate]?.id ?? null,
        nominationReason: c.reason,
      }),
    );
    await m.insert(
      Appreciation,
      DEMO_ROUND.dimensions.map((dimension, i) => ({
        contributionId: contribution.id,
        roundId: round.id,
        dimension,
        stakeholderGroup: c.group,
        score: c.scores[i],
      })),
    );
  }
  await m.insert(FollowUp, {
    roundId: round.id,
    kind: 'decision',
    text: DEMO_ROUND.followUp,
    iterationId: iterations.at(-1)!.id,
    createdBy: users.get('coordinator@demo.nl') ?? null,
  });
}
