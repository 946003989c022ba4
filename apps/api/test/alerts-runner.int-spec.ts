import type { AddressInfo } from 'node:net';
import type { AlertEvent, AlertList } from '@earshot/contracts';
import { SMTPServer } from 'smtp-server';
import request from 'supertest';
import { AlertRunnerService } from '../src/modules/alerts/alert-runner.service.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { MentionRows, runAt, streamPosts } from './alerts-stream.fixture.js';
import { connectSocket, connected, type TestSocket } from './utils/socket-client.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const START = Date.UTC(2026, 10, 2); // Monday 2 November 2026, 00:00 UTC

/**
 * The detector runner on mention rows: streams from the simulator's rate model (`@earshot/signals/simulated-stream`:
 * the social-sim steady stream with a daily and weekly rhythm, and its crisis burst of 40 negative posts in 30 s)
 * turned into mention rows of a brand, fed through AlertRunnerService on a simulated clock.
 */
describe('alert runner on simulated streams (integration)', () => {
  let t: TestApp;
  let f: InboxFixture;

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    f = await InboxFixture.create(t, 'Runner');
  });
  afterAll(() => t?.close());

  const alerts = async (brandId: string) =>
    (await t.dataSource.query(`SELECT * FROM alert_event WHERE workspace_id = $1 AND brand_id = $2 ORDER BY raised_at`, [f.workspaceId, brandId])) as Array<
      Record<string, unknown>
    >;

  it('a steady simulated month (three seeds, the demo rate of ~150 posts a day) fed through the runner raises no alert', async () => {
    const brands = [];
    for (const [i, seed] of [1, 2, 3].entries()) {
      const rows = await MentionRows.create(t, f, ['Bravo', 'Cobalt', 'Delta'][i]!);
      const { posts } = streamPosts({ seed, days: 30, startMs: START, intervalMs: 576_000 });
      await rows.insert(posts);
      await rows.dropTemplate();
      brands.push({ rows, n: posts.length });
    }
    const end = START + 30 * DAY;
    // The first run replays 28 days; then the last two days minute by minute (every 10 minutes here).
    const first = await runAt(t, end - 2 * DAY);
    expect(first.filter((o) => o.rebuilt).length).toBe(3);
    for (let at = end - 2 * DAY + 10 * MINUTE; at <= end; at += 10 * MINUTE) {
      const outcomes = await runAt(t, at);
      expect(outcomes.filter((o) => o.error)).toEqual([]);
    }
    for (const b of brands) {
      expect(await alerts(b.rows.brandId)).toEqual([]);
      const [rule] = (await t.dataSource.query(`SELECT watermark, detector_state FROM alert_rule WHERE brand_id = $1`, [b.rows.brandId])) as Array<{
        watermark: Date;
        detector_state: { state: { firstBucket: number; lastBucket: number } };
      }>;
      const settle = t.app.get(AlertRunnerService).settleMs;
      expect(new Date(rule!.watermark).getTime()).toBe(Math.floor((end - settle) / MINUTE) * MINUTE - MINUTE);
      expect(rule!.detector_state.state.lastBucket).toBe(new Date(rule!.watermark).getTime());
      console.log(`steady month: ${b.n} posts, 0 alerts`);
    }
  }, 600_000);
});

/**
 * The crisis scenario at the simulator's live rate (one post every 4 s ± 50 %, with the daily and weekly rhythm) for
 * eight days, then its burst of 40 negative posts in 30 s. Two api instances on one PostgreSQL database run the
 * runner at the same moments, minute by minute through the crisis: exactly one alert, raised within five simulated
 * minutes of the surge's start, and a connected dashboard receives it.
 */
