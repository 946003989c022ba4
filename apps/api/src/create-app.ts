import 'reflect-metadata';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import type { DestinationStream } from 'pino';
import type { DataSource, DataSourceOptions } from 'typeorm';
import { AppModule } from './app.module.js';
import { createHttpLogger, createLogger } from './common/logging/create-logger.js';
import { PinoLoggerService } from './common/logging/pino-logger.service.js';
import { requestIdMiddleware } from './common/logging/request-id.middleware.js';
import { originCheck } from './common/origin-check.middleware.js';
import { serveWeb } from './common/serve-web.js';
import type { AppConfig } from './config/env.js';
import { createDataSourceOptions } from './database/data-source.js';
import { runMigrationsLocked } from './database/run-migrations-locked.js';
import { PasswordService } from './modules/users/password.service.js';
import { SECRET_BOX, type SecretBox } from './common/crypto/secret-box.js';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { RedisIoAdapter } from './modules/realtime/redis-io.adapter.js';
import { seedDemoWorkspace, type SeedResult } from './database/seeds/seed-demo-workspace.js';

export interface CreatedApp {
  app: INestApplication;
  dataSource: DataSource;
  seed: SeedResult;
  webServed: boolean;
}

const defaultWebDist = () => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * Builds the whole api: security middleware, the dashboard, migrations (under a lock on
 * PostgreSQL so several instances can start together) and the first-start seed.
 * Used by main.ts and by the integration tests, so tests boot exactly what runs.
 */
export async function createApp(
  config: AppConfig,
  dataSourceOptions: DataSourceOptions = createDataSourceOptions(config.database),
  logDestination?: DestinationStream,
): Promise<CreatedApp> {
  const logger = createLogger(config, logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, dataSourceOptions), {
    logger: new PinoLoggerService(logger),
    bodyParser: false,
  });
  app.enableShutdownHooks();
  const http = app.getHttpAdapter().getInstance() as express.Express;
  http.disable('x-powered-by');
  // A hop count or the proxies' addresses, never `true` (env.ts refuses it): req.ip is then the
  // address the nearest trusted proxy saw, which a client cannot choose.
  if (config.trustProxy !== false) http.set('trust proxy', config.trustProxy);
  app.use(requestIdMiddleware);
  app.use(createHttpLogger(logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:', 'https:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: config.publicUrl?.protocol === 'https:',
    }),
  );
  app.use(express.json({ limit: '256kb' }));
  app.use(cookieParser());
  app.use(originCheck(config.publicUrl));
  const require = createRequire(import.meta.url);
  const swaggerDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  app.use('/api/docs/assets', express.static(swaggerDir, { index: false, maxAge: '1d' }));
  const webServed = serveWeb(http, config.webDist ?? defaultWebDist());
  if (config.redisUrl) {
    const adapter = new RedisIoAdapter(app, config.redisUrl);
    await adapter.connect();
    app.useWebSocketAdapter(adapter);
  } else {
    app.useWebSocketAdapter(new IoAdapter(app));
  }
  app.setGlobalPrefix('api', { exclude: [{ path: '/', method: RequestMethod.GET }] });

  const dataSource = app.get<DataSource>(getDataSourceToken());
  await runMigrationsLocked(dataSource);
  const passwords = app.get(PasswordService);
  const box = app.get<SecretBox>(SECRET_BOX);
  const seed = await seedDemoWorkspace(
    dataSource,
    config,
    (p) => passwords.hash(p),
    (json, ws) => box.seal(json, ws),
  );
  return { app, dataSource, seed, webServed };
}
