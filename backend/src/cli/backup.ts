import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppConfig } from '../config/app-config';

/**
 * An online, consistent backup of the SQLite database while the server runs, through SQLite's
 * backup API (pages are copied from a consistent snapshot; writers are not stopped).
 * Usage: npm run backup -- data/backups/living-lab-2026-11-27.sqlite
 */
export async function backupSqlite(source: string, target: string): Promise<{ pages: number; target: string }> {
  if (!existsSync(source)) throw new Error(`No database at ${source}`);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const result = await db.backup(resolve(target));
    const check = new Database(resolve(target), { readonly: true });
    try {
      const [integrity] = check.pragma('integrity_check') as { integrity_check: string }[];
      if (integrity.integrity_check !== 'ok')
        throw new Error(`Backup failed its integrity check: ${integrity.integrity_check}`);
    } finally {
      check.close();
    }
    return { pages: result.totalPages, target: resolve(target) };
  } finally {
    db.close();
  }
}

if (require.main === module) {
  const config = AppConfig.fromEnv();
  if (config.databaseKind === 'postgres') {
    process.stderr.write('This installation uses PostgreSQL: back it up with pg_dump (see docs/deployment.md).\n');
    process.exit(2);
  }
  const target = process.argv[2] ?? `data/backups/living-lab-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`;
  backupSqlite(config.SQLITE_PATH, target)
    .then((r) => process.stdout.write(`Backup written to ${r.target} (${r.pages} pages, integrity ok)\n`))
    .catch((error) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    });
}
