import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import { PollerService } from '../src/modules/ingest/poller.service.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * First start with SOCIAL_SIM_URL and a simulator holding a month of back-dated history: the
 * demo workspace's sources read all of it through the normal pollers, with the past times.
 */
describe('demo workspace: a month of history on first start (integration)', () => {
  let sim: SocialSim;
  let t: TestApp;

  beforeAll(async () => {
    // Like `npm start`: the history first, then the live scenario's posts (none here, to count exactly).
    sim = await createSocialSim({ scenario: 'none', history: { days: 30, perDay: 100, seed: 42 } });
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${sim.port}`, SOCIAL_SIM_URL: sim.url });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('ingests ~every history post with its past posted_at, within a minute', async () => {
    const expected = (['mastodon', 'bluesky', 'reddit', 'x'] as const).reduce((n, p) => n + sim.control.ids(p).length, 0);
    expect(expected).toBeGreaterThan(2500);
    const [ws] = (await t.dataSource.query(`SELECT id FROM workspace WHERE slug = 'demo'`)) as Array<{ id: string }>;
    const poller = t.app.get(PollerService);
    const started = Date.now();
    for (let tick = 0; tick < 200; tick++) {
      await t.dataSource.query(`UPDATE source SET next_poll_at = now() - interval '1 second' WHERE workspace_id = $1`, [ws!.id]);
      const outcomes = await poller.runDue();
      for (const o of outcomes) if (o.error) throw new Error(`poll failed: ${o.error}`);
      if (outcomes.every((o) => o.inserted === 0 && !o.backlog)) break;
    }
    const ms = Date.now() - started;
    const [row] = (await t.dataSource.query(
      `SELECT count(*)::int AS n, min(posted_at) AS oldest, max(posted_at) AS newest,
              count(*) FILTER (WHERE posted_at < now() - interval '7 days')::int AS older_than_week
         FROM mention WHERE workspace_id = $1`,
      [ws!.id],
    )) as Array<{ n: number; oldest: Date; newest: Date; older_than_week: number }>;
    process.stdout.write(`demo-history: ${row!.n} of ${expected} posts ingested in ${ms} ms\n`);
    expect(row!.n).toBeGreaterThanOrEqual(Math.floor(expected * 0.98));
    expect(row!.n).toBeLessThanOrEqual(expected);
    expect(Date.now() - new Date(row!.oldest).getTime()).toBeGreaterThan(29 * 24 * 3_600_000);
    expect(row!.older_than_week).toBeGreaterThan(row!.n / 2);
    expect(ms).toBeLessThan(60_000);
  }, 180_000);
});
