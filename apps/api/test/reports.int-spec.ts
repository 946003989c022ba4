import request from 'supertest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ReportListSchema, ReportSchema, type Report, type ReportExample } from '@earshot/contracts';
import { ReportsService } from '../src/modules/reports/reports.service.js';
import { ReportWeekFixture, type FixtureAuthor, type FixtureRow } from './factories/report-week.fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The weekly report on a hand-computed fixture week in Europe/Berlin (CET, UTC+1): Monday 30 Nov – Sunday 6 Dec
 * 2026 = [2026-11-29T23:00Z, 2026-12-06T23:00Z), the week before it and three earlier weeks for the four-week
 * average; and a week across the end of summer time (Monday 19 – Sunday 25 Oct 2026: 169 hours). Generated on
 * Monday 7 Dec 07:00 local (06:00Z). Every number of the snapshot is computed by hand in the comments.
 */
const NOW = new Date('2026-12-07T06:00:00Z');
const M = '\u2212';

const AUTHORS: FixtureAuthor[] = [
  { key: 'alice', followers: 1000 },
  { key: 'bob', followers: 500 },
  { key: 'carol', followers: 200 },
  { key: 'dave', followers: 50 },
  { key: 'erin', followers: 3000 },
  { key: 'frank', followers: 10 },
];

// This week (W). Local time = UTC + 1.
const WEEK: FixtureRow[] = [
  // Tue 1 Dec 09:00: answered after 29 min (SLA 60: met), urgency 80.
  {
    key: 'w1',
    author: 'alice',
    at: '2026-12-01T08:00:00Z',
    text: '@acme my parcel never arrived, delivery is a joke',
    label: 'negative',
    intent: 'complaint',
    category: 'delivery',
    urgency: 80,
    firstResponseMinutes: 29,
    slaMinutes: 60,
  },
  // Tue 1 Dec 12:00: answered after 60 min (SLA 30: missed).
  {
    key: 'w2',
    author: 'bob',
    at: '2026-12-01T11:00:00Z',
    text: '@acme courier left the box in the rain',
    label: 'negative',
    intent: 'complaint',
    category: 'delivery',
    urgency: 60,
    firstResponseMinutes: 60,
    slaMinutes: 30,
  },
  // Wed 2 Dec 10:00: not answered, SLA due Wed 11:01 (missed by now).
  {
    key: 'w3',
    author: 'carol',
    at: '2026-12-02T09:00:00Z',
    text: '@acme still waiting for my delivery since Monday',
    label: 'negative',
    intent: 'complaint',
    category: 'delivery',
    urgency: 40,
    slaMinutes: 60,
  },
  // Wed 2 Dec 15:00: billing, answered after 120 min (SLA 180: met).
  {
    key: 'w4',
    author: 'dave',
    at: '2026-12-02T14:00:00Z',
    text: '@acme charged twice for one order',
    label: 'negative',
    intent: 'complaint',
    category: 'billing',
    urgency: 50,
    firstResponseMinutes: 120,
    slaMinutes: 180,
  },
  { key: 'w5', author: 'erin', at: '2026-12-03T09:00:00Z', text: '@acme support sorted it in minutes, great team', label: 'positive' },
  { key: 'w6', author: 'frank', at: '2026-12-04T09:00:00Z', text: '@acme do you ship to Norway?', label: 'neutral', intent: 'question' },
  // Both brands.
  { key: 'w7', author: 'erin', at: '2026-12-05T09:00:00Z', text: 'rival has nice prices but @acme wins on service', label: 'positive' },
  // Rival only; Sun 6 Dec 20:00 local.
  { key: 'w8', author: 'bob', at: '2026-12-06T19:00:00Z', text: 'rival shipped my order fast', label: 'positive' },
  // Spam: counted nowhere.
  {
    key: 'w9',
    author: 'frank',
    at: '2026-11-30T09:00:00Z',
    text: '@acme delivery scam click here',
    label: 'negative',
    intent: 'complaint',
    category: 'delivery',
    spam: true,
  },
  // Not scored: a mention, but not in net sentiment.
  { key: 'w10', author: 'dave', at: '2026-11-30T10:00:00Z', text: '@acme hello there', label: null },
  // Alice again after our reply (the conversation's next post).
  { key: 'w11', author: 'alice', at: '2026-12-01T10:00:00Z', text: '@acme thanks, the parcel is here at last', label: 'positive' },
];

