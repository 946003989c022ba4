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
import { AnalyticsService } from '../src/modules/analytics/analytics.service.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { MentionFactory } from './factories/mention.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Analytics on hand-computed fixtures in Europe/Berlin, around the end of summer time on
 * 2026-10-25 (03:00 CEST → 02:00 CET at 01:00 UTC): that local day is 25 hours long,
 * [2026-10-24T22:00Z, 2026-10-25T23:00Z), and has two 02:00 hours.
 */
interface Row {
  at: string;
  text?: string;
  label?: 'positive' | 'neutral' | 'negative' | null;
  score?: number | null;
  intent?: string | null;
  category?: string | null;
  spam?: boolean;
  corrected?: Record<string, string>;
}

// m1 … m10. Local times in Berlin in the comments.
const ROWS: Row[] = [
  { at: '2026-10-24T21:30:00Z', label: 'positive', score: 0.5 }, // m1 Oct 24 23:30 CEST
  { at: '2026-10-24T22:30:00Z', label: 'negative', score: -0.6, intent: 'complaint', category: 'delivery' }, // m2 Oct 25 00:30 CEST
  { at: '2026-10-25T00:30:00Z', label: 'negative', score: -0.6, intent: 'complaint', category: 'billing' }, // m3 Oct 25 02:30 CEST
  { at: '2026-10-25T01:30:00Z', label: 'neutral', score: 0, corrected: { intent: 'complaint', category: 'outage' } }, // m4 Oct 25 02:30 CET
  { at: '2026-10-25T22:30:00Z', label: 'positive', score: 0.5, text: '@acme and rival both fine today' }, // m5 Oct 25 23:30 CET (both brands)
  { at: '2026-10-25T23:30:00Z', label: 'negative', score: -0.6, intent: 'complaint', category: 'delivery', spam: true }, // m6 Oct 26 00:30 CET, spam
  { at: '2026-10-26T10:00:00Z', label: 'positive', score: 0.5, text: 'rival shipped fast' }, // m7 Oct 26 11:00 CET, competitor only
  { at: '2026-10-23T12:00:00Z', label: 'negative', score: -0.6, intent: 'complaint', category: 'delivery' }, // m8 previous period
  { at: '2026-10-23T13:00:00Z', label: 'negative', score: -0.6, intent: 'complaint', category: 'billing' }, // m9 previous period
  { at: '2026-10-23T14:00:00Z', label: 'negative', score: -0.6, intent: 'complaint', category: 'billing' }, // m10 previous period
];

