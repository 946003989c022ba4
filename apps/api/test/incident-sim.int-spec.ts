import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import type { Incident, IncidentRepliesResult, StatusPost } from '@earshot/contracts';
import { PollerService } from '../src/modules/ingest/poller.service.js';
import { ReplySenderService } from '../src/modules/replies/reply-sender.service.js';
import { WorkspaceFactory, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { listenForAcme } from './utils/listen-for-acme.js';
import { createSimSources, simReplySources, type SenderPlatform } from './utils/sim-reply-sources.js';

const SOURCES = simReplySources({ clientId: 'cid', clientSecret: 'secret', username: 'acme_support', password: 'pw' });
const BODY =
  'Hi {{author.name | "there"}}, I\'m sorry about this and thanks for letting us know. Our team is working on it right now. Please send us a DM if you need help. ^{{agent.signature}}';
const COMPLAINTS = [
  'acme my parcel never arrived and nobody answers',
  'acme where is my order? tracking has not moved for days',
  'acme delivery failed again, this is the third time',
  'acme parcel lost, what now?',
  'acme my order is late, the app says delivered but nothing here',
];

/** The incident's replies and status post against the social simulator: each posted exactly once, X's duplicate rule never hit. */
describe('incident replies and status post against the social simulator (integration)', () => {
  let sim: SocialSim;
  let t: TestApp;
  let cookies: Record<'admin' | 'manager', string>;
  let workspaceId: string;
  let brandId: string;
  let alertId: string;
  let mentions: Array<{ id: string; external_id: string; author_id: string; handle: string; posted_at: Date }>;
  const sourceIds = {} as Record<SenderPlatform, string>;

  const sender = () => t.app.get(ReplySenderService);
  const dueNow = () =>
    t.dataSource.query(`UPDATE reply SET next_attempt_at = now() WHERE workspace_id = $1 AND status IN ('queued', 'unknown')`, [workspaceId]);
  /** Runs the sender until nothing is due (retries made due at once), at most `rounds` times. */
  async function drain(rounds = 5): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      await dueNow();
      if ((await sender().runDue()).length === 0) return;
    }
  }
  const brandPostsOnX = () => sim.control.replies('x');

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none', evalDir: null, rateLimits: false });
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${sim.port}`, EARSHOT_RETRY_BASE_SECONDS: '1' });
    const ws = await WorkspaceFactory.create(t, 'Incident sim');
    workspaceId = ws.id;
    const users = await WorkspaceFactory.withAllRoles(t, ws.id);
    cookies = { admin: await loginAs(t, users.admin.email), manager: await loginAs(t, users.manager.email) };
    brandId = await listenForAcme(t, cookies.admin);
    Object.assign(sourceIds, await createSimSources(t, sim, cookies.admin, SOURCES));

    for (const text of COMPLAINTS) sim.control.seed({ platform: 'x', count: 1, text });
    await t.dataSource.query(`UPDATE source SET next_poll_at = now() - interval '1 second', cursor = NULL WHERE id = $1`, [sourceIds.x]);
    const outcomes = await t.app.get(PollerService).runDue();
    expect(outcomes.map((o) => o.error ?? null).filter(Boolean)).toEqual([]);
    mentions = (await t.dataSource.query(
      `SELECT m.id, m.external_id, m.author_id, a.handle, m.posted_at FROM mention m JOIN author a ON a.id = m.author_id
        WHERE m.workspace_id = $1 AND m.platform = 'x' ORDER BY m.posted_at DESC, m.id DESC`,
      [workspaceId],
    )) as typeof mentions;
    expect(mentions).toHaveLength(COMPLAINTS.length);
    await t.dataSource.query(`UPDATE mention SET intent = 'complaint' WHERE workspace_id = $1`, [workspaceId]);
    const first = Math.min(...mentions.map((m) => new Date(m.posted_at).getTime()));
    const last = Math.max(...mentions.map((m) => new Date(m.posted_at).getTime()));
    const rows = (await t.dataSource.query(
      `INSERT INTO alert_event (workspace_id, rule_id, brand_id, category, metric, status, surge_start, raised_at, detected_at, cleared_at,
                                window_minutes, observed, expected, ratio, z, top_terms, mention_count, historical, seq)
       VALUES ($1, NULL, $2, NULL, 'volume', 'cleared', $3, $4, $4, $5, 5, 5, 0.5, 10, 8, '[]'::jsonb, 5, false, 1) RETURNING id`,
      [workspaceId, brandId, new Date(first - 60_000).toISOString(), new Date(first + 60_000).toISOString(), new Date(last + 60_000).toISOString()],
    )) as Array<{ id: string }>;
    alertId = rows[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  it('answers every author once on X, each text addressed to its author and different, under a 429 on the way (the sender waits it out)', async () => {
    const latestOf = new Map<string, (typeof mentions)[number]>();
    for (const m of mentions) if (!latestOf.has(m.author_id)) latestOf.set(m.author_id, m);
    const clientKey = `ck-${randomBytes(6).toString('hex')}`;
    const res = (await request(t.server).post(`/api/alerts/${alertId}/replies`).set('Cookie', cookies.manager).send({ body: BODY, clientKey }).expect(200))
      .body as IncidentRepliesResult;
    expect(res.skipped).toEqual([]);
    expect(res.queued).toBe(latestOf.size);
    expect(res.replies.map((r) => r.mentionId).sort()).toEqual([...latestOf.values()].map((m) => m.id).sort());

    // X answers the first attempt with a 429: that reply waits for the reset, the others go out.
    sim.control.addFault({ kind: 'rate_limit', platform: 'x', method: 'POST', path: '/2/tweets', resetInSec: 1, times: 1 });
    const round = await sender().runDue();
    expect(round.filter((o) => o.status === 'queued')).toHaveLength(1);
    expect(round.filter((o) => o.status === 'sent')).toHaveLength(latestOf.size - 1);
    await drain();

    const posts = brandPostsOnX().filter((p) => p.inReplyTo !== '');
    expect(posts.map((p) => p.inReplyTo).sort()).toEqual([...latestOf.values()].map((m) => m.external_id).sort());
    expect(new Set(posts.map((p) => p.text)).size).toBe(posts.length);
    for (const m of latestOf.values()) {
      const post = posts.find((p) => p.inReplyTo === m.external_id)!;
      expect(post.text.startsWith(`@${m.handle} Hi `)).toBe(true);
      expect(post.text).toMatch(/ \(ref [a-z2-9]{5}\) \^\S+$/);
    }
    // Never refused as duplicate content; every reply sent exactly once.
    expect(sim.control.requests('x').filter((e) => e.method === 'POST' && e.status === 403)).toEqual([]);
    const statuses = (await t.dataSource.query(`SELECT status, count(*)::int AS n FROM reply WHERE workspace_id = $1 AND kind = 'reply' GROUP BY 1`, [
      workspaceId,
    ])) as Array<{ status: string; n: number }>;
    expect(statuses).toEqual([{ status: 'sent', n: latestOf.size }]);

    // The same request again: nothing queued, nothing posted.
    const again = (await request(t.server).post(`/api/alerts/${alertId}/replies`).set('Cookie', cookies.manager).send({ body: BODY, clientKey }).expect(200))
      .body as IncidentRepliesResult;
    expect(again.queued).toBe(0);
    expect(again.skipped.every((s) => s.reason === 'already_queued')).toBe(true);
    await drain();
    expect(brandPostsOnX().filter((p) => p.inReplyTo !== '')).toHaveLength(latestOf.size);
  });

  it('posts one public status update on X exactly once, even when the first answer is lost (reconciled, not resent)', async () => {
    const view = (await request(t.server).get(`/api/alerts/${alertId}/incident`).set('Cookie', cookies.manager).expect(200)).body as Incident;
    expect(view.statusPostSources.find((s) => s.suggested)).toMatchObject({ id: sourceIds.x, platform: 'x' });
    expect(view.statusPostSources.map((s) => s.platform).sort()).toEqual(['bluesky', 'mastodon', 'x']); // Reddit cannot post
    const clientKey = `sp-${randomBytes(6).toString('hex')}`;
    const body = view.statusPostDraft.body;
    sim.control.addFault({ kind: 'lost_response', platform: 'x', method: 'POST', path: '/2/tweets', times: 1 });
    const created = (await request(t.server).post(`/api/alerts/${alertId}/status-post`).set('Cookie', cookies.manager).send({ body, clientKey }).expect(201))
      .body as StatusPost;
    expect(created).toMatchObject({ platform: 'x', sourceId: sourceIds.x, status: 'queued', text: body });
    const [lost] = await sender().runDue();
    expect(lost).toMatchObject({ replyId: created.id, status: 'unknown', mode: 'send' });
    const mark = sim.control.requests('x').at(-1)?.id ?? 0;
    await drain();
    // The reconcile found the post among the account's tweets: nothing was sent again.
    expect(sim.control.requests('x').filter((e) => e.id > mark && e.method === 'POST')).toEqual([]);
    const statusPosts = brandPostsOnX().filter((p) => p.inReplyTo === '');
    expect(statusPosts.map((p) => p.text)).toEqual([body]);
    const row = (await t.dataSource.query(`SELECT status, external_id, attempts FROM reply WHERE id = $1`, [created.id])) as Array<{
      status: string;
      external_id: string;
      attempts: number;
    }>;
    expect(row[0]).toEqual({ status: 'sent', external_id: statusPosts[0]!.id, attempts: 2 });
    // The same clientKey again: the same post, nothing sent.
    const again = await request(t.server).post(`/api/alerts/${alertId}/status-post`).set('Cookie', cookies.manager).send({ body, clientKey }).expect(200);
    expect((again.body as StatusPost).id).toBe(created.id);
    await drain();
    expect(brandPostsOnX().filter((p) => p.inReplyTo === '')).toHaveLength(1);
    const after = (await request(t.server).get(`/api/alerts/${alertId}/incident`).set('Cookie', cookies.manager).expect(200)).body as Incident;
    expect(after.statusPosts).toEqual([expect.objectContaining({ id: created.id, status: 'sent', externalId: statusPosts[0]!.id })]);
  });

  it('posts on Mastodon (Idempotency-Key) and Bluesky (record key) too; a repeated attempt posts nothing twice', async () => {
    for (const platform of ['mastodon', 'bluesky'] as const) {
      const body = `We know some Acme customers are having a problem right now. Our team is working on it, updates follow here (${platform}). ^MU`;
      sim.control.addFault({ kind: 'lost_response', platform, method: 'POST', path: SOURCES[platform].replyPath, times: 1 });
      const post = (
        await request(t.server)
          .post(`/api/alerts/${alertId}/status-post`)
          .set('Cookie', cookies.admin)
          .send({ body, sourceId: sourceIds[platform], clientKey: `sp-${randomBytes(6).toString('hex')}` })
          .expect(201)
      ).body as StatusPost;
      expect((await sender().runDue())[0]).toMatchObject({ replyId: post.id, status: 'unknown' });
      await drain();
      const posted = sim.control.replies(platform).filter((p) => p.inReplyTo === '');
      expect({ platform, texts: posted.map((p) => p.text) }).toEqual({ platform, texts: [body] });
      const row = (await t.dataSource.query(`SELECT status FROM reply WHERE id = $1`, [post.id])) as Array<{ status: string }>;
      expect(row[0]!.status).toBe('sent');
    }
  });

  it('a status post the platform did not confirm waits for a person: retried (reconciled, posted once) or dismissed (never sent)', async () => {
    const create = async (text: string) =>
      (
        await request(t.server)
          .post(`/api/alerts/${alertId}/status-post`)
          .set('Cookie', cookies.manager)
          .send({ body: text, sourceId: sourceIds.mastodon, clientKey: `sp-${randomBytes(6).toString('hex')}` })
          .expect(201)
      ).body as StatusPost;
    const base = `/api/alerts/${alertId}/status-posts`;
    const retryText = 'Update: our team is still working on the delivery problem. Thanks for bearing with us. ^MU';
    sim.control.addFault({ kind: 'server_error', platform: 'mastodon', method: 'POST', path: '/api/v1/statuses', times: 1 });
    const first = await create(retryText);
    expect((await sender().runDue())[0]).toMatchObject({ replyId: first.id, status: 'unknown' });
    // As when the automatic attempts ran out: a person must look.
    await t.dataSource.query(`UPDATE reply SET next_attempt_at = NULL WHERE id = $1`, [first.id]);
    expect(await sender().runDue()).toEqual([]);
    await request(t.server).post(`${base}/${first.id}/retry`).set('Cookie', cookies.manager).send({ force: true }).expect(400);
    const retried = (await request(t.server).post(`${base}/${first.id}/retry`).set('Cookie', cookies.manager).send({}).expect(200)).body as StatusPost;
    expect(retried).toMatchObject({ id: first.id, status: 'unknown', failure: null });
    expect((await sender().runDue())[0]).toMatchObject({ replyId: first.id, status: 'sent', mode: 'reconcile' });
    expect(sim.control.replies('mastodon').filter((p) => p.text === retryText)).toHaveLength(1);

    const dismissText = 'Update: deliveries are moving again. Thanks for your patience. ^MU';
    sim.control.addFault({ kind: 'server_error', platform: 'mastodon', method: 'POST', path: '/api/v1/statuses', times: 1 });
    const second = await create(dismissText);
    expect((await sender().runDue())[0]).toMatchObject({ replyId: second.id, status: 'unknown' });
    const dismissed = (await request(t.server).post(`${base}/${second.id}/dismiss`).set('Cookie', cookies.manager).send({ note: 'posted by hand' }).expect(200))
      .body as StatusPost;
    expect(dismissed.dismissedAt).not.toBeNull();
    await dueNow();
    expect(await sender().runDue()).toEqual([]);
    expect(sim.control.replies('mastodon').filter((p) => p.text === dismissText)).toEqual([]);
    // Another alert's post, or a reply's id, is not a status post of this alert.
    const reply = (
      (await t.dataSource.query(`SELECT id FROM reply WHERE workspace_id = $1 AND kind = 'reply' LIMIT 1`, [workspaceId])) as Array<{ id: string }>
    )[0]!;
    const missing = await request(t.server).post(`${base}/${reply.id}/dismiss`).set('Cookie', cookies.manager).send({}).expect(404);
    expect(missing.body.message).toBe('No such status post of this alert.');
  });
});
