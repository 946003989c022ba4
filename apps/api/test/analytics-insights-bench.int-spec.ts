import request from 'supertest';
import { EntityManager } from 'typeorm';
import { AnalyticsRollupService } from '../src/modules/analytics/analytics-rollup.service.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Times top lists, team performance and their CSVs over a large workspace. Off unless
 * ANALYTICS_INSIGHTS_BENCH_MENTIONS is set (e.g. 1000000): it writes that many mentions over the
 * 400 days before 2026-12-01 (Europe/Berlin) with texts drawn from a vocabulary (words and
 * hashtags), 50,000 authors with follower counts, spam, complaints, two brands' queries, a sent
 * reply on every tenth mention (some resolving it) and audit events of resolutions and reopens,
 * then calls each endpoint 10 times and prints median and p95 in ms (no timed assertion).
 */
const N = Number(process.env.ANALYTICS_INSIGHTS_BENCH_MENTIONS ?? 0);
const run = N > 0 ? describe : describe.skip;
const AUTHORS = 50_000;

const WORDS = `parcel delivery late refund broken app crash login password billing charge twice support waiting hours
  great service thanks love fast driver courier damaged missing order tracking update cancel subscription price
  expensive cheaper rival switch outage down again weekend store staff friendly rude manager email reply`
  .split(/\s+/)
  .filter(Boolean);
const TAGS = ['fail', 'delivery', 'outage', 'help', 'customerservice', 'love', 'refund', 'acmefail', 'blackfriday', 'update', 'app', 'billing', 'win'];

