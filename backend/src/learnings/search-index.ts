import { EntityManager } from 'typeorm';
import { Learning } from './learning.entity';

/**
 * Keeps the SQLite full-text index to published learnings only, with the places of public labs:
 * nothing of a draft or of a private lab can be found. PostgreSQL searches the table through its
 * expression index, so there is nothing to keep.
 */
export async function indexLearning(m: EntityManager, id: number): Promise<void> {
  if (m.connection.options.type === 'postgres') return;
  await m.query('DELETE FROM learnings_fts WHERE rowid = ?', [id]);
  const learning = await m.findOneBy(Learning, { id });
  if (!learning || learning.status !== 'published') return;
  const places: Record<string, string>[] = await m.query(
    "SELECT DISTINCT l.name, l.municipality, COALESCE(l.neighbourhood, '') AS neighbourhood FROM labs l WHERE l.visibility = 'public' AND (l.id = ? OR l.id IN (SELECT lab_id FROM learning_evidence WHERE learning_id = ?))",
    [learning.labId, id],
  );
  const themes: string[] = typeof learning.themes === 'string' ? JSON.parse(learning.themes) : learning.themes;
  const extra = [...themes, ...places.flatMap((p) => [p['name'], p['municipality'], p['neighbourhood']])].join(' ');
  await m.query('INSERT INTO learnings_fts (rowid, title, body, extra) VALUES (?, ?, ?, ?)', [
    id,
    learning.title,
    learning.body,
    extra,
  ]);
}
