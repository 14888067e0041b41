import { Injectable } from '@nestjs/common';
import type { Tx } from '../database/db';
import { Learning } from './learning.entity';

/**
 * Keeps the SQLite full-text index to published learnings only, with the places of public labs:
 * nothing of a draft or of a private lab can be found. PostgreSQL searches the table through its
 * expression index, so there is nothing to keep. Persistence only, inside the caller's write.
 */
@Injectable()
export class SearchIndex {
  /** Indexes the learning again as it now stands (or takes it out), in the write's transaction. */
  async index(tx: Tx, id: number): Promise<void> {
    if (tx.connection.options.type === 'postgres') return;
    await tx.query('DELETE FROM learnings_fts WHERE rowid = ?', [id]);
    const learning = await tx.findOneBy(Learning, { id });
    if (!learning || learning.status !== 'published') return;
    const places: Record<string, string>[] = await tx.query(
      `SELECT DISTINCT l.name, l.municipality, COALESCE(l.neighbourhood, '') AS neighbourhood FROM labs l
       WHERE l.visibility = 'public'
         AND (l.id = ? OR l.id IN (SELECT lab_id FROM learning_evidence WHERE learning_id = ?))`,
      [learning.labId, id],
    );
    const themes: string[] = typeof learning.themes === 'string' ? JSON.parse(learning.themes) : learning.themes;
    const extra = [...themes, ...places.flatMap((p) => [p['name'], p['municipality'], p['neighbourhood']])].join(' ');
    await tx.query('INSERT INTO learnings_fts (rowid, title, body, extra) VALUES (?, ?, ?, ?)', [
      id,
      learning.title,
      learning.body,
      extra,
    ]);
  }
}

/** The same as a function, for the demo data's seed, which writes through a bare transaction, not through providers. */
export const indexLearning = (tx: Tx, id: number): Promise<void> => new SearchIndex().index(tx, id);
