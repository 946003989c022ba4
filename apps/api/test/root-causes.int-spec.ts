import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { RootCauseBoard, RootCauseDetail, SharedRootCauseBoard } from '@earshot/contracts';
import { RootCausesService } from '../src/modules/root-causes/root-causes.service.js';
import { SHARE_LINK_LIMITS, ShareLinkThrottleService } from '../src/modules/root-causes/share-link-throttle.service.js';
import { DELIVERY_HEADER, WebhookOutboxService } from '../src/common/webhooks/webhook-outbox.service.js';
import { RootCauseFixture, type BoardMention } from './factories/root-cause.fixture.js';
import { exampleTemplate } from './factories/write-examples.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The root-cause board on fixture data with hand-computed figures. The clock is 2026-12-05 12:00 UTC
 * (workspace zone UTC): the default period is 2026-11-08..2026-12-05, the previous one 2026-10-11..2026-11-07.
 */
const NOW = new Date('2026-12-05T12:00:00Z');

const day = (d: number) => `2026-11-${String(d).padStart(2, '0')}`;
const dec = (d: number) => `2026-12-${String(d).padStart(2, '0')}`;

function fixtureMentions(): BoardMention[] {
  const m: BoardMention[] = [];
  // delivery — period: Dec 1: A neg, B neg, C neutral; Dec 2: A neg → 4, 3 negative, authors A B C, reach 100+200+300.
  m.push({ author: 'A', followers: 100, day: dec(1), category: 'delivery', urgency: 70, text: '@acme my parcel never arrived and nobody answers' });
  m.push({ author: 'B', followers: 200, day: dec(1), category: 'delivery', urgency: 60, text: '@acme courier left the box in the rain, soaked' });
  m.push({ author: 'C', followers: 300, day: dec(1), category: 'delivery', label: 'neutral', urgency: 40, text: '@acme delivery slot moved twice this week' });
  m.push({ author: 'A', followers: 100, day: dec(2), category: 'delivery', urgency: 65, text: '@acme still waiting for the parcel, day five' });
  // Not complaints of the board: praise in the category, spam.
  m.push({ author: 'A', followers: 100, day: dec(2), category: 'delivery', intent: 'praise', label: 'positive', text: '@acme the courier today was lovely' });
  m.push({ author: 'Z', followers: 5000, day: dec(2), category: 'delivery', spam: true, text: '@acme cheap watches click here' });
  // delivery — previous period: Nov 1: D neg, E neutral → 2, change +2 (+100 %).
  m.push({ author: 'D', followers: 10, day: day(1), category: 'delivery' });
  m.push({ author: 'E', followers: 20, day: day(1), category: 'delivery', label: 'neutral' });
  // billing: one complaint.
  m.push({ author: 'F', followers: 7, day: dec(3), category: 'billing' });
  // outage: ten near-identical complaints (ten authors), O0's distinct and more urgent one, P1's distinct one.
  const tails = ['', 'please', 'now', 'again', 'today', 'help', 'seriously', 'still', 'why', 'ugh'];
  for (const [i, tail] of tails.entries())
    m.push({ author: `O${i}`, day: dec(3), category: 'outage', urgency: 80, text: `@acme the app is down again and I cannot log in ${tail}`.trim() });
  m.push({ author: 'O0', day: dec(3), category: 'outage', urgency: 90, text: "@acme my invoices page shows someone else's data" });
  m.push({ author: 'P1', day: dec(4), category: 'outage', urgency: 50, text: '@acme status page says everything is fine while nothing loads' });
  // quality: fix on Nov 25. Before (Nov 16-24): Q1..Q6 three complaints each, 18 → 2.0 a day.
  for (let i = 1; i <= 6; i++) for (let j = 0; j < 3; j++) m.push({ author: `Q${i}`, day: day(16 + (((i - 1) * 3 + j) % 9)), category: 'quality' });
  // After (Nov 26-Dec 4): Q1..Q4 write praise (positive 0.5), Q5 complains again (-0.4), R1 and R2 complain → 3 complaints, 0.33 a day.
  for (let i = 1; i <= 4; i++) m.push({ author: `Q${i}`, day: day(28), category: null, intent: 'praise', label: 'positive', score: 0.5 });
  m.push({ author: 'Q5', day: day(30), category: 'quality', score: -0.4 });
  m.push({ author: 'R1', day: dec(1), category: 'quality' });
  m.push({ author: 'R2', day: dec(2), category: 'quality' });
  // account: fix on Nov 28 (6 full days since): one complaint a day before (Nov 22-27) and after (Nov 29-Dec 4), each by a new author.
  for (let d = 22; d <= 27; d++) m.push({ author: `S${d}`, day: day(d), category: 'account' });
  for (let d = 29; d <= 34; d++) m.push({ author: `T${d}`, day: d <= 30 ? day(d) : dec(d - 30), category: 'account' });
  return m;
}

