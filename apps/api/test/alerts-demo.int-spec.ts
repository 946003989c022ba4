import type { AlertEvent, AlertList, AlertRule } from '@earshot/contracts';
import { detectorFromJSON, type DetectorJson } from '@earshot/signals';
import { createSocialSim, DEMO_HISTORY_PER_DAY, type HistorySummary, type SocialSim } from '@earshot/social-sim';
import request from 'supertest';
import { AlertRunnerService, type RuleRunOutcome } from '../src/modules/alerts/alert-runner.service.js';
import { PollerService } from '../src/modules/ingest/poller.service.js';
import { loginAs } from './factories/user.factory.js';
import { createTestApp, TEST_ADMIN, type TestApp } from './utils/create-test-app.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A Wednesday 07:00 UTC: the demo month ends here, and its live stream starts here (the morning rise to the peak). */
const T0 = Date.parse('2026-11-18T07:00:00Z');
/** Simulated hours of the live stream after the month. */
const LIVE_HOURS = 10;

/**
 * The demo's first start, on the simulator's clock: its own history generator at the demo's level (30 days,
 * DEMO_HISTORY_PER_DAY posts a weekday, one incident nine days before the end: four hours of complaints at six times
 * the usual rate) read by the demo sources through the normal pollers and scored by the real pipeline; then the alert
 * runner's first run replays the month. The incident is there as exactly one historical alert (nobody notified), and
 * the month raises nothing else. Then the simulator's live stream (the steady scenario, which continues the
 * history's rate model on the sim clock) plays ten simulated hours through the same pipeline: no new alert. Last, the
 * flat 15 posts a minute the steady scenario played before (whatever the history) is shown to be an alert.
 */