// Last week (P): 23–29 Nov.
const PREVIOUS: FixtureRow[] = [
  { key: 'p1', author: 'alice', at: '2026-11-24T10:00:00Z', text: '@acme great app update', label: 'positive' },
  { key: 'p2', author: 'bob', at: '2026-11-25T10:00:00Z', text: '@acme the new menu is lovely', label: 'positive' },
  {
    key: 'p3',
    author: 'carol',
    at: '2026-11-26T10:00:00Z',
    text: '@acme my order is late again',
    label: 'negative',
    intent: 'complaint',
    category: 'delivery',
  },
  {
    key: 'p4',
    author: 'dave',
    at: '2026-11-27T10:00:00Z',
    text: '@acme why was I billed for a cancelled plan',
    label: 'negative',
    intent: 'complaint',
    category: 'billing',
  },
  { key: 'p5', author: 'erin', at: '2026-11-27T12:00:00Z', text: '@acme the courier was friendly', label: 'positive' },
  { key: 'p6', author: 'alice', at: '2026-11-28T10:00:00Z', text: '@acme love the loyalty points', label: 'positive' },
  { key: 'p7', author: 'alice', at: '2026-11-29T10:00:00Z', text: 'rival opened a store near me', label: 'neutral' },
];

// Earlier weeks: 2–8 Nov (net +100), 9–15 Nov (net 0), 16–22 Nov (nothing scored).
const EARLIER: FixtureRow[] = [
  { key: 'e1', author: 'frank', at: '2026-11-04T10:00:00Z', text: '@acme good morning', label: 'positive' },
  { key: 'e2', author: 'frank', at: '2026-11-10T10:00:00Z', text: '@acme nice', label: 'positive' },
  { key: 'e3', author: 'carol', at: '2026-11-11T10:00:00Z', text: '@acme meh', label: 'negative' },
];

