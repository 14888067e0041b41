import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApi, closeApp, createApp } from '../app.factory';
import { AppConfig } from '../config/app-config';
import { JsonLogger } from '../common/json-logger';

/** The OpenAPI document as the code declares it, with stable formatting (for docs/openapi.json). */
export async function generateOpenApi(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  try {
    const config = AppConfig.fromEnv(
      {},
      { SQLITE_PATH: join(dir, 'openapi.sqlite'), DEMO_DATA: false, STATIC_DIR: join(dir, 'none') },
    );
    const { app, dataSource } = await createApp(config, { logger: new JsonLogger('error') });
    const document = buildOpenApi(app);
    await closeApp(app, dataSource);
    return JSON.stringify(document, null, 2) + '\n';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const out = process.argv[2];
  generateOpenApi()
    .then((json) => (out ? writeFileSync(out, json) : process.stdout.write(json)))
    .catch((error) => {
      process.stderr.write(String(error?.stack ?? error) + '\n');
      process.exit(1);
    });
}
