import { createApp } from './app.factory';
import { AppConfig } from './config/app-config';
import { Db } from './database/db';
import { DEMO_PASSWORD } from './demo/demo-data';
import { seedFirstStart, SeedResult } from './demo/seed';

async function main(): Promise<void> {
  const config = AppConfig.fromEnv();
  const { app, migrated } = await createApp(config);
  const seeded = await seedFirstStart(app.get(Db), config);
  app.enableShutdownHooks();
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
