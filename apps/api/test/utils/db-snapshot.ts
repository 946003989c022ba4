import type { DataSource } from 'typeorm';
import { AnalyticsRollupService } from '../../src/modules/analytics/analytics-rollup.service.js';
import type { TestApp } from './create-test-app.js';

/** Row count and a digest of every row, per table of the public schema. */
export type DbSnapshot = Record<string, { rows: number; digest: string }>;

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  (Array.isArray((result as unknown[])[0]) ? (result as unknown[][])[0] : result) as Array<Record<string, unknown>>;

/**
 * Reads every table of the database (the migrations bookkeeping aside) so a test can assert
 * that a refused request changed nothing at all: not a row added, removed or updated anywhere.
 * Works on PostgreSQL and PGlite alike (a row's text form, sorted, hashed with md5).
 */
export async function snapshotDb(ds: DataSource): Promise<DbSnapshot> {
  const tables = rowsOf(
    await ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'migrations' ORDER BY table_name`,
    ),
  ).map((r) => String(r.table_name));
  const out: DbSnapshot = {};
  for (const table of tables) {
    // The share-link rate limit counts every request to /api/share/… (refused ones too: it runs before validation),
    // so its counters (`sl:<ip>`) are left out; the sign-in counters stay in.
    const where = table === 'login_throttle' ? ` WHERE t.key NOT LIKE 'sl:%'` : '';
    const [row] = rowsOf(
      await ds.query(`SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM "${table}" t${where}`),
    );
    out[table] = { rows: Number(row!.rows), digest: String(row!.digest) };
  }
  return out;
}

/** The tables whose rows differ between two snapshots (empty: nothing changed). */
export function diffDb(before: DbSnapshot, after: DbSnapshot): Array<{ table: string; before: number | null; after: number | null }> {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names.filter((n) => before[n]?.digest !== after[n]?.digest).map((n) => ({ table: n, before: before[n]?.rows ?? null, after: after[n]?.rows ?? null }));
}

/**
 * A snapshot once the app's own background work is done: an analytics read (a report build, say) may start the
 * rollups' catch-up, which writes derived tables for a while after its request answered. A sweep that checks a
 * refused request wrote nothing takes its snapshots around the request only, not around that earlier work.
 */
export async function settledSnapshot(t: TestApp): Promise<DbSnapshot> {
  await t.app.get(AnalyticsRollupService).whenIdle();
  return snapshotDb(t.dataSource);
}