describe('root-cause board (integration)', () => {
  let t: TestApp;
  let a: RootCauseFixture;
  let b: RootCauseFixture;
  let hook: Server;
  const hits: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
  let answers: number[] = [];

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        hits.push({ headers: req.headers, body });
        res.statusCode = answers.shift() ?? 200;
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const port = (hook.address() as AddressInfo).port;
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:9,127.0.0.1:${port}`, EARSHOT_OWNER_DIGEST_CRON: 'off' });
    t.app.get(RootCausesService).now = () => NOW;
    t.app.get(WebhookOutboxService).retryDelaysSeconds = [0, 0, 0];
    a = await RootCauseFixture.create(t, 'Board A');
    b = await RootCauseFixture.create(t, 'Board B');
    await a.add(fixtureMentions());
    // B: quality complaints of its own, which no A caller or A link may see.
    await b.add([1, 2, 3].map((d) => ({ author: `BQ${d}`, day: dec(d), category: 'quality', text: `@acme B-only secret quality complaint ${d}` })));
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await new Promise((r) => hook.close(r));
  });

  const hookUrl = () => `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
  const setStatus = (f: RootCauseFixture, category: string, body: object, role: 'manager' | 'admin' | 'agent' = 'manager') =>
    request(t.server).put(`/api/root-causes/${category}/status`).set('Cookie', f.inbox.cookies[role]).send(body);

  it('counts volume, negative share, change, authors and reach per category (hand-computed)', async () => {
    const res = await request(t.server).get('/api/root-causes').set('Cookie', a.inbox.cookies.viewer).expect(200);
    const board = res.body as RootCauseBoard;
    expect(board.period).toEqual({ from: '2026-11-08', to: '2026-12-05', previousFrom: '2026-10-11', previousTo: '2026-11-07', days: 28, timeZone: 'UTC' });
    const delivery = board.categories.find((c) => c.category === 'delivery')!;
    expect(delivery).toMatchObject({
      total: 4,
      previousTotal: 2,
      change: { absolute: 2, percent: 100 },
      negativeShare: 0.75,
      previousNegativeShare: 0.5,
      authorsAffected: 3,
      reach: 600,
      owner: null,
      status: { status: 'open', setBy: null },
    });
    expect(delivery.series).toHaveLength(28);
    expect(delivery.series.find((d) => d.date === '2026-12-01')).toEqual({ date: '2026-12-01', volume: 3, negative: 2, negativeShare: 0.667 });
    expect(delivery.series.find((d) => d.date === '2026-12-02')).toEqual({ date: '2026-12-02', volume: 1, negative: 1, negativeShare: 1 });
    expect(delivery.series.find((d) => d.date === '2026-11-30')).toEqual({ date: '2026-11-30', volume: 0, negative: 0, negativeShare: null });
    expect(board.categories.find((c) => c.category === 'billing')).toMatchObject({ total: 1, previousTotal: 0, change: { absolute: 1, percent: null } });
    // Highest volume first: quality 21, outage 12, account 12 (alphabetical among equals), delivery 4, billing 1.
    expect(board.categories.map((c) => c.category)).toEqual(['quality', 'account', 'outage', 'delivery', 'billing']);
    expect(JSON.stringify(board)).not.toContain('B-only');
  });

  it('picks diverse representatives: ten near-identical complaints give one, one per author', async () => {
    const res = await request(t.server).get('/api/root-causes/outage').set('Cookie', a.inbox.cookies.agent).expect(200);
    const reps = (res.body as RootCauseDetail).representatives;
    // O0's most urgent complaint, then one of the ten copies (not O0's: one per author), then P1's; the other nine copies are near-duplicates.
    expect(reps).toHaveLength(3);
    expect(reps[0]!.text).toBe("@acme my invoices page shows someone else's data");
    expect(reps[1]!.text).toMatch(/^@acme the app is down again and I cannot log in \w+$/);
    expect(reps[1]!.authorHandle).not.toBe('o0@mastodon.example');
    expect(reps[2]!.text).toBe('@acme status page says everything is fine while nothing loads');
    expect(new Set(reps.map((r) => r.authorHandle)).size).toBe(3);
  });

  it('measures recurrence and recovery after a fix and says it worked (quality, fix 2026-11-25)', async () => {
    await setStatus(a, 'quality', { status: 'investigating', note: 'looking at the supplier' }).expect(200);
    const set = await setStatus(a, 'quality', { status: 'fix_shipped', fixShippedAt: '2026-11-25', note: 'new supplier' }).expect(200);
    expect(set.body).toMatchObject({
      status: 'fix_shipped',
      fixShippedAt: '2026-11-25',
      note: 'new supplier',
      setBy: { kind: 'user', userId: a.inbox.users.manager.id },
    });
    const detail = (await request(t.server).get('/api/root-causes/quality').set('Cookie', a.inbox.cookies.viewer).expect(200)).body as RootCauseDetail;
    expect(detail.fix).toEqual({
      fixShippedAt: '2026-11-25',
      daysSinceFix: 9,
      windowDays: 9,
      recurrence: { beforePerDay: 2, afterPerDay: 0.333, changePercent: -83.3 },
      recovery: {
        authorsBefore: 6,
        authorsWroteAgain: 5,
        noLongerNegative: 4,
        before: { negativeShare: 1, meanSentiment: -0.6 },
        after: { negativeShare: 0.2, meanSentiment: 0.32 },
      },
      verdict: 'worked',
      sentence:
        'Complaints about quality fell 83 % in the 9 days after the fix (2.0 → 0.3 a day), and 4 of the 5 authors who complained and wrote again were no longer negative: the fix looks like it worked.',
    });
    expect(detail.history.map((h) => h.status)).toEqual(['investigating', 'fix_shipped']);
    expect(detail.history[0]).toMatchObject({
      note: 'looking at the supplier',
      setBy: { kind: 'user', name: 'manager user', userId: a.inbox.users.manager.id },
    });
  });

  it('says when complaints have not fallen, and when it is too early', async () => {
    await setStatus(a, 'account', { status: 'fix_shipped', fixShippedAt: '2026-11-28' }).expect(200);
    const account = (await request(t.server).get('/api/root-causes/account').set('Cookie', a.inbox.cookies.viewer).expect(200)).body as RootCauseDetail;
    expect(account.fix).toMatchObject({
      daysSinceFix: 6,
      windowDays: 6,
      recurrence: { beforePerDay: 1, afterPerDay: 1, changePercent: 0 },
      recovery: { authorsBefore: 6, authorsWroteAgain: 0, noLongerNegative: 0 },
      verdict: 'not_fallen',
      sentence: 'Complaints about account have not fallen: they stayed the same in the 6 days after the fix (1.0 → 1.0 a day).',
    });
    await setStatus(a, 'billing', { status: 'fix_shipped', fixShippedAt: '2026-12-03' }).expect(200);
    const billing = (await request(t.server).get('/api/root-causes/billing').set('Cookie', a.inbox.cookies.viewer).expect(200)).body as RootCauseDetail;
    expect(billing.fix).toMatchObject({
      daysSinceFix: 1,
      verdict: 'too_early',
      sentence: 'Too early to tell: 1 day since the fix (the board needs 3 full days after it).',
    });
  });

  it('refuses a fix day in the future or missing, and a status from the wrong role or for another workspace', async () => {
    const future = await setStatus(a, 'delivery', { status: 'fix_shipped', fixShippedAt: '2026-12-06' }).expect(400);
    expect(future.body.message).toContain('fixShippedAt must not be in the future');
    await setStatus(a, 'delivery', { status: 'fix_shipped' }).expect(400);
    await setStatus(a, 'delivery', { status: 'investigating' }, 'agent').expect(403);
    await request(t.server)
      .put('/api/root-causes/owners/delivery')
      .set('Cookie', a.inbox.cookies.agent)
      .send({ department: 'x', email: 'x@example.com' })
      .expect(403);
    // B's manager changes B's delivery: A's stays open.
    await setStatus(b, 'delivery', { status: 'investigating' }).expect(200);
    const board = (await request(t.server).get('/api/root-causes').set('Cookie', a.inbox.cookies.viewer).expect(200)).body as RootCauseBoard;
    expect(board.categories.find((c) => c.category === 'delivery')!.status.status).toBe('open');
    const audit = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE workspace_id = $1 AND action = 'root_cause.status_changed'`, [
      a.workspaceId,
    ])) as Array<{ n: number }>;
    expect(audit[0]!.n).toBe(4);
  });

  it('owners: set, list, webhook validated; a status change reaches the webhook with retries and one delivery id', async () => {
    const cookie = a.inbox.cookies.manager;
    const bad1 = await request(t.server)
      .put('/api/root-causes/owners/delivery')
      .set('Cookie', cookie)
      .send({ department: 'Logistics', email: 'a@example.com\r\nBcc: evil@example.com' });
    expect(bad1.status).toBe(400);
    const bad2 = await request(t.server)
      .put('/api/root-causes/owners/delivery')
      .set('Cookie', cookie)
      .send({ department: 'Logistics', email: 'ops@example.com', webhookUrl: 'http://127.0.0.1:1/hook' });
    expect(bad2.status).toBe(400);
    expect(bad2.body.message).toContain('webhookUrl');
    const bad3 = await request(t.server)
      .put('/api/root-causes/owners/delivery')
      .set('Cookie', cookie)
      .send({ department: 'Logistics', email: 'ops@example.com', webhookUrl: 'http://example.com/hook' });
    expect(bad3.status).toBe(400);
    const ok = await request(t.server)
      .put('/api/root-causes/owners/delivery')
      .set('Cookie', cookie)
      .send({ department: 'Logistics', email: 'Ops@Example.com', webhookUrl: hookUrl() })
      .expect(200);
    expect(ok.body).toMatchObject({ category: 'delivery', department: 'Logistics', email: 'ops@example.com', webhookUrl: hookUrl() });
    const list = await request(t.server).get('/api/root-causes/owners').set('Cookie', cookie).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect((await request(t.server).get('/api/root-causes/owners').set('Cookie', b.inbox.cookies.manager).expect(200)).body.items).toEqual([]);

    answers = [503, 503, 200];
    hits.length = 0;
    const started = Date.now();
    await setStatus(a, 'delivery', { status: 'investigating', note: 'carrier audit' }).expect(200);
    expect(Date.now() - started).toBeLessThan(2000);
    // Written with the change, sent by the outbox's sender (the scheduler's round; here the test's).
    const pending = (await t.dataSource.query(`SELECT id, status, attempts FROM webhook_delivery WHERE workspace_id = $1`, [a.workspaceId])) as Array<{
      id: string;
      status: string;
      attempts: number;
    }>;
    expect(pending).toEqual([{ id: expect.any(String), status: 'pending', attempts: 0 }]);
    await t.app.get(WebhookOutboxService).drain();
    expect(hits).toHaveLength(3);
    expect(new Set(hits.map((h) => h.headers[DELIVERY_HEADER.toLowerCase()]))).toEqual(new Set([pending[0]!.id]));
    expect(hits[0]!.headers['x-earshot-event']).toBe('root_cause.status');
    const done = (await t.dataSource.query(`SELECT status, attempts, delivered_at FROM webhook_delivery WHERE id = $1`, [pending[0]!.id])) as Array<{
      status: string;
      attempts: number;
      delivered_at: Date | null;
    }>;
    expect(done[0]).toMatchObject({ status: 'delivered', attempts: 3 });
    expect(done[0]!.delivered_at).not.toBeNull();
    expect(JSON.parse(hits[2]!.body)).toEqual({
      event: 'root_cause.status',
      category: 'delivery',
      status: 'investigating',
      note: 'carrier audit',
      fixShippedAt: null,
      boardUrl: '/root-causes/delivery',
    });
    const board = (await request(t.server).get('/api/root-causes').set('Cookie', a.inbox.cookies.viewer).expect(200)).body as RootCauseBoard;
    expect(board.categories.find((c) => c.category === 'delivery')!.owner).toEqual({ department: 'Logistics', email: 'ops@example.com' });
  });

  it('share links: exactly their categories, never another workspace; owner sets status; revoked or expired → 404', async () => {
    const created = await request(t.server)
      .post('/api/root-causes/share-links')
      .set('Cookie', a.inbox.cookies.manager)
      .send({ categories: ['quality'], expiresInDays: 7 })
      .expect(201);
    const token = created.body.token as string;
    expect(created.body).toMatchObject({ categories: ['quality'], active: true, path: `/share/root-causes/${token}` });
    const stored = (await t.dataSource.query(`SELECT token_hash FROM owner_share_link WHERE id = $1`, [created.body.id])) as Array<{ token_hash: string }>;
    expect(stored[0]!.token_hash).not.toContain(token);

    const shared = (await request(t.server).get(`/api/share/root-causes/${token}`).expect(200)).body as SharedRootCauseBoard;
    expect(shared.workspaceName).toBe('Board A');
    expect(shared.categories.map((c) => c.category)).toEqual(['quality']);
    expect(shared.categories[0]!.total).toBe(21);
    expect(shared.categories[0]!.fix?.verdict).toBe('worked');
    const text = JSON.stringify(shared);
    expect(text).not.toContain('B-only');
    expect(text).not.toContain('invoices');
    expect(text).not.toContain('parcel');

    // The owner sets the status of their category, not another one.
    const put = await request(t.server)
      .put(`/api/share/root-causes/${token}/status/quality`)
      .send({ status: 'investigating', note: 'regression seen' })
      .expect(200);
    expect(put.body.setBy).toMatchObject({ kind: 'share_link', userId: null });
    await request(t.server).put(`/api/share/root-causes/${token}/status/delivery`).send({ status: 'investigating' }).expect(404);

    // B's link shows B's quality only.
    const bLink = await request(t.server)
      .post('/api/root-causes/share-links')
      .set('Cookie', b.inbox.cookies.manager)
      .send({ categories: ['quality'], expiresInDays: 1 })
      .expect(201);
    const bShared = (
      await request(t.server)
        .get(`/api/share/root-causes/${bLink.body.token as string}`)
        .expect(200)
    ).body as SharedRootCauseBoard;
    expect(bShared.categories[0]!.total).toBe(3);
    expect(JSON.stringify(bShared)).not.toContain('Q1');

    // B cannot revoke A's link; A's manager can, and the token stops working.
    await request(t.server)
      .delete(`/api/root-causes/share-links/${created.body.id as string}`)
      .set('Cookie', b.inbox.cookies.manager)
      .expect(404);
    expect((await request(t.server).get('/api/root-causes/share-links').set('Cookie', b.inbox.cookies.manager).expect(200)).body.items).toHaveLength(1);
    await request(t.server)
      .delete(`/api/root-causes/share-links/${created.body.id as string}`)
      .set('Cookie', a.inbox.cookies.manager)
      .expect(204);
    const gone = await request(t.server).get(`/api/share/root-causes/${token}`).expect(404);
    expect(gone.body.message).toContain('expired or been revoked');
    await request(t.server)
      .get(`/api/share/root-causes/${'x'.repeat(43)}`)
      .expect(404);

    // Expired: the clock moves past the link's day.
    const svc = t.app.get(RootCausesService);
    svc.now = () => new Date(NOW.getTime() + 2 * 86_400_000);
    try {
      await request(t.server)
        .get(`/api/share/root-causes/${bLink.body.token as string}`)
        .expect(404);
    } finally {
      svc.now = () => NOW;
    }
    await request(t.server)
      .post('/api/root-causes/share-links')
      .set('Cookie', a.inbox.cookies.agent)
      .send({ categories: ['quality'], expiresInDays: 7 })
      .expect(403);
  });

  it('share links are rate-limited per IP: 429 with Retry-After, unknown tokens counted too, open again in the next window', async () => {
    const throttle = t.app.get(ShareLinkThrottleService);
    const clear = () => t.dataSource.query(`DELETE FROM login_throttle WHERE key LIKE 'sl:%'`);
    await clear();
    const realNow = throttle.now;
    const start = Date.now();
    throttle.now = () => start;
    throttle.limit = 3;
    try {
      const link = await request(t.server)
        .post('/api/root-causes/share-links')
        .set('Cookie', a.inbox.cookies.manager)
        .send({ categories: ['billing'], expiresInDays: 7 })
        .expect(201);
      const token = link.body.token as string;
      await request(t.server).get(`/api/share/root-causes/${token}`).expect(200);
      await request(t.server)
        .get(`/api/share/root-causes/${'y'.repeat(43)}`)
        .expect(404);
      await request(t.server).put(`/api/share/root-causes/${token}/status/billing`).send({ status: 'investigating' }).expect(200);
      const limited = await request(t.server).get(`/api/share/root-causes/${token}`).expect(429);
      expect(Number(limited.headers['retry-after'])).toBe(SHARE_LINK_LIMITS.windowMs / 1000);
      expect(limited.body.message).toContain('Try again in 60 second(s)');
      // Refused before the token or the body is looked at: a status change is refused too, and writes nothing.
      const put = await request(t.server).put(`/api/share/root-causes/${token}/status/billing`).send({ status: 'wont_fix' }).expect(429);
      expect(Number(put.headers['retry-after'])).toBeGreaterThan(0);
      await request(t.server).put(`/api/share/root-causes/${token}/status/billing`).send({ status: {} }).expect(429);
      const status = (await t.dataSource.query(`SELECT status FROM root_cause_status WHERE workspace_id = $1 AND category = 'billing'`, [
        a.workspaceId,
      ])) as Array<{
        status: string;
      }>;
      expect(status[0]!.status).toBe('investigating');
      // Later in the window the wait is shorter; another address has its own allowance; the desk's own routes are not limited.
      throttle.now = () => start + 45_000;
      expect(await throttle.take('127.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 15 });
      expect(await throttle.take('198.51.100.7')).toEqual({ allowed: true });
      await request(t.server).get('/api/root-causes').set('Cookie', a.inbox.cookies.viewer).expect(200);
      // The next window opens again.
      throttle.now = () => start + SHARE_LINK_LIMITS.windowMs + 1;
      await request(t.server).get(`/api/share/root-causes/${token}`).expect(200);
    } finally {
      throttle.now = realNow;
      throttle.limit = SHARE_LINK_LIMITS.perIp;
      await clear();
    }
  });

  it('tells the authors through the reply outbox once per fix: a second submit queues nothing', async () => {
    await request(t.server)
      .post('/api/root-causes/delivery/notify')
      .set('Cookie', a.inbox.cookies.manager)
      .send({ text: 'We changed carriers. Thanks for telling us.' })
      .expect(409);
    await setStatus(a, 'quality', { status: 'fix_shipped', fixShippedAt: '2026-11-25', note: 'new supplier' }).expect(200);
    const body = { text: 'We replaced the supplier behind the faults you reported. Thank you for telling us.' };
    const first = await request(t.server).post('/api/root-causes/quality/notify').set('Cookie', a.inbox.cookies.manager).send(body);
    expect(first.status).toBe(200);
    // Q1..Q6, R1, R2 complained since 2026-10-28 (the 28 days before the fix).
    expect(first.body).toMatchObject({ authors: 8, queued: 8, skipped: { not_replyable: 0, already_notified: 0, refused: 0 } });
    const replies = (await t.dataSource.query(`SELECT count(*)::int AS n FROM reply WHERE workspace_id = $1`, [a.workspaceId])) as Array<{ n: number }>;
    expect(replies[0]!.n).toBe(8);
    const again = await request(t.server).post('/api/root-causes/quality/notify').set('Cookie', a.inbox.cookies.manager).send(body).expect(200);
    expect(again.body).toMatchObject({ authors: 8, queued: 0, skipped: { already_notified: 8 } });
    const after = (await t.dataSource.query(`SELECT count(*)::int AS n FROM reply WHERE workspace_id = $1`, [a.workspaceId])) as Array<{ n: number }>;
    expect(after[0]!.n).toBe(8);
    await request(t.server).post('/api/root-causes/quality/notify').set('Cookie', a.inbox.cookies.agent).send(body).expect(403);
  });

  it('tells each author by name: a template (or {{…}} in the text) is rendered per author; a variable without value or fallback → 400 before anything is queued', async () => {
    // account's fix shipped on 2026-11-28: S22..S27 complained before it, T29..T34 after (12 authors).
    const notify = (body: object) => request(t.server).post('/api/root-causes/account/notify').set('Cookie', a.inbox.cookies.manager).send(body);
    const replyCount = async () =>
      ((await t.dataSource.query(`SELECT count(*)::int AS n FROM reply WHERE workspace_id = $1`, [a.workspaceId])) as Array<{ n: number }>)[0]!.n;
    const before = await replyCount();
    await t.dataSource.query(`UPDATE author SET display_name = NULL WHERE workspace_id = $1 AND display_name IN ('S22', 'T30')`, [a.workspaceId]);

    const typo = await notify({ text: 'Hi {{author.nme}}, we fixed the sign-in fault.' }).expect(400);
    expect(typo.body.message).toContain('did you mean author.name?');
    const missing = await notify({ text: 'Hi {{author.name}}, we fixed the sign-in fault. Thank you for telling us. {{agent.signature}}' }).expect(400);
    expect(missing.body.message).toBe(
      'Invalid request: text {{author.name}} has no value for 2 of 12 authors (@s22@mastodon.example, @t30@mastodon.example) and no fallback: add one, like {{author.name | "there"}}. Nothing was queued.',
    );
    expect(missing.body.issues).toEqual([{ path: 'text', message: expect.stringContaining('{{author.name}} has no value for 2 of 12 authors') }]);
    await t.dataSource.query(`UPDATE mention SET url = NULL WHERE workspace_id = $1 AND category = 'account'`, [a.workspaceId]);
    const nobody = await notify({ text: 'See {{mention.url}}' }).expect(400);
    expect(nobody.body.message).toContain('{{mention.url}} has no value for any author');
    const otherTemplate = await exampleTemplate(t.server, b.inbox.cookies.admin);
    const foreign = await notify({ text: 'Hi {{author.name | "there"}}, we fixed it.', templateId: otherTemplate }).expect(400);
    expect(foreign.body.message).toBe('Invalid request: templateId is not a template of this workspace');
    expect(await replyCount()).toBe(before);

    // A template of A's, sent as picked: each author gets their own text, and the reply knows it is the template unedited.
    const brands = await request(t.server).get('/api/brands').set('Cookie', a.inbox.cookies.admin).expect(200);
    const body = 'Hi {{author.name | "there"}}, we fixed the sign-in fault you told us about. Thank you for telling us. {{agent.signature}}';
    const template = await request(t.server)
      .post('/api/templates')
      .set('Cookie', a.inbox.cookies.admin)
      .send({ brandId: (brands.body as { items: Array<{ id: string }> }).items[0]!.id, title: 'Account fixed', body })
      .expect(201);
    const ok = await notify({ text: body, templateId: template.body.id }).expect(200);
    expect(ok.body).toMatchObject({ authors: 12, queued: 12, skipped: { not_replyable: 0, already_notified: 0, refused: 0 } });
    const rows = (await t.dataSource.query(
      `SELECT r.text, r.template_id, r.template_unedited, a.handle FROM reply r JOIN mention m ON m.id = r.mention_id JOIN author a ON a.id = m.author_id
        WHERE r.workspace_id = $1 AND r.template_id = $2 ORDER BY a.handle`,
      [a.workspaceId, template.body.id],
    )) as Array<{ text: string; template_id: string; template_unedited: boolean; handle: string }>;
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.text)).size).toBe(11); // S22 and T30 both get the fallback
    expect(rows.every((r) => r.template_unedited)).toBe(true);
    expect(rows.find((r) => r.handle === 's23@mastodon.example')!.text).toMatch(
      /^Hi S23, we fixed the sign-in fault you told us about\. Thank you for telling us\. \S/,
    );
    expect(rows.find((r) => r.handle === 's22@mastodon.example')!.text).toMatch(/^Hi there, /);
    expect(rows.every((r) => !r.text.includes('{{'))).toBe(true);
    // Sending again queues nothing (same fix, same authors), however the text is rendered.
    const again = await notify({ text: body, templateId: template.body.id }).expect(200);
    expect(again.body).toMatchObject({ authors: 12, queued: 0, skipped: { already_notified: 12 } });
    expect(await replyCount()).toBe(before + 12);
  });
});
