import { HistoryService } from '../common/history.service';
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
import { NewObservation, ObservationFilter, ObservationsRepository } from './observations.repository';

/** The migrated schema on a fresh SQLite file, with the repository as the application makes it. */
async function openDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'observations-repository-'));
  const config = AppConfig.fromEnv(
    {},
    { SQLITE_PATH: join(dir, 'spec.sqlite'), DEMO_DATA: false, STATIC_DIR: join(dir, 'none') },
  );
  // Every feature's entities by their files: an observation's relations point into other features.
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
    providers: [ObservationsRepository],
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

describe(ObservationsRepository.name, () => {
  let dataSource: DataSource;
  let db: Db;
  let sut: ObservationsRepository;
  let history: HistoryService;
  let close: () => Promise<void>;
  let labId: number;
  let userId: number;
  let consenting: number;
  let withdrawn: number;
  const story = (overrides: Partial<NewObservation>): NewObservation => ({
    labId,
    iterationId: null,
    kind: 'story',
    observedOn: '2025-01-01',
    indicatorId: null,
    value: null,
    contextNote: null,
    storyText: 'Een verhaal',
    perspective: 'resident',
    participantId: null,
    audience: 'lab',
    selfReliance: null,
    dimensions: [],
    hypothesisIds: [],
    createdBy: userId,
    ...overrides,
  });
  const all = (): ObservationFilter => ({ labId, audiences: null });

  beforeAll(async () => {
    let context: Awaited<ReturnType<typeof openDatabase>>['context'];
    ({ dataSource, context, close } = await openDatabase());
    db = context.get(Db);
    sut = context.get(ObservationsRepository);
    history = context.get(HistoryService);
    labId = (await makeLab(dataSource, { valueDimensions: ['trust'] })).id;
    userId = (await makeUser(dataSource)).id;
    const participant = (pseudonym: string, quote: boolean) =>
      insert(
        dataSource,
        `INSERT INTO participants (lab_id, pseudonym, groups, consent_participation, consent_quote)
         VALUES (?, ?, '[]', 1, ?)`,
        [labId, pseudonym, quote ? 1 : 0],
      );
    consenting = await participant('Anne', true);
    withdrawn = await participant('Bram', false);
    // Five stories on five days; the third by someone who took back their quote consent, the fifth for the public.
    for (let day = 1; day <= 5; day++)
      await db.write((tx) =>
        sut.insert(
          tx,
          story({
            observedOn: `2025-01-0${day}`,
            storyText: `Verhaal ${day}`,
            participantId: day === 3 ? withdrawn : consenting,
            audience: day === 5 ? 'public' : 'lab',
          }),
        ),
      );
  });
  afterAll(() => close());

  it('counts and pages newest first, continuing from a cursor exactly where the page ended', async () => {
    expect(await sut.count(all())).toBe(5);
    const first = await sut.pageIds(all(), { cursor: null, skip: 0 }, 2);
    const rows = await sut.rows(first);
    expect(rows.map((r) => r.observedOn)).toEqual(['2025-01-05', '2025-01-04']);
    const cursor = `${rows[1].observedOn}~${rows[1].id}`;
    const next = await sut.rows(await sut.pageIds(all(), { cursor, skip: 0 }, 2));
    expect(next.map((r) => r.observedOn)).toEqual(['2025-01-03', '2025-01-02']);
    expect(await sut.cursorAt(all(), 2)).toBe(`2025-01-03~${next[0].id}`);
    expect(await sut.cursorAt(all(), 5)).toBeNull();
  });

  it('keeps to the audiences it is given, and to chosen records (none chosen: none)', async () => {
    expect(await sut.count({ labId, audiences: ['public'] })).toBe(1);
    const [newest] = await sut.pageIds(all(), { cursor: null, skip: 0 }, 1);
    expect(await sut.ids({ ...all(), ids: [newest] })).toEqual([newest]);
    expect(await sut.ids({ ...all(), ids: [] })).toEqual([]);
  });

  it('marks a story quotable only with its teller’s consent, and finds no withheld words by search', async () => {
    const rows = await sut.rows(await sut.pageIds(all(), { cursor: null, skip: 0 }, 10));
    expect(rows.map((r) => [r.storyText, r.quotable])).toEqual([
      ['Verhaal 5', true],
      ['Verhaal 4', true],
      ['Verhaal 3', false],
      ['Verhaal 2', true],
      ['Verhaal 1', true],
    ]);
    expect(rows[0]).toMatchObject({ labId, kind: 'story', pseudonym: 'Anne', dimensions: [], hypothesisIds: [] });
    expect(await sut.count({ ...all(), q: 'verhaal 3' })).toBe(0);
    expect(await sut.count({ ...all(), q: 'verhaal 4' })).toBe(1);
  });

  it('looks up what an observation points at within its lab, in one statement', async () => {
    const found = await db.write((tx) =>
      sut.references(tx, labId, { indicatorId: 999, iterationId: null, participantId: withdrawn, hypothesisIds: [] }),
    );
    expect(found).toEqual({ indicator: false, iteration: false, participant: true, quotable: false, hypotheses: 0 });
    expect(await db.write((tx) => sut.labDimensions(tx, labId))).toEqual(['trust']);
  });

  it('writes an import batch when asked, and erases a teller’s stories with their history', async () => {
    const write = await db.bulk(async (exec) => {
      const run = sut.importBatch(exec, [
        story({ storyText: 'Geïmporteerd A' }),
        story({ storyText: 'Geïmporteerd B' }),
      ]);
      expect(await sut.count(all())).toBe(5);
      await run();
      return 'done';
    });
    expect(write).toBe('done');
    expect(await sut.count(all())).toBe(7);

    const ids = await db.write((tx) => sut.storyIdsOf(tx, withdrawn));
    expect(ids).toHaveLength(1);
    await dataSource.query(
      `INSERT INTO history (entity_type, entity_id, lab_id, action, changes) VALUES ('observation', ?, ?, 'create', ?)`,
      [
        ids[0],
        labId,
        JSON.stringify({ participantId: { from: null, to: withdrawn }, storyText: { from: null, to: 'x' } }),
      ],
    );
    const mentioning = await sut.historyMentioning(labId, withdrawn);
    expect(mentioning.map((h) => h.entityId)).toEqual([ids[0]]);
    await db.write(async (tx) => {
      await sut.removeStories(tx, ids);
      await history.forgetValues(tx, 'observation', ids);
    });
    expect(await sut.count(all())).toBe(6);
    expect(await sut.historyMentioning(labId, withdrawn)).toEqual([]);
    const [entry] = (await dataSource.query('SELECT changes FROM history WHERE entity_id = ?', [ids[0]])) as {
      changes: string;
    }[];
    expect(JSON.parse(entry.changes)).toEqual({});
  });
});
