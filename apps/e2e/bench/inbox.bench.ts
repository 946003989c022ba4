/**
 * npm run bench:inbox — the live inbox under load, on PostgreSQL.
 *
 * 1. Queue latency over one million stored mentions. The built api runs (as in production,
 *    polling off) on a fresh database on DATABASE_URL's server (default
 *    postgres://postgres@127.0.0.1:5432/postgres; created here, dropped at the end). One
 *    million mentions of real customer posts (shared/eval, via the simulator's corpus) are
 *    written straight into it with SQL: 50,000 authors, four platforms, six months of
 *    received times, 65 % already resolved or ignored, 10 % assigned, scores spread over
 *    every urgency level. Then GET /api/mentions is timed over HTTP for the views agents
 *    use (default queue, every sort, saved views, filters, full-text search, later pages).
 *    Prints `queue-p95: N ms` (all requests) and a p95 per view.
 * 2. Push latency to 200 connected dashboards: 200 socket.io clients sign in with a session
 *    cookie; a mention is changed through REST 50 times; for each change the clock runs from
 *    sending the request (so it includes the request and the commit: an upper bound on
 *    commit → arrival) until the event arrives at each of the 200 clients.
 *    Prints `push-p99: N ms` (10,000 arrivals) and `push-p50`.
 */
import { performance } from 'node:perf_hooks';
import { loadCorpus } from '@earshot/social-sim';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { startEarshot, type TestDatabase } from '../test/earshot-server.js';

