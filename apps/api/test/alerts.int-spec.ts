import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertEvent, AlertList, AlertRule, AlertWebhookPayload } from '@earshot/contracts';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { DELIVERY_HEADER, WebhookOutboxService } from '../src/common/webhooks/webhook-outbox.service.js';
import { AlertRunnerService, REBUILD_MIN_LATE } from '../src/modules/alerts/alert-runner.service.js';
import { CrisisOnDemand, MentionRows, SIM_START, runAt, streamPosts, type SimPost } from './alerts-stream.fixture.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PUBLIC_URL = 'https://earshot.example';

interface Hit {
  delivery: string;
  event: string;
  body: string;
  status: number;
}
interface Mail {
  to: string[];
  raw: string;
}

/** The Subject header, unfolded and with its RFC 2047 encoded words (UTF-8, Q) decoded. */
function subjectOf(headers: string): string {
  const line =
    headers
      .replace(/\r\n[ \t]+/g, ' ')
      .split('\r\n')
      .find((l) => /^subject:/i.test(l)) ?? '';
  return line
    .replace(/^subject:\s*/i, '')
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_m, q: string) =>
      Buffer.from(
        q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8'),
    );
}

/**
 * Alerts end to end in one api: the rules API, an alert raised by the runner reaching the webhook receiver on
 * loopback (Slack JSON; a 500 then a 200: retried with the same delivery id) and a local SMTP server (once, safe
 * headers), REST catch-up, the inbox link, historical alerts from a replay, late posts and a backfill.
 */
