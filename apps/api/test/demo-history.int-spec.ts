import request from 'supertest';
import type { ShareOfVoiceReport } from '@earshot/contracts';
import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import { PollerService } from '../src/modules/ingest/poller.service.js';
import { WorkspaceFactory, loginAs } from './factories/user.factory.js';
import { createTestApp, TEST_ADMIN, type TestApp } from './utils/create-test-app.js';
import { listenForAcme } from './utils/listen-for-acme.js';

/**
 * First start with SOCIAL_SIM_URL and a simulator holding a month of back-dated history: the
 * demo workspace's sources read all of it through the normal pollers, with the past times. As under
 * `npm start`, the simulator names a competitor (Globex) in about a quarter of its posts.
 */
describe('demo workspace: a month of history on first start (integration)', () => {
  let sim: SocialSim;
  let t: TestApp;

  beforeAll(async () => {
    // Like `npm start`: the history first, then the live scenario's posts (none here, to count exactly), and the competitor.
    sim = await createSocialSim({ scenario: 'none', history: { days: 30, perDay: 100, seed: 42 }, competitor: { handle: 'globex', name: 'Globex' } });
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${sim.port}`, SOCIAL_SIM_URL: sim.url });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('ingests ~every history post with its past posted_at, within a minute', async () => {
    // What the demo's sources can see: Mastodon's notifications (posts naming @acme), every post of the searches for either brand.
    const visible = sim.control.state().posts;
    const expected = sim.control.ids('mastodon').length + visible.bluesky.visible + visible.reddit.visible + visible.x.visible;
    expect(expected).toBeGreaterThan(2300); // a month at 100 a weekday, less the Mastodon posts naming only Globex
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

  it("share of voice has both brands: Globex's quarter of the posts, and a mention naming both counts for each", async () => {
    const [ws] = (await t.dataSource.query(`SELECT id FROM workspace WHERE slug = 'demo'`)) as Array<{ id: string }>;
    const brands = (await t.dataSource.query(`SELECT name, kind, handles FROM brand WHERE workspace_id = $1 ORDER BY name`, [ws!.id])) as Array<{
      name: string;
      kind: string;
      handles: string[];
    }>;
    expect(brands).toEqual([
      { name: 'Acme', kind: 'own', handles: ['acme', 'acme.bsky.social', 'acme_support'] },
      { name: 'Globex', kind: 'competitor', handles: ['globex'] },
    ]);
    // The stored mentions by the brands their text names.
    const [byText] = (await t.dataSource.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE text ILIKE '%acme%')::int AS acme,
              count(*) FILTER (WHERE text ILIKE '%globex%')::int AS globex,
              count(*) FILTER (WHERE text ILIKE '%acme%' AND text ILIKE '%globex%')::int AS both
         FROM mention WHERE workspace_id = $1`,
      [ws!.id],
    )) as Array<{ total: number; acme: number; globex: number; both: number }>;
    expect(byText!.both).toBeGreaterThan(0);
    expect(byText!.acme + byText!.globex - byText!.both).toBe(byText!.total);

    const admin = await loginAs(t, TEST_ADMIN.email, TEST_ADMIN.password);
    const from = new Date(Date.now() - 32 * 24 * 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const res = await request(t.server)
      .get(`/api/analytics/share-of-voice?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&includeSpam=true`)
      .set('Cookie', admin)
      .expect(200);
    const sov = res.body as ShareOfVoiceReport;
    const acme = sov.brands.find((b) => b.name === 'Acme')!;
    const globex = sov.brands.find((b) => b.name === 'Globex')!;
    process.stdout.write(
      `demo share of voice: Acme ${acme.count} (${acme.share}), Globex ${globex.count} (${globex.share}); ${byText!.both} of ${byText!.total} mentions name both\n`,
    );
    expect(acme).toMatchObject({ kind: 'own', count: byText!.acme });
    expect(globex).toMatchObject({ kind: 'competitor', count: byText!.globex });
    // Each two-brand mention is in both counts: the counts add up to more than the mentions.
    expect(acme.count + globex.count).toBe(byText!.total + byText!.both);
    expect(globex.share!).toBeGreaterThan(0.12);
    expect(globex.share!).toBeLessThan(0.35);
    expect(sov.ownShare).toBe(acme.share);
  }, 60_000);

  it("DELETE /api/workspace/demo-data (admins) clears the demo mentions, their notes and orphaned authors, in the caller's workspace only, audited", async () => {
    const [ws] = (await t.dataSource.query(`SELECT id FROM workspace WHERE slug = 'demo'`)) as Array<{ id: string }>;
    const demoId = ws!.id;
    const count = async (table: string, workspaceId: string): Promise<number> =>
      ((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE workspace_id = $1`, [workspaceId])) as Array<{ n: number }>)[0]!.n;
    // Another workspace with a source of its own (not demo) and mentions from the same simulator.
    const other = await WorkspaceFactory.create(t, 'Other');
    const otherAdmin = await loginAs(t, (await WorkspaceFactory.withAllRoles(t, other.id)).admin.email);
    await listenForAcme(t, otherAdmin);
    await request(t.server)
      .post('/api/sources')
      .set('Cookie', otherAdmin)
      .send({ name: 'Mastodon', platform: 'mastodon', baseUrl: `${sim.url}/mastodon`, streamKind: 'notifications', credentials: { accessToken: 'tok' } })
      .expect(201);
    for (let i = 0; i < 3; i++) {
      await t.dataSource.query(`UPDATE source SET next_poll_at = now() - interval '1 second' WHERE workspace_id = $1`, [other.id]);
      await t.app.get(PollerService).runDue();
    }
    const otherMentions = await count('mention', other.id);
    const otherAuthors = await count('author', other.id);
    expect(otherMentions).toBeGreaterThan(0);

    const demoAdmin = await loginAs(t, TEST_ADMIN.email, TEST_ADMIN.password);
    const demoRoles = await WorkspaceFactory.withAllRoles(t, demoId);
    const [mention] = (await t.dataSource.query(`SELECT id FROM mention WHERE workspace_id = $1 LIMIT 1`, [demoId])) as Array<{ id: string }>;
    await request(t.server).post(`/api/mentions/${mention!.id}/notes`).set('Cookie', demoAdmin).send({ body: 'demo note' }).expect(201);
    const before = await count('mention', demoId);
    expect(await count('mention_note', demoId)).toBe(1);

    // Managers may not; the other workspace's admin clears nothing of the demo's.
    await request(t.server)
      .delete('/api/workspace/demo-data')
      .set('Cookie', await loginAs(t, demoRoles.manager.email))
      .expect(403);
    const none = await request(t.server).delete('/api/workspace/demo-data').set('Cookie', otherAdmin).expect(200);
    expect(none.body).toMatchObject({ sources: 0, mentions: 0 });
    expect(await count('mention', demoId)).toBe(before);

    const res = await request(t.server).delete('/api/workspace/demo-data').set('Cookie', demoAdmin).expect(200);
    expect(res.body).toMatchObject({ sources: 4, mentions: before, notes: 1 });
    expect(res.body.authors).toBeGreaterThan(100);
    expect(await count('mention', demoId)).toBe(0);
    expect(await count('mention_note', demoId)).toBe(0);
    expect(await count('mention_raw', demoId)).toBe(0);
    expect(await count('author', demoId)).toBe(0);
    expect(await count('source', demoId)).toBe(4);
    expect(await count('mention', other.id)).toBe(otherMentions);
    expect(await count('author', other.id)).toBe(otherAuthors);
    const audit = (await t.dataSource.query(`SELECT data FROM audit_event WHERE workspace_id = $1 AND action = 'workspace.demo_data_cleared'`, [
      demoId,
    ])) as Array<{
      data: Record<string, number>;
    }>;
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data['mentions']).toBe(before);
  }, 120_000);
});
