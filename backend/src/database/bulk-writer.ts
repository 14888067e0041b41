import { Worker } from 'node:worker_threads';
import { QueryFailedError } from 'typeorm';

/** The worker's whole program: its own connection to the same file, running the statements it is sent, in order. */
const PROGRAM = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('foreign_keys = ON');
const statements = new Map();
parentPort.on('message', ({ sql, params }) => {
  try {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    statement.run(...params);
    parentPort.postMessage({});
  } catch (error) {
    parentPort.postMessage({ error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

/**
 * A connection of its own to a SQLite file, in a worker thread: a long transaction there (a large import) leaves
 * the server's thread free, and the server's connection goes on reading what was committed before it (WAL).
 * Statements run one at a time, in the order they are sent, with positional parameters.
 */
export class BulkWriter {
  private pending: { sql: string; params: unknown[]; resolve: () => void; reject: (error: unknown) => void }[] = [];

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: { error?: { message: string; code?: string } }) => {
      const job = this.pending.shift()!;
      if (m.error)
        job.reject(
          new QueryFailedError(job.sql, job.params, Object.assign(new Error(m.error.message), { code: m.error.code })),
        );
      else job.resolve();
    });
    worker.on('error', (error) => this.pending.splice(0).forEach((job) => job.reject(error)));
    worker.on('exit', () => this.pending.splice(0).forEach((job) => job.reject(new Error('the bulk writer stopped'))));
  }

  /** `synchronous` and `busyTimeoutMs` as the server's own connection has them (SQLITE_SYNCHRONOUS, …). */
  static open(
    file: string,
    { synchronous = 'NORMAL', busyTimeoutMs = 5000 }: { synchronous?: 'NORMAL' | 'FULL'; busyTimeoutMs?: number } = {},
  ): BulkWriter {
    // Small heaps: it only ever holds one batch (the server itself runs with --max-semi-space-size=4).
    const resourceLimits = { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 32 };
    return new BulkWriter(
      new Worker(PROGRAM, {
        eval: true,
        resourceLimits,
        workerData: { file, driver: require.resolve('better-sqlite3'), synchronous, busyTimeoutMs },
      }),
    );
  }

  run(sql: string, params: unknown[] = []): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ sql, params, resolve, reject });
      this.worker.postMessage({ sql, params });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