const TOTAL = Number(process.env.BENCH_INBOX_MENTIONS ?? 1_000_000);
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 200);
const PUSHES = Number(process.env.BENCH_PUSHES ?? 50);
const REQUESTS_PER_VIEW = Number(process.env.BENCH_REQUESTS_PER_VIEW ?? 40);
const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN = { email: 'bench-inbox@earshot.test', password: 'bench-admin-password' };

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const fmt = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** One million mentions, written set-wise in the database; indexes rebuilt afterwards (as a bulk import would). */
async function seed(dbUrl: string, workspaceId: string, adminId: string): Promise<void> {
  const t0 = performance.now();
  const corpus = loadCorpus({ handle: 'acme', name: 'Acme' }).posts.slice(0, 20_000);
  await withClient(dbUrl, async (c) => {
    await c.query(`CREATE TEMP TABLE corpus (i int PRIMARY KEY, text text, sentiment text)`);
    await c.query(`INSERT INTO corpus SELECT * FROM unnest($1::int[], $2::text[], $3::text[])`, [
      corpus.map((_, i) => i),
      corpus.map((p) => p.text),
      corpus.map((p) => p.sentiment ?? 'neutral'),
    ]);
    const agents = (
      await c.query<{ id: string }>(
        `INSERT INTO "user" (workspace_id, email, name, role, password_hash, active)
         SELECT $1, 'bench-agent-' || g || '@earshot.test', 'Agent ' || g, 'agent', 'x', true FROM generate_series(1, 5) g RETURNING id`,
        [workspaceId],
      )
    ).rows.map((r) => r.id);
    const assignees = [adminId, ...agents];
    await c.query(
      `INSERT INTO author (workspace_id, platform, external_id, handle, display_name, followers, verified, bot)
       SELECT $1, (ARRAY['mastodon','bluesky','reddit','x'])[1 + g % 4], 'bench-author-' || g, 'user' || g, 'User ' || g, (random() * 200000)::int, g % 97 = 0, false
       FROM generate_series(1, 50000) g`,
      [workspaceId],
    );
    await c.query(`CREATE TEMP TABLE aid AS SELECT row_number() OVER (ORDER BY id) AS n, id, platform FROM author WHERE workspace_id = $1`, [workspaceId]);
    await c.query(`CREATE UNIQUE INDEX ON aid (n)`);
    const indexes = (
      await c.query<{ indexname: string; indexdef: string }>(
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'mention' AND indexname NOT LIKE 'PK_%'`,
      )
    ).rows;
    for (const ix of indexes) await c.query(`DROP INDEX "${ix.indexname}"`);
    // Status: 20 % new, 10 % open, 5 % pending, 60 % resolved, 5 % ignored. Urgency: skewed low, a few critical.
    await c.query(
      `INSERT INTO mention (workspace_id, platform, external_id, author_id, text, posted_at, created_at, updated_at, status, sentiment_score, sentiment_label,
         sentiment_confidence, urgency_score, urgency_level, urgency_reasons, intent, category, language, spam, reply_target, change_seq, sla_due_at,
         sla_breached_at, resolved_at, assignee_id, engagement, query_ids, topics)
       SELECT $1, a.platform, 'bench-' || g, a.id, c.text, r.at - interval '1 minute', r.at, r.at,
         s.status, CASE c.sentiment WHEN 'negative' THEN -0.6 WHEN 'positive' THEN 0.6 ELSE 0 END, c.sentiment, 0.8,
         u.score, u.level, '[]'::jsonb, CASE WHEN c.sentiment = 'negative' THEN 'complaint' ELSE 'other' END,
         (ARRAY['billing', 'delivery', 'outage', 'account', 'quality', 'staff', 'safety', 'other'])[1 + g % 8], 'en', false, '{}'::jsonb, g,
         r.at + make_interval(mins => CASE u.level WHEN 'critical' THEN 15 WHEN 'high' THEN 60 WHEN 'medium' THEN 240 ELSE 1440 END),
         CASE WHEN s.status IN ('new', 'open', 'pending') AND r.at < now() - interval '1 day' THEN r.at + interval '1 day' END,
         CASE WHEN s.status = 'resolved' THEN r.at + interval '2 hours' END,
         CASE WHEN g % 10 = 0 THEN ($3::uuid[])[1 + (g / 10) % ${assignees.length}] END,
         '{"likes": 1, "replies": 0, "reposts": 0}'::jsonb, '[]'::jsonb, '[]'::jsonb
       FROM generate_series(1, $2::int) g
       JOIN corpus c ON c.i = g % ${corpus.length}
       JOIN aid a ON a.n = 1 + (g::bigint * 7919) % 50000
       CROSS JOIN LATERAL (SELECT now() - make_interval(secs => (($2::int - g)::float8 / $2::int) * 180 * 86400) AS at) r
       CROSS JOIN LATERAL (SELECT CASE WHEN g % 20 < 4 THEN 'new' WHEN g % 20 < 6 THEN 'open' WHEN g % 20 < 7 THEN 'pending' WHEN g % 20 < 19 THEN 'resolved' ELSE 'ignored' END AS status) s
       CROSS JOIN LATERAL (SELECT ((g * 2654435761::bigint) % 101)::smallint AS score) h
       CROSS JOIN LATERAL (SELECT h.score AS score, CASE WHEN h.score >= 90 THEN 'critical' WHEN h.score >= 70 THEN 'high' WHEN h.score >= 40 THEN 'medium' ELSE 'low' END AS level) u`,
      [workspaceId, TOTAL, assignees],
    );
    for (const ix of indexes) await c.query(ix.indexdef);
    await c.query(`UPDATE workspace SET change_seq = $2 WHERE id = $1`, [workspaceId, TOTAL]);
    await c.query(`VACUUM ANALYZE mention`);
    await c.query(`ANALYZE author`);
  });
  console.log(`seeded: ${TOTAL} mentions in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

async function main(): Promise<void> {
  const name = `earshot_bench_inbox_${Date.now()}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  const database: TestDatabase = {
    env: { DATABASE_URL: dbUrl.toString() },
    drop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
  const api = await startEarshot({ database, admin: ADMIN, env: { EARSHOT_POLLING: 'false', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error' } });
  const sockets: Socket[] = [];
  try {
    const login = await fetch(`${api.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    if (!login.ok) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const me = (await login.json()) as { user: { id: string }; workspace: { id: string } };
    await seed(dbUrl.toString(), me.workspace.id, me.user.id);

    // 1. Queue latency.
    const get = async (query: string): Promise<{ ms: number; body: { items: Array<{ id: string }>; nextCursor: string | null } }> => {
      const t = performance.now();
      const res = await fetch(`${api.url}/api/mentions${query}`, { headers: { cookie } });
      const body = (await res.json()) as { items: Array<{ id: string }>; nextCursor: string | null };
      const ms = performance.now() - t;
      if (!res.ok) throw new Error(`GET /api/mentions${query}: ${res.status} ${JSON.stringify(body)}`);
      return { ms, body };
    };
    const since24h = () => encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    const words = ['refund', 'cancelled', 'delayed', 'luggage', 'rude', 'wifi', 'seat', 'crash', 'password', 'thanks'];
    const views: Array<[string, (i: number) => string]> = [
      ['default', () => ''],
      ['newest', () => '?sort=newest'],
      ['waiting', () => '?sort=waiting'],
      ['sla', () => '?sort=sla'],
      ['my-queue', () => '?assignee=me'],
      ['unassigned-critical', () => '?unassigned=true&urgency=critical'],
      ['negative-24h', () => `?sentiment=negative&from=${since24h()}`],
      ['platform-status', (i) => `?platform=${['x', 'reddit', 'bluesky', 'mastodon'][i % 4]}&status=new`],
      ['search', (i) => `?q=${words[i % words.length]}`],
      ['resolved-history', () => '?status=resolved&sort=newest'],
    ];
    await get(''); // warm-up: connection, plans, caches
    const all: number[] = [];
    const perView: Array<[string, number]> = [];
    for (const [view, q] of views) {
      const xs: number[] = [];
      for (let i = 0; i < REQUESTS_PER_VIEW; i++) xs.push((await get(q(i))).ms);
      all.push(...xs);
      perView.push([view, pct(xs, 95)]);
    }
    // Later pages through the cursor (pages 2-5 of the default queue and of a search).
    const pages: number[] = [];
    for (const start of ['', '?q=refund']) {
      for (let r = 0; r < REQUESTS_PER_VIEW / 4; r++) {
        let cursor = (await get(start)).body.nextCursor;
        for (let p = 2; p <= 5 && cursor; p++) {
          const res = await get(`${start ? `${start}&` : '?'}cursor=${encodeURIComponent(cursor)}`);
          pages.push(res.ms);
          cursor = res.body.nextCursor;
        }
      }
    }
    all.push(...pages);
    perView.push(['later-pages', pct(pages, 95)]);
    console.log(`queue-requests: ${all.length} requests`);
    console.log(`queue-p50: ${fmt(pct(all, 50))} ms`);
    console.log(`queue-p95: ${fmt(pct(all, 95))} ms`);
    for (const [view, p95] of perView) console.log(`queue-p95-${view}: ${fmt(p95)} ms`);

    // 2. Push latency to SOCKETS dashboards.
    const target = (await get('?sort=newest&limit=1')).body.items[0]!.id;
    const arrivals = new Map<number, number[]>();
    let sentAt = 0;
    let expectStatus = '';
    for (let i = 0; i < SOCKETS; i++) {
      const s = io(api.url, { path: '/socket.io', transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
      s.on('mention.updated', (e: { seq: number; mention: { id: string; status: string } }) => {
        if (e.mention.id !== target || e.mention.status !== expectStatus) return;
        const list = arrivals.get(e.seq) ?? [];
        list.push(performance.now() - sentAt);
        arrivals.set(e.seq, list);
      });
      sockets.push(s);
    }
    await Promise.all(
      sockets.map((s) =>
        s.connected ? Promise.resolve() : new Promise<void>((resolve, reject) => (s.once('connect', () => resolve()), s.once('connect_error', reject))),
      ),
    );
    console.log(`sockets: ${sockets.length} connected`);
    const push: number[] = [];
    for (let k = 0; k < PUSHES; k++) {
      expectStatus = k % 2 === 0 ? 'open' : 'pending';
      sentAt = performance.now();
      const res = await fetch(`${api.url}/api/mentions/${target}`, {
        method: 'PATCH',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ status: expectStatus }),
      });
      const seq = ((await res.json()) as { seq: number }).seq;
      const deadline = performance.now() + 10_000;
      while ((arrivals.get(seq)?.length ?? 0) < SOCKETS && performance.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      const got = arrivals.get(seq) ?? [];
      if (got.length < SOCKETS) throw new Error(`change ${k}: only ${got.length} of ${SOCKETS} clients got the event within 10 s`);
      push.push(...got);
      await new Promise((r) => setTimeout(r, 20));
    }
    console.log(`push-arrivals: ${push.length} events`);
    console.log(`push-p50: ${fmt(pct(push, 50))} ms`);
    console.log(`push-p99: ${fmt(pct(push, 99))} ms`);
  } finally {
    for (const s of sockets) s.disconnect();
    // BENCH_KEEP_DB=true keeps the seeded database to study query plans (drop it yourself).
    const keep = process.env.BENCH_KEEP_DB === 'true' || process.env.BENCH_KEEP_DB === '1';
    if (keep) console.log(`kept database: ${name}`);
    await api.stop({ keepDatabase: keep });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
