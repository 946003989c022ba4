import request from 'supertest';
import {
  AnalyticsSeriesQuerySchema,
  AnalyticsThemesQuerySchema,
  type Role,
  type ShareOfVoiceReport,
  type ThemesReport,
  type VolumeReport,
} from '@earshot/contracts';
import type { AuthContext } from '../src/common/auth-context.js';
import { loadConfig, type ConfigError } from '../src/config/env.js';
import { AnalyticsRollupRepository } from '../src/modules/analytics/analytics-rollup.repository.js';
import { AnalyticsRollupService } from '../src/modules/analytics/analytics-rollup.service.js';
import { AnalyticsService } from '../src/modules/analytics/analytics.service.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { MentionFactory } from './factories/mention.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Analytics' hourly rollups kept current: after a correction, a status change, a new mention or
 * a demo-data clear the next read counts exactly what the mention rows say; two workers catching
 * up at once write each hour once; ranges the rollups cannot count exactly are counted raw.
 * All on 2026-11-10 (UTC unless said otherwise).
 */
const DAY = 'from=2026-11-10&to=2026-11-11';

describe('analytics rollups (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let analytics: AnalyticsService;
  let rollups: AnalyticsRollupService;
  let repo: AnalyticsRollupRepository;

  const auth = (f: InboxFixture): AuthContext => ({
    userId: f.users.viewer.id,
    workspaceId: f.workspaceId,
    role: 'viewer' as Role,
    sessionId: 's',
    email: 'v@x',
  });
  const parse = (q: string) => Object.fromEntries(new URLSearchParams(q));
  /** Stores mentions through the real ingest path, posted at the given instants. */
  const post = (f: InboxFixture, rows: Array<[string, string]>) => f.store(rows.map(([at, text]) => MentionFactory.from({ text, createdAt: at }).build()));
  /** A report over HTTP (rollups, as the API reads them), checked against the same report counted from the mention rows. */
  async function volume(f: InboxFixture, q: string): Promise<VolumeReport> {
    const body = (await request(t.server).get(`/api/analytics/volume?${q}`).set('Cookie', f.cookies.viewer).expect(200)).body as VolumeReport;
    expect(body).toEqual(await analytics.volume(auth(f), AnalyticsSeriesQuerySchema.parse(parse(q)), 'raw'));
    return body;
  }
  async function themes(f: InboxFixture, q: string): Promise<ThemesReport> {
    const body = (await request(t.server).get(`/api/analytics/themes?${q}`).set('Cookie', f.cookies.viewer).expect(200)).body as ThemesReport;
    expect(body).toEqual(await analytics.themes(auth(f), AnalyticsThemesQuerySchema.parse(parse(q)), 'raw'));
    return body;
  }
  async function voice(f: InboxFixture, q: string): Promise<ShareOfVoiceReport> {
    const body = (await request(t.server).get(`/api/analytics/share-of-voice?${q}`).set('Cookie', f.cookies.viewer).expect(200)).body as ShareOfVoiceReport;
    expect(body).toEqual(await analytics.shareOfVoice(auth(f), AnalyticsSeriesQuerySchema.parse(parse(q)), 'raw'));
    return body;
  }
  const busyHours = (r: VolumeReport) => r.points.filter((p) => p.total > 0).map((p) => [p.start.slice(11, 16), p.total]);
  const state = async (f: InboxFixture) =>
    (await t.dataSource.query(
      `SELECT s.watermark::int AS watermark, w.change_seq::int AS seq FROM workspace w LEFT JOIN analytics_rollup_state s ON s.workspace_id = w.id WHERE w.id = $1`,
      [f.workspaceId],
    )) as Array<{ watermark: number | null; seq: number }>;
  const lockKey = `hashtextextended('earshot.analytics-rollup:' || $1::text, 0)`;

  let m: string[];

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    analytics = t.app.get(AnalyticsService);
    rollups = t.app.get(AnalyticsRollupService);
    repo = t.app.get(AnalyticsRollupRepository);
    a = await InboxFixture.create(t, 'Rollups A');
    m = await post(a, [
      ['2026-11-10T10:15:00Z', '@acme first'],
      ['2026-11-10T10:45:00Z', '@acme second'],
      ['2026-11-10T11:20:00Z', '@acme third'],
      ['2026-11-10T13:05:00Z', '@acme fourth'],
    ]);
    // Known labels (before any read, so no rollup holds the model's).
    const set = [
      ['positive', 0.5, 'praise', null],
      ['negative', -0.5, 'complaint', 'delivery'],
      ['neutral', 0, 'question', null],
      ['negative', -0.5, 'complaint', 'billing'],
    ] as const;
    for (const [i, [label, score, intent, category]] of set.entries())
      await t.dataSource.query(
        `UPDATE mention SET sentiment_label = $2, sentiment_score = $3, intent = $4, category = $5, spam = false, corrected = '{}' WHERE id = $1`,
        [m[i], label, score, intent, category],
      );
  }, 120_000);
  afterAll(() => t.close());

  it('the first read counts the rows and builds the rollups in the background; then reads use them, current to the change sequence', async () => {
    expect((await state(a))[0]!.watermark).toBeNull();
    const first = await volume(a, `${DAY}&bucket=hour`);
    await rollups.whenBuilt(a.workspaceId);
    expect(await rollups.ready(a.workspaceId)).toBe(true);
    const r = await volume(a, `${DAY}&bucket=hour`);
    expect(r).toEqual(first);
    expect(busyHours(r)).toEqual([
      ['10:00', 2],
      ['11:00', 1],
      ['13:00', 1],
    ]);
    // 0.5 − 0.5 + 0 − 0.5 = −0.5 over 4; net (1 − 2) / 4.
    expect(r.totals).toEqual({ total: 4, sentiment: { positive: 1, neutral: 1, negative: 2, unscored: 0 }, averageScore: -0.125, netSentiment: -25 });
    const [s] = await state(a);
    expect(s!.watermark).toBe(s!.seq);
    expect((await themes(a, DAY)).themes.map((x) => [x.category, x.count])).toEqual([
      ['billing', 1],
      ['delivery', 1],
    ]);
  });

  it('a correction is in the next read', async () => {
    await request(t.server)
      .post(`/api/mentions/${m[0]}/corrections`)
      .set('Cookie', a.cookies.agent)
      .send({ sentiment: 'negative', intent: 'complaint', category: 'delivery' })
      .expect(201);
    const r = await volume(a, `${DAY}&bucket=hour`);
    expect(r.totals.sentiment).toEqual({ positive: 0, neutral: 1, negative: 3, unscored: 0 });
    expect(r.totals.netSentiment).toBe(-75);
    expect((await themes(a, DAY)).themes.map((x) => [x.category, x.count])).toEqual([
      ['delivery', 2],
      ['billing', 1],
    ]);
    expect((await volume(a, `${DAY}&category=delivery`)).totals.total).toBe(2);
  });

  it('a status change takes a change sequence number: the next catch-up recomputes that one hour, figures unchanged', async () => {
    const before = await volume(a, `${DAY}&bucket=hour`);
    await request(t.server).patch(`/api/mentions/${m[2]}`).set('Cookie', a.cookies.agent).send({ status: 'resolved' }).expect(200);
    expect(await rollups.ensureCurrent(a.workspaceId)).toMatchObject({ hours: 1, full: false });
    expect(await rollups.ensureCurrent(a.workspaceId)).toBeNull(); // nothing left
    expect(await volume(a, `${DAY}&bucket=hour`)).toEqual(before);
  });

  it('a new mention from ingest is in the next read', async () => {
    await post(a, [['2026-11-10T12:30:00Z', '@acme fifth, just in']]);
    const r = await volume(a, `${DAY}&bucket=hour`);
    expect(busyHours(r)).toEqual([
      ['10:00', 2],
      ['11:00', 1],
      ['12:00', 1],
      ['13:00', 1],
    ]);
    expect(r.totals.total).toBe(5);
  });

  it('share of voice resolves brands from the query ids when read: deleting a query needs no rebuild', async () => {
    const rival = await request(t.server)
      .post('/api/brands')
      .set('Cookie', a.cookies.admin)
      .send({ name: 'Rival', handles: ['@rival'], kind: 'competitor' })
      .expect(201);
    const query = await request(t.server)
      .post('/api/listening-queries')
      .set('Cookie', a.cookies.admin)
      .send({ brandId: rival.body.id, name: 'Rival', query: 'rival', topic: 'competition' })
      .expect(201);
    await post(a, [['2026-11-10T14:10:00Z', '@acme beats rival']]);
    const both = await voice(a, DAY);
    expect(both.brands.map((b) => [b.name, b.count])).toEqual([
      ['Acme', 6],
      ['Rival', 1],
    ]);
    expect((await volume(a, `${DAY}&topic=competition`)).totals.total).toBe(1);
    await request(t.server).delete(`/api/listening-queries/${query.body.id}`).set('Cookie', a.cookies.admin).expect(204);
    expect(await rollups.ensureCurrent(a.workspaceId)).toBeNull();
    const after = await voice(a, DAY);
    expect(after.brands.map((b) => [b.name, b.count])).toEqual([
      ['Acme', 6],
      ['Rival', 0],
    ]);
    // The mention still carries the topic it matched (as the raw count says).
    expect((await volume(a, `${DAY}&topic=competition`)).totals.total).toBe(1);
  });

  it('clearing demo data recomputes the hours of the deleted mentions in its own transaction', async () => {
    const c = await InboxFixture.create(t, 'Rollups demo');
    const keep = await post(c, [
      ['2026-11-10T09:10:00Z', '@acme keep one'],
      ['2026-11-10T10:20:00Z', '@acme keep two'],
    ]);
    const other = await request(t.server)
      .post('/api/sources')
      .set('Cookie', c.cookies.admin)
      .send({
        name: 'Own',
        platform: 'mastodon',
        baseUrl: 'http://127.0.0.1:9',
        streamKind: 'notifications',
        enabled: false,
        credentials: { accessToken: 'x' },
      })
      .expect(201);
    await t.dataSource.query(`UPDATE mention SET source_id = $2 WHERE id = ANY($1::uuid[])`, [keep, other.body.id]);
    await post(c, [
      ['2026-11-10T09:40:00Z', '@acme demo one'],
      ['2026-11-10T10:50:00Z', '@acme demo two'],
      ['2026-11-10T16:00:00Z', '@acme demo three'],
    ]);
    await t.dataSource.query(`UPDATE source SET demo = true WHERE id = $1`, [c.sourceId]);
    await rollups.ensureCurrent(c.workspaceId);
    expect(busyHours(await volume(c, `${DAY}&bucket=hour`))).toEqual([
      ['09:00', 2],
      ['10:00', 2],
      ['16:00', 1],
    ]);
    const seq = (await state(c))[0]!.seq;
    const cleared = await request(t.server).delete('/api/workspace/demo-data').set('Cookie', c.cookies.admin).expect(200);
    expect(cleared.body).toMatchObject({ mentions: 3 });
    // No change sequence number was taken: the clear itself put the rollups right.
    expect((await state(c))[0]).toEqual({ watermark: seq, seq });
    const rows = (await t.dataSource.query(
      `SELECT to_char(hour AT TIME ZONE 'UTC', 'HH24:MI') AS h, sum(total)::int AS n FROM analytics_hourly_summary WHERE workspace_id = $1 GROUP BY 1 ORDER BY 1`,
      [c.workspaceId],
    )) as Array<{ h: string; n: number }>;
    expect(rows.map((r) => [r.h, r.n])).toEqual([
      ['09:00', 1],
      ['10:00', 1],
    ]);
    expect(busyHours(await volume(c, `${DAY}&bucket=hour`))).toEqual([
      ['09:00', 1],
      ['10:00', 1],
    ]);
  }, 60_000);

  it('two workers catching up at once (two api instances on a server): one writes each hour once, the other finds nothing to do', async () => {
    const d = await InboxFixture.create(t, 'Rollups race');
    await post(
      d,
      [9, 10, 11, 12, 13].map((h) => [`2026-11-10T${String(h).padStart(2, '0')}:30:00Z`, `@acme hour ${h}`] as [string, string]),
    );
    // A second api instance on the same database when the tests run on a server (PGlite is one process: the same app twice).
    const t2 = t.config.database.engine === 'postgres' ? await createTestApp({ DATABASE_URL: t.config.database.url }) : null;
    try {
      const repo2 = (t2 ?? t).app.get(AnalyticsRollupRepository);
      const xmins = async (table: string, hours?: string[]) =>
        (await t.dataSource.query(
          `SELECT count(DISTINCT hour)::int AS hours, count(DISTINCT xmin::text)::int AS writers FROM ${table} WHERE workspace_id = $1 ${hours ? `AND hour = ANY($2::timestamptz[])` : ''}`,
          hours ? [d.workspaceId, hours] : [d.workspaceId],
        )) as Array<{ hours: number; writers: number }>;
      const first = await Promise.all([repo.catchUp(d.workspaceId, { wait: true }), repo2.catchUp(d.workspaceId, { wait: true })]);
      expect(first.map((x) => x!.hours).sort()).toEqual([0, 5]);
      expect(first.filter((x) => x!.full)).toHaveLength(1);
      expect(await xmins('analytics_hourly_rollup')).toEqual([{ hours: 5, writers: 1 }]);
      expect(await xmins('analytics_hourly_summary')).toEqual([{ hours: 5, writers: 1 }]);
      // Changes in two old hours and one new one: three hours recomputed, by one worker; the other hours untouched.
      await post(d, [
        ['2026-11-10T09:50:00Z', '@acme again at nine'],
        ['2026-11-10T13:10:00Z', '@acme again at one'],
        ['2026-11-10T20:00:00Z', '@acme at eight'],
      ]);
      const second = await Promise.all([repo.catchUp(d.workspaceId, { wait: true }), repo2.catchUp(d.workspaceId, { wait: true })]);
      expect(second.map((x) => x!.hours).sort()).toEqual([0, 3]);
      const changed = ['2026-11-10T09:00:00Z', '2026-11-10T13:00:00Z', '2026-11-10T20:00:00Z'];
      expect(await xmins('analytics_hourly_summary', changed)).toEqual([{ hours: 3, writers: 1 }]);
      expect(await xmins('analytics_hourly_rollup', changed)).toEqual([{ hours: 3, writers: 1 }]);
      expect(await xmins('analytics_hourly_summary')).toEqual([{ hours: 6, writers: 2 }]);
      expect((await volume(d, `${DAY}&bucket=hour`)).totals.total).toBe(8);
    } finally {
      await t2?.close();
    }
  }, 120_000);

  (process.env.TEST_DATABASE_URL ? it : it.skip)(
    'the interval round catches up every workspace behind, skipping one another worker holds',
    async () => {
      const e = await InboxFixture.create(t, 'Rollups round');
      await post(e, [['2026-11-10T08:05:00Z', '@acme early']]);
      await post(a, [['2026-11-10T08:15:00Z', '@acme early too']]);
      const holder = t.dataSource.createQueryRunner();
      await holder.connect();
      try {
        await holder.startTransaction();
        await holder.query(`SELECT pg_advisory_xact_lock(${lockKey})`, [e.workspaceId]);
        const round = await rollups.catchUpAll();
        expect(round.workspaces).toBeGreaterThanOrEqual(1);
        expect(await repo.isCurrent(a.workspaceId)).toBe(true);
        expect(await repo.isCurrent(e.workspaceId)).toBe(false);
        await holder.commitTransaction();
      } finally {
        await holder.release();
      }
      await rollups.catchUpAll();
      expect(await repo.isCurrent(e.workspaceId)).toBe(true);
      expect((await volume(e, `${DAY}&bucket=hour`)).totals.total).toBe(1);
    },
    60_000,
  );

  it('far behind (more than 20,000 changes), a read counts rows and the catch-up runs in the background', async () => {
    await rollups.ensureCurrent(a.workspaceId);
    expect(await rollups.ready(a.workspaceId)).toBe(true);
    // As if a re-scoring had touched 30,000 mentions (the numbers are taken; the mentions changed are few).
    await t.dataSource.query(`UPDATE workspace SET change_seq = change_seq + 30000 WHERE id = $1`, [a.workspaceId]);
    await t.dataSource.query(`UPDATE mention SET change_seq = (SELECT change_seq FROM workspace WHERE id = $1) WHERE id = $2`, [a.workspaceId, m[1]]);
    expect(await rollups.ready(a.workspaceId)).toBe(false);
    await rollups.whenBuilt(a.workspaceId);
    expect(await rollups.ready(a.workspaceId)).toBe(true);
    const [after] = await state(a);
    expect(after!.watermark).toBe(after!.seq);
  });

  it('reads EARSHOT_ANALYTICS_ROLLUPS and EARSHOT_ANALYTICS_ROLLUP_SECONDS, with messages naming the variable', () => {
    expect(loadConfig({}).analyticsRollups).toEqual({ enabled: true, intervalMs: 60_000 });
    expect(loadConfig({ EARSHOT_ANALYTICS_ROLLUPS: 'false', EARSHOT_ANALYTICS_ROLLUP_SECONDS: '0' }).analyticsRollups).toEqual({
      enabled: false,
      intervalMs: null,
    });
    expect(loadConfig({ EARSHOT_ANALYTICS_ROLLUP_SECONDS: '15' }).analyticsRollups.intervalMs).toBe(15_000);
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ EARSHOT_ANALYTICS_ROLLUP_SECONDS: '1.5' })).toEqual(['EARSHOT_ANALYTICS_ROLLUP_SECONDS: must be a whole number of seconds (got "1.5")']);
    expect(problems({ EARSHOT_ANALYTICS_ROLLUPS: 'off' })).toEqual(['EARSHOT_ANALYTICS_ROLLUPS: EARSHOT_ANALYTICS_ROLLUPS must be true or false (got "off")']);
  });

  it('ranges the rollups cannot count exactly are counted from the mention rows: a +05:30 zone, a range starting at :30', async () => {
    const k = await InboxFixture.create(t, 'Rollups Kolkata');
    await post(k, [
      ['2026-11-10T18:20:00Z', '@acme before local midnight'], // 23:50 IST, Nov 10
      ['2026-11-10T18:40:00Z', '@acme after local midnight'], // 00:10 IST, Nov 11
    ]);
    await request(t.server).patch('/api/workspace').set('Cookie', k.cookies.manager).send({ timeZone: 'Asia/Kolkata' }).expect(200);
    const q = 'from=2026-11-10&to=2026-11-12&bucket=day';
    const r = await volume(k, q);
    expect(r.points.map((p) => [p.label, p.total])).toEqual([
      ['2026-11-10', 1],
      ['2026-11-11', 1],
    ]);
    await expect(analytics.volume(auth(k), AnalyticsSeriesQuerySchema.parse(parse(q)), 'rollup')).rejects.toThrow(/rollups cannot count/);
    // Hours of a +05:30 zone start at :30 UTC too.
    await expect(
      analytics.volume(auth(k), AnalyticsSeriesQuerySchema.parse(parse('from=2026-11-10T12:00:00Z&to=2026-11-11T12:00:00Z&bucket=hour')), 'rollup'),
    ).rejects.toThrow(/rollups cannot count/);
    expect((await volume(k, 'from=2026-11-10T12:00:00Z&to=2026-11-11T12:00:00Z&bucket=hour')).totals.total).toBe(2);
    // A whole-hour zone, but the range starts at :30: raw, counting from 10:30 (the 10:00 bucket holds the 10:45 mention only).
    const half = 'from=2026-11-10T10:30:00Z&to=2026-11-11T00:00:00Z&bucket=hour';
    await expect(analytics.volume(auth(a), AnalyticsSeriesQuerySchema.parse(parse(half)), 'rollup')).rejects.toThrow(/rollups cannot count/);
    const r2 = await volume(a, half);
    expect(busyHours(r2)[0]).toEqual(['10:00', 1]);
    expect(r2.totals.total).toBe(5); // 10:45, 11:20, 12:30, 13:05, 14:10
  });
});