describe('alerts (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;
  let hook: Server;
  let smtp: SMTPServer;
  const hits: Hit[] = [];
  let answers: number[] = [];
  const mails: Mail[] = [];

  beforeAll(async () => {
    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const status = answers.shift() ?? 200;
        hits.push({ delivery: String(req.headers[DELIVERY_HEADER.toLowerCase()]), event: String(req.headers['x-earshot-event']), body, status });
        res.statusCode = status;
        res.end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    t = await createTestApp({
      EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:9,127.0.0.1:${(hook.address() as AddressInfo).port}`,
      EARSHOT_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      EARSHOT_MAIL_FROM: 'earshot@example.com',
      EARSHOT_PUBLIC_URL: PUBLIC_URL,
    });
    t.app.get(WebhookOutboxService).retryDelaysSeconds = [0, 0, 0];
    a = await InboxFixture.create(t, 'Alerts A');
    b = await InboxFixture.create(t, 'Alerts B');
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await new Promise((r) => hook.close(r));
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  const hookUrl = (path = '/hook') => `http://127.0.0.1:${(hook.address() as AddressInfo).port}${path}`;
  const rules = async (f: InboxFixture) =>
    ((await request(t.server).get('/api/alert-rules').set('Cookie', f.cookies.manager).expect(200)).body as { items: AlertRule[] }).items;
  const ruleOf = async (f: InboxFixture, brandId: string) => (await rules(f)).find((r) => r.brandId === brandId && r.category === null)!;
  const alertsOf = async (brandId: string) =>
    (await t.dataSource.query(`SELECT * FROM alert_event WHERE brand_id = $1 ORDER BY raised_at`, [brandId])) as Array<Record<string, unknown>>;
  const getAlert = async (id: string, f = a) =>
    (await request(t.server).get(`/api/alerts/${id}`).set('Cookie', f.cookies.viewer).expect(200)).body as AlertEvent;

  describe('rules', () => {
    it('every own brand has a rule for all its mentions; managers add, change and delete category rules; other workspaces see none of it', async () => {
      const list = await rules(a);
      const acme = list.find((r) => r.brandName === 'Acme')!;
      expect(acme).toMatchObject({ category: null, enabled: true, metrics: ['volume', 'negative_share'], webhookUrl: null, email: null, brandKind: 'own' });
      expect(acme.state).toMatchObject({ learning: true, watermark: null, raised: false, lateMinutes: 0 });
      const rival = await request(t.server)
        .post('/api/brands')
        .set('Cookie', a.cookies.admin)
        .send({ name: 'Rival', handles: ['@rival'], kind: 'competitor' })
        .expect(201);
      expect((await rules(a)).some((r) => r.brandId === rival.body.id)).toBe(false);

      const post = (body: object, f = a) => request(t.server).post('/api/alert-rules').set('Cookie', f.cookies.manager).send(body);
      // https only, except an allowed private host; an address that resolves privately is refused.
      expect((await post({ brandId: acme.brandId, category: 'delivery', webhookUrl: 'http://hooks.example.com/x' })).status).toBe(400);
      expect((await post({ brandId: acme.brandId, category: 'delivery', webhookUrl: 'https://127.0.0.1:8443/x' })).status).toBe(400);
      // One plain address.
      expect((await post({ brandId: acme.brandId, category: 'delivery', email: 'ops@example.com\r\nBcc: evil@example.com' })).status).toBe(400);
      expect((await post({ brandId: acme.brandId, category: 'delivery', email: 'ops@example.com, evil@example.com' })).status).toBe(400);
      expect((await post({ brandId: acme.brandId, category: 'Delivery!' })).status).toBe(400);
      expect((await post({ brandId: acme.brandId, category: 'delivery', workspaceId: b.workspaceId })).status).toBe(400);
      // Another workspace's brand is not a brand here.
      const bAcme = (await rules(b))[0]!;
      expect((await post({ brandId: bAcme.brandId, category: 'delivery' })).status).toBe(400);

      const created = await post({
        brandId: acme.brandId,
        category: 'delivery',
        webhookUrl: hookUrl('/delivery'),
        email: 'Ops@Example.com',
        metrics: ['volume'],
      }).expect(201);
      expect(created.body).toMatchObject({
        brandName: 'Acme',
        category: 'delivery',
        metrics: ['volume'],
        webhookUrl: hookUrl('/delivery'),
        email: 'ops@example.com',
      });
      expect((await post({ brandId: acme.brandId, category: 'delivery' })).status).toBe(409);
      expect((await post({ brandId: acme.brandId })).status).toBe(409);

      const patch = (id: string, body: object, f = a) => request(t.server).patch(`/api/alert-rules/${id}`).set('Cookie', f.cookies.manager).send(body);
      expect((await patch(created.body.id, {})).status).toBe(400);
      expect((await patch(created.body.id, { enabled: false }, b)).status).toBe(404);
      const changed = await patch(created.body.id, { enabled: false, webhookUrl: null, email: null }).expect(200);
      expect(changed.body).toMatchObject({ enabled: false, webhookUrl: null, email: null, metrics: ['volume'] });

      expect((await request(t.server).delete(`/api/alert-rules/${acme.id}`).set('Cookie', a.cookies.manager)).status).toBe(409);
      expect((await request(t.server).delete(`/api/alert-rules/${created.body.id}`).set('Cookie', b.cookies.manager)).status).toBe(404);
      await request(t.server).delete(`/api/alert-rules/${created.body.id}`).set('Cookie', a.cookies.manager).expect(204);
      expect((await rules(a)).map((r) => r.id)).not.toContain(created.body.id);
      expect((await rules(b)).map((r) => r.brandId)).toEqual([bAcme.brandId]);

      const audit = (await t.dataSource.query(
        `SELECT action, data::text AS data FROM audit_event WHERE workspace_id = $1 AND action LIKE 'alert_rule.%' ORDER BY created_at`,
        [a.workspaceId],
      )) as Array<{ action: string; data: string }>;
      expect(audit.map((x) => x.action)).toEqual(['alert_rule.created', 'alert_rule.updated', 'alert_rule.deleted']);
      // The webhook URL may hold the receiver's secret: never in the audit log.
      expect(audit.map((x) => x.data).join()).not.toContain('127.0.0.1');
    });
  });

  describe('a crisis: webhook, e-mail, REST, the inbox link', () => {
    let crisis: CrisisOnDemand;
    let alert: AlertEvent;

    beforeAll(async () => {
      crisis = await CrisisOnDemand.create(t, a, 'Hookco');
      const rule = await ruleOf(a, crisis.rows.brandId);
      await request(t.server)
        .patch(`/api/alert-rules/${rule.id}`)
        .set('Cookie', a.cookies.manager)
        .send({ webhookUrl: hookUrl(), email: 'ops@example.com' })
        .expect(200);
      // A hostile brand name (stored directly: the brands API would take it too, it is just text).
      await t.dataSource.query(`UPDATE brand SET name = $2 WHERE id = $1`, [crisis.rows.brandId, 'Hookco <!channel>\r\nBcc: evil@example.com']);
      answers = [500, 200];
      hits.length = 0;
      mails.length = 0;
      alert = await getAlert(await crisis.raise());
    }, 120_000);

    it('raises one alert that names the brand, the jump against normal and the top terms, and links to its mentions', async () => {
      expect(await alertsOf(crisis.rows.brandId)).toHaveLength(1);
      expect(alert).toMatchObject({ status: 'raised', metric: 'volume', historical: false, brandId: crisis.rows.brandId, category: null });
      expect(alert.brandName).toContain('Hookco');
      expect(alert.observed).toBeGreaterThanOrEqual(40);
      expect(alert.ratio!).toBeGreaterThan(5);
      const top = alert.topTerms.slice(0, 3);
      expect(top.map((x) => x.term)).toContain('#acmedown');
      expect(top.find((x) => x.term === '#acmedown')!.count).toBeGreaterThanOrEqual(20);
      expect(Date.parse(alert.raisedAt) - crisis.surgeStart).toBeLessThanOrEqual(5 * MINUTE);
      expect(alert.mentions).toEqual({ brandId: crisis.rows.brandId, category: null, postedFrom: alert.surgeStart, postedTo: expect.any(String) });
      // Raised: open-ended (a link in a notification keeps showing the incident's new mentions).
      expect(alert.inboxPath).toBe(`/inbox?status=all&brandId=${crisis.rows.brandId}&postedFrom=${encodeURIComponent(alert.surgeStart)}`);
      expect(alert.incidentPath).toBe(`/alerts/${alert.id}`);
      // Viewers read alerts, never the rule's address or webhook.
      const raw = JSON.stringify((await request(t.server).get('/api/alerts').set('Cookie', a.cookies.viewer).expect(200)).body);
      expect(raw).not.toContain('ops@example.com');
      expect(raw).not.toContain(hookUrl());
    });

    it('posts Slack-compatible JSON to the webhook through the outbox: a 500 then a 200, retried with the same delivery id', async () => {
      const outbox = t.app.get(WebhookOutboxService);
      await outbox.drain();
      expect(hits.map((h) => h.status)).toEqual([500, 200]);
      const [row] = await alertsOf(crisis.rows.brandId);
      expect(hits[0]!.delivery).toBe(row!.webhook_delivery_id);
      expect(hits[1]!.delivery).toBe(hits[0]!.delivery);
      expect(hits[0]!.event).toBe('alert.raised');
      expect(hits[1]!.body).toBe(hits[0]!.body);
      const payload = JSON.parse(hits[1]!.body) as AlertWebhookPayload;
      expect(Object.keys(payload).sort()).toEqual(['blocks', 'text']);
      expect(payload.text).toContain('Hookco &lt;!channel&gt; Bcc: evil@example.com: mentions ×');
      expect(payload.text).toContain(`<${PUBLIC_URL}/alerts/${alert.id}|Open the incident>`);
      expect(payload.text).toContain('#acmedown');
      expect(hits[1]!.body).not.toContain('<!channel>');
      const actions = payload.blocks.find((x) => x.type === 'actions') as { elements: Array<{ url: string }> };
      expect(actions.elements.map((e) => e.url)).toEqual([`${PUBLIC_URL}/alerts/${alert.id}`, `${PUBLIC_URL}${alert.inboxPath}`]);
      // Nothing more is due: one delivery, delivered.
      expect(await outbox.drain()).toEqual([]);
    });

    it('e-mails the rule address once (a second round sends nothing), with one recipient and a one-line subject', async () => {
      await t.app.get(AlertRunnerService).runDue();
      expect(mails).toHaveLength(1);
      expect(mails[0]!.to).toEqual(['ops@example.com']);
      const headers = mails[0]!.raw.split('\r\n\r\n')[0]!;
      expect(headers).not.toMatch(/^bcc:/im);
      expect(subjectOf(headers)).toMatch(/^Earshot alert: Hookco <!channel> Bcc: evil@example\.com: mentions ×\d/);
      const body = mails[0]!.raw
        .split('\r\n\r\n')
        .slice(1)
        .join('\r\n\r\n')
        .replace(/=\r\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      expect(body).toContain(`Open the incident: ${PUBLIC_URL}/alerts/${alert.id}`);
      expect(body).toContain(`Its mentions: ${PUBLIC_URL}${alert.inboxPath}`);
      const [row] = await alertsOf(crisis.rows.brandId);
      expect(row).toMatchObject({ email_state: 'sent', email_attempts: 1, email_to: 'ops@example.com' });
    });

    it('catches a client up by seq, filters by status, and answers 404 to another workspace', async () => {
      const all = (await request(t.server).get('/api/alerts').set('Cookie', a.cookies.viewer).expect(200)).body as AlertList;
      expect(all.alerts.map((x) => x.id)).toContain(alert.id);
      expect(all.seq).toBeGreaterThanOrEqual(alert.seq);
      const after = (await request(t.server).get(`/api/alerts?since=${all.seq}`).set('Cookie', a.cookies.viewer).expect(200)).body as AlertList;
      expect(after.alerts).toEqual([]);
      const before = (
        await request(t.server)
          .get(`/api/alerts?since=${alert.seq - 1}&status=raised`)
          .set('Cookie', a.cookies.viewer)
          .expect(200)
      ).body as AlertList;
      expect(before.alerts.map((x) => x.id)).toEqual([alert.id]);
      expect(((await request(t.server).get('/api/alerts?status=cleared').set('Cookie', a.cookies.viewer).expect(200)).body as AlertList).alerts).toEqual([]);
      expect((await request(t.server).get('/api/alerts?since=yesterday').set('Cookie', a.cookies.viewer)).status).toBe(400);
      expect((await request(t.server).get('/api/alerts?limit=0').set('Cookie', a.cookies.viewer)).status).toBe(400);
      expect((await request(t.server).get(`/api/alerts/${alert.id}`).set('Cookie', b.cookies.viewer)).status).toBe(404);
      expect(((await request(t.server).get('/api/alerts').set('Cookie', b.cookies.viewer).expect(200)).body as AlertList).alerts).toEqual([]);
    });

    it('clears once the surge is over; the cleared alert counts its whole incident, and its inbox link lists exactly those mentions, late posts included', async () => {
      await crisis.clear();
      const cleared = await getAlert(alert.id);
      expect(cleared).toMatchObject({ status: 'cleared', historical: false });
      expect(cleared.seq).toBeGreaterThan(alert.seq);
      expect(cleared.mentions.postedTo).toBe(cleared.clearedAt);
      const inboxTotal = async () => {
        const q = new URLSearchParams(cleared.inboxPath.split('?')[1]);
        q.set('withTotal', 'true');
        return ((await request(t.server).get(`/api/mentions?${q.toString()}`).set('Cookie', a.cookies.viewer).expect(200)).body as { total: number }).total;
      };
      expect(await inboxTotal()).toBe(cleared.mentionCount);
      // Three posts of the surge arrive late (after their minutes were judged): they belong to the alert's mentions all the same.
      const at = Date.parse(cleared.surgeStart) + 20_000;
      await crisis.rows.insert([0, 1, 2].map((i) => ({ at: at + i * 1000, negative: true, text: '@hookco late: payment failed #acmedown' })));
      expect(await inboxTotal()).toBe(cleared.mentionCount + 3);
      const [outcome] = (await runAt(t, crisis.surgeStart + 121 * MINUTE)).filter((o) => o.ruleId === cleared.ruleId);
      expect(outcome).toMatchObject({ late: 3, rebuilt: false, raised: 0 });
      const rule = await ruleOf(a, crisis.rows.brandId);
      expect(rule.state.lateMinutes).toBe(1);
      const [row] = (await t.dataSource.query(`SELECT late_mentions FROM alert_rule WHERE id = $1`, [rule.id])) as Array<{ late_mentions: number }>;
      expect(row!.late_mentions).toBe(3);
      // Only the one alert, sent once.
      expect(await alertsOf(crisis.rows.brandId)).toHaveLength(1);
      expect(mails).toHaveLength(1);
    });
  });

  describe('replaying the past', () => {
    it('an incident nine days ago is stored as one historical alert that notified nobody', async () => {
      const rows = await MentionRows.create(t, a, 'Pastco');
      const rule = await ruleOf(a, rows.brandId);
      await request(t.server)
        .patch(`/api/alert-rules/${rule.id}`)
        .set('Cookie', a.cookies.manager)
        .send({ webhookUrl: hookUrl('/past'), email: 'past@example.com' })
        .expect(200);
      const end = SIM_START + 30 * DAY;
      const { posts, stream } = streamPosts({
        seed: 5,
        days: 30,
        startMs: SIM_START,
        intervalMs: 576_000,
        incident: { atMs: 21 * DAY + 13 * HOUR, durationMs: 4 * HOUR, multiplier: 6 },
      });
      await rows.insert(posts);
      await rows.dropTemplate();
      hits.length = 0;
      mails.length = 0;
      const outcomes = (await runAt(t, end)).filter((o) => o.ruleId === rule.id);
      expect(outcomes).toMatchObject([{ rebuilt: true, raised: 1, cleared: 1 }]);
      const [alert] = (await request(t.server).get('/api/alerts').set('Cookie', a.cookies.viewer).expect(200)).body.alerts.filter(
        (x: AlertEvent) => x.brandId === rows.brandId,
      ) as AlertEvent[];
      expect(alert).toMatchObject({ historical: true, status: 'cleared' });
      expect(Math.abs(Date.parse(alert!.surgeStart) - stream.surge!.startMs)).toBeLessThanOrEqual(60 * MINUTE);
      expect(Date.parse(alert!.raisedAt) - stream.surge!.startMs).toBeLessThanOrEqual(15 * MINUTE);
      expect(Date.parse(alert!.clearedAt!)).toBeGreaterThan(stream.surge!.endMs);
      const [row] = await alertsOf(rows.brandId);
      expect(row).toMatchObject({ webhook_delivery_id: null, email_state: null });
      await t.app.get(WebhookOutboxService).drain();
      expect(hits).toEqual([]);
      expect(mails).toEqual([]);
    });

    it('an incident that began before the hour but is still on when the rule starts is notified after all; disabling the rule clears it', async () => {
      const rows = await MentionRows.create(t, a, 'Nowco');
      const rule = await ruleOf(a, rows.brandId);
      await request(t.server)
        .patch(`/api/alert-rules/${rule.id}`)
        .set('Cookie', a.cookies.manager)
        .send({ webhookUrl: hookUrl('/now') })
        .expect(200);
      const end = SIM_START + 23 * DAY + 16 * HOUR;
      const { posts } = streamPosts({
        seed: 6,
        days: 24,
        startMs: SIM_START,
        intervalMs: 576_000,
        incident: { atMs: 23 * DAY + 13 * HOUR, durationMs: 4 * HOUR, multiplier: 6 },
      });
      await rows.insert(posts.filter((p) => p.at < end));
      await rows.dropTemplate();
      hits.length = 0;
      await runAt(t, end);
      const [row] = await alertsOf(rows.brandId);
      expect(row).toMatchObject({ historical: false, status: 'raised' });
      expect(new Date(row!.raised_at as string).getTime()).toBeLessThan(end - HOUR);
      await t.app.get(WebhookOutboxService).drain();
      expect(hits.map((h) => h.delivery)).toEqual([row!.webhook_delivery_id]);

      // Disabled mid-incident: its alert clears at the last minute it judged; enabled again, it relearns and finds
      // the same incident (no second alert).
      await request(t.server).patch(`/api/alert-rules/${rule.id}`).set('Cookie', a.cookies.manager).send({ enabled: false }).expect(200);
      const closed = await getAlert(row!.id as string);
      expect(closed).toMatchObject({
        status: 'cleared',
        clearedAt: new Date(Math.floor((end - t.app.get(AlertRunnerService).settleMs) / MINUTE) * MINUTE).toISOString(),
      });
      expect((await ruleOf(a, rows.brandId)).state).toMatchObject({ watermark: null, learning: true });
      await request(t.server).patch(`/api/alert-rules/${rule.id}`).set('Cookie', a.cookies.manager).send({ enabled: true }).expect(200);
      expect((await runAt(t, end + 5 * MINUTE)).find((o) => o.ruleId === rule.id)).toMatchObject({ rebuilt: true, raised: 0 });
      expect(await alertsOf(rows.brandId)).toHaveLength(1);
    });
  });

  describe('late posts', () => {
    it('a few late posts are counted; a backfill (many at once) rebuilds the baseline from the stored mentions and drops the historical alerts of the incomplete data', async () => {
      const rows = await MentionRows.create(t, a, 'Lateco');
      const rule = await ruleOf(a, rows.brandId);
      const { posts } = streamPosts({ seed: 7, days: 10, startMs: SIM_START, intervalMs: 60_000 });
      const end = SIM_START + 10 * DAY;
      // At first the afternoons (12:00-18:00 UTC) of the first week are missing (a source that has not caught up): the
      // second week's afternoons then look like surges against an empty baseline.
      const gap = (p: SimPost) => p.at < SIM_START + 7 * DAY && new Date(p.at).getUTCHours() >= 12 && new Date(p.at).getUTCHours() < 18;
      await rows.insert(posts.filter((p) => !gap(p)));
      await rows.dropTemplate();
      const first = (await runAt(t, end)).find((o) => o.ruleId === rule.id)!;
      expect(first).toMatchObject({ rebuilt: true });
      console.log(`incomplete data: ${first.raised} historical alert(s) before the backfill`);
      expect(first.raised).toBeGreaterThan(0);
      expect((await alertsOf(rows.brandId)).every((x) => x.historical === true)).toBe(true);
      // Two late posts: counted, decisions kept.
      await rows.insert([
        { at: end - 3 * HOUR, negative: false, text: '@lateco hello' },
        { at: end - 3 * HOUR + 5000, negative: false, text: '@lateco again' },
      ]);
      expect((await runAt(t, end + MINUTE)).find((o) => o.ruleId === rule.id)).toMatchObject({ late: 2, rebuilt: false });
      // The afternoons come in: a backfill. The baseline is rebuilt from everything stored, and the alerts that came
      // from the incomplete data (historical: nobody was notified) are gone.
      const backfill = posts.filter(gap);
      expect(backfill.length).toBeGreaterThan(REBUILD_MIN_LATE);
      await rows.insert(backfill);
      expect((await runAt(t, end + 2 * MINUTE)).find((o) => o.ruleId === rule.id)).toMatchObject({ late: backfill.length, rebuilt: true });
      const [state] = (await t.dataSource.query(`SELECT late_mentions, detector_state FROM alert_rule WHERE id = $1`, [rule.id])) as Array<{
        late_mentions: number;
        detector_state: { state: { firstBucket: number; lateBuckets: number } };
      }>;
      expect(state!.late_mentions).toBe(0);
      expect(state!.detector_state.state.lateBuckets).toBe(0);
      expect(state!.detector_state.state.firstBucket).toBe(Math.floor(Math.min(...posts.map((p) => p.at)) / MINUTE) * MINUTE);
      expect(await alertsOf(rows.brandId)).toEqual([]);
    });
  });
});
