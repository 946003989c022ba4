import request from 'supertest';
import { AnalyticsRepository } from '../src/modules/analytics/analytics.repository.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Times the analytics endpoints over a large workspace. Off unless ANALYTICS_BENCH_MENTIONS is
 * set (e.g. 100000): it copies one stored mention that many times over 90 days of posted time
 * (Europe/Berlin), with mixed sentiment, complaint categories, spam and two brands' queries,
 * next to a second workspace of the same size, then calls each endpoint 10 times and prints
 * median and p95 in ms.
 */
const N = Number(process.env.ANALYTICS_BENCH_MENTIONS ?? 0);
const run = N > 0 ? describe : describe.skip;

run('analytics bench', () => {
  let t: TestApp;
  let a: InboxFixture;

  /** Copies the fixture's one mention `n` times with varied posted time and scores. */
  async function fill(f: InboxFixture, n: number, queryIds: string[]) {
    const [template] = await f.store(['@acme bench template mention']);
    const cols = (
      (await t.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'mention' AND table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      )) as Array<{ column_name: string }>
    ).map((c) => c.column_name);
    const over: Record<string, string> = {
      id: 'gen_random_uuid()',
      external_id: `'bench-' || g`,
      // Spread over the 90 days before 2026-12-01 (77 is prime to 90 days' seconds).
      posted_at: `timestamptz '2026-12-01T00:00:00Z' - ((g::bigint * 77) % 7776000) * interval '1 second'`,
      sentiment_label: `(ARRAY['positive','neutral','negative','negative'])[1 + g % 4]`,
      sentiment_score: `((g % 21) - 10) / 10.0`,
      intent: `CASE WHEN g % 3 = 0 THEN 'complaint' ELSE 'question' END`,
      category: `(ARRAY['billing','delivery','outage','account','quality'])[1 + g % 5]`,
      spam: `g % 50 = 0`,
      query_ids: `CASE WHEN g % 10 = 0 THEN $2::jsonb WHEN g % 4 = 0 THEN jsonb_build_array($2::jsonb->>1) ELSE jsonb_build_array($2::jsonb->>0) END`,
      change_seq: `g + 1000`,
    };
    const select = cols.map((c) => (over[c] ? `${over[c]} AS ${c}` : `m.${c}`)).join(', ');
    for (let from = 1; from <= n; from += 50_000) {
      const to = Math.min(n, from + 49_999);
      await t.dataSource.query(
        `INSERT INTO mention (${cols.join(', ')}) SELECT ${select} FROM mention m CROSS JOIN generate_series(${from}, ${to}) g WHERE m.id = $1`,
        [template, JSON.stringify(queryIds)],
      );
    }
    await t.dataSource.query(`ANALYZE mention`);
  }

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Bench A');
    const b = await InboxFixture.create(t, 'Bench B');
    const rival = await request(t.server)
      .post('/api/brands')
      .set('Cookie', a.cookies.admin)
      .send({ name: 'Rival', handles: ['@rival'], kind: 'competitor' })
      .expect(201);
    await request(t.server)
      .post('/api/listening-queries')
      .set('Cookie', a.cookies.admin)
      .send({ brandId: rival.body.id, name: 'Rival', query: 'rival', topic: 'competition' })
      .expect(201);
    const qa = (
      (await t.dataSource.query(`SELECT id FROM listening_query WHERE workspace_id = $1 ORDER BY name`, [a.workspaceId])) as Array<{ id: string }>
    ).map((r) => r.id);
    const qb = ((await t.dataSource.query(`SELECT id FROM listening_query WHERE workspace_id = $1`, [b.workspaceId])) as Array<{ id: string }>).map(
      (r) => r.id,
    );
    const started = Date.now();
    await fill(a, N, qa);
    await fill(b, N, [qb[0]!, qb[0]!]);
    console.log(`analytics bench: inserted ${2 * N} mentions in ${Date.now() - started} ms`);
    await request(t.server).patch('/api/workspace').set('Cookie', a.cookies.manager).send({ timeZone: 'Europe/Berlin' }).expect(200);
  }, 1_800_000);
  afterAll(() => t.close());

  it('prints median and p95 per endpoint', async () => {
    const cases = [
      'volume?from=2026-09-02&to=2026-12-01&bucket=day',
      'volume?from=2026-11-01&to=2026-12-01&bucket=hour',
      'volume?from=2026-09-02&to=2026-12-01&bucket=week&category=delivery,billing',
      'themes?from=2026-11-01&to=2026-12-01',
      'share-of-voice?from=2026-09-02&to=2026-12-01&bucket=day',
    ];
    const lines: string[] = [];
    for (const c of cases) {
      const ms: number[] = [];
      for (let i = 0; i < 10; i++) {
        const s = performance.now();
        await request(t.server).get(`/api/analytics/${c}`).set('Cookie', a.cookies.viewer).expect(200);
        ms.push(performance.now() - s);
      }
      ms.sort((x, y) => x - y);
      lines.push(`${c}: median ${ms[4]!.toFixed(0)} ms, p95 ${ms[9]!.toFixed(0)} ms`);
    }
    console.log(`analytics bench (${N} mentions per workspace, 2 workspaces):\n${lines.join('\n')}`);
    if (process.env.ANALYTICS_BENCH_EXPLAIN) {
      // The plan of one case's main query, as the repository sends it.
      const repo = t.app.get(AnalyticsRepository) as unknown as { read: (sql: string, params: unknown[]) => Promise<unknown> };
      const seen: Array<[string, unknown[]]> = [];
      const original = repo.read.bind(repo);
      repo.read = (sql, params) => {
        seen.push([sql, params]);
        return original(sql, params);
      };
      await request(t.server)
        .get(`/api/analytics/${cases[Number(process.env.ANALYTICS_BENCH_EXPLAIN) || 0]}`)
        .set('Cookie', a.cookies.viewer)
        .expect(200);
      repo.read = original;
      const plan = (await t.dataSource.query(`EXPLAIN (ANALYZE, BUFFERS) ${seen[0]![0]}`, seen[0]![1])) as Array<{ 'QUERY PLAN': string }>;
      console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
    }
    expect(lines).toHaveLength(cases.length);
  }, 600_000);
});
