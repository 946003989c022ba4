/**
 * npm run bench:analytics — the analytics API over one million mentions, and the early-warning
 * detector's figures.
 *
 * 1. A fresh database on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres;
 *    created here, dropped at the end unless BENCH_KEEP_DB=true). The built api runs on it (polling
 *    off); the bench admin's workspace gets the zone Europe/Berlin, four brands and five listening
 *    queries through the REST API, then BENCH_ANALYTICS_MENTIONS (default 1,000,000) mentions over
 *    400 days, written with SQL (see analytics-seed.ts).
 * 2. Raw: the api runs with EARSHOT_ANALYTICS_ROLLUPS=off, so it answers every query from the
 *    mention rows; each query runs BENCH_ANALYTICS_REPEAT (default 20) times over HTTP after one
 *    warm-up call.
 * 3. Rollups: the api restarted with rollups on (the interval job off, so the bench sees the work):
 *    the first read counts rows and starts building the workspace's hourly rollups in the background
 *    (`rollup-build`: until the build has committed), then the same requests.
 *    Each response must equal the raw one. Then 20 mentions in 20 different hours change status
 *    (PATCH /api/mentions/:id) and the next read, which first recomputes those hours, is timed.
 * 4. The @earshot/signals benchmark (its own `npm run bench`, run as it is): the crisis alert delay
 *    and the false alerts of steady simulated months.
 *
 * Prints `analytics-p95: N ms` (p95 over every request of the main queries, with rollups; target
 * under 200), `analytics-raw-p95`, a line per query with both, `alert-delay: N min` and
 * `false-alerts: N`.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from '../test/repo-root.js';
import { startEarshot, type EarshotServer } from '../test/earshot-server.js';
import { seedAnalyticsMentions } from './analytics-seed.js';
import { BENCH_ADMIN as ADMIN, BENCH_SERVER_URL, createBenchDatabase, login, percentile, sql, type BenchDatabase } from './bench-setup.js';

const TOTAL = Number(process.env.BENCH_ANALYTICS_MENTIONS ?? 1_000_000);
const REPEAT = Number(process.env.BENCH_ANALYTICS_REPEAT ?? 20);
const ZONE = 'Europe/Berlin';
const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

interface Case {
  name: string;
  path: string;
  main: boolean;
}

/** `YYYY-MM-DD` of `d` shifted by `days`, in ZONE. */
function localDay(d: Date, days: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const t = new Date(`${parts}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

function cases(end: Date, brands: { acme: string; rivalOne: string }): Case[] {
  const to = localDay(end, 1); // through the current (partial) local day
  const back = (days: number) => localDay(end, 1 - days);
  return [
    { name: 'volume-day-30d', path: `volume?from=${back(30)}&to=${to}&bucket=day`, main: true },
    { name: 'volume-day-90d', path: `volume?from=${back(90)}&to=${to}&bucket=day`, main: true },
    { name: 'volume-hour-7d', path: `volume?from=${back(7)}&to=${to}&bucket=hour`, main: true },
    { name: 'volume-week-1y', path: `volume?from=${back(364)}&to=${to}&bucket=week`, main: true },
    { name: 'themes-30d', path: `themes?from=${back(30)}&to=${to}`, main: true },
    { name: 'share-of-voice-day-30d', path: `share-of-voice?from=${back(30)}&to=${to}&bucket=day`, main: true },
    { name: 'volume-day-90d-brand', path: `volume?from=${back(90)}&to=${to}&bucket=day&brandId=${brands.acme}`, main: false },
    { name: 'volume-day-30d-platform', path: `volume?from=${back(30)}&to=${to}&bucket=day&platform=x`, main: false },
    { name: 'volume-week-1y-category', path: `volume?from=${back(364)}&to=${to}&bucket=week&category=delivery,billing`, main: false },
    { name: 'themes-90d-brand', path: `themes?from=${back(90)}&to=${to}&brandId=${brands.rivalOne}`, main: false },
    { name: 'share-of-voice-week-1y-topic', path: `share-of-voice?from=${back(364)}&to=${to}&bucket=week&topic=competition`, main: false },
  ];
}

async function getJson(api: EarshotServer, cookie: string, p: string): Promise<{ ms: number; body: unknown }> {
  const t = performance.now();
  const res = await fetch(`${api.url}/api/analytics/${p}`, { headers: { cookie } });
  const body = (await res.json()) as unknown;
  const ms = performance.now() - t;
  if (!res.ok) throw new Error(`GET /api/analytics/${p}: ${res.status} ${JSON.stringify(body)}`);
  return { ms, body };
}

/** Each case once (warm-up; the answers are returned), then REPEAT times, interleaved. */
async function timeCases(api: EarshotServer, cookie: string, list: Case[]): Promise<{ times: Map<string, number[]>; answers: Map<string, string> }> {
  const times = new Map<string, number[]>(list.map((c) => [c.name, []]));
  const answers = new Map<string, string>();
  for (const c of list) answers.set(c.name, JSON.stringify((await getJson(api, cookie, c.path)).body));
  for (let i = 0; i < REPEAT; i++) for (const c of list) times.get(c.name)!.push((await getJson(api, cookie, c.path)).ms);
  return { times, answers };
}

const p95 = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    95,
  );

/** Runs packages/signals' own benchmark and returns its output. */
function signalsBench(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'bench', '-w', '@earshot/signals'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`@earshot/signals bench exited with ${code}:\n${out}`))));
  });
}

/** BENCH_ANALYTICS_REUSE_DB: a database an earlier run kept (BENCH_KEEP_DB=true): no seeding, rollups rebuilt, kept again. */
function reusedDatabase(name: string): BenchDatabase {
  const url = new URL(BENCH_SERVER_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    env: { DATABASE_URL: url.toString() },
    drop: async () => undefined,
    finish: async () => console.log(`kept database: ${name}`),
  };
}

async function main(): Promise<void> {
  const reuse = process.env.BENCH_ANALYTICS_REUSE_DB;
  const db = reuse ? reusedDatabase(reuse) : await createBenchDatabase('earshot_bench_analytics');
  const env = (rollups: 'true' | 'false') => ({
    EARSHOT_POLLING: 'false',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
    EARSHOT_ANALYTICS_ROLLUPS: rollups,
    EARSHOT_ANALYTICS_ROLLUP_SECONDS: '0',
  });
  let api: EarshotServer | null = null;
  try {
    api = await startEarshot({ database: db, admin: ADMIN, env: env('false') });
    const cookie = await login(api.url, ADMIN);
    const apiUrl = api.url;
    const post = async (p: string, body: unknown, method = 'POST'): Promise<{ id: string }> => {
      const res = await fetch(`${apiUrl}/api${p}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    let end: Date;
    let brands: { acme: string; rivalOne: string };
    if (reuse) {
      const rows = await sql<{ acme: string; rival: string; end: Date }>(
        db.url,
        `SELECT (SELECT id FROM brand WHERE name = 'Acme') AS acme, (SELECT id FROM brand WHERE name = 'Rival One') AS rival,
                (SELECT date_trunc('hour', max(posted_at)) FROM mention WHERE external_id LIKE 'bench-%') AS end`,
      );
      await sql(db.url, `TRUNCATE analytics_hourly_rollup, analytics_hourly_summary, analytics_hourly_complaints, analytics_rollup_state`);
      ({ end } = rows[0]!);
      brands = { acme: rows[0]!.acme, rivalOne: rows[0]!.rival };
      console.log(`reused: ${db.name} (rollups cleared)`);
    } else {
      await post('/workspace', { timeZone: ZONE }, 'PATCH');
      const brand = (name: string, kind: 'own' | 'competitor') => post('/brands', { name, handles: [`@${name.toLowerCase().replace(/ /g, '')}`], kind });
      const acme = await brand('Acme', 'own');
      const rivals = [await brand('Rival One', 'competitor'), await brand('Rival Two', 'competitor'), await brand('Rival Three', 'competitor')];
      const query = async (brandId: string, name: string, topic: string) =>
        (await post('/listening-queries', { brandId, name, query: name.toLowerCase(), topic })).id;
      const queries = {
        acme: await query(acme.id, 'Acme', 'brand'),
        acmeSupport: await query(acme.id, 'Acme support', 'support'),
        rivalOne: await query(rivals[0]!.id, 'Rival one', 'competition'),
        rivalTwo: await query(rivals[1]!.id, 'Rival two', 'competition'),
        rivalThree: await query(rivals[2]!.id, 'Rival three', 'competition'),
      };
      const [ws] = await sql<{ id: string }>(db.url, `SELECT workspace_id AS id FROM brand WHERE id = $1`, [acme.id]);
      const seeded = await seedAnalyticsMentions(db.url, ws!.id, queries, TOTAL);
      console.log(`seeded: ${TOTAL} mentions over 400 days in ${(seeded.ms / 1000).toFixed(0)} s`);
      end = seeded.end;
      brands = { acme: acme.id, rivalOne: rivals[0]!.id };
    }
    const list = cases(end, brands);

    // Raw.
    const raw = await timeCases(api, cookie, list);
    await api.stop({ keepDatabase: true });
    api = null;

    // Rollups.
    api = await startEarshot({ database: db, admin: ADMIN, env: env('true') });
    const cookie2 = await login(api.url, ADMIN);
    // The first read counts rows and starts the build in the background; the build is done when the workspace has a watermark.
    const t0 = performance.now();
    const firstRead = await getJson(api, cookie2, list[0]!.path);
    while ((await sql(db.url, `SELECT 1 FROM analytics_rollup_state`)).length === 0) await new Promise((r) => setTimeout(r, 200));
    const buildMs = performance.now() - t0;
    console.log(`rollup-first-read: ${fmt(firstRead.ms)} ms (counted from the rows while the build starts)`);
    const sizes = await sql<{ t: string; rows: string; mb: string }>(
      db.url,
      `SELECT t, (xpath('/row/n/text()', query_to_xml('SELECT count(*) AS n FROM ' || t, false, true, '')))[1]::text AS rows,
              round(pg_total_relation_size(t) / 1048576.0) AS mb
         FROM unnest(ARRAY['mention', 'analytics_hourly_rollup', 'analytics_hourly_summary', 'analytics_hourly_complaints']) t`,
    );
    console.log(`rollup-build: ${(buildMs / 1000).toFixed(1)} s (first read; ${sizes.map((x) => `${x.t} ${x.rows} rows, ${x.mb} MB`).join('; ')})`);
    const rolled = await timeCases(api, cookie2, list);
    // Writes, then the read that catches up with them.
    const changed = await sql<{ id: string }>(
      db.url,
      `SELECT id FROM (SELECT DISTINCT ON (date_trunc('day', posted_at)) id, posted_at FROM mention WHERE posted_at > now() - interval '25 days' ORDER BY date_trunc('day', posted_at), posted_at) x LIMIT 20`,
    );
    for (const { id } of changed) {
      const res = await fetch(`${api.url}/api/mentions/${id}`, {
        method: 'PATCH',
        headers: { cookie: cookie2, 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'ignored' }),
      });
      if (!res.ok) throw new Error(`PATCH /api/mentions/${id}: ${res.status} ${await res.text()}`);
    }
    const caughtUp = await getJson(api, cookie2, list[0]!.path);
    console.log(
      `rollup-read-after-writes: ${fmt(caughtUp.ms)} ms (${changed.length} mentions in ${changed.length} hours changed first; the read recomputes those hours)`,
    );
    const differing = list.filter((c) => raw.answers.get(c.name) !== rolled.answers.get(c.name)).map((c) => c.name);

    for (const c of list)
      console.log(
        `analytics-p95-${c.name}: raw ${fmt(p95(raw.times.get(c.name)!))} ms, rollup ${fmt(p95(rolled.times.get(c.name)!))} ms${c.main ? '' : ' (filtered)'}`,
      );
    const all = (r: typeof raw, main: boolean) => list.filter((c) => c.main === main).flatMap((c) => r.times.get(c.name)!);
    console.log(`analytics-requests: ${all(rolled, true).length + all(rolled, false).length} with rollups, as many raw (${REPEAT} per query)`);
    console.log(`analytics-raw-p95: ${fmt(p95(all(raw, true)))} ms`);
    console.log(`analytics-filtered-raw-p95: ${fmt(p95(all(raw, false)))} ms`);
    console.log(`analytics-filtered-p95: ${fmt(p95(all(rolled, false)))} ms`);
    console.log(`analytics-p95: ${fmt(p95(all(rolled, true)))} ms`);
    if (differing.length) throw new Error(`rollup answers differ from raw ones: ${differing.join(', ')}`);
    console.log('analytics-answers: rollup = raw for every query');
  } finally {
    await api?.stop({ keepDatabase: true });
    await db.finish();
  }

  // The early-warning detector (packages/signals' benchmark).
  const out = await signalsBench();
  const line = (key: string) => out.split('\n').find((l) => l.startsWith(`${key}:`)) ?? `${key}: n/a (not in the signals bench output)`;
  for (const l of out.split('\n')) if (/^(seeds|  crisis seed)/.test(l)) console.log(`signals: ${l.trim()}`);
  console.log(line('alert-delay'));
  console.log(line('false-alerts'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
