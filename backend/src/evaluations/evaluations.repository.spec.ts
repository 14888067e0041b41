import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { makeLab, makeUser } from '../../../tests/factories';
import { CommonModule } from '../common/common.module';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { buildDataSource } from '../database/data-source';
import { DatabaseModule } from '../database/database.module';
import { Db } from '../database/db';
import { runMigrations } from '../database/migrate';
import { EvaluationsRepository } from './evaluations.repository';
import { RoundResultsRepository } from './round-results.repository';

/** The migrated schema on a fresh SQLite file, with the repositories as the application makes them. */
async function openDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'evaluations-repository-'));
  const config = AppConfig.fromEnv(
    {},
    { SQLITE_PATH: join(dir, 'spec.sqlite'), DEMO_DATA: false, STATIC_DIR: join(dir, 'none') },
  );
  // Every feature's entities by their files: the relations of the rounds' entities point into other features.
  const dataSource = buildDataSource(config, [join(__dirname, '..', '**', '*.entity.ts')]);
  await dataSource.initialize();
  await runMigrations(dataSource);
  @Module({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule.forRoot(dataSource),
      EventEmitterModule.forRoot(),
      CommonModule,
    ],
    providers: [EvaluationsRepository, RoundResultsRepository],
  })
  class SpecModule {}
  const context = await NestFactory.createApplicationContext(SpecModule, { logger: false, abortOnError: false });
  return {
    dataSource,
    context,
    close: async () => {
      await context.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const insert = async (ds: DataSource, sql: string, params: unknown[]): Promise<number> => {
  await ds.query(sql, params);
  const [{ id }] = (await ds.query('SELECT last_insert_rowid() AS id')) as { id: number }[];
  return id;
};

describe(EvaluationsRepository.name, () => {
  let dataSource: DataSource;
  let db: Db;
  let sut: EvaluationsRepository;
  let results: RoundResultsRepository;
  let close: () => Promise<void>;
  let labId: number;
  let otherLabId: number;
  let userIds: number[];
  let iterationId: number;
  let otherIterationId: number;

  beforeAll(async () => {
    let context: Awaited<ReturnType<typeof openDatabase>>['context'];
    ({ dataSource, context, close } = await openDatabase());
    db = context.get(Db);
    sut = context.get(EvaluationsRepository);
    results = context.get(RoundResultsRepository);
    labId = (await makeLab(dataSource, { valueDimensions: ['reach', 'trust'] })).id;
    otherLabId = (await makeLab(dataSource)).id;
    userIds = [
      (await makeUser(dataSource, { displayName: 'Anne' })).id,
      (await makeUser(dataSource, { displayName: 'Bram' })).id,
      (await makeUser(dataSource, { displayName: 'Chris' })).id,
    ];
    const experiment = (lab: number) =>
      insert(
        dataSource,
        'INSERT INTO experiments (lab_id, title, description, working_ingredients, scale) VALUES (?, ?, ?, ?, ?)',
        [lab, `Proef ${lab}`, 'x', '["a"]', 'street'],
      );
    const iteration = (lab: number, experimentId: number) =>
      insert(
        dataSource,
        'INSERT INTO iterations (experiment_id, lab_id, number, starts_on, act) VALUES (?, ?, 1, ?, ?)',
        [experimentId, lab, '2025-03-01', 'We deden het'],
      );
    iterationId = await iteration(labId, await experiment(labId));
    otherIterationId = await iteration(otherLabId, await experiment(otherLabId));
  });
  afterAll(() => close());

  const round = (status: 'open' | 'closed' = 'open', dimensions = ['reach', 'trust']) =>
    db.write((tx) =>
      sut.create(
        tx,
        {
          labId,
          title: `Ronde ${status}`,
          periodStart: '2025-03-01',
          periodEnd: '2025-03-31',
          iterationIds: [iterationId],
          prompts: ['Wat werkte?', 'Wat verraste je?'],
          deadline: null,
          dimensions,
          contributorRoles: ['resident'],
          showAfterContributing: false,
          status,
          closedAt: status === 'closed' ? new Date('2025-04-01T10:00:00Z') : null,
          createdBy: userIds[0],
        },
        { userId: userIds[0], labId },
      ),
    );

  const contribute = (
    roundId: number,
    userId: number,
    stakeholderGroup: 'resident' | 'municipality',
    appreciations: { dimension: string; score: number | null }[],
    extra: { answers?: { prompt: number; text: string }[]; nominatedObservationId?: number | null } = {},
  ) =>
    db.write(async (tx) => {
      const id = await sut.saveContribution(tx, roundId, userId, {
        stakeholderGroup,
        showName: false,
        answers: extra.answers ?? [],
        nominatedObservationId: extra.nominatedObservationId ?? null,
        nominationReason: extra.nominatedObservationId ? `Omdat ${userId}` : null,
      });
      await sut.replaceAppreciations(tx, { id, roundId, stakeholderGroup }, appreciations);
      return id;
    });

  it('writes a round with its history entry and reads it back with its JSON columns', async () => {
    const saved = await round();
    const found = await sut.round(saved.id);
    expect(found).toMatchObject({ labId, status: 'open', iterationIds: [iterationId], dimensions: ['reach', 'trust'] });
    const history = await dataSource.query("SELECT entity_id FROM history WHERE entity_type = 'round'");
    expect(history).toContainEqual({ entity_id: saved.id });
  });

  it("lists the lab's rounds latest first, counting contributions and whether the caller gave one", async () => {
    const first = await round();
    await contribute(first.id, userIds[1], 'resident', [{ dimension: 'reach', score: 4 }]);
    const rows = await sut.list(labId, userIds[1]);
    const row = rows.find((r) => r.id === first.id);
    expect(row).toEqual({
      id: first.id,
      labId,
      title: 'Ronde open',
      periodStart: '2025-03-01',
      periodEnd: '2025-03-31',
      status: 'open',
      contributionCount: 1,
      contributed: true,
      closedAt: null,
      deadline: null,
    });
    expect((await sut.list(labId, userIds[2])).find((r) => r.id === first.id)?.contributed).toBe(false);
    expect(await sut.list(otherLabId, userIds[1])).toEqual([]);
  });

  it('replaces a second contribution by the same person, with its appreciations, and bumps its version', async () => {
    const { id: roundId } = await round();
    const first = await contribute(roundId, userIds[0], 'resident', [
      { dimension: 'reach', score: 2 },
      { dimension: 'trust', score: 3 },
    ]);
    const second = await contribute(roundId, userIds[0], 'municipality', [{ dimension: 'trust', score: null }]);
    expect(second).toBe(first);
    expect(await sut.countContributions(roundId)).toBe(1);
    expect(await sut.contributionOf(roundId, userIds[0])).toMatchObject({
      stakeholderGroup: 'municipality',
      version: 2,
    });
    expect(await sut.appreciationsOf(first)).toEqual([
      { contributionId: first, roundId, dimension: 'trust', stakeholderGroup: 'municipality', score: null },
    ]);
  });

  it('names each contributor by display name, in the order of the contributions', async () => {
    const { id: roundId } = await round();
    const a = await contribute(roundId, userIds[2], 'resident', []);
    const b = await contribute(roundId, userIds[1], 'resident', []);
    expect(await sut.contributors(roundId)).toEqual(
      expect.arrayContaining([
        { contributionId: a, name: 'Chris' },
        { contributionId: b, name: 'Bram' },
      ]),
    );
    expect((await sut.contributions(roundId)).map((c) => c.id)).toEqual([a, b]);
  });

  it("reads the lab's value dimensions and which iterations are the lab's", async () => {
    expect(await sut.valueDimensions(labId)).toEqual(['reach', 'trust']);
    expect(await sut.valueDimensions(999_999)).toBeNull();
    expect(await sut.countIterationsOfLab(labId, [iterationId, iterationId, otherIterationId])).toBe(1);
    expect(await sut.iterationOfLab(iterationId, labId)).toBe(true);
    expect(await sut.iterationOfLab(otherIterationId, labId)).toBe(false);
    expect(await sut.iterations(labId, [iterationId, otherIterationId])).toEqual([
      {
        id: iterationId,
        number: 1,
        experimentTitle: `Proef ${labId}`,
        startsOn: '2025-03-01',
        act: 'We deden het',
        observe: null,
        reflect: null,
      },
    ]);
    expect(await sut.iterations(labId, [])).toEqual([]);
  });

  it('keeps follow-ups in the order written, with the number of the iteration they are for', async () => {
    const { id: roundId } = await round();
    const actor = { userId: userIds[0], labId };
    await db.write((tx) =>
      sut.createFollowUp(tx, { roundId, kind: 'decision', text: 'Door', iterationId, createdBy: userIds[0] }, actor),
    );
    await db.write((tx) =>
      sut.createFollowUp(tx, { roundId, kind: 'learning', text: 'Les', iterationId: null, createdBy: null }, actor),
    );
    expect(await sut.followUps(roundId)).toEqual([
      {
        id: expect.any(Number),
        kind: 'decision',
        text: 'Door',
        iterationId,
        iterationNumber: 1,
        at: expect.any(String),
      },
      {
        id: expect.any(Number),
        kind: 'learning',
        text: 'Les',
        iterationId: null,
        iterationNumber: null,
        at: expect.any(String),
      },
    ]);
  });

  it("counts a round's results in SQL: scores by group, answers in order, quotable words only", async () => {
    const { id: roundId } = await round();
    const participant = (quote: boolean) =>
      insert(dataSource, 'INSERT INTO participants (lab_id, pseudonym, groups, consent_quote) VALUES (?, ?, ?, ?)', [
        labId,
        quote ? 'P-ja' : 'P-nee',
        '[]',
        quote ? 1 : 0,
      ]);
    const story = async (text: string, audience: string, participantId: number | null) =>
      insert(
        dataSource,
        `INSERT INTO observations (lab_id, iteration_id, kind, observed_on, story_text, perspective, participant_id,
           audience, dimensions, hypothesis_ids) VALUES (?, ?, 'story', '2025-03-02', ?, 'resident', ?, ?, '[]', '[]')`,
        [labId, iterationId, text, participantId, audience],
      );
    const quotable = await story('Mag geciteerd', 'public', await participant(true));
    const unquotable = await story('Niet citeren', 'public', await participant(false));
    const team = await story('Alleen het team', 'lab', null);
    await contribute(
      roundId,
      userIds[0],
      'resident',
      [
        { dimension: 'reach', score: 5 },
        { dimension: 'trust', score: null },
      ],
      { answers: [{ prompt: 0, text: 'Eerst' }], nominatedObservationId: quotable },
    );
    await contribute(roundId, userIds[1], 'resident', [{ dimension: 'reach', score: 3 }], {
      answers: [
        { prompt: 0, text: 'Daarna' },
        { prompt: 1, text: 'Verrast' },
      ],
      nominatedObservationId: unquotable,
    });
    await contribute(roundId, userIds[2], 'municipality', [{ dimension: 'reach', score: 1 }], {
      nominatedObservationId: team,
    });

    const rows = await results.results(roundId, labId, ['public']);
    expect(rows.distributions).toEqual(
      expect.arrayContaining([
        { dimension: 'reach', group: 'resident', counts: [0, 0, 1, 0, 1], dontKnow: 0 },
        { dimension: 'trust', group: 'resident', counts: [0, 0, 0, 0, 0], dontKnow: 1 },
        { dimension: 'reach', group: 'municipality', counts: [1, 0, 0, 0, 0], dontKnow: 0 },
      ]),
    );
    expect(rows.distributions).toHaveLength(3);
    expect(rows.groups).toEqual(
      expect.arrayContaining([
        { group: 'resident', count: 2 },
        { group: 'municipality', count: 1 },
      ]),
    );
    expect(rows.answers).toEqual(
      expect.arrayContaining([
        { prompt: 0, group: 'resident', answers: ['Eerst', 'Daarna'] },
        { prompt: 1, group: 'resident', answers: ['Verrast'] },
      ]),
    );
    const byStory = new Map(rows.nominations.map((n) => [n.observationId, n]));
    expect(byStory.get(quotable)).toEqual({
      observationId: quotable,
      count: 1,
      groups: ['resident'],
      reasons: [['resident', `Omdat ${userIds[0]}`]],
      perspective: 'resident',
      storyText: 'Mag geciteerd',
    });
    // Counted without its words: no consent to quote; outside the public audience, without anything.
    expect(byStory.get(unquotable)).toMatchObject({ count: 1, storyText: null, perspective: 'resident' });
    expect(byStory.get(team)).toMatchObject({ count: 1, storyText: null, perspective: null });
    // The team reads the lab-only story's words.
    const forTeam = await results.results(roundId, labId, ['lab', 'municipality', 'public']);
    expect(forTeam.nominations.find((n) => n.observationId === team)?.storyText).toBe('Alleen het team');
  });

  it('counts one dimension per round, group and score for the comparison of rounds', async () => {
    const closed = await round('closed');
    const other = await round('closed', ['trust']);
    await contribute(closed.id, userIds[0], 'resident', [{ dimension: 'reach', score: 4 }]);
    await contribute(closed.id, userIds[1], 'resident', [{ dimension: 'reach', score: 4 }]);
    await contribute(other.id, userIds[0], 'resident', [{ dimension: 'trust', score: 2 }]);
    expect(await results.dimensionCounts('reach', [closed.id, other.id])).toEqual([
      { roundId: closed.id, dimension: 'reach', group: 'resident', score: 4, count: 2 },
    ]);
    expect(await results.dimensionCounts('reach', [])).toEqual([]);
    const rounds = await sut.roundsOfLab(labId, true);
    expect(rounds.map((r) => r.status)).toEqual(rounds.map(() => 'closed'));
    expect(rounds.map((r) => r.id)).toEqual(expect.arrayContaining([closed.id, other.id]));
  });
});
