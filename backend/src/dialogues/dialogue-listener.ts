import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Client, type Notification } from 'pg';
import type { EntitySubscriberInterface, InsertEvent } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Db } from '../database/db';
import { DialogueFanoutRepository } from './dialogue-fanout.repository';
import { DialogueNotifier } from './dialogue-notifier';
import { DialogueEvent } from './dialogue.entity';

const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 10_000;
/** How often the LISTEN connection is asked `SELECT 1`, and how long it may take: a silent network is noticed. */
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 3_000;

/** Closes a client's socket at once, without waiting for the other side. */
const cut = (client: Client) =>
  (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();

/** The NOTIFY channel: per schema, as instances of different installations (and tests) may share one database. */
export function dialogueChannel(schema: string | undefined): string {
  const name = `tafel:${schema || 'public'}`;
  return name.length <= 63 ? name : `tafel:${createHash('sha1').update(name).digest('hex').slice(0, 40)}`;
}

/**
 * Fan-out of the dialogues' events across instances on PostgreSQL, with LISTEN/NOTIFY: no broker beside the database.
 *
 * Sending: every insert into `dialogue_events` sends `pg_notify(channel, 'dialogueId:eventId')` inside the write's
 * own transaction (a TypeORM subscriber, so no write path can forget it). PostgreSQL delivers a notification only when
 * its transaction commits, never for one rolled back, and in commit order. Sent after the commit instead, a crash (or
 * a lost connection) between the commit and the NOTIFY would leave the other instances' streams asleep until the next
 * event, and every write would pay a second round trip.
 *
 * Receiving: one dedicated connection (not from the pool) LISTENs; each notification raises the dialogue's high mark
 * and wakes its streams here (see DialogueNotifier for why a notified id is safe to read up to). When that connection
 * is lost (or stops answering its heartbeat), the instance reconnects with backoff and meanwhile reads the last event
 * of each dialogue it streams every DIALOGUE_POLL_MS, so streams catch up, later; /api/health says
 * `"dialogueEvents": "polling (listen down)"`. After reconnecting it reads them once more, as notifications sent
 * while it was away are not delivered again. On SQLite (one process) it only reads every dialogue's mark at boot.
 */
@Injectable()
export class DialogueListener implements OnModuleInit, OnModuleDestroy, EntitySubscriberInterface<DialogueEvent> {
  private readonly logger = new Logger('DialogueListener');
  private readonly channel: string;
  private client?: Client;
  private attempts = 0;
  private stopped = false;
  private reading: Promise<void> = Promise.resolve();
  private queued = 0;
  private pollTimer?: NodeJS.Timeout;
  private heartbeat?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly config: AppConfig,
    private readonly repository: DialogueFanoutRepository,
    private readonly notifier: DialogueNotifier,
  ) {
    this.channel = dialogueChannel(config.DATABASE_SCHEMA);
  }

  async onModuleInit(): Promise<void> {
    if (!this.db.isPostgres) {
      this.notifier.seedAll(await this.repository.latestOfAll());
      return;
    }
    this.db.dataSource.subscribers.push(this);
    this.notifier.state = 'polling (listen down)';
    await this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearInterval(this.heartbeat);
    clearTimeout(this.retry);
    const subscribers = this.db.dataSource.subscribers;
    if (subscribers.includes(this)) subscribers.splice(subscribers.indexOf(this), 1);
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    // A silent network would hold the goodbye, and with it the shutdown: a second at most, then the socket goes.
    await Promise.race([client.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000))]);
    cut(client);
  }

  listenTo(): typeof DialogueEvent {
    return DialogueEvent;
  }

  async afterInsert(event: InsertEvent<DialogueEvent>): Promise<void> {
    const { id, dialogueId } = event.entity;
    if (event.queryRunner) await this.repository.notify(event.queryRunner, this.channel, `${dialogueId}:${id}`);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.DATABASE_LISTEN_URL ?? this.config.DATABASE_URL,
      connectionTimeoutMillis: this.config.DATABASE_CONNECT_TIMEOUT_MS,
      query_timeout: HEARTBEAT_TIMEOUT_MS,
      keepAlive: true,
      application_name: `dialogue-listener ${this.config.DATABASE_SCHEMA ?? 'public'}`.slice(0, 63),
    });
    // Listeners stay for the client's whole life: an 'error' without one would end the process.
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (message) => this.notified(message));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel.replace(/"/g, '""')}"`);
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return;
    // What was committed while nothing listened: read now that every later commit is notified.
    const caughtUp = await this.poll();
    if (this.client !== client) return;
    // Until that read succeeded (the database may be away too), the timer keeps reading.
    if (caughtUp) {
      clearInterval(this.pollTimer);
      this.pollTimer = undefined;
    }
    if (this.attempts > 0) this.logger.log({ msg: 'dialogue events: LISTEN connection back', channel: this.channel });
    this.attempts = 0;
    this.notifier.state = 'listen';
    this.heartbeat = setInterval(() => {
      client.query('SELECT 1').catch((error: unknown) => this.lost(client, error));
    }, HEARTBEAT_MS).unref();
  }

  /** The LISTEN connection failed, ended or went silent: poll meanwhile, and reconnect with backoff. */
  private lost(client: Client, reason: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
    clearInterval(this.heartbeat);
    // A silent network never answers the goodbye: the socket is closed without waiting for it.
    cut(client);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    if (this.notifier.state !== 'polling (listen down)' || this.attempts === 0)
      this.logger.warn({
        msg: 'dialogue events: LISTEN connection lost; streams catch up by polling meanwhile',
        pollMs: this.config.DIALOGUE_POLL_MS,
        reason: String((reason as Error | undefined)?.message ?? reason),
      });
    this.notifier.state = 'polling (listen down)';
    this.notifier.forgetUnwatched();
    this.pollTimer ??= setInterval(() => {
      if (this.queued > 0) return;
      void this.poll().then((ok) => {
        if (!ok || this.notifier.state !== 'listen') return;
        clearInterval(this.pollTimer);
        this.pollTimer = undefined;
      });
    }, this.config.DIALOGUE_POLL_MS).unref();
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempts++) * (0.5 + Math.random() / 2);
    this.retry = setTimeout(() => void this.connect(), delay);
    this.retry.unref();
  }

  private notified(message: Notification): void {
    if (message.channel !== this.channel || !message.payload) return;
    const [dialogueId, id] = message.payload.split(':').map(Number);
    if (Number.isSafeInteger(dialogueId) && Number.isSafeInteger(id)) this.notifier.committedUpTo(dialogueId, id);
  }

  /**
   * Reads the last event of the dialogues streamed here; forgets the marks of the others, which may be behind. Reads
   * run one after another: the read after reconnecting must start after the LISTEN, not join one begun before it.
   */
  private poll(): Promise<boolean> {
    this.queued++;
    const read = this.reading.then(async () => {
      this.notifier.forgetUnwatched();
      for (const [dialogueId, id] of await this.repository.latest(this.notifier.watched()))
        this.notifier.committedUpTo(dialogueId, id);
      return true;
    });
    // The database itself away: the next round tries again (and /api/health says "unreachable").
    const settled = read.catch(() => false).finally(() => this.queued--);
    this.reading = settled.then(() => undefined);
    return settled;
  }
}
