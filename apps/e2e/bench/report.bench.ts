/**
 * npm run bench:report — one week's reputation report (issue 16) over a workspace with one million mentions.
 *
 * 1. A fresh database on DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres; created here,
 *    dropped at the end unless BENCH_KEEP_DB=true). The built api runs on it (polling off, rollups on without the
 *    interval job); the bench admin's workspace gets the zone Europe/Berlin, four brands and five listening queries
 *    through the REST API, then BENCH_REPORT_MENTIONS (default 1,000,000) mentions over 400 days written with SQL by
 *    bench:analytics' seeding code (analytics-seed.ts). The last complete week then gets what the report reads
 *    besides mentions: a sent reply (with first response) to 30 % of its complaints, two alerts with a status post,
 *    and owners for two categories.
 * 2. One analytics read starts building the hourly rollups in the background; the bench waits until the build has
 *    committed (`rollup-build`, printed; in production the rollup job keeps them current, so a report never waits for it).
 * 3. Timed over HTTP, BENCH_REPORT_REPEAT (default 3) times: POST /api/reports/weekly for the last complete week
 *    (every figure computed and the snapshot stored; a rebuild after the first) and GET /api/reports/:id/pdf (the
 *    PDF rendered from it).
 *
 * Prints `weekly-report: N s` (the first, cold run: build + store + PDF; target under 5), the split, and every run.
 * BENCH_REPORT_PDF_OUT=/tmp/report.pdf keeps the PDF (to look at: pdftoppm -png -r 80 -f 1 -l 1 /tmp/report.pdf /tmp/report).
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startEarshot, type EarshotServer } from '../test/earshot-server.js';
import { seedAnalyticsMentions } from './analytics-seed.js';
import { BENCH_ADMIN as ADMIN, createBenchDatabase, login, sql } from './bench-setup.js';

const TOTAL = Number(process.env.BENCH_REPORT_MENTIONS ?? 1_000_000);
const REPEAT = Math.max(1, Number(process.env.BENCH_REPORT_REPEAT ?? 3));
const ZONE = 'Europe/Berlin';
const s = (ms: number) => (ms / 1000).toFixed(2);

/** The Monday that starts the last complete week in ZONE. */
function lastCompleteMonday(now: Date): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 7);
  return d.toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function main(): Promise<void> {
  const db = await createBenchDatabase('earshot_bench_report');
  let api: EarshotServer | null = null;
  try {
    api = await startEarshot({
      database: db,
      admin: ADMIN,
      env: {
        EARSHOT_POLLING: 'false',
        LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
        EARSHOT_ANALYTICS_ROLLUPS: 'true',
        EARSHOT_ANALYTICS_ROLLUP_SECONDS: '0',
      },
    });
    const cookie = await login(api.url, ADMIN);
    const apiUrl = api.url;
    const call = async (method: string, p: string, body?: unknown): Promise<Response> => {
      const res = await fetch(`${apiUrl}/api${p}`, {
        method,
        headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return res;
    };
    const post = async (p: string, body: unknown, method = 'POST') => (await (await call(method, p, body)).json()) as { id: string };

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
    const workspaceId = ws!.id;
    const seeded = await seedAnalyticsMentions(db.url, workspaceId, queries, TOTAL);
    console.log(`seeded: ${TOTAL} mentions over 400 days in ${(seeded.ms / 1000).toFixed(0)} s`);

    // The reported week: replies, alerts, owners.
    const weekStart = lastCompleteMonday(new Date());
    const [week] = await sql<{ from: Date; to: Date }>(
      db.url,
      `SELECT ($1::date::timestamp AT TIME ZONE $2) AS from, (($1::date + 7)::timestamp AT TIME ZONE $2) AS to`,
      [weekStart, ZONE],
    );
    const [admin] = await sql<{ id: string }>(db.url, `SELECT id FROM "user" WHERE email = $1`, [ADMIN.email]);
    const [replies] = await sql<{ n: string }>(
      db.url,
      `WITH picked AS (
         SELECT m.id, m.posted_at + make_interval(mins => 5 + (hashint8(m.change_seq) & 255)::int) AS sent_at
           FROM mention m
          WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3 AND m.intent = 'complaint' AND NOT m.spam
            AND (hashint8(m.change_seq) & 1023) < 307),
       upd AS (UPDATE mention m SET first_response_at = p.sent_at FROM picked p WHERE m.id = p.id RETURNING m.id),
       ins AS (
         INSERT INTO reply (workspace_id, mention_id, kind, platform, text, status, author_user_id, lint_report, idempotency_key, client_key, sent_at, created_at)
         SELECT $1, p.id, 'reply', 'x', 'Sorry about that, we are on it: please DM us your order number.', 'sent', $4, '{}'::jsonb,
                'bench-' || p.id, 'bench-' || p.id, p.sent_at, p.sent_at - interval '1 minute'
           FROM picked p RETURNING 1)
       SELECT count(*) AS n FROM ins`,
      [workspaceId, week!.from, week!.to, admin!.id],
    );
    for (const [day, hours, category] of [
      [1, 9, null],
      [3, 14, 'delivery'],
    ] as const) {
      const raised = new Date(new Date(week!.from).getTime() + (day * 24 + hours) * 3_600_000);
      const [alert] = await sql<{ id: string }>(
        db.url,
        `INSERT INTO alert_event (workspace_id, brand_id, category, metric, status, surge_start, raised_at, detected_at, cleared_at, window_minutes,
                                  observed, expected, ratio, z, top_terms, mention_count, historical, seq)
         VALUES ($1, $2, $3, 'volume', 'cleared', $4::timestamptz - interval '20 minutes', $4, $4, $4::timestamptz + interval '3 hours', 15, 60, 12, 5, 7,
                 '[{"term": "outage", "count": 40}, {"term": "app", "count": 22}]'::jsonb, 80, false, $5) RETURNING id`,
        [workspaceId, acme.id, category, raised, day],
      );
      await sql(
        db.url,
        `INSERT INTO reply (workspace_id, mention_id, kind, alert_id, platform, text, status, author_user_id, lint_report, idempotency_key, client_key, sent_at, created_at)
         VALUES ($1, NULL, 'post', $2::uuid, 'x', 'We know about the problem and are fixing it.', 'sent', $3, '{}'::jsonb, 'bench-post-' || $2::text, 'bench-post-' || $2::text,
                 $4::timestamptz + interval '25 minutes', $4::timestamptz + interval '24 minutes')`,
        [workspaceId, alert!.id, admin!.id, raised],
      );
    }
    await post('/root-causes/owners/delivery', { department: 'Logistics', email: 'logistics@example.com' }, 'PUT');
    await post('/root-causes/owners/billing', { department: 'Finance', email: 'finance@example.com' }, 'PUT');
    await sql(db.url, `ANALYZE reply`);
    console.log(`week: ${weekStart} (${ZONE}); ${replies!.n} replies sent to its complaints, 2 alerts with a status post, 2 owners`);

    const t0 = performance.now();
    await call('GET', `/analytics/volume?from=${addDays(weekStart, -28)}&to=${addDays(weekStart, 7)}&bucket=day`);
    // The first read starts the build in the background (reads count rows until it commits): wait for it.
    while ((await sql(db.url, `SELECT 1 FROM analytics_rollup_state WHERE workspace_id = $1`, [workspaceId])).length === 0)
      await new Promise((r) => setTimeout(r, 200));
    console.log(`rollup-build: ${s(performance.now() - t0)} s (the first analytics read; the rollup job keeps them current in production)`);

    const runs: Array<{ build: number; pdf: number; bytes: number }> = [];
    let headline = '';
    for (let i = 0; i < REPEAT; i++) {
      const a = performance.now();
      const report = (await (await call('POST', '/reports/weekly', { weekStart })).json()) as { id: string; snapshot: { headline: { sentence: string } } };
      const b = performance.now();
      const pdf = Buffer.from(await (await call('GET', `/reports/${report.id}/pdf`)).arrayBuffer());
      const c = performance.now();
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('the PDF route did not answer a PDF');
      runs.push({ build: b - a, pdf: c - b, bytes: pdf.length });
      if (process.env.BENCH_REPORT_PDF_OUT) writeFileSync(process.env.BENCH_REPORT_PDF_OUT, pdf);
      headline = report.snapshot.headline.sentence;
    }
    const first = runs[0]!;
    console.log(`headline: ${headline}`);
    console.log(
      `weekly-report-runs: ${runs.map((r) => `${s(r.build + r.pdf)} s (build ${s(r.build)} s, pdf ${s(r.pdf)} s, ${Math.round(r.bytes / 1024)} KiB)`).join('; ')}`,
    );
    console.log(`weekly-report-build: ${s(first.build)} s`);
    console.log(`weekly-report-pdf: ${s(first.pdf)} s`);
    console.log(`weekly-report: ${s(first.build + first.pdf)} s`);
  } finally {
    await api?.stop({ keepDatabase: true });
    await db.finish();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
