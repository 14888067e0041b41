import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { closeApp, createApp } from './app.factory';
import { AppConfig } from './config/app-config';
import { Db } from './database/db';
import { DEMO_PASSWORD } from './demo/demo-data';
import { seedFirstStart, SeedResult } from './demo/seed';

/** A signal stops the server within this long, whatever the load. */
const STOP_WITHIN_MS = 10_000;
/** Requests in flight get this long to finish; what is still open then is cut (its client gets no answer). */
const DRAIN_MS = 7_000;

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const { app, dataSource, migrated } = await createApp(config);
  const seeded = await seedFirstStart(app.get(Db), config);
  const server = app.getHttpServer() as Server;
  let stopping = false;
  let inFlight = 0;
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    inFlight++;
    response.once('close', () => inFlight--);
    // While stopping, each answer ends its connection: a keep-alive client cannot go on sending requests on it.
    if (stopping) response.setHeader('Connection', 'close');
  });
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), STOP_WITHIN_MS).unref();
    // No new connections; idle keep-alive connections are closed now, busy ones after their answer.
    server.close();
    server.closeIdleConnections();
    const until = Date.now() + DRAIN_MS;
    while (inFlight > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    server.closeAllConnections();
    // Every write that was answered has been committed; the database is closed last (on SQLite that leaves one file).
    await closeApp(app, dataSource);
    process.stdout.write(`  Stopped (${signal}).\n`);
    process.exit(0);
  };
  process.once('SIGTERM', (signal) => void stop(signal));
  process.once('SIGINT', (signal) => void stop(signal));
  await app.listen(config.PORT);
  printBanner(config, migrated, seeded);
}

function printBanner(config: AppConfig, migrated: string[], seeded: SeedResult | null): void {
  const lines = [
    '',
    `  Living-lab experiment tracker is running: http://localhost:${config.PORT}`,
    `  API documentation: http://localhost:${config.PORT}/api/docs`,
    `  Database: ${config.databaseKind === 'postgres' ? 'PostgreSQL' : `SQLite (${config.SQLITE_PATH})`}` +
      `${migrated.length ? `, migrations applied: ${migrated.join(', ')}` : ''}`,
  ];
  if (seeded?.admin) {
    lines.push(
      seeded.admin.fromEnvironment
        ? `  First admin: ${seeded.admin.email} (password from ADMIN_PASSWORD)`
        : `  First admin: ${seeded.admin.email}  password: ${seeded.admin.password}` +
            `   <- shown only this once; keep it safe`,
    );
  }
  if (config.DEMO_DATA) {
    lines.push(
      `  Demo accounts (password "${DEMO_PASSWORD}"):`,
      '    coordinator@demo.nl  coordinator of three labs (Den Haag, Utrecht, Zwolle)',
      '    sdg@demo.nl          coordinator of the SDG lessons in Maastricht',
      '    gezond@demo.nl       coordinator of "Gezonde geest in een gezond lichaam"',
      '    kerk@demo.nl         coordinator of the national phone line',
      '    partner@demo.nl      partner      bewoner@demo.nl  resident      gemeente@demo.nl  observer (municipality)',
    );
  }
  process.stdout.write(lines.join('\n') + '\n\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`Could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