describe('weekly report (integration)', () => {
  let t: TestApp;
  let f: ReportWeekFixture;
  let dst: ReportWeekFixture;
  let alertId: string;
  let report: Report;
  const urls = new Map<string, string | null>();

  const ex = (key: string, author: string, reach: number, text: string, at: string): ReportExample => ({
    mentionId: f.id(key),
    platform: 'mastodon',
    authorHandle: `${author}@mastodon.example`,
    authorReach: reach,
    text,
    postedAt: new Date(at).toISOString(),
    url: urls.get(key) ?? null,
  });
  const row = (key: string) => [...WEEK, ...PREVIOUS].find((r) => r.key === key)!;
  const exOf = (key: string) => {
    const r = row(key);
    return ex(key, r.author, AUTHORS.find((a) => a.key === r.author)!.followers, r.text, r.at);
  };

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9', EARSHOT_REPORT_CRON: 'off' });
    t.app.get(ReportsService).now = () => NOW;
    f = await ReportWeekFixture.create(t, 'Report WS');
    await f.add(AUTHORS, [...WEEK, ...PREVIOUS, ...EARLIER]);
    for (const [key, id] of f.ids) {
      const r = (await t.dataSource.query(`SELECT url FROM mention WHERE id = $1`, [id])) as Array<{ url: string | null }>;
      urls.set(key, r[0]!.url);
    }
    // Replies as sent (first_response_at above matches them): w1 at 08:30, w2 at 12:01, w4 at 16:01 (UTC).
    await f.reply('w1', 'Sorry Alice, we are on it: your parcel goes out today.', '2026-12-01T08:30:00Z');
    await f.reply('w2', 'Sorry about the box, Bob: a replacement is on its way.', '2026-12-01T12:01:00Z');
    await f.reply('w4', 'We have refunded the second charge, Dave.', '2026-12-02T16:01:00Z');
    // Tuesday's outage: surge from 07:00, raised 07:30 (08:30 local), cleared 10:30 UTC; a status post at 08:00.
    alertId = await f.alert({
      surgeStart: '2026-12-01T07:00:00Z',
      raisedAt: '2026-12-01T07:30:00Z',
      clearedAt: '2026-12-01T10:30:00Z',
      ratio: 4.5,
      terms: ['outage', 'app'],
    });
    await f.statusPost(alertId, 'We know about the app outage and are fixing it.', '2026-12-01T08:00:00Z');
    await request(t.server)
      .put('/api/root-causes/owners/delivery')
      .set('Cookie', f.inbox.cookies.manager)
      .send({ department: 'Logistics', email: 'ops@example.com' })
      .expect(200);
    await request(t.server).put('/api/root-causes/delivery/status').set('Cookie', f.inbox.cookies.manager).send({ status: 'investigating' }).expect(200);

    dst = await ReportWeekFixture.create(t, 'DST WS');
    await dst.add(
      [{ key: 'zoe', followers: 7 }],
      [
        { key: 'd1', author: 'zoe', at: '2026-10-18T21:59:00Z', text: '@acme d1', label: 'positive' }, // Sun 18 Oct 23:59 CEST: week before
        { key: 'd2', author: 'zoe', at: '2026-10-18T22:00:00Z', text: '@acme d2', label: 'positive' }, // Mon 19 Oct 00:00 CEST: first instant
        { key: 'd3', author: 'zoe', at: '2026-10-25T00:30:00Z', text: '@acme d3', label: 'negative' }, // Sun 25 Oct 02:30 CEST
        { key: 'd4', author: 'zoe', at: '2026-10-25T01:30:00Z', text: '@acme d4', label: 'negative' }, // Sun 25 Oct 02:30 CET (the second one)
        { key: 'd5', author: 'zoe', at: '2026-10-25T22:59:00Z', text: '@acme d5', label: 'positive' }, // Sun 25 Oct 23:59 CET: last minute
        { key: 'd6', author: 'zoe', at: '2026-10-25T23:00:00Z', text: '@acme d6', label: 'negative' }, // Mon 26 Oct 00:00 CET: next week
      ],
    );
  }, 180_000);
  afterAll(() => t.close());

  it('builds the fixture week; every number of the snapshot is the hand-computed one', async () => {
    const res = await request(t.server).post('/api/reports/weekly').set('Cookie', f.inbox.cookies.manager).send({ weekStart: '2026-11-30' }).expect(200);
    report = ReportSchema.parse(res.body);
    expect(report.weekStart).toBe('2026-11-30');
    expect(report.generatedBy).toBe(f.inbox.users.manager.id);
    expect(report.emailedAt).toBeNull();
    const s = report.snapshot;
    expect(s.version).toBe(1);
    expect(s.workspace).toEqual({ id: f.workspaceId, name: 'Report WS', timeZone: 'Europe/Berlin', weekStartsOn: 'monday' });
    expect(s.week).toEqual({
      start: '2026-11-29T23:00:00.000Z',
      end: '2026-12-06T23:00:00.000Z',
      startDate: '2026-11-30',
      label: '30 Nov – 6 Dec 2026',
      hours: 168,
    });
    expect(s.generatedAt).toBe(NOW.toISOString());

    // Net sentiment: W has 4 positive (w5 w7 w8 w11), 1 neutral (w6), 4 negative (w1–w4) → (4 − 4) / 9 = 0.
    // P: 4 positive (p1 p2 p5 p6), 1 neutral (p7), 2 negative (p3 p4) → 2 / 7 = 28.571… → 28.6. Change −28.6 → −29 points: worse.
    // Four weeks before W: 2–8 Nov +100, 9–15 Nov 0, 16–22 Nov none, P 28.6 → (100 + 0 + 28.6) / 3 = 42.866… → 42.9.
    // Driver: delivery 1 → 3 (+2), billing 1 → 1. Tuesday's alert (terms outage, app) was raised on the day of most delivery complaints (Tue: 2).
    expect(s.headline).toEqual({
      direction: 'worse',
      sentence: `Reputation fell: net sentiment ${M}29 points, driven by complaints about delivery after Tuesday's outage`,
      netSentiment: 0,
      previousNetSentiment: 28.6,
      fourWeekAverage: 42.9,
      change: -28.6,
      driver: 'delivery',
    });

    // Mentions: W's 11 less spam w9 = 10; P 7; +3 = +42.857… % → 42.9. Reach: W's authors alice, bob, carol, dave, erin, frank (w6) = 4,760;
    // P's alice, bob, carol, dave, erin = 4,750 (followers as stored at generation: the author table keeps no history).
    expect(s.volume).toEqual({
      mentions: 10,
      previousMentions: 7,
      change: { absolute: 3, percent: 42.9 },
      reach: 4760,
      previousReach: 4750,
      sentence: '10 mentions, up 43 % on last week (7); their authors have 4,760 followers',
    });

    // Acme: w1–w7, w10, w11 = 9; Rival: w7, w8 = 2 → 9/11 = 0.818, 2/11 = 0.182. P: Acme p1–p6 = 6, Rival p7 = 1 → 0.857, 0.143.
    expect(s.shareOfVoice).toEqual({
      brands: [
        { brandId: f.acmeId, name: 'Acme', kind: 'own', count: 9, share: 0.818, previousShare: 0.857 },
        { brandId: f.rivalId, name: 'Rival', kind: 'competitor', count: 2, share: 0.182, previousShare: 0.143 },
      ],
      ownShare: 0.818,
      previousOwnShare: 0.857,
      sentence: 'Acme had 82 % of the conversation, down from 86 % last week; the largest competitor, Rival, had 18 %',
    });

    expect(s.sentimentByDay).toEqual([
      { date: '2026-11-30', positive: 0, neutral: 0, negative: 0, netSentiment: null }, // w9 spam, w10 unscored
      { date: '2026-12-01', positive: 1, neutral: 0, negative: 2, netSentiment: -33.3 }, // w11; w1, w2
      { date: '2026-12-02', positive: 0, neutral: 0, negative: 2, netSentiment: -100 }, // w3, w4
      { date: '2026-12-03', positive: 1, neutral: 0, negative: 0, netSentiment: 100 }, // w5
      { date: '2026-12-04', positive: 0, neutral: 1, negative: 0, netSentiment: 0 }, // w6
      { date: '2026-12-05', positive: 1, neutral: 0, negative: 0, netSentiment: 100 }, // w7
      { date: '2026-12-06', positive: 1, neutral: 0, negative: 0, netSentiment: 100 }, // w8 (20:00 local)
    ]);

    // Themes: delivery 3 (w1 w2 w3; w9 is spam) against p3 = 1: +2, +200 %; billing w4 against p4: 0, 0 %.
    // Representatives by urgency: w1 (80), w2 (60), w3 (40); billing w4.
    expect(s.themes).toEqual([
      {
        category: 'delivery',
        label: 'Delivery',
        count: 3,
        previousCount: 1,
        change: { absolute: 2, percent: 200 },
        owner: { department: 'Logistics', email: 'ops@example.com' },
        rootCauseStatus: 'investigating',
        examples: [exOf('w1'), exOf('w2'), exOf('w3')],
      },
      {
        category: 'billing',
        label: 'Billing',
        count: 1,
        previousCount: 1,
        change: { absolute: 0, percent: 0 },
        owner: null,
        rootCauseStatus: null,
        examples: [exOf('w4')],
      },
    ]);
    expect(s.themesSentence).toBe('Most complaints were about delivery: 3, up 2 on last week (owner: Logistics). Then billing 1 (0)');

    // The alert's mentions: Acme's posted in [07:00, 10:30) = w1, w11; one reply (to w1, created 08:29) and the status post (08:00):
    // first response 30 min after the raise (07:30).
    expect(s.alerts).toEqual([
      {
        id: alertId,
        brand: 'Acme',
        category: null,
        metric: 'volume',
        ratio: 4.5,
        raisedAt: '2026-12-01T07:30:00.000Z',
        clearedAt: '2026-12-01T10:30:00.000Z',
        topTerms: ['outage', 'app'],
        handled: { repliesQueued: 1, statusPost: true, firstResponseMinutes: 30 },
        sentence: 'Tuesday 08:30: Acme mention volume 4.5× normal (outage, app). The team answered 1 mention and posted a status update, first after 30 min',
      },
    ]);
    expect(s.alertsSentence).toBe('1 alert this week, answered');

    // Team (no names): first responses 29, 60, 120 min → median 60; SLA met w1, w4, missed w2 (late) and w3 (due, open) → 0.5;
    // complaints w1–w4, answered 3 → 0.75; replies sent 3. P: no SLA, no responses, complaints p3, p4 unanswered → 0; no replies.
    expect(s.response).toEqual({
      slaAttainment: 0.5,
      previousSlaAttainment: null,
      medianFirstResponseMinutes: 60,
      previousMedianFirstResponseMinutes: null,
      responseRate: 0.75,
      previousResponseRate: 0,
      repliesSent: 3,
      previousRepliesSent: 0,
      sentence: 'SLA met for 50 %; median first response 1 h; 75 % of complaints answered (0 %); 3 replies sent (0)',
    });
    expect(JSON.stringify(s)).not.toMatch(/agent|manager@/i);

    // Notable: one mention per author (their latest), most followers first.
    expect(s.notable).toEqual({
      positive: [
        { ...exOf('w7'), sentiment: 'positive' }, // erin 3,000 (w7 is later than w5)
        { ...exOf('w11'), sentiment: 'positive' }, // alice 1,000
        { ...exOf('w8'), sentiment: 'positive' }, // bob 500
      ],
      negative: [
        { ...exOf('w1'), sentiment: 'negative' },
        { ...exOf('w2'), sentiment: 'negative' },
        { ...exOf('w3'), sentiment: 'negative' },
      ],
    });

    // Conversation: w1 and w2 both have a next post; alice has more followers. Wait 08:00 → 08:30.
    expect(s.conversation).toEqual({
      post: exOf('w1'),
      waitMinutes: 30,
      reply: { body: 'Sorry Alice, we are on it: your parcel goes out today.', sentAt: '2026-12-01T08:30:00.000Z' },
      nextPost: ex('w11', 'alice', 1000, '@acme thanks, the parcel is here at last', '2026-12-01T10:00:00Z'),
    });
  });

  it('lists and reads reports for every role; the stored snapshot does not move until rebuilt', async () => {
    const list = ReportListSchema.parse((await request(t.server).get('/api/reports').set('Cookie', f.inbox.cookies.viewer).expect(200)).body);
    expect(list.items).toEqual([
      {
        id: report.id,
        weekStart: '2026-11-30',
        label: '30 Nov – 6 Dec 2026',
        headline: report.snapshot.headline.sentence,
        direction: 'worse',
        generatedAt: NOW.toISOString(),
        emailedAt: null,
      },
    ]);
    // Another workspace sees none of it.
    expect((await request(t.server).get('/api/reports').set('Cookie', dst.inbox.cookies.admin).expect(200)).body).toEqual({ items: [] });
    await request(t.server).get(`/api/reports/${report.id}`).set('Cookie', dst.inbox.cookies.admin).expect(404);

    // Alice's followers change: the report keeps what it said; a rebuild of the same week takes the new value (same row).
    await t.dataSource.query(`UPDATE author SET followers = 5000 WHERE workspace_id = $1 AND external_id = 'report-alice'`, [f.workspaceId]);
    const again = ReportSchema.parse((await request(t.server).get(`/api/reports/${report.id}`).set('Cookie', f.inbox.cookies.viewer).expect(200)).body);
    expect(again).toEqual(report);
    const rebuilt = ReportSchema.parse(
      (await request(t.server).post('/api/reports/weekly').set('Cookie', f.inbox.cookies.admin).send({ weekStart: '2026-11-30' }).expect(200)).body,
    );
    expect(rebuilt.id).toBe(report.id);
    expect(rebuilt.generatedBy).toBe(f.inbox.users.admin.id);
    expect(rebuilt.snapshot.volume.reach).toBe(8760);
    expect(rebuilt.snapshot.notable.negative[0]!.authorReach).toBe(5000);
    await t.dataSource.query(`UPDATE author SET followers = 1000 WHERE workspace_id = $1 AND external_id = 'report-alice'`, [f.workspaceId]);
    const audit = (await t.dataSource.query(`SELECT action FROM audit_event WHERE workspace_id = $1 AND action LIKE 'report.%' ORDER BY created_at`, [
      f.workspaceId,
    ])) as Array<{ action: string }>;
    expect(audit.map((a) => a.action)).toEqual(['report.built', 'report.rebuilt']);
  });

  it('refuses a day that does not start a week, an incomplete week, and builds by anyone but managers and admins', async () => {
    const post = (weekStart: unknown, cookie = f.inbox.cookies.manager) =>
      request(t.server).post('/api/reports/weekly').set('Cookie', cookie).send({ weekStart });
    const wed = await post('2026-12-02').expect(400);
    expect(wed.body.message).toBe(
      "Invalid request: weekStart must be the first day of a report week: 2026-12-02 is a Wednesday and this workspace's weeks start on Monday (that week starts 2026-11-30)",
    );
    const current = await post('2026-12-07').expect(400);
    expect(current.body.message).toBe(
      'Invalid request: weekStart must be a complete week: the week of 2026-12-07 ends 2026-12-14 in Europe/Berlin; the latest complete week starts 2026-11-30',
    );
    expect((await post('30/11/2026').expect(400)).body.message).toMatch(/weekStart must be the date the week starts, such as 2026-11-30/);
    await post('2026-11-30', f.inbox.cookies.agent).expect(403);
    await post('2026-11-30', f.inbox.cookies.viewer).expect(403);
    await request(t.server).post(`/api/reports/${report.id}/send`).set('Cookie', f.inbox.cookies.agent).expect(403);
    await request(t.server).get('/api/report-recipients').set('Cookie', f.inbox.cookies.manager).expect(403);
  });

  it('honours a Sunday week start set in the workspace settings', async () => {
    await request(t.server).patch('/api/workspace').set('Cookie', dst.inbox.cookies.manager).send({ reportWeekStart: 7 }).expect(400);
    const ws = await request(t.server).patch('/api/workspace').set('Cookie', dst.inbox.cookies.manager).send({ reportWeekStart: 0 }).expect(200);
    expect(ws.body).toMatchObject({ timeZone: 'Europe/Berlin', reportWeekStart: 0 });
    const monday = await request(t.server).post('/api/reports/weekly').set('Cookie', dst.inbox.cookies.manager).send({ weekStart: '2026-10-19' }).expect(400);
    expect(monday.body.message).toContain("this workspace's weeks start on Sunday (that week starts 2026-10-18)");
    const sunday = ReportSchema.parse(
      (await request(t.server).post('/api/reports/weekly').set('Cookie', dst.inbox.cookies.manager).send({ weekStart: '2026-10-18' }).expect(200)).body,
    );
    // Sun 18 Oct 00:00 CEST – Sun 25 Oct 00:00 CEST: d1 and d2 (d3 is on the 25th).
    expect(sunday.snapshot.workspace.weekStartsOn).toBe('sunday');
    expect(sunday.snapshot.week).toMatchObject({ start: '2026-10-17T22:00:00.000Z', end: '2026-10-24T22:00:00.000Z', hours: 168, label: '18 – 24 Oct 2026' });
    expect(sunday.snapshot.volume.mentions).toBe(2);
    await request(t.server).patch('/api/workspace').set('Cookie', dst.inbox.cookies.manager).send({ reportWeekStart: 1 }).expect(200);
  });

  it('cuts a week across the end of summer time at local midnights: 169 hours', async () => {
    const r = ReportSchema.parse(
      (await request(t.server).post('/api/reports/weekly').set('Cookie', dst.inbox.cookies.admin).send({ weekStart: '2026-10-19' }).expect(200)).body,
    );
    const s = r.snapshot;
    // Mon 19 Oct 00:00 CEST = 18 Oct 22:00Z; Mon 26 Oct 00:00 CET = 25 Oct 23:00Z.
    expect(s.week).toEqual({
      start: '2026-10-18T22:00:00.000Z',
      end: '2026-10-25T23:00:00.000Z',
      startDate: '2026-10-19',
      label: '19 – 25 Oct 2026',
      hours: 169,
    });
    // d2 … d5 in the week (d1 the week before, d6 the week after). Net: 2 positive, 2 negative → 0; before: d1 → +100.
    expect(s.volume).toMatchObject({ mentions: 4, previousMentions: 1, change: { absolute: 3, percent: 300 }, reach: 7, previousReach: 7 });
    expect(s.headline).toEqual({
      direction: 'worse',
      sentence: `Reputation fell: net sentiment ${M}100 points`,
      netSentiment: 0,
      previousNetSentiment: 100,
      fourWeekAverage: 100,
      change: -100,
      driver: null,
    });
    expect(s.sentimentByDay).toEqual([
      { date: '2026-10-19', positive: 1, neutral: 0, negative: 0, netSentiment: 100 },
      { date: '2026-10-20', positive: 0, neutral: 0, negative: 0, netSentiment: null },
      { date: '2026-10-21', positive: 0, neutral: 0, negative: 0, netSentiment: null },
      { date: '2026-10-22', positive: 0, neutral: 0, negative: 0, netSentiment: null },
      { date: '2026-10-23', positive: 0, neutral: 0, negative: 0, netSentiment: null },
      { date: '2026-10-24', positive: 0, neutral: 0, negative: 0, netSentiment: null },
      // The 25-hour Sunday: both 02:30s and 23:59.
      { date: '2026-10-25', positive: 1, neutral: 0, negative: 2, netSentiment: -33.3 },
    ]);
    expect(s.notable.negative.map((n) => n.mentionId)).toEqual([dst.id('d4')]); // zoe's latest negative of the week
    expect(s.themes).toEqual([]);
    expect(s.conversation).toBeNull();
  });

  it('serves the PDF from the stored snapshot: a download whose text has the headline', async () => {
    const res = await request(t.server)
      .get(`/api/reports/${report.id}/pdf`)
      .set('Cookie', f.inbox.cookies.viewer)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="earshot-report-2026-11-30.pdf"');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
    let text = '';
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? ' ' : '');
    }
    await doc.destroy();
    expect(text.replace(/\s+/g, ' ')).toContain(`Reputation fell: net sentiment ${M}29 points, driven by complaints about delivery after Tuesday's outage`);
    await request(t.server).get(`/api/reports/${report.id}/pdf`).set('Cookie', dst.inbox.cookies.viewer).expect(404);
  });
});
