import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import type { App } from 'supertest/types.js';
import type { DataSource } from 'typeorm';
import { loadConfig, type AppConfig } from '../../src/config/env.js';
import { createApp, type CreatedApp } from '../../src/create-app.js';
import { createDataSourceOptions } from '../../src/database/data-source.js';
import { createTestDatabase } from './test-database.js';

export const TEST_ADMIN = { email: 'admin@earshot.test', password: 'test-admin-password' } as const;

export interface TestApp {
  app: INestApplication;
  dataSource: DataSource;
  config: AppConfig;
  /** What the first-start seed did (with the generated admin password when none was given). */
  seed: CreatedApp['seed'];
  /** Raw HTTP server for supertest. */
  server: App;
  close(): Promise<void>;
}

/** Boots the real app (same createApp as main.ts) on a fresh database. Once per test file. */
export async function createTestApp(env: Record<string, string> = {}, logDestination?: DestinationStream): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    EARSHOT_ADMIN_EMAIL: TEST_ADMIN.email,
    EARSHOT_ADMIN_PASSWORD: TEST_ADMIN.password,
    EARSHOT_WEB_DIST: '/nonexistent',
    EARSHOT_SECRET_KEY: randomBytes(32).toString('hex'),
    // Tests drive the poller themselves (PollerService.runDue).
    EARSHOT_POLLING: 'false',
    ...(db.config.engine === 'postgres' ? { DATABASE_URL: db.config.url } : {}),
    ...env,
  });
  // An explicit DATABASE_URL (a second instance on the first one's database) wins over the fresh one.
  const { app, dataSource, seed } = await createApp(config, createDataSourceOptions(env.DATABASE_URL ? config.database : db.config), logDestination);
  await app.init();
  return {
    app,
    dataSource,
    config,
    seed,
    server: app.getHttpServer(),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
