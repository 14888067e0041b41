import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HIDDEN_FIELDS, historyLine, type HistoryEntry } from './history-words';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const words = (language: string) =>
  JSON.parse(readFileSync(join(ROOT, 'frontend', 'public', 'i18n', `${language}.json`), 'utf8')) as {
    history: { field: Record<string, string>; entity: Record<string, string> };
  };

function entityFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? entityFiles(path) : name.endsWith('.entity.ts') ? [path] : [];
  });
}

/** The columns of every entity the history copies (not sessions, not the history itself). */
function recordedFields(): string[] {
  const fields = new Set<string>();
  for (const file of entityFiles(join(ROOT, 'backend', 'src'))) {
    const source = readFileSync(file, 'utf8');
    if (/@Entity\('(sessions|history)'\)/.test(source)) continue;
    for (const m of source.matchAll(/^ {2}([a-zA-Z]+)[?!]?: /gm)) fields.add(m[1]);
  }
  return [...fields].filter((f) => !HIDDEN_FIELDS.has(f) && !f.endsWith('Ref'));
}

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  id: 1,
  entityType: 'hypothesis',
  entityId: 9,
  action: 'create',
  changes: {},
  at: '2026-03-03T10:00:00.000Z',
  userId: 2,
  userName: 'Sanne',
  subject: { label: null, number: null, kind: null, date: null, parentId: null, parentLabel: null, deleted: false },
  ...over,
});

describe('the history in words', () => {
  it('names every recorded field in Dutch and English, so no raw field name reaches the page', () => {
    const fields = recordedFields();
    expect(fields.length).toBeGreaterThan(60);
    for (const language of ['nl', 'en']) {
      const named = words(language).history.field;
      expect(fields.filter((f) => !named[f])).toEqual([]);
    }
  });

  it('leaves wiring out, names references without their id, and links to the record', () => {
    const line = historyLine(
      7,
      entry({
        changes: {
          experimentId: { from: null, to: 3 },
          labId: { from: null, to: 7 },
          ifWe: { from: null, to: 'samen koken' },
          iterationId: { from: null, to: 12 },
          status: { from: null, to: 'open' },
        },
        subject: { ...entry({}).subject, label: 'samen koken', parentLabel: 'Eettafel' },
      }),
      (d) => d,
    );
    expect(line.changes.map((c) => c.field)).toEqual(['ifWe', 'iterationId', 'status']);
    expect(line.changes[1]).toMatchObject({ nameOnly: true, from: {}, to: {} });
    expect(line.changes[2].to).toEqual({ key: 'hypothesisStatus.open' });
    expect(line.subjectKey).toBe('history.subject.named');
    expect(line.link).toEqual({ commands: ['/labs', 7, 'hypothesen'], fragment: 'h-title-9' });
    expect(JSON.stringify(line)).not.toMatch(/\b(3|12)\b/);
  });

  it('names a cycle by number and experiment, a measure by date and indicator, no link once deleted', () => {
    const cycle = historyLine(
      7,
      entry({
        entityType: 'iteration',
        entityId: 12,
        action: 'delete',
        subject: { ...entry({}).subject, number: 2, parentLabel: 'Eettafel', deleted: true },
      }),
      (d) => d,
    );
    expect(cycle).toMatchObject({ subjectKey: 'history.subject.iterationOf', link: null });
    expect(cycle.subjectParams).toEqual({ n: 2, experiment: 'Eettafel' });
    const measure = historyLine(
      7,
      entry({
        entityType: 'observation',
        subject: { ...entry({}).subject, kind: 'measure', date: '2026-03-03', parentLabel: 'Bezoekers' },
      }),
      () => '3 maart 2026',
    );
    expect(measure.subjectKey).toBe('history.subject.measureOf');
    expect(measure.subjectParams).toEqual({ date: '3 maart 2026', indicator: 'Bezoekers' });
  });

  it('has a word for every kind of record in both languages', () => {
    for (const language of ['nl', 'en']) {
      const entity = words(language).history.entity;
      for (const type of ['iteration', 'round', 'round_follow_up', 'learning', 'reflection', 'attendance', 'import'])
        expect(entity[type]).toBeTruthy();
    }
  });
});
