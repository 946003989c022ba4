/**
 * npm run bench:ingest — sustained ingest throughput, poll to committed row, on PostgreSQL.
 *
 * Starts the local social simulator (in this process) and the built api (a child
 * process, as in production) on a fresh database on DATABASE_URL's server (default
 * postgres://postgres@127.0.0.1:5432/postgres; created here and dropped at the end).
 * The demo workspace's four sources (Mastodon, Bluesky, Reddit, X) poll the simulator;
 * once their cursors are set, a warm-up burst (BENCH_WARMUP_MENTIONS, default 4,000) is
 * ingested unmeasured — a long-running api is warm: hot paths compiled, heaps sized — then
 * N matching posts (BENCH_MENTIONS, default 20,000) are published at once and the clock runs
 * until every one is committed (matched, scored by @earshot/nlp, stored).
 *
 * Then the ceiling: the very rows just stored are inserted again into a copy of the
 * mention table (same indexes, same generated columns), in the same batches (one per ingest
 * transaction), with nothing else (no polling, matching
 * or scoring) — so the ratio between the two figures is honest.
 *
 * Prints `ingest-throughput: N mentions/s` and `ingest-ceiling: N rows/s`.
 */
import { createSocialSim, type SimPlatform } from '@earshot/social-sim';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { startEarshot } from '../test/earshot-server.js';
import { BENCH_ADMIN as ADMIN, createBenchDatabase, firstPolls, login, sql } from './bench-setup.js';

const TOTAL = Number(process.env.BENCH_MENTIONS ?? 20_000);
/** Mentions ingested (and not measured) before the measured burst, so the api runs warm: compiled hot paths, sized heaps. */
const WARMUP = Number(process.env.BENCH_WARMUP_MENTIONS ?? 4_000);
const PLATFORMS: SimPlatform[] = ['mastodon', 'bluesky', 'reddit', 'x'];

/**
 * CPU seconds (user + system) used so far by the api processes (children of this one), per
 * thread, and by the PostgreSQL backends of the bench database: a second view of the cost per
 * mention that the other loads of a shared machine disturb less than the wall clock. Linux
 * only (/proc).
 */
interface CpuSample {
  api: number;
  /** The api processes' threads by "pid/tid"; the main thread's tid is its pid. */
  apiThreads: Map<string, number>;
  postgres: number;
}

function ticksOf(statPath: string): number {
  const stat = readFileSync(statPath, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

function cpuSeconds(dbName: string): CpuSample | null {
  const out: CpuSample = { api: 0, apiThreads: new Map(), postgres: 0 };
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (ppid === process.pid && cmd.includes('apps/api/dist/main.js')) {
          out.api += ticksOf(`/proc/${pid}/stat`);
          for (const tid of readdirSync(`/proc/${pid}/task`)) out.apiThreads.set(`${pid}/${tid}`, ticksOf(`/proc/${pid}/task/${tid}/stat`));
        } else if (cmd.startsWith('postgres: ') && cmd.includes(` ${dbName} `)) out.postgres += ticksOf(`/proc/${pid}/stat`);
      } catch {
        /* gone */
      }
    }
  } catch {
    return null;
  }
  return out;
}

/** The api's CPU split: main threads (event loops), each process's busiest other thread (the scorer worker), the rest (GC helpers, libuv pool). */
function apiThreadSplit(a: CpuSample, b: CpuSample): { main: number; scorer: number; other: number } {
  const split = { main: 0, scorer: 0, other: 0 };
  const busiest = new Map<string, number>();
  for (const [key, t1] of b.apiThreads) {
    const d = t1 - (a.apiThreads.get(key) ?? 0);
    const [pid, tid] = key.split('/');
    if (pid === tid) split.main += d;
    else {
      split.other += d;
      busiest.set(pid!, Math.max(busiest.get(pid!) ?? 0, d));
    }
  }
  for (const d of busiest.values()) {
    split.scorer += d;
    split.other -= d;
  }
  return split;
}

