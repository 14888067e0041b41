import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Records } from '../common/records';
import { AppConfig } from '../config/app-config';
import { buildDataSource } from '../database/data-source';
import { Db } from '../database/db';
import { runMigrations } from '../database/migrate';
import { LibraryFilter, LearningsRepository } from './learnings.repository';
import { SearchIndex } from './search-index';

const everything: LibraryFilter = { terms: [], byRelevance: false, limit: 20, offset: 0 };

/**
 * The repository on a real SQLite file with the real migrations: the library's full-text index (FTS5), the places
 * of public labs it searches by, and the links between learnings.
 */
describe(LearningsRepository.name, () => {
  let dir: string;
  let dataSource: DataSource;
  let db: Db;
  let sut: LearningsRepository;
  const ids = { publicLab: 0, privateLab: 0, aim: 0, draft: 0, meals: 0 };

  const insertLab = async (name: string, municipality: string, visibility: string): Promise<number> => {
    await dataSource.query(
      `INSERT INTO labs (slug, name, question, aim, municipality, themes, value_dimensions, status, scale, visibility)
       VALUES (?, ?, 'Hoe kunnen we?', 'Samen', ?, '[]', '[]', 'running', 'street', ?)`,
      [name.toLowerCase().replace(/\W+/g, '-'), name, municipality, visibility],
    );
    return Number((await dataSource.query('SELECT MAX(id) AS id FROM labs'))[0].id);
  };
  const insertLearning = async (labId: number, title: string, body: string, published: boolean): Promise<number> => {
    await dataSource.query(
      `INSERT INTO learnings (lab_id, title, body, type, themes, maturity, status, published_at)
       VALUES (?, ?, ?, 'working_ingredient', '["encounter"]', 'emerging', ?, ?)`,
      [labId, title, body, published ? 'published' : 'draft', published ? new Date().toISOString() : null],
    );
    return Number((await dataSource.query('SELECT MAX(id) AS id FROM learnings'))[0].id);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'learnings-repository-'));
    const config = AppConfig.fromEnv({ SQLITE_PATH: join(dir, 'test.sqlite'), DEMO_DATA: 'false' });
    // Every entity, as the application's data source has them: a learning's relation points at its lab.
    dataSource = buildDataSource(config, [join(__dirname, '..', '**', '*.entity.ts')]);
    await dataSource.initialize();
    await runMigrations(dataSource);
    db = new Db(dataSource);
    sut = new LearningsRepository(db, {} as Records);
    ids.publicLab = await insertLab('Samen eten', 'Den Haag', 'public');
    ids.privateLab = await insertLab('Geheime tuin', 'Zwolle', 'private');
    ids.aim = await insertLearning(ids.publicLab, 'Begin met een positief doel', 'Niet met het probleem.', true);
    ids.draft = await insertLearning(ids.publicLab, 'Een positief concept', 'Nog niet af.', false);
    ids.meals = await insertLearning(ids.privateLab, 'Maaltijden verbinden', 'Een positieve avond.', true);
    await db.write(async (tx) => {
      await sut.replaceEvidence(tx, ids.aim, [{ kind: 'iteration', refId: 1, labId: ids.privateLab }]);
      await sut.replaceContradictions(tx, ids.meals, [ids.aim]);
      const index = new SearchIndex();
      for (const id of [ids.aim, ids.draft, ids.meals]) await index.index(tx, id);
    });
  });

  afterAll(async () => {
    await dataSource.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds published learnings by the start of their words, never a draft', async () => {
    const found = await sut.search({ ...everything, terms: ['positief'], byRelevance: true });
    expect(found.ids.sort()).toEqual([ids.aim, ids.meals].sort());
    expect(found.total).toBe(2);
  });

  it('finds learnings by the places of public labs only: a private lab is not found by its name or place', async () => {
    expect((await sut.search({ ...everything, terms: ['den', 'haag'] })).ids).toEqual([ids.aim]);
    expect((await sut.search({ ...everything, terms: ['zwolle'] })).ids).toEqual([]);
    expect((await sut.search({ ...everything, terms: ['geheime'] })).ids).toEqual([]);
    expect((await sut.search({ ...everything, municipality: 'DEN HAAG' })).ids).toEqual([ids.aim]);
    expect((await sut.search({ ...everything, municipality: 'Zwolle' })).total).toBe(0);
  });

  it('pages the newest first with the total of all that match', async () => {
    const page = await sut.search({ ...everything, theme: 'encounter', limit: 1, offset: 1 });
    expect(page.total).toBe(2);
    expect(page.ids).toHaveLength(1);
  });

  it('names the labs of a learning, its own and those of its evidence, as typed rows', async () => {
    const all = await sut.labsOfLearnings([ids.aim], false);
    expect(all).toEqual([
      {
        learningId: ids.aim,
        lab: { id: ids.privateLab, name: 'Geheime tuin', municipality: 'Zwolle', neighbourhood: null },
      },
      {
        learningId: ids.aim,
        lab: { id: ids.publicLab, name: 'Samen eten', municipality: 'Den Haag', neighbourhood: null },
      },
    ]);
    expect((await sut.labsOfLearnings([ids.aim], true)).map((r) => r.lab.id)).toEqual([ids.publicLab]);
  });

  it('knows which learnings to index again when a lab changes: its own and those resting on its evidence', async () => {
    const found = await db.write((tx) => sut.idsOfLab(tx, ids.privateLab));
    expect(found.sort()).toEqual([ids.aim, ids.meals].sort());
  });

  it('stores a contradiction once and finds it from either side', async () => {
    const [row] = await dataSource.query('SELECT learning_id, other_id FROM learning_contradictions');
    expect(row).toEqual({ learning_id: Math.min(ids.aim, ids.meals), other_id: Math.max(ids.aim, ids.meals) });
    expect(await sut.contradictionsOf(ids.aim)).toEqual([ids.meals]);
    expect(await sut.contradictionsOf(ids.meals)).toEqual([ids.aim]);
  });

  it("takes a learning out of the index when it goes back to draft; the library's version changes", async () => {
    const before = await sut.libraryVersion();
    await dataSource.query("UPDATE learnings SET status = 'draft' WHERE id = ?", [ids.meals]);
    await db.write((tx) => new SearchIndex().index(tx, ids.meals));
    expect((await sut.search({ ...everything, terms: ['maaltijden'] })).ids).toEqual([]);
    expect(await sut.libraryVersion()).not.toBe(before);
  });

  it("reads each user's role in a set of labs, null where they are not a member", async () => {
    expect(await sut.labAccess(-1, [ids.publicLab, ids.privateLab])).toEqual([
      { labId: ids.publicLab, visibility: 'public', role: null },
      { labId: ids.privateLab, visibility: 'private', role: null },
    ]);
  });
});