describe('analytics (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;
  let acmeId: string;
  let rivalId: string;
  let otherBrandId: string;

  const store = async (f: InboxFixture, rows: Row[]) => {
    const built = rows.map((r, i) => MentionFactory.from({ text: r.text ?? `@acme fixture mention ${i}` }).build());
    const ids = await f.store(built);
    expect(ids).toHaveLength(rows.length);
    for (const [i, r] of rows.entries())
      await t.dataSource.query(
        `UPDATE mention SET posted_at = $2, sentiment_label = $3, sentiment_score = $4, intent = $5, category = $6, spam = $7, corrected = $8::jsonb
          WHERE id = $1 AND workspace_id = $9`,
        [
          ids[i],
          r.at,
          r.label ?? null,
          r.score ?? null,
          r.intent ?? null,
          r.category ?? null,
          r.spam ?? false,
          JSON.stringify(r.corrected ?? {}),
          f.workspaceId,
        ],
      );
  };
  const get = (path: string, cookie = a.cookies.viewer) => request(t.server).get(path).set('Cookie', cookie);

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Analytics A');
    b = await InboxFixture.create(t, 'Analytics B');
    acmeId = ((await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [a.workspaceId])) as Array<{ id: string }>)[0]!.id;
    otherBrandId = ((await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [b.workspaceId])) as Array<{ id: string }>)[0]!.id;
    const rival = await request(t.server)
      .post('/api/brands')
      .set('Cookie', a.cookies.admin)
      .send({ name: 'Rival', handles: ['@rival'], kind: 'competitor' })
      .expect(201);
    rivalId = rival.body.id as string;
    await request(t.server)
      .post('/api/listening-queries')
      .set('Cookie', a.cookies.admin)
      .send({ brandId: rivalId, name: 'Rival', query: 'rival', topic: 'competition' })
      .expect(201);
    await store(a, ROWS);
    // B: the same instants, many more mentions; none may show in A's figures.
    await store(
      b,
      [...ROWS, ...ROWS].map((r) => ({ ...r, text: undefined })),
    );
    await request(t.server).patch('/api/workspace').set('Cookie', a.cookies.manager).send({ timeZone: 'Europe/Berlin' }).expect(200);
  }, 120_000);
  afterAll(() => t.close());

  it('sets the time zone (managers and admins), audited, with a clear error for a non-zone', async () => {
    const ok = await request(t.server).patch('/api/workspace').set('Cookie', a.cookies.admin).send({ timeZone: 'Europe/Berlin' }).expect(200);
    expect(ok.body).toMatchObject({ id: a.workspaceId, timeZone: 'Europe/Berlin' });
    const audit = (await t.dataSource.query(`SELECT data FROM audit_event WHERE workspace_id = $1 AND action = 'workspace.time_zone_changed'`, [
      a.workspaceId,
    ])) as Array<{
      data: unknown;
    }>;
    expect(audit.map((r) => r.data)).toEqual([{ from: 'UTC', to: 'Europe/Berlin' }]);
    for (const bad of ['Mars/Olympus', '+01:00', 'UTC+1', '', 'Europe/Berlin; DROP TABLE x']) {
      const res = await request(t.server).patch('/api/workspace').set('Cookie', a.cookies.admin).send({ timeZone: bad }).expect(400);
      expect(res.body.message).toMatch(/timeZone .*IANA time zone such as Europe\/Berlin/);
    }
    await request(t.server).patch('/api/workspace').set('Cookie', a.cookies.agent).send({ timeZone: 'UTC' }).expect(403);
    await request(t.server).patch('/api/workspace').set('Cookie', a.cookies.admin).send({ timeZone: 'UTC', name: 'x' }).expect(400);
    // B is untouched.
    const zones = (await t.dataSource.query(`SELECT id, time_zone FROM workspace WHERE id = ANY($1::uuid[])`, [[a.workspaceId, b.workspaceId]])) as Array<{
      id: string;
      time_zone: string;
    }>;
    expect(Object.fromEntries(zones.map((z) => [z.id, z.time_zone]))).toEqual({ [a.workspaceId]: 'Europe/Berlin', [b.workspaceId]: 'UTC' });
  });

  it('day buckets in Europe/Berlin across the DST change: a 25-hour day, counts, average and net sentiment', async () => {
    const r = (await get('/api/analytics/volume?from=2026-10-24&to=2026-10-27&bucket=day').expect(200)).body as VolumeReport;
    expect(r.range).toEqual({ from: '2026-10-23T22:00:00.000Z', to: '2026-10-26T23:00:00.000Z', timeZone: 'Europe/Berlin' });
    expect(r.points.map((p) => [p.label, p.start, p.hours, p.total])).toEqual([
      ['2026-10-24', '2026-10-23T22:00:00.000Z', 24, 1],
      ['2026-10-25', '2026-10-24T22:00:00.000Z', 25, 4],
      ['2026-10-26', '2026-10-25T23:00:00.000Z', 24, 1],
    ]);
    // Oct 25: m2 −0.6, m3 −0.6, m4 0, m5 0.5 → 1 positive, 1 neutral, 2 negative; average −0.175; net (1 − 2) / 4 = −25 %.
    expect(r.points[1]).toMatchObject({ sentiment: { positive: 1, neutral: 1, negative: 2, unscored: 0 }, averageScore: -0.175, netSentiment: -25 });
    expect(r.points[0]).toMatchObject({ averageScore: 0.5, netSentiment: 100 });
    // Oct 26 without m6 (spam): m7 only.
    expect(r.points[2]).toMatchObject({ sentiment: { positive: 1, neutral: 0, negative: 0, unscored: 0 }, netSentiment: 100 });
    // Totals: m1..m5, m7 → 3 positive, 1 neutral, 2 negative; net (3 − 2) / 6 = 16.7 %; average (0.5·3 − 1.2) / 6 = 0.05.
    expect(r.totals).toEqual({ total: 6, sentiment: { positive: 3, neutral: 1, negative: 2, unscored: 0 }, averageScore: 0.05, netSentiment: 16.7 });
  });

  it('leaves spam out unless includeSpam=true', async () => {
    const r = (await get('/api/analytics/volume?from=2026-10-24&to=2026-10-27&bucket=day&includeSpam=true').expect(200)).body as VolumeReport;
    // Oct 26 with m6 (−0.6) and m7 (0.5): average −0.05, net 0.
    expect(r.points[2]).toMatchObject({ total: 2, sentiment: { positive: 1, neutral: 0, negative: 1, unscored: 0 }, averageScore: -0.05, netSentiment: 0 });
    expect(r.totals.total).toBe(7);
  });

  it('hour buckets on the 25-hour day label local time, both 02:00 hours with their offsets', async () => {
    const r = (await get('/api/analytics/volume?from=2026-10-25&to=2026-10-26&bucket=hour').expect(200)).body as VolumeReport;
    expect(r.points).toHaveLength(25);
    expect(r.points.slice(0, 5).map((p) => [p.label, p.start])).toEqual([
      ['2026-10-25T00:00+02:00', '2026-10-24T22:00:00.000Z'],
      ['2026-10-25T01:00+02:00', '2026-10-24T23:00:00.000Z'],
      ['2026-10-25T02:00+02:00', '2026-10-25T00:00:00.000Z'],
      ['2026-10-25T02:00+01:00', '2026-10-25T01:00:00.000Z'],
      ['2026-10-25T03:00+01:00', '2026-10-25T02:00:00.000Z'],
    ]);
    expect(r.points[24]!.label).toBe('2026-10-25T23:00+01:00');
    const busy = r.points.filter((p) => p.total > 0).map((p) => [p.label, p.total]);
    expect(busy).toEqual([
      ['2026-10-25T00:00+02:00', 1],
      ['2026-10-25T02:00+02:00', 1],
      ['2026-10-25T02:00+01:00', 1],
      ['2026-10-25T23:00+01:00', 1],
    ]);
  });

  it('week buckets start on Monday (local), the DST week has 169 hours', async () => {
    const r = (await get('/api/analytics/volume?from=2026-10-19&to=2026-11-02&bucket=week').expect(200)).body as VolumeReport;
    expect(r.points.map((p) => [p.label, p.hours, p.total])).toEqual([
      ['2026-10-19', 169, 8], // m1..m5 and m8..m10 (Oct 23)
      ['2026-10-26', 168, 1],
    ]);
  });

  it('filters by brand (matched queries), platform, topic and category', async () => {
    const total = async (q: string) => ((await get(`/api/analytics/volume?from=2026-10-24&to=2026-10-27${q}`).expect(200)).body as VolumeReport).totals.total;
    expect(await total(`&brandId=${rivalId}`)).toBe(2); // m5, m7
    expect(await total(`&brandId=${acmeId}`)).toBe(5); // m1..m5
    expect(await total(`&brandId=${acmeId},${rivalId}`)).toBe(6);
    expect(await total('&platform=bluesky')).toBe(0);
    expect(await total('&platform=mastodon')).toBe(6);
    expect(await total('&topic=competition')).toBe(2);
    expect(await total('&category=delivery')).toBe(1); // m2 (m6 is spam)
    expect(await total('&category=outage')).toBe(1); // m4 by the team's correction
  });

  it('themes: complaints per category with the corrected values, share and change against the previous period', async () => {
    const r = (await get('/api/analytics/themes?from=2026-10-25&to=2026-10-27').expect(200)).body as ThemesReport;
    // 49 hours [Oct 24 22:00Z, Oct 26 23:00Z); the previous 49: [Oct 22 21:00Z, Oct 24 22:00Z).
    expect(r.previous).toEqual({ from: '2026-10-22T21:00:00.000Z', to: '2026-10-24T22:00:00.000Z' });
    expect(r.totalComplaints).toBe(3);
    expect(r.previousTotalComplaints).toBe(3);
    expect(r.themes).toEqual([
      { category: 'billing', count: 1, share: 0.333, previousCount: 2, change: { absolute: -1, percent: -50 } },
      { category: 'delivery', count: 1, share: 0.333, previousCount: 1, change: { absolute: 0, percent: 0 } },
      { category: 'outage', count: 1, share: 0.333, previousCount: 0, change: { absolute: 1, percent: null } },
    ]);
    const spam = (await get('/api/analytics/themes?from=2026-10-25&to=2026-10-27&includeSpam=true').expect(200)).body as ThemesReport;
    expect(spam.themes.find((x) => x.category === 'delivery')).toMatchObject({ count: 2, share: 0.5 });
  });

  it('share of voice: a mention of two brands counts for both; own against competitors, per bucket', async () => {
    const r = (await get('/api/analytics/share-of-voice?from=2026-10-24&to=2026-10-27&bucket=day').expect(200)).body as ShareOfVoiceReport;
    expect(r.brands).toEqual([
      { brandId: acmeId, name: 'Acme', kind: 'own', count: 5, share: 0.714 },
      { brandId: rivalId, name: 'Rival', kind: 'competitor', count: 2, share: 0.286 },
    ]);
    expect(r.ownShare).toBe(0.714);
    expect(r.points.map((p) => [p.label, p.brands.map((x) => [x.count, x.share])])).toEqual([
      [
        '2026-10-24',
        [
          [1, 1],
          [0, 0],
        ],
      ],
      [
        '2026-10-25',
        [
          [4, 0.8],
          [1, 0.2],
        ],
      ],
      [
        '2026-10-26',
        [
          [0, 0],
          [1, 1],
        ],
      ],
    ]);
    const rivalOnly = (await get(`/api/analytics/share-of-voice?from=2026-10-24&to=2026-10-27&brandId=${rivalId}`).expect(200)).body as ShareOfVoiceReport;
    expect(rivalOnly.brands).toEqual([{ brandId: rivalId, name: 'Rival', kind: 'competitor', count: 2, share: 1 }]);
  });

  it("keeps to the caller's workspace: B's figures are B's, A's brand ids are unknown to B", async () => {
    const rb = (await get('/api/analytics/volume?from=2026-10-24&to=2026-10-27', b.cookies.viewer).expect(200)).body as VolumeReport;
    expect(rb.range.timeZone).toBe('UTC');
    expect(rb.totals.total).toBe(12); // UTC days Oct 24-26: m1..m5 and m7 (m6 is spam), twice
    const res = await get(`/api/analytics/volume?from=2026-10-24&to=2026-10-27&brandId=${otherBrandId}`).expect(400);
    expect(res.body.message).toBe(`Invalid request: brandId unknown brand id(s): ${otherBrandId}`);
    await get(`/api/analytics/share-of-voice?from=2026-10-24&to=2026-10-27&brandId=${acmeId}`, b.cookies.viewer).expect(400);
  });

  it('validates the range, bucket and filters with messages naming the field', async () => {
    const msg = async (q: string) => (await get(`/api/analytics/volume?${q}`).expect(400)).body.message as string;
    expect(await msg('from=2026-10-27&to=2026-10-24')).toBe('Invalid request: from must be before to');
    expect(await msg('from=2026-10-24&to=2026-10-24')).toBe('Invalid request: from must be before to');
    expect(await msg('from=2025-01-01&to=2026-03-01')).toBe('Invalid request: to must be at most 400 days after from');
    expect(await msg('from=2026-09-01&to=2026-10-05&bucket=hour')).toBe('Invalid request: bucket hour buckets cover at most 31 days; use day or week');
    expect(await msg('from=2026-10-24&to=2026-10-27&bucket=minute')).toMatch(/bucket must be one of hour, day, week/);
    expect(await msg('from=yesterday&to=2026-10-27')).toMatch(/from must be a date/);
    expect(await msg('to=2026-10-27')).toMatch(/from/);
    expect(await msg('from=2026-10-24&to=2026-10-27&brandId=nope')).toMatch(/brandId.*must be a brand id/);
    expect(await msg('from=2026-10-24&to=2026-10-27&includeSpam=yes')).toMatch(/includeSpam must be true or false/);
    expect(await msg('from=2026-10-24&to=2026-10-27&sneaky=1')).toMatch(/sneaky/);
    // Instants with offsets work too (and a DST-day-long range in hours is within 31 days).
    await get('/api/analytics/volume?from=2026-10-25T00:00:00%2B02:00&to=2026-10-26T00:00:00%2B01:00&bucket=hour').expect(200);
  });

  it('counts every query above the same from the hourly rollups as from the mention rows (both workspaces, every filter)', async () => {
    const analytics = t.app.get(AnalyticsService);
    const auth = (workspaceId: string): AuthContext => ({ userId: a.users.viewer.id, workspaceId, role: 'viewer' as Role, sessionId: 's', email: 'v@x' });
    const range = 'from=2026-10-24&to=2026-10-27';
    const series = [
      `${range}&bucket=day`,
      `${range}&bucket=day&includeSpam=true`,
      'from=2026-10-25&to=2026-10-26&bucket=hour',
      'from=2026-10-19&to=2026-11-02&bucket=week',
      `${range}&brandId=${rivalId}`,
      `${range}&brandId=${acmeId}`,
      `${range}&brandId=${acmeId},${rivalId}&bucket=hour`,
      `${range}&platform=bluesky`,
      `${range}&platform=mastodon&bucket=week`,
      `${range}&topic=competition`,
      `${range}&category=delivery`,
      `${range}&category=outage,delivery&includeSpam=true`,
      'from=2026-10-25T00:00:00%2B02:00&to=2026-10-26T00:00:00%2B01:00&bucket=hour',
      'from=2026-10-20T13:00:00Z&to=2026-10-26T11:00:00Z&bucket=day',
    ];
    const themes = [
      'from=2026-10-25&to=2026-10-27',
      'from=2026-10-25&to=2026-10-27&includeSpam=true',
      `from=2026-10-24&to=2026-10-27&brandId=${acmeId}`,
      'from=2026-10-22&to=2026-10-27&platform=mastodon&category=delivery,billing',
    ];
    const parse = (q: string) => Object.fromEntries(new URLSearchParams(q));
    let compared = 0;
    for (const [f, brandOk] of [
      [a, true],
      [b, false],
    ] as const) {
      const who = auth(f.workspaceId);
      for (const q of series.filter((x) => brandOk || !x.includes('brandId'))) {
        const filters = AnalyticsSeriesQuerySchema.parse(parse(q));
        expect({ q, r: await analytics.volume(who, filters, 'rollup') }).toEqual({ q, r: await analytics.volume(who, filters, 'raw') });
        expect({ q, r: await analytics.shareOfVoice(who, filters, 'rollup') }).toEqual({ q, r: await analytics.shareOfVoice(who, filters, 'raw') });
        compared += 2;
      }
      for (const q of themes.filter((x) => brandOk || !x.includes('brandId'))) {
        const filters = AnalyticsThemesQuerySchema.parse(parse(q));
        expect({ q, r: await analytics.themes(who, filters, 'rollup') }).toEqual({ q, r: await analytics.themes(who, filters, 'raw') });
        compared++;
      }
    }
    expect(compared).toBe(2 * 14 + 4 + 2 * 11 + 3);
    // The rollups were really read: built for both workspaces, one row per mention's hour and values.
    const built = (await t.dataSource.query(
      `SELECT workspace_id, sum(total)::int AS n FROM analytics_hourly_rollup WHERE workspace_id = ANY($1::uuid[]) GROUP BY 1`,
      [[a.workspaceId, b.workspaceId]],
    )) as Array<{ workspace_id: string; n: number }>;
    expect(Object.fromEntries(built.map((r) => [r.workspace_id, r.n]))).toEqual({ [a.workspaceId]: 10, [b.workspaceId]: 20 });
  });

  it('lets every signed-in role read (the role model is a rank; see the access matrix) and nobody anonymous', async () => {
    for (const role of ['admin', 'manager', 'viewer'] as const) await get('/api/analytics/themes?from=2026-10-25&to=2026-10-27', a.cookies[role]).expect(200);
    await request(t.server).get('/api/analytics/volume?from=2026-10-25&to=2026-10-27').expect(401);
  });
});
