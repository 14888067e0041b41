import { Worker } from 'node:worker_threads';

interface Connection {
  pragma(sql: string): unknown;
}

/**
 * The worker's whole program: its own connection to the same file, copying the log into the database every
 * `everyMs`. A passive checkpoint never blocks the server's connection, but while the server keeps writing it
 * may never find the log completely copied, and only then can the log start over. When the log passes
 * `catchUpFrames`, the worker asks the server to finish the copy itself, between two commits (cheap: the worker
 * has already copied all but the latest frames).
 */
const PROGRAM = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
let asked = false;
const timer = setInterval(() => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    if (r.log > workerData.catchUpFrames && r.checkpointed < r.log) {
      if (!asked) parentPort.postMessage({ catchUp: true });
      asked = true;
    } else asked = false;
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
}, workerData.everyMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); db.close(); parentPort.close(); } });
`;

/**
 * SQLite copies its write-ahead log into the database file every 1,000 pages, inside the commit that crosses
 * that mark: on the one thread that serves every request, a copy and an fsync that make that commit (and every
 * request behind it) wait. Here a worker thread with its own connection does the copying (passive checkpoints,
 * which never block readers or writers), and the server's connection no longer checkpoints by itself, except to
 * finish a copy the worker could not (see PROGRAM). If the worker stops for any reason, the server's connection
 * checkpoints as before.
 */
export class WalCheckpointer {
  /** Set when the worker asks the server to finish a checkpoint; `Db` does it between two commits. */
  catchUpWanted = false;

  private constructor(
    private readonly worker: Worker,
    private readonly connection: Connection,
  ) {}

  static start(
    file: string,
    connection: Connection,
    onError: (message: string) => void,
    everyMs = 100,
    catchUpFrames = 4000,
  ): WalCheckpointer {
    const worker = new Worker(PROGRAM, {
      eval: true,
      workerData: { file, driver: require.resolve('better-sqlite3'), everyMs, catchUpFrames },
    });
    const checkpointer = new WalCheckpointer(worker, connection);
    worker.on('message', (m: { error?: string; catchUp?: boolean }) => {
      if (m.error) onError(m.error);
      if (m.catchUp) checkpointer.catchUpWanted = true;
    });
    worker.on('error', (error) => {
      onError(error.message);
      checkpointer.restore();
    });
    worker.on('exit', () => checkpointer.restore());
    worker.unref();
    connection.pragma('wal_autocheckpoint = 0');
    // After the log starts over, a file grown under a burst of writes is cut back to this size.
    connection.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
    return checkpointer;
  }

  /**
   * Finishes the copy on the server's connection; call only outside a transaction. The next write starts the log over.
   */
  catchUp(): void {
    this.catchUpWanted = false;
    try {
      this.connection.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      /* the worker asks again while the log stays long */
    }
  }

  /** Ends the worker's connection; the server's connection checkpoints again (and on close, as SQLite does). */
  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    // Unreferenced while it runs so it never holds the process open; while stopping, the wait must hold it open,
    // or a command-line tool with nothing else to do ends mid-shutdown without finishing its work.
    this.worker.ref();
    this.worker.postMessage('stop');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    await this.worker.terminate();
    this.restore();
  }

  private restore(): void {
    try {
      this.connection.pragma('wal_autocheckpoint = 1000');
    } catch {
      /* the connection is already closed */
    }
  }
}
