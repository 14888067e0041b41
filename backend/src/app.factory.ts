import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { SessionsService } from './users/sessions.service';
import { sessionMiddleware } from './auth/session.middleware';
import { bodyDepthLimit } from './common/body-depth.middleware';
import { dashboardPage } from './common/first-answers';
import { compressedFiles } from './common/compressed-files';
import { JsonLogger } from './common/json-logger';
import { noStore } from './common/no-store.middleware';
import { sendProblem } from './common/problem.filter';
import { requestLog } from './common/request-log.middleware';
import { AppConfig } from './config/app-config';
import { createDataSource } from './data-source';
import { runMigrations } from './database/migrate';

export interface App {
  app: NestExpressApplication;
  dataSource: DataSource;
  config: AppConfig;
  migrated: string[];
}

/** Connects, migrates and assembles the whole application; main.ts and the tests both start here. */
export async function createApp(config: AppConfig, options: { logger?: JsonLogger } = {}): Promise<App> {
  const logger = options.logger ?? new JsonLogger(config.LOG_LEVEL);
  const dataSource = createDataSource(config);
  if (config.databaseKind === 'postgres' && config.DATABASE_SCHEMA) {
    const bootstrap = new DataSource({ type: 'postgres', url: config.DATABASE_URL });
    await bootstrap.initialize();
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS "${config.DATABASE_SCHEMA}"`).catch(() => undefined);
    await bootstrap.destroy();
  }
  await dataSource.initialize();
  const migrated = await runMigrations(dataSource);

  const app = await NestFactory.create<NestExpressApplication>(AppModule.create(config, dataSource), {
    logger,
    bodyParser: false,
    abortOnError: false,
  });
  if (config.TRUST_PROXY)
    app.set('trust proxy', /^\d+$/.test(config.TRUST_PROXY) ? Number(config.TRUST_PROXY) : config.TRUST_PROXY);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
    }),
  );
  app.use(cookieParser());
  app.use('/api', requestLog);
  // CSV imports can be large (100,000 rows); every other body stays small.
  app.use('/api/labs/:labId/import', express.text({ type: ['text/csv', 'text/plain'], limit: '60mb' }));
  app.use('/api', express.json({ limit: config.BODY_LIMIT, type: ['application/json', 'application/*+json'] }));
  app.use('/api', express.urlencoded({ extended: false, limit: config.BODY_LIMIT }));
  app.use('/api', bodyDepthLimit);
  const session = sessionMiddleware(app.get(SessionsService));
  app.use('/api', session);
  app.use('/api', noStore);
  app.use('/api', (error: unknown, request: Request, response: Response, next: NextFunction) => {
    // Errors before Nest's routing (body parsing, CSRF) still leave as problem+json.
    if (response.headersSent) return next(error);
    sendProblem(error, request, response);
  });
  app.setGlobalPrefix('api');

  const document = buildOpenApi(app);
  SwaggerModule.setup('api/docs', app, () => document, {
    jsonDocumentUrl: 'api/docs/openapi.json',
    customSiteTitle: 'Living-lab tracker API',
  });

  serveDashboard(app, config.STATIC_DIR, session);
  await app.init();
  return { app, dataSource, config, migrated };
}

export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Living-lab experiment tracker')
    .setDescription(
      'REST API of the living-lab experiment tracker. Errors are RFC 9457 problem+json. State-changing requests ' +
        'need the X-CSRF-Token header with the value of the `csrf` cookie. Sessions use the httpOnly `sid` cookie ' +
        'set by /api/auth/login.',
    )
    .setVersion('0.1.0')
    .addCookieAuth('sid')
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

/** The built dashboard on the same address: its files, and index.html for its routes. */
function serveDashboard(app: NestExpressApplication, dir: string, session: ReturnType<typeof sessionMiddleware>): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  // Angular's build names its bundles by content hash: those never change, the rest may.
  const cacheControl = (path: string) =>
    /-[A-Z0-9]{8}\.(js|css)$/.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
  const compressed = compressedFiles(dir, cacheControl);
  const files = express.static(dir, {
    index: false,
    maxAge: '1h',
    setHeaders: (res, path) => res.setHeader('Cache-Control', cacheControl(path)),
  });
  // The API never looks on disk: no file-system call on an API request.
  app.use((request: Request, response: Response, next: NextFunction) =>
    request.path.startsWith('/api') ? next() : compressed(request, response, () => files(request, response, next)),
  );
  const page = dashboardPage(index);
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.method !== 'GET' || request.path.startsWith('/api')) return next();
    void session(request, response, (error?: unknown) => (error ? next(error) : void page(request, response, next)));
  });
}

export async function closeApp(app: INestApplication, dataSource: DataSource): Promise<void> {
  await app.close();
  if (dataSource.isInitialized) await dataSource.destroy();
}