describe('alert runner: the crisis scenario, two instances at once (integration, PostgreSQL)', () => {
  const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const saved = process.env.TEST_DATABASE_URL;
  let one: TestApp;
  let two: TestApp;
  let f: InboxFixture;
  const sockets: TestSocket[] = [];
  let smtp: SMTPServer;
  const mails: string[][] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, cb) {
        stream.on('data', () => undefined);
        stream.on('end', () => {
          mails.push(session.envelope.rcptTo.map((r) => r.address));
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const env = {
      EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9',
      EARSHOT_SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      EARSHOT_MAIL_FROM: 'earshot@example.com',
    };
    process.env.TEST_DATABASE_URL = PG;
    one = await createTestApp(env);
    two = await createTestApp({ ...env, DATABASE_URL: one.config.database.engine === 'postgres' ? one.config.database.url : '' });
    f = await InboxFixture.create(one, 'Crisis');
    // A dashboard on each instance (no Redis adapter here: each instance's events reach its own sockets).
    for (const t of [one, two]) {
      await t.app.listen(0, '127.0.0.1');
      const url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
      const s = connectSocket(url, { cookie: f.cookies.viewer, origin: url });
      await connected(s);
      sockets.push(s);
    }
  }, 120_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await two?.close();
    await one?.close();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    if (saved === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = saved;
  });

  it('raises exactly one alert (one e-mail) within five simulated minutes of the surge start (printed), and clears it once', async () => {
    const rows = await MentionRows.create(one, f, 'Echo');
    const rules = (await request(one.server).get('/api/alert-rules').set('Cookie', f.cookies.manager).expect(200)).body as {
      items: Array<{ id: string; brandId: string }>;
    };
    const rule = rules.items.find((r) => r.brandId === rows.brandId)!;
    await request(one.server).patch(`/api/alert-rules/${rule.id}`).set('Cookie', f.cookies.manager).send({ email: 'ops@example.com' }).expect(200);
    const crisisAt = 8 * DAY + 14 * 60 * MINUTE + 27 * MINUTE + 17_000; // Tuesday 10 November, 14:27:17 UTC
    const { posts, stream } = streamPosts({ seed: 4, days: 9, startMs: START, crisis: { atMs: crisisAt } });
    const t0 = Date.now();
    await rows.insert(posts);
    await rows.dropTemplate();
    console.log(`crisis: ${posts.length} mention rows inserted in ${Date.now() - t0} ms`);
    const surgeStart = stream.surge!.startMs;

    // The first run replays the eight days before the crisis; then both instances tick at every whole minute.
    const r0 = Date.now();
    const first = (await runAt(one, surgeStart - 15 * MINUTE)).find((o) => o.fed > 0)!;
    console.log(`crisis: first run replayed ${first.fed} minutes in ${Date.now() - r0} ms`);
    const ruleId = first.ruleId;
    const ticks = [];
    for (let at = Math.ceil((surgeStart - 14 * MINUTE) / MINUTE) * MINUTE; at <= surgeStart + 30 * MINUTE; at += MINUTE) ticks.push(at);
    ticks.push(surgeStart + 60 * MINUTE, surgeStart + 150 * MINUTE);
    const raisedBy: string[] = [];
    const l0 = Date.now();
    for (const at of ticks) {
      const [a, b] = await Promise.all([runAt(one, at), runAt(two, at)]);
      for (const [name, outcomes] of [
        ['one', a],
        ['two', b],
      ] as const) {
        const mine = outcomes.filter((o) => o.ruleId === ruleId);
        expect(mine.filter((o) => o.error)).toEqual([]);
        if (mine.some((o) => o.raised > 0)) raisedBy.push(name);
      }
    }
    console.log(`crisis: ${ticks.length} ticks of both instances, ${((Date.now() - l0) / ticks.length).toFixed(0)} ms each (two rules each)`);
    const stored = (await one.dataSource.query(`SELECT * FROM alert_event WHERE rule_id = $1`, [ruleId])) as Array<Record<string, unknown>>;
    expect(stored).toHaveLength(1);
    expect(raisedBy).toHaveLength(1);
    // Both instances send due e-mails every round: the alert's mail went out once.
    expect(mails).toEqual([['ops@example.com']]);
    const list = (await request(one.server).get('/api/alerts').set('Cookie', f.cookies.viewer).expect(200)).body as AlertList;
    expect(list.alerts).toHaveLength(1);
    const alert = list.alerts[0]!;
    const detectorDelay = (Date.parse(alert.raisedAt) - surgeStart) / MINUTE;
    const wallDelay = (Date.parse(alert.detectedAt) - surgeStart) / MINUTE;
    console.log(
      `alert-delay: ${detectorDelay.toFixed(2)} min by posted time (${wallDelay.toFixed(2)} min on the simulated clock with the ${
        one.app.get(AlertRunnerService).settleMs / 1000
      } s settle and minute ticks): ${alert.metric} ${alert.observed} vs ${alert.expected} expected (×${alert.ratio}, z ${alert.z}) in ${alert.windowMinutes} min; top terms ${alert.topTerms
        .slice(0, 5)
        .map((x) => x.term)
        .join(', ')}`,
    );
    expect(detectorDelay).toBeGreaterThan(0);
    expect(wallDelay).toBeLessThanOrEqual(5);
    expect(alert).toMatchObject({ brandId: rows.brandId, brandName: 'Echo', metric: 'volume', status: 'cleared', historical: false, category: null });
    expect(alert.ratio).toBeGreaterThan(1.8);
    expect(alert.topTerms.slice(0, 3).map((x) => x.term)).toEqual(expect.arrayContaining(['#acmedown']));
    expect(Date.parse(alert.clearedAt!)).toBeGreaterThan(stream.surge!.endMs);
    // The sockets: one alert.raised and one alert.cleared in all (from whichever instance found each), the alert as REST has it.
    await new Promise((r) => setTimeout(r, 200));
    const got = (event: 'alert.raised' | 'alert.cleared') => sockets.flatMap((s) => s.received.filter((e) => e.event === event).map((e) => e.payload));
    const raised = got('alert.raised');
    const cleared = got('alert.cleared');
    expect(raised).toHaveLength(1);
    expect(cleared).toHaveLength(1);
    expect((raised[0] as AlertEvent).id).toBe(alert.id);
    expect((raised[0] as AlertEvent).status).toBe('raised');
    expect(cleared[0]).toMatchObject({ id: alert.id, status: 'cleared', clearedAt: alert.clearedAt, seq: alert.seq });
    expect((raised[0] as AlertEvent).seq).toBeLessThan(alert.seq);
  }, 900_000);
});