async function main(): Promise<void> {
  const database = await createBenchDatabase();
  const name = database.name;
  const dbUrl = new URL(database.url);
  const sim = await createSocialSim({ scenario: 'none', rateLimits: false, seed: 11 });
  const apiOptions = {
    database,
    admin: ADMIN,
    env: { SOCIAL_SIM_URL: sim.url, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error', EARSHOT_RETRY_BASE_SECONDS: '1' },
    nodeArgs: process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  };
  const api = await startEarshot(apiOptions);
  // BENCH_API_INSTANCES=2: more api processes on the same database share the sources through their leases.
  const extra = [];
  for (let i = 1; i < Number(process.env.BENCH_API_INSTANCES ?? 1); i++) extra.push(await startEarshot(apiOptions));
  console.log(`api-instances: ${1 + extra.length} processes`);
  try {
    const cookie = await login(api.url, ADMIN);
    const stored = async () => Number((await sql<{ n: string }>(dbUrl.toString(), 'SELECT count(*) AS n FROM mention'))[0]!.n);
    // Cursors first (the first poll of an empty platform), then the burst.
    const sourceIds = (await firstPolls(api.url, cookie)).map((s) => s.id);
    // "Poll now" for every source. Once more on a socket error: seeding a large burst blocks this
    // process for seconds, so the api may have closed the idle keep-alive connection meanwhile
    // (asking for a poll twice is harmless).
    const pollNow = async () => {
      for (const id of sourceIds) {
        const ask = () => fetch(`${api.url}/api/sources/${id}/poll`, { method: 'POST', headers: { cookie } });
        await ask().catch(ask);
      }
    };
    if (WARMUP > 0) {
      const target = (await stored()) + Math.ceil(WARMUP / PLATFORMS.length) * PLATFORMS.length;
      for (const p of PLATFORMS) sim.control.seed({ platform: p, count: Math.ceil(WARMUP / PLATFORMS.length) });
      await pollNow();
      while ((await stored()) < target) await new Promise((r) => setTimeout(r, 200));
      console.log(`ingest-warmup: ${target} mentions (not measured)`);
    }
    const before = await stored();
    const seqBefore = Number((await sql<{ s: string }>(dbUrl.toString(), 'SELECT COALESCE(max(change_seq), 0) AS s FROM mention'))[0]!.s);
    const per = Math.ceil(TOTAL / PLATFORMS.length);
    for (const p of PLATFORMS) sim.control.seed({ platform: p, count: per });
    const target = before + per * PLATFORMS.length;
    // The clock starts at the first poll request after the burst (not at the sources'
    // next scheduled poll): this measures ingest, not the poll interval.
    const lastRequestId = Math.max(0, ...sim.control.requests().map((r) => r.id));
    const cpu0 = cpuSeconds(name);
    const self0 = process.cpuUsage();
    await pollNow();
    // Check for completion rarely (a count is work for the same two cores); the end time is
    // the last stored row's own timestamp, not the moment we looked.
    let n = before;
    while (n < target) {
      await new Promise((r) => setTimeout(r, 500));
      n = await stored();
    }
    const cpu1 = cpuSeconds(name);
    const self1 = process.cpuUsage(self0);
    const done = Date.parse((await sql<{ t: Date }>(dbUrl.toString(), 'SELECT max(created_at) AS t FROM mention'))[0]!.t.toISOString());
    const first = sim.control.requests().find((r) => r.id > lastRequestId && !r.path.includes('access_token') && !r.path.includes('createSession'));
    const seconds = (done - Date.parse(first!.at)) / 1000;
    const ingested = n - before;
    console.log(`mentions: ${ingested} mentions`);
    console.log(`ingest-time: ${seconds.toFixed(2)} s`);
    console.log(`ingest-throughput: ${Math.round(ingested / seconds)} mentions/s`);
    if (cpu0 && cpu1) {
      const per = (sec: number) => Math.round((sec * 1e6) / ingested);
      // Bench process: the simulator serving the polls (and this script's rare counts).
      console.log(
        `ingest-cpu: api ${per(cpu1.api - cpu0.api)} µs, postgres ${per(cpu1.postgres - cpu0.postgres)} µs, simulator ${per((self1.user + self1.system) / 1e6)} µs per mention`,
      );
      const t = apiThreadSplit(cpu0, cpu1);
      console.log(`ingest-cpu-api: main ${per(t.main)} µs, scorer ${per(t.scorer)} µs, other ${per(t.other)} µs per mention`);
    }
    await api.stop({ keepDatabase: true });
    for (const e of extra) await e.stop({ keepDatabase: true });

    // The ceiling: the same rows (those of the measured burst), in the same batches (one per ingest transaction: its rows
    // share the source and the transaction's created_at), straight INSERTs.
    const c = new pg.Client({ connectionString: dbUrl.toString() });
    await c.connect();
    try {
      await c.query('CREATE TABLE mention_ceiling (LIKE mention INCLUDING ALL)');
      // Ingest writes each new mention's raw platform object to mention_raw in the same statement.
      // (Older schemas kept raw in the mention row: then there is no mention_raw to copy.)
      const hasRaw = (await c.query<{ t: string | null }>(`SELECT to_regclass('mention_raw')::text AS t`)).rows[0]!.t !== null;
      if (hasRaw) await c.query('CREATE TABLE mention_raw_ceiling (LIKE mention_raw INCLUDING ALL)');
      const raws = new Map(
        hasRaw
          ? (
              await c.query<{ mention_id: string; workspace_id: string; raw: string }>('SELECT mention_id, workspace_id, raw::text AS raw FROM mention_raw')
            ).rows.map((r) => [r.mention_id, r])
          : [],
      );
      // Generated columns (search_vector) are computed by PostgreSQL on insert, as in ingest.
      const cols = (
        await c.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'mention' AND is_generated = 'NEVER' ORDER BY ordinal_position`,
        )
      ).rows.map((r) => r.column_name);
      const rows = (await c.query(`SELECT ${cols.map((x) => `"${x}"`).join(', ')} FROM mention WHERE change_seq > $1 ORDER BY change_seq`, [seqBefore]))
        .rows as Array<Record<string, unknown>>;
      const batches: Array<Array<Record<string, unknown>>> = [];
      const byTx = new Map<string, Array<Record<string, unknown>>>();
      for (const r of rows) {
        const key = `${String(r['source_id'])}|${(r['created_at'] as Date).toISOString()}`;
        let b = byTx.get(key);
        if (!b) byTx.set(key, (b = []));
        if (b.length === 0) batches.push(b);
        b.push(r);
      }
      console.log(`ingest-batches: ${batches.length} (mean ${(rows.length / batches.length).toFixed(1)} rows)`);
      const t1 = performance.now();
      for (const chunk of batches) {
        const params: unknown[] = [];
        const values = chunk.map(
          (r) =>
            `(${cols
              .map((col) => {
                const v = r[col];
                params.push(v !== null && typeof v === 'object' && !(v instanceof Date) ? JSON.stringify(v) : v);
                return `$${params.length}`;
              })
              .join(', ')})`,
        );
        const rawValues: string[] = [];
        for (const r of chunk) {
          const raw = raws.get(r['id'] as string);
          if (!raw) continue;
          params.push(raw.mention_id, raw.workspace_id, raw.raw);
          rawValues.push(`($${params.length - 2}, $${params.length - 1}, $${params.length})`);
        }
        const insertMentions = `INSERT INTO mention_ceiling (${cols.map((x) => `"${x}"`).join(', ')}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`;
        await c.query('BEGIN');
        await c.query(
          rawValues.length
            ? `WITH m AS (${insertMentions}) INSERT INTO mention_raw_ceiling (mention_id, workspace_id, raw) VALUES ${rawValues.join(', ')}`
            : insertMentions,
          params,
        );
        await c.query('COMMIT');
      }
      const s2 = (performance.now() - t1) / 1000;
      console.log(`ingest-ceiling: ${Math.round(rows.length / s2)} rows/s`);
      console.log(`ingest-ratio: ${((ingested / seconds / (rows.length / s2)) * 100).toFixed(0)} %`);
    } finally {
      await c.end();
    }
  } finally {
    await api.stop({ keepDatabase: true }).catch(() => undefined);
    for (const e of extra) await e.stop({ keepDatabase: true }).catch(() => undefined);
    await sim.close();
    await database.finish();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