describe('alerts on the demo month and its live stream (integration, social-sim through the pollers)', () => {
  let sim: SocialSim;
  let t: TestApp;
  let runner: AlertRunnerService;
  let workspaceId: string;
  let cookie: string;
  /** The simulator's clock runs at the wall clock's pace from T0 on, moved on by advance(); the runner uses it too. */
  let offset = 0;
  const simNow = (): number => Date.now() + offset;
  let history: HistorySummary;
  let incidentAlertId: string;
  const pollErrors: string[] = [];

  /** Polls every demo source until nothing is left to read (a failed poll is tried again); returns the mentions stored. */
  async function drain(): Promise<number> {
    const poller = t.app.get(PollerService);
    let inserted = 0;
    for (let tick = 0; tick < 200; tick++) {
      await t.dataSource.query(`UPDATE source SET next_poll_at = now() - interval '1 second' WHERE workspace_id = $1`, [workspaceId]);
      const outcomes = await poller.runDue();
      for (const o of outcomes) if (o.error) pollErrors.push(o.error);
      inserted += outcomes.reduce((n, o) => n + o.inserted, 0);
      if (outcomes.every((o) => o.inserted === 0 && !o.backlog && !o.error)) return inserted;
    }
    throw new Error(`the sources still had a backlog after 200 polls (poll errors: ${pollErrors.join('; ')})`);
  }

  /** Moves the simulator's clock and waits until its live stream has put out every post up to the new time. */
  async function advance(ms: number): Promise<void> {
    offset += ms;
    sim.control.advanceClock(ms);
    const target = simNow();
    for (let i = 0; i < 100; i++) {
      const live = sim.control.scenario().live;
      if (live?.kind !== 'history') throw new Error(`the live stream is not paced by the history: ${JSON.stringify(live)}`);
      if (Date.parse(live.through) >= target) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the live stream did not catch up with the clock within 10 s');
  }

  const alerts = async (): Promise<AlertEvent[]> =>
    ((await request(t.server).get('/api/alerts?status=all').set('Cookie', cookie).expect(200)).body as AlertList).alerts;
  const ownRule = async (): Promise<AlertRule> =>
    ((await request(t.server).get('/api/alert-rules').set('Cookie', cookie).expect(200)).body as { items: AlertRule[] }).items.find(
      (r) => r.category === null && r.brandKind === 'own',
    )!;
  const describeAlert = (a: AlertEvent): string =>
    `${a.brandName} ${a.metric} ${a.surgeStart}..${a.clearedAt ?? 'open'} ×${a.ratio} (${a.observed} against ${a.expected} in ${a.windowMinutes} min, ${a.mentionCount} mentions; ${a.topTerms
      .slice(0, 4)
      .map((x) => x.term)
      .join(', ')})${a.historical ? ' historical' : ''}`;

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none' });
    sim.control.setClock(T0);
    offset = T0 - Date.now();
    history = sim.control.history({ days: 30, perDay: DEMO_HISTORY_PER_DAY, seed: 42 });
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${sim.port}`, SOCIAL_SIM_URL: sim.url });
    runner = t.app.get(AlertRunnerService);
    runner.now = () => new Date(simNow());
    const [ws] = (await t.dataSource.query(`SELECT id FROM workspace WHERE slug = 'demo'`)) as Array<{ id: string }>;
    workspaceId = ws!.id;
    cookie = await loginAs(t, TEST_ADMIN.email, TEST_ADMIN.password);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('finds the incident of nine days before as one historical alert, and nothing else in the month', async () => {
    const ingestStarted = Date.now();
    const stored = await drain();
    const ingestMs = Date.now() - ingestStarted;
    expect(stored).toBe(history.total);
    const started = Date.now();
    const outcomes = await runner.runDue();
    const ms = Date.now() - started;
    const acme = await ownRule();
    expect(acme.state.learning).toBe(false);
    const mine = outcomes.find((o) => o.ruleId === acme.id)!;
    const found = await alerts();
    const incident = history.incident!;
    console.log(
      `demo month: ${history.total} posts (${(history.total / 30).toFixed(0)} a day on average, ${DEMO_HISTORY_PER_DAY} a weekday), ingested through the pollers in ${ingestMs} ms (poll errors, tried again: ${pollErrors.length ? pollErrors.join('; ') : 'none'}); ` +
        `the first alert run replayed ${mine.fed} minutes in ${ms} ms; alerts: ${found.map(describeAlert).join('; ')}; ` +
        `the simulator's incident ${incident.from}..${incident.to} (${incident.posts} extra posts, ${incident.topic})`,
    );
    expect(found).toHaveLength(1);
    const [alert] = found as [AlertEvent];
    // The history's incident: 9 days before the end, 13:00–17:00 UTC.
    expect(incident.from).toBe('2026-11-09T13:00:00.000Z');
    const incidentFrom = Date.parse(incident.from);
    const incidentTo = Date.parse(incident.to);
    expect(alert).toMatchObject({ brandId: acme.brandId, historical: true, status: 'cleared' });
    expect(Math.abs(Date.parse(alert.surgeStart) - incidentFrom)).toBeLessThanOrEqual(HOUR);
    expect(Date.parse(alert.raisedAt)).toBeLessThan(incidentTo);
    expect(Date.parse(alert.clearedAt!)).toBeGreaterThan(incidentTo - HOUR);
    expect(alert.mentionCount).toBeGreaterThan(incident.posts / 2);
    incidentAlertId = alert.id;
  }, 300_000);

  it(`plays ${LIVE_HOURS} simulated hours of the live stream through the pipeline: no new alert, the incident still found once`, async () => {
    sim.control.setScenario('steady');
    expect(sim.control.scenario().live).toMatchObject({ kind: 'history', perDay: DEMO_HISTORY_PER_DAY });
    const outcomes: RuleRunOutcome[] = [];
    const perHour: string[] = [];
    for (let h = 0; h < LIVE_HOURS; h++) {
      const from = simNow();
      await advance(HOUR);
      const stored = await drain();
      outcomes.push(...(await runner.runDue()));
      // What the detector expected of that hour (its learned baseline) against what the stream brought.
      const [row] = (await t.dataSource.query(`SELECT detector_state FROM alert_rule WHERE workspace_id = $1 AND category IS NULL`, [workspaceId])) as Array<{
        detector_state: DetectorJson;
      }>;
      const detector = detectorFromJSON(row!.detector_state);
      let expected = 0;
      for (let m = from; m < from + HOUR; m += MINUTE) expected += detector.expectedAt(new Date(m));
      perHour.push(`${new Date(from).toISOString().slice(11, 16)} +1 h: ${stored} (expected ${expected.toFixed(0)})`);
    }
    const found = await alerts();
    console.log(`demo live stream, mentions an hour on the sim clock: ${perHour.join(', ')}; alerts: ${found.map(describeAlert).join('; ')}`);
    expect(outcomes.reduce((n, o) => n + o.raised, 0)).toBe(0);
    expect(outcomes.every((o) => !o.error && !o.rebuilt)).toBe(true);
    expect(found.map((a) => a.id)).toEqual([incidentAlertId]);
    const acme = await ownRule();
    expect(acme.state.raised).toBe(false);
    // Every complete minute of the ten hours was judged (up to the settle time before the clock).
    expect(Date.parse(acme.state.watermark!)).toBeGreaterThanOrEqual(simNow() - runner.settleMs - 3 * MINUTE);
    // Nothing lost: every live post is stored. The sim clock keeps running at the wall clock's pace, so the stream
    // may put out a post between the last read and this count: count what was out before one more read.
    const emitted = sim.control.scenario().emitted;
    await drain();
    const [{ n }] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM mention WHERE workspace_id = $1 AND posted_at >= $2`, [
      workspaceId,
      new Date(T0),
    ])) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(emitted);
    expect(n).toBeLessThanOrEqual(sim.control.scenario().emitted);
  }, 300_000);

  it('the flat 15 posts a minute the steady scenario used to play over the month is an alert within minutes', async () => {
    sim.control.setScenario('none');
    const from = simNow();
    offset += 10 * MINUTE;
    sim.control.advanceClock(10 * MINUTE);
    // What `npm start` played before: one post every 4 s (jittered), whatever the month looked like.
    sim.control.seed({ platform: 'mastodon', count: 150, spacingMs: 4000 });
    await drain();
    await runner.runDue();
    const raised = (await alerts()).filter((a) => a.id !== incidentAlertId);
    console.log(
      `the old flat stream: ${raised.map(describeAlert).join('; ')}, raised ${(Date.parse(raised[0]?.raisedAt ?? '') - from) / MINUTE} min after it began`,
    );
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ metric: 'volume', historical: false, status: 'raised' });
    expect(Date.parse(raised[0]!.raisedAt) - from).toBeLessThanOrEqual(5 * MINUTE);
  }, 120_000);
});
