import type { DataSource } from 'typeorm';

/**
 * Runs the pending migrations. On a PostgreSQL server a session advisory lock on its own
 * connection serialises them: other instances starting at the same time wait here until the
 * first one is done. Embedded PGlite has one process and needs no lock.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres' || (dataSource.options as { driver?: unknown }).driver) {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  // A session lock on its own connection: other instances wait here until we are done.
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query(`SELECT pg_advisory_lock(hashtext('earshot.migrations'))`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('earshot.migrations'))`).catch(() => undefined);
    await runner.release();
  }
}
