import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/env.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { createPGliteDriver } from './pglite-driver.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { mkdirSync } from 'node:fs';

/**
 * The one data source definition, shared by the app, the migration CLI and tests.
 * Migrations only: `synchronize` is never on here.
 */
export function createDataSourceOptions(db: DatabaseConfig, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each' as const,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    // PGlite has neither uuid-ossp nor pgcrypto: use the built-in gen_random_uuid().
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    // A missing tenant id must never silently widen a query (TypeORM #9316).
    invalidWhereValuesBehavior: { null: 'throw' as const, undefined: 'throw' as const },
    logging: false,
  };
  if (db.engine === 'postgres') {
    return { ...common, url: db.url, poolSize: 10, applicationName: 'earshot', ...overrides } as DataSourceOptions;
  }
  if (db.dataDir) mkdirSync(db.dataDir, { recursive: true });
  const pglite = createPGliteDriver(db.dataDir);
  return { ...common, driver: pglite.driver, poolSize: 1, ...overrides } as DataSourceOptions;
}

export function createDataSource(db: DatabaseConfig, overrides: Partial<DataSourceOptions> = {}): DataSource {
  return new DataSource(createDataSourceOptions(db, overrides));
}
