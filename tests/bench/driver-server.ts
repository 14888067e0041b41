import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { positional } from './positional';

/**
 * The floor for a computed answer as a server gives it: a bare HTTP server (node:http, no framework, no ORM) that on
 * every request runs the API's statements straight on the driver (better-sqlite3 or pg, rows as arrays as the API reads
 * them; on PostgreSQL as named prepared statements sent together over a pool, as the API does) and answers with the
 * API's own bytes. Like the API, it reports the statements' time in Server-Timing, so the benchmark compares the two
 * in the same way, each paying what serving requests costs a computation (caches cooled by the HTTP work between
 * requests). Its HTTP work is much lighter than the API's, so its caches stay warmer: a floor on the safe side.
 * Started by run.ts as a child process, as the API server is; it stops when run.ts goes.
 *
 * Environment: STATEMENTS (JSON: [sql with $n placeholders, params][]), BODY_FILE, CONTENT_TYPE, PORT, and either
 * SQLITE_PATH or DATABASE_URL with DATABASE_SCHEMA.
 */
const statements = JSON.parse(process.env['STATEMENTS']!) as [string, unknown[]][];
const body = readFileSync(process.env['BODY_FILE']!);
const headers = { 'content-type': process.env['CONTENT_TYPE'] ?? 'application/json', 'content-length': body.length };

async function main(): Promise<void> {
  let run: () => Promise<void> | void;
  if (process.env['DATABASE_URL']) {
    const pool = new Pool({
      connectionString: process.env['DATABASE_URL'],
      options: `-c search_path=${process.env['DATABASE_SCHEMA'] ?? 'public'}`,
      max: 10,
    });
    const named = statements.map(([text, values]) => ({
      name: `q_${createHash('sha1').update(text).digest('hex')}`,
      text,
      values,
      rowMode: 'array' as const,
    }));
    run = async () => {
      await Promise.all(named.map((query) => pool.query(query)));
    };
  } else {
    const db = new Database(process.env['SQLITE_PATH']!, { readonly: true });
    const prepared = statements.map(([sql, values]) => {
      const p = positional(sql, values);
      return { statement: db.prepare(p.sql).raw(true), params: p.params };
    });
    run = () => {
      for (const { statement, params } of prepared) statement.all(...params);
    };
  }
  createServer((_request, response) => {
    const started = process.hrtime.bigint();
    Promise.resolve(run()).then(
      () => {
        response.writeHead(200, {
          ...headers,
          'server-timing': `compute;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(3)}`,
        });
        response.end(body);
      },
      (error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      },
    );
  }).listen(Number(process.env['PORT']), '127.0.0.1', () => process.send?.('up'));
  process.on('disconnect', () => process.exit(0));
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error) + '\n');
  process.exit(1);
});
