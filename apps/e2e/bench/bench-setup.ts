/**
 * What every `npm run bench:*` shares: a fresh database on DATABASE_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres, created here and dropped at the end unless
 * BENCH_KEEP_DB=true), the bench admin, one-off SQL, signing in, waiting for the demo sources'
 * first polls, and percentiles.
 */
import pg from 'pg';
import type { TestDatabase } from '../test/earshot-server.js';

export const BENCH_SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const BENCH_ADMIN = { email: 'bench@earshot.test', password: 'bench-admin-password' };

/** One statement on its own connection. */
export async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text, params)).rows;
  } finally {
    await c.end();
  }
}

export interface BenchDatabase extends TestDatabase {
  name: string;
  /** The new database's URL. */
  url: string;
  /** Drops it, or keeps it (and says so) with BENCH_KEEP_DB=true. */
  finish(): Promise<void>;
}

/** A new database named `<prefix>_<timestamp>` on the bench server. */
export async function createBenchDatabase(prefix = 'earshot_bench'): Promise<BenchDatabase> {
  const name = `${prefix}_${Date.now()}`;
  await sql(BENCH_SERVER_URL, `CREATE DATABASE "${name}"`);
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  const drop = () => sql(BENCH_SERVER_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined);
  return {
    name,
    url: url.toString(),
    env: { DATABASE_URL: url.toString() },
    drop,
    finish: async () => {
      if (process.env.BENCH_KEEP_DB === 'true') console.log(`kept database: ${name}`);
      else await drop();
    },
  };
}

/** The session cookie of a sign-in. */
export async function login(apiUrl: string, user: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${apiUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  if (!res.ok) throw new Error(`login of ${user.email} failed: ${res.status} ${await res.text()}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

export interface BenchSource {
  id: string;
  platform: string;
  health: { lastSuccessAt: string | null };
}

/** Waits until each of the demo workspace's `count` sources has polled once (their cursors are set); returns them. */
export async function firstPolls(apiUrl: string, cookie: string, count = 4): Promise<BenchSource[]> {
  for (;;) {
    const res = (await (await fetch(`${apiUrl}/api/sources`, { headers: { cookie } })).json()) as { items: BenchSource[] };
    if (res.items.length >= count && res.items.every((s) => s.health.lastSuccessAt)) return res.items;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The p-th percentile (nearest rank) of ascending `sorted`. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
