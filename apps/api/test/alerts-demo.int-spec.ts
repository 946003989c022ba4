import type { AlertEvent, AlertList, AlertRule } from '@earshot/contracts';
import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import request from 'supertest';
import { AlertRunnerService } from '../src/modules/alerts/alert-runner.service.js';
import { PollerService } from '../src/modules/ingest/poller.service.js';
import { loginAs } from './factories/user.factory.js';
import { createTestApp, TEST_ADMIN, type TestApp } from './utils/create-test-app.js';

const HOUR = 3_600_000;

/**
 * The demo's first start: the simulator's own history generator (30 days, ~100 posts a weekday, one incident nine
 * days ago: four hours of complaints at six times the usual rate) read by the demo sources through the normal
 * pollers and scored by the real pipeline; then the alert runner's first run replays the month. The incident is
 * there as exactly one historical alert (nobody notified), and the month raises nothing else.
 */
describe('alerts on the demo month (integration, social-sim history through the pollers)', () => {
  let sim: SocialSim;
  let t: TestApp;

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none', history: { days: 30, perDay: 100, seed: 42 } });
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${sim.port}`, SOCIAL_SIM_URL: sim.url });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('finds the incident of nine days ago as one historical alert, and nothing else in the month', async () => {
    const [ws] = (await t.dataSource.query(`SELECT id FROM workspace WHERE slug = 'demo'`)) as Array<{ id: string }>;
    const poller = t.app.get(PollerService);
    for (let tick = 0; tick < 200; tick++) {
      await t.dataSource.query(`UPDATE source SET next_poll_at = now() - interval '1 second' WHERE workspace_id = $1`, [ws!.id]);
      const outcomes = await poller.runDue();
      if (outcomes.every((o) => o.inserted === 0 && !o.backlog)) break;
    }
    const started = Date.now();
    const outcomes = await t.app.get(AlertRunnerService).runDue();
    const ms = Date.now() - started;
    const cookie = await loginAs(t, TEST_ADMIN.email, TEST_ADMIN.password);
    const rules = ((await request(t.server).get('/api/alert-rules').set('Cookie', cookie).expect(200)).body as { items: AlertRule[] }).items;
    const acme = rules.find((r) => r.category === null && r.brandKind === 'own')!;
    expect(acme.state.learning).toBe(false);
    const mine = outcomes.find((o) => o.ruleId === acme.id)!;
    const alerts = ((await request(t.server).get('/api/alerts').set('Cookie', cookie).expect(200)).body as AlertList).alerts;
    const incident = sim.history!.incident!;
    console.log(
      `demo month: the first run replayed ${mine.fed} minutes in ${ms} ms; alerts: ${alerts
        .map(
          (a: AlertEvent) =>
            `${a.brandName} ${a.metric} ${a.surgeStart}..${a.clearedAt ?? 'open'} ×${a.ratio} (${a.mentionCount} mentions; ${a.topTerms
              .slice(0, 4)
              .map((x) => x.term)
              .join(', ')})${a.historical ? ' historical' : ''}`,
        )
        .join('; ')}; the simulator's incident ${incident.from}..${incident.to} (${incident.posts} extra posts, ${incident.topic})`,
    );
    expect(alerts).toHaveLength(1);
    const [alert] = alerts as [AlertEvent];
    expect(alert).toMatchObject({ brandId: acme.brandId, historical: true, status: 'cleared' });
    expect(Math.abs(Date.parse(alert.surgeStart) - Date.parse(incident.from))).toBeLessThanOrEqual(HOUR);
    expect(Date.parse(alert.raisedAt)).toBeLessThan(Date.parse(incident.to));
    expect(Date.parse(alert.clearedAt!)).toBeGreaterThan(Date.parse(incident.to) - HOUR);
    expect(alert.mentionCount).toBeGreaterThan(incident.posts / 2);
  }, 300_000);
});