run('analytics insights bench', () => {
  let t: TestApp;
  let a: InboxFixture;

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Insights bench');
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
    const queries = (
      (await t.dataSource.query(`SELECT id FROM listening_query WHERE workspace_id = $1 ORDER BY name`, [a.workspaceId])) as Array<{ id: string }>
    ).map((r) => r.id);
    const started = Date.now();
    await t.dataSource.query(
      `INSERT INTO author (workspace_id, platform, external_id, handle, display_name, followers)
       SELECT $1, 'mastodon', 'bench-' || i, 'user' || i || '@mastodon.example', 'User ' || i,
              CASE WHEN i % 97 = 0 THEN NULL ELSE ((i::bigint * 7919) % 100000)::int END
         FROM generate_series(0, ${AUTHORS - 1}) i`,
      [a.workspaceId],
    );
    const [template] = await a.store(['@acme bench template']);
    const cols = (
      (await t.dataSource.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'mention' AND table_schema = current_schema() AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      )) as Array<{ column_name: string }>
    ).map((c) => c.column_name);
    const words = `(ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}])`;
    const tags = `(ARRAY[${TAGS.map((w) => `'${w}'`).join(',')}])`;
    const posted = `timestamptz '2026-12-01T00:00:00Z' - ((g::bigint * 7919) % 34560000) * interval '1 second'`;
    const over: Record<string, string> = {
      id: 'gen_random_uuid()',
      external_id: `'bench-' || g`,
      author_id: `au.id`,
      posted_at: posted,
      created_at: `${posted} + interval '5 minutes'`,
      text: `'@acme ' || ${words}[1 + g % ${WORDS.length}] || ' ' || ${words}[1 + (g / 7) % ${WORDS.length}] || ' ' || ${words}[1 + (g / 53) % ${WORDS.length}]
             || CASE WHEN g % 3 = 0 THEN ' #' || ${tags}[1 + (g / 11) % ${TAGS.length}] ELSE '' END || CASE WHEN g % 10 = 0 THEN ' rival' ELSE '' END`,
      sentiment_label: `(ARRAY['positive','neutral','negative','negative'])[1 + g % 4]`,
      sentiment_score: `((g % 21) - 10) / 10.0`,
      intent: `CASE WHEN g % 3 = 0 THEN 'complaint' ELSE 'question' END`,
      category: `(ARRAY['billing','delivery','outage','account','quality'])[1 + g % 5]`,
      spam: `g % 50 = 0`,
      status: `CASE WHEN g % 10 = 0 THEN (CASE WHEN g % 20 = 0 THEN 'resolved' ELSE 'pending' END) ELSE 'new' END`,
      sla_due_at: `${posted} + interval '65 minutes'`,
      first_response_at: `CASE WHEN g % 10 = 0 THEN ${posted} + interval '5 minutes' + (g % 180) * interval '1 minute' END`,
      resolved_at: `CASE WHEN g % 20 = 0 THEN ${posted} + interval '5 minutes' + (g % 180) * interval '1 minute' END`,
      query_ids: `CASE WHEN g % 10 = 0 THEN $2::jsonb ELSE jsonb_build_array($2::jsonb->>0) END`,
      change_seq: `g + 1000`,
    };
    const select = cols.map((c) => (over[c] ? `${over[c]} AS ${c}` : `m.${c}`)).join(', ');
    for (let from = 1; from <= N; from += 50_000) {
      const to = Math.min(N, from + 49_999);
      await t.dataSource.query(
        `INSERT INTO mention (${cols.join(', ')}) SELECT ${select}
           FROM mention m CROSS JOIN generate_series(${from}, ${to}) g
           JOIN author au ON au.workspace_id = m.workspace_id AND au.platform = 'mastodon' AND au.external_id = 'bench-' || (g % ${AUTHORS})
          WHERE m.id = $1`,
        [template, JSON.stringify(queries)],
      );
    }
    await t.dataSource.query(`DELETE FROM mention WHERE id = $1`, [template]);
    const [agent, trainee] = [a.users.agent.id, a.users.trainee.id];
    await t.dataSource.query(
      `INSERT INTO reply (workspace_id, mention_id, platform, text, status, author_user_id, lint_report, idempotency_key, client_key, sent_at, resolve_on_send, created_at)
       SELECT m.workspace_id, m.id, 'mastodon', 'On it', 'sent', CASE WHEN m.change_seq % 20 = 0 THEN $2::uuid ELSE $3::uuid END, '{}'::jsonb,
              'bench-' || m.id, 'bench-' || m.id, m.first_response_at, m.status = 'resolved', m.first_response_at
         FROM mention m WHERE m.workspace_id = $1 AND m.first_response_at IS NOT NULL`,
      [a.workspaceId, agent, trainee],
    );
    // Every 40th resolved mention was reopened and resolved again (audit history).
    await t.dataSource.query(
      `INSERT INTO audit_event (workspace_id, actor_user_id, action, target_type, target_id, data, created_at)
       SELECT m.workspace_id, $2, 'mention.updated', 'mention', m.id::text, jsonb_build_object('status', s.status), m.resolved_at + s.after
         FROM mention m CROSS JOIN (VALUES ('open', interval '1 hour'), ('resolved', interval '2 hours')) s(status, after)
        WHERE m.workspace_id = $1 AND m.status = 'resolved' AND m.change_seq % 40 = 0`,
      [a.workspaceId, agent],
    );
    await t.dataSource.query(`ANALYZE mention; ANALYZE author; ANALYZE reply; ANALYZE audit_event`);
    console.log(`insights bench: wrote ${N} mentions, ${AUTHORS} authors, replies and audit in ${Date.now() - started} ms`);
    await request(t.server).patch('/api/workspace').set('Cookie', a.cookies.manager).send({ timeZone: 'Europe/Berlin' }).expect(200);
    // The hourly rollups (basis.mentions reads the volume total from them) are built before the timings.
    const built = Date.now();
    await t.app.get(AnalyticsRollupService).ready(a.workspaceId, 'wait');
    console.log(`insights bench: rollups built in ${Date.now() - built} ms`);
  }, 3_600_000);
  afterAll(() => t.close());

  it('prints median and p95 per endpoint', async () => {
    const cases = [
      'top?from=2026-11-01&to=2026-12-01',
      'top?from=2026-09-02&to=2026-12-01',
      'top?from=2025-12-01&to=2026-12-01',
      'top?from=2026-11-01&to=2026-12-01&category=delivery&brandId=',
      'team?from=2026-11-01&to=2026-12-01',
      'team?from=2026-09-02&to=2026-12-01',
      'team?from=2025-12-01&to=2026-12-01',
      'top.csv?from=2026-11-01&to=2026-12-01',
      'team.csv?from=2026-11-01&to=2026-12-01',
    ];
    const brand = (
      (await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1 AND kind = 'competitor'`, [a.workspaceId])) as Array<{ id: string }>
    )[0]!.id;
    const lines: string[] = [];
    for (const c of cases.map((x) => x.replace('brandId=', `brandId=${brand}`))) {
      const ms: number[] = [];
      for (let i = 0; i < 10; i++) {
        const s = performance.now();
        await request(t.server).get(`/api/analytics/${c}`).set('Cookie', a.cookies.manager).expect(200);
        ms.push(performance.now() - s);
      }
      ms.sort((x, y) => x - y);
      lines.push(`${c}: median ${ms[4]!.toFixed(0)} ms, p95 ${ms[9]!.toFixed(0)} ms`);
    }
    const calibration: string[] = [];
    // Calibration: a plain count of each range's mentions on this machine right now (other load inflates every figure alike).
    for (const [from, to] of [
      ['2026-11-01', '2026-12-01'],
      ['2025-12-01', '2026-12-01'],
    ]) {
      const ms: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        await t.dataSource.query(`SELECT count(*) FROM mention WHERE workspace_id = $1 AND posted_at >= $2 AND posted_at < $3 AND NOT spam`, [
          a.workspaceId,
          from,
          to,
        ]);
        ms.push(performance.now() - s);
      }
      ms.sort((x, y) => x - y);
      calibration.push(`calibration: count(*) of ${from}..${to}: median ${ms[2]!.toFixed(0)} ms`);
    }
    const body = (await request(t.server).get(`/api/analytics/${cases[2]}`).set('Cookie', a.cookies.manager).expect(200)).body as { basis: unknown };
    console.log(
      `analytics insights bench (${N} mentions, ${AUTHORS} authors):\n${[...lines, ...calibration].join('\n')}\nbasis of a year: ${JSON.stringify(body.basis)}`,
    );
    if (process.env.ANALYTICS_INSIGHTS_BENCH_EXPLAIN) {
      // Server-side execution time of each statement the routes send (independent of the machine's other load on node).
      const seen: Array<[string, unknown[]]> = [];
      const original = EntityManager.prototype.query;
      EntityManager.prototype.query = function (this: EntityManager, sql: string, params?: unknown[]) {
        if (!/^SET LOCAL/.test(sql)) seen.push([sql, params ?? []]);
        return original.call(this, sql, params) as Promise<never>;
      } as typeof original;
      const out: string[] = [];
      for (const c of [cases[0]!, cases[2]!, cases[4]!, cases[6]!]) {
        seen.length = 0;
        await request(t.server).get(`/api/analytics/${c}`).set('Cookie', a.cookies.manager).expect(200);
        const statements = [...seen];
        EntityManager.prototype.query = original;
        for (const [sql, params] of statements) {
          const plan = (await t.dataSource.transaction(async (tx) => {
            await tx.query(`SET LOCAL jit = off`);
            return tx.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
          })) as Array<{ 'QUERY PLAN': string }>;
          const text = plan.map((r) => r['QUERY PLAN']);
          out.push(`${c} · ${sql.replace(/\s+/g, ' ').slice(0, 60)}… → ${text.find((l) => l.startsWith('Execution Time'))}`);
          if (process.env.ANALYTICS_INSIGHTS_BENCH_EXPLAIN === 'plans') out.push(text.join('\n'));
        }
        EntityManager.prototype.query = function (this: EntityManager, sql: string, params?: unknown[]) {
          if (!/^SET LOCAL/.test(sql)) seen.push([sql, params ?? []]);
          return original.call(this, sql, params) as Promise<never>;
        } as typeof original;
      }
      EntityManager.prototype.query = original;
      console.log(out.join('\n'));
    }
    expect(lines).toHaveLength(cases.length);
  }, 1_800_000);
});
