import { randomBytes } from 'node:crypto';
import { jest } from '@jest/globals';
import request from 'supertest';
import { createRedditConnector, createXConnector, ReplyLookupIncompleteError, type Connector, type ReplyTarget, type SourceConfig } from '@earshot/connectors';
import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import type { MentionDetail, Reply } from '@earshot/contracts';
import { IngestService } from '../src/modules/ingest/ingest.service.js';
import { ReplyOutboxRepository } from '../src/modules/replies/reply-outbox.repository.js';
import { RECONCILE_CLOCK_SKEW_MS, ReplySenderService } from '../src/modules/replies/reply-sender.service.js';
import { MentionFactory } from './factories/mention.factory.js';
import { WorkspaceFactory, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { listenForAcme } from './utils/listen-for-acme.js';
import { createSimSources, pollInMention, postsAnswering as postsAnsweringIn, simReplySources, type SenderPlatform } from './utils/sim-reply-sources.js';

// The simulator's brand account on Reddit is acme_support: findExistingReply lists this user's comments.
const SOURCES = simReplySources({ clientId: 'cid', clientSecret: 'secret', username: 'acme_support', password: 'pw' });

/** The outbox sender against the social simulator: exactly one post per reply under lost responses, 429s, auth errors and stale leases (issue 13 item 4). */
describe('reply outbox sender against the social simulator (integration)', () => {
  let sim: SocialSim;
  let t: TestApp;
  let cookies: Record<'admin' | 'manager' | 'agent', string>;
  let workspaceId: string;
  const sourceIds = {} as Record<SenderPlatform, string>;

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none', evalDir: null, rateLimits: false });
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${sim.port}`, EARSHOT_RETRY_BASE_SECONDS: '1' });
    const ws = await WorkspaceFactory.create(t, 'Sender');
    workspaceId = ws.id;
    const users = await WorkspaceFactory.withAllRoles(t, ws.id);
    cookies = { admin: await loginAs(t, users.admin.email), manager: await loginAs(t, users.manager.email), agent: await loginAs(t, users.agent.email) };
    await listenForAcme(t, cookies.admin);
    Object.assign(sourceIds, await createSimSources(t, sim, cookies.admin, SOURCES));
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  const sender = () => t.app.get(ReplySenderService);
  const dueNow = (replyId: string) => t.dataSource.query(`UPDATE reply SET next_attempt_at = now() WHERE id = $1`, [replyId]);
  const detail = async (id: string) => (await request(t.server).get(`/api/mentions/${id}`).set('Cookie', cookies.agent).expect(200)).body as MentionDetail;
  const status = async (replyId: string) =>
    ((await t.dataSource.query(`SELECT status FROM reply WHERE id = $1`, [replyId])) as Array<{ status: string }>)[0]!.status;

  const mentionOn = (platform: SenderPlatform) => pollInMention(t, sim, workspaceId, platform, sourceIds[platform]);

  async function submit(mentionId: string, clientKey = `ck-${randomBytes(8).toString('hex')}`): Promise<Reply> {
    await request(t.server).post(`/api/mentions/${mentionId}/claim`).set('Cookie', cookies.agent).send({}).expect(200);
    const text = `Sorry to hear your order has not arrived. Our team is checking it now (case ${randomBytes(2).toString('hex')}); please send us a DM. ^AU`;
    const res = await request(t.server).post(`/api/mentions/${mentionId}/replies`).set('Cookie', cookies.agent).send({ text, clientKey });
    expect([200, 201]).toContain(res.status);
    return res.body as Reply;
  }

  const postsAnswering = (platform: SenderPlatform, externalId: string) => postsAnsweringIn(sim, platform, externalId);

  /** The brand answers `n` other posts itself (another agent, another tool): that many posts of the account newer than our reply. */
  async function brandPosts(platform: 'reddit' | 'x', n: number): Promise<void> {
    const [other] = sim.control.seed({ platform, count: 1, text: `acme where is my parcel ${randomBytes(3).toString('hex')}?` });
    const connector: Connector<unknown> = platform === 'x' ? createXConnector() : createRedditConnector();
    const source: SourceConfig = {
      sourceKey: `${platform}:elsewhere`,
      baseUrl: `${sim.url}/${platform}`,
      credentials: SOURCES[platform].credentials,
      stream: { kind: 'search', query: 'acme' },
    };
    const target: ReplyTarget = platform === 'x' ? { platform, tweetId: other!.id, username: 'someone' } : { platform, fullname: other!.id };
    for (let i = 0; i < n; i++)
      await connector.reply(source, target, `Thanks for asking, answer ${i} (${randomBytes(3).toString('hex')}).`, {
        idempotencyKey: `elsewhere-${i}`,
        signal: AbortSignal.timeout(30_000),
      });
  }
  const lastRequestId = (platform: SenderPlatform) => sim.control.requests(platform).at(-1)?.id ?? 0;
  const lookupsSince = (platform: 'reddit' | 'x', id: number) =>
    sim.control
      .requests(platform)
      .filter((e) => e.id > id && e.method === 'GET' && (platform === 'x' ? /\/2\/users\/\d+\/tweets$/ : /\/user\/[^/]+\/comments$/).test(e.path));
  /** The sender's connector for a platform (created on its first use), to stand in for a platform that lists a new post late. */
  const connectorOf = (platform: SenderPlatform) => sender()['connectors'].get(platform) as Connector<unknown>;
  const replyRow = async (replyId: string) =>
    (
      (await t.dataSource.query(`SELECT status, next_attempt_at, last_error, first_attempt_at, external_id FROM reply WHERE id = $1`, [replyId])) as Array<{
        status: string;
        next_attempt_at: Date | null;
        last_error: string | null;
        first_attempt_at: Date;
        external_id: string | null;
      }>
    )[0]!;

  it.each(['mastodon', 'bluesky', 'reddit', 'x'] as const)(
    '%s: the response of the first attempt is lost → unknown → reconciled → exactly one post, and the reply is sent',
    async (platform) => {
      const m = await mentionOn(platform);
      const reply = await submit(m.id);
      sim.control.addFault({ kind: 'lost_response', platform, method: 'POST', path: SOURCES[platform].replyPath, times: 1 });
      const [first] = await sender().runDue();
      expect(first).toMatchObject({ replyId: reply.id, status: 'unknown', mode: 'send', written: true });
      expect(postsAnswering(platform, m.externalId)).toHaveLength(1); // it landed; we never heard
      await dueNow(reply.id);
      const [second] = await sender().runDue();
      expect(second).toMatchObject({ replyId: reply.id, status: 'sent', mode: 'reconcile', written: true });
      expect(postsAnswering(platform, m.externalId)).toHaveLength(1);
      expect(await sender().runDue()).toEqual([]);

      const d = await detail(m.id);
      const sent = d.replies.find((r) => r.id === reply.id)!;
      expect(sent).toMatchObject({ status: 'sent', externalId: postsAnswering(platform, m.externalId)[0]!.id, attempts: 2 });
      if (sent.externalUrl !== null) expect(sent.externalUrl).toMatch(/^https?:\/\//);
      expect(d.mention).toMatchObject({ status: 'pending', claim: null, replies: { sent: 1, inFlight: 0, needsAttention: 0, lastStatus: 'sent' } });
      expect(d.mention.sla.firstResponseAt).not.toBeNull();
      expect(d.authorHistory.teamReplies.map((r) => r.replyId)).toContain(reply.id);
      const audit = (await t.dataSource.query(`SELECT action FROM audit_event WHERE target_id = $1 ORDER BY created_at, id`, [reply.id])) as Array<{
        action: string;
      }>;
      expect(audit.map((a) => a.action)).toEqual(['reply.submitted', 'reply.sending', 'reply.unknown', 'reply.sending', 'reply.sent']);
    },
  );

  it.each(['reddit', 'x'] as const)(
    '%s: a lost response, then 150 newer posts of the brand before the reconcile → the lookup pages back to the first attempt, finds the reply → sent, one post',
    async (platform) => {
      const m = await mentionOn(platform);
      const reply = await submit(m.id);
      sim.control.addFault({ kind: 'lost_response', platform, method: 'POST', path: SOURCES[platform].replyPath, times: 1 });
      expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'unknown', mode: 'send' });
      await brandPosts(platform, 150);
      const mark = lastRequestId(platform);
      await dueNow(reply.id);
      expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'sent', mode: 'reconcile', written: true });
      const posts = postsAnswering(platform, m.externalId);
      expect(posts).toHaveLength(1);
      expect((await replyRow(reply.id)).external_id).toBe(posts[0]!.id);
      // Past the newest 100 posts: the second page was asked for with the platform's cursor, bounded by the first attempt on X.
      const lookups = lookupsSince(platform, mark);
      expect(lookups.length).toBeGreaterThanOrEqual(2);
      expect(lookups.every((e) => /(^|&)limit=100(&|$)|(^|&)max_results=100(&|$)/.test(e.query))).toBe(true);
      if (platform === 'x') {
        const since = new Date((await replyRow(reply.id)).first_attempt_at).getTime() - RECONCILE_CLOCK_SKEW_MS;
        const startTimes = lookups.map((e) => new URLSearchParams(e.query).get('start_time'));
        expect(startTimes.every((v) => v !== null && Math.abs(Date.parse(v) - since) < 1000)).toBe(true);
        expect(new URLSearchParams(lookups[1]!.query).get('pagination_token')).toBeTruthy();
      } else expect(new URLSearchParams(lookups[1]!.query).get('after')).toMatch(/^t1_/);
      expect(sim.control.requests(platform).filter((e) => e.id > mark && e.method === 'POST')).toEqual([]); // nothing sent again
    },
  );

  it("reddit: a person's retry of an unknown reply keeps its first attempt as the lookup's bound, so 120 newer brand posts do not hide it", async () => {
    const m = await mentionOn('reddit');
    const reply = await submit(m.id);
    sim.control.addFault({ kind: 'lost_response', platform: 'reddit', method: 'POST', path: '/api/comment', times: 1 });
    expect((await sender().runDue())[0]).toMatchObject({ status: 'unknown' });
    const first = new Date((await replyRow(reply.id)).first_attempt_at).getTime();
    await t.dataSource.query(`UPDATE reply SET next_attempt_at = NULL WHERE id = $1`, [reply.id]); // as after the automatic attempts ran out
    await brandPosts('reddit', 120);
    const retried = await request(t.server).post(`/api/replies/${reply.id}/retry`).set('Cookie', cookies.agent).send({}).expect(200);
    expect((retried.body as Reply).status).toBe('unknown');
    expect(new Date((await replyRow(reply.id)).first_attempt_at).getTime()).toBe(first);
    expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'sent', mode: 'reconcile' });
    expect(postsAnswering('reddit', m.externalId)).toHaveLength(1);
  });

  it('X: a resend refused as duplicate content means the first attempt landed — the bounded lookup finds it → sent, one post', async () => {
    const m = await mentionOn('x');
    const reply = await submit(m.id);
    sim.control.addFault({ kind: 'lost_response', platform: 'x', method: 'POST', path: '/2/tweets', times: 1 });
    expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'unknown' });
    // X can list a new tweet late (connectors.md §8.1): the reconcile's first lookup does not see it yet, so the reply is resent.
    const spy = jest.spyOn(connectorOf('x'), 'findExistingReply').mockResolvedValueOnce(null);
    try {
      const mark = lastRequestId('x');
      await dueNow(reply.id);
      expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'sent', mode: 'reconcile' });
      expect(
        sim.control
          .requests('x')
          .filter((e) => e.id > mark && e.method === 'POST')
          .map((e) => e.status),
      ).toEqual([403]);
      expect(spy).toHaveBeenCalledTimes(2);
      const since = new Date((await replyRow(reply.id)).first_attempt_at).getTime() - RECONCILE_CLOCK_SKEW_MS;
      for (const call of spy.mock.calls) expect((call[4] as { since: Date }).since.getTime()).toBe(since);
      const posts = postsAnswering('x', m.externalId);
      expect(posts).toHaveLength(1);
      expect(await replyRow(reply.id)).toMatchObject({ status: 'sent', external_id: posts[0]!.id, last_error: null });
    } finally {
      spy.mockRestore();
    }
  });

  it('X: a duplicate-content refusal whose post the lookup cannot find stays unknown for a person, in our words, and is never sent again', async () => {
    const m = await mentionOn('x');
    const reply = await submit(m.id);
    sim.control.addFault({ kind: 'lost_response', platform: 'x', method: 'POST', path: '/2/tweets', times: 1 });
    expect((await sender().runDue())[0]).toMatchObject({ status: 'unknown' });
    const spy = jest.spyOn(connectorOf('x'), 'findExistingReply').mockResolvedValue(null);
    try {
      await dueNow(reply.id);
      expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'unknown', mode: 'reconcile' });
      expect(await replyRow(reply.id)).toMatchObject({
        next_attempt_at: null,
        last_error: expect.stringMatching(/^X says the account already posted this text/),
      });
      expect(await sender().runDue()).toEqual([]);
      expect(postsAnswering('x', m.externalId)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('reddit: a lookup that reaches its page cap without the first attempt is not a proof of absence — unknown for a person, nothing resent', async () => {
    const m = await mentionOn('reddit');
    const reply = await submit(m.id);
    sim.control.addFault({ kind: 'lost_response', platform: 'reddit', method: 'POST', path: '/api/comment', times: 1 });
    expect((await sender().runDue())[0]).toMatchObject({ status: 'unknown' });
    const spy = jest.spyOn(connectorOf('reddit'), 'findExistingReply').mockRejectedValueOnce(new ReplyLookupIncompleteError('reddit', 10, 1000));
    try {
      const mark = lastRequestId('reddit');
      await dueNow(reply.id);
      expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'unknown', mode: 'reconcile' });
      expect(await replyRow(reply.id)).toMatchObject({
        next_attempt_at: null,
        last_error: expect.stringMatching(/^Earshot could not tell whether Reddit posted this reply: it read the account's newest 1000 posts/),
      });
      expect(sim.control.requests('reddit').filter((e) => e.id > mark && e.method === 'POST')).toEqual([]);
      expect((await detail(m.id)).mention.replies).toMatchObject({ needsAttention: 1 });
      expect(postsAnswering('reddit', m.externalId)).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('a 429 is waited out (no post, no unknown), then the reply goes out once', async () => {
    const m = await mentionOn('mastodon');
    const reply = await submit(m.id);
    sim.control.addFault({ kind: 'rate_limit', platform: 'mastodon', method: 'POST', path: '/api/v1/statuses', resetInSec: 120, times: 1 });
    const [first] = await sender().runDue();
    expect(first).toMatchObject({ status: 'queued', written: true });
    const row = (await t.dataSource.query(`SELECT next_attempt_at, last_error FROM reply WHERE id = $1`, [reply.id])) as Array<{
      next_attempt_at: Date;
      last_error: string;
    }>;
    expect(new Date(row[0]!.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 60_000);
    expect(row[0]!.last_error).toMatch(/Rate-limited by mastodon/);
    expect(await sender().runDue()).toEqual([]); // not due before the reset
    expect(postsAnswering('mastodon', m.externalId)).toHaveLength(0);
    await dueNow(reply.id);
    expect((await sender().runDue())[0]).toMatchObject({ status: 'sent' });
    expect(postsAnswering('mastodon', m.externalId)).toHaveLength(1);
  });

  it('an auth error fails the reply in our words and marks the source as needing reconnection', async () => {
    const m = await mentionOn('x');
    const reply = await submit(m.id);
    sim.control.addFault({ kind: 'expired_token', platform: 'x', method: 'POST', path: '/2/tweets', times: 1 });
    const [out] = await sender().runDue();
    expect(out).toMatchObject({ status: 'failed', written: true });
    const d = await detail(m.id);
    expect(d.replies.find((r) => r.id === reply.id)).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/reconnect the source/) });
    expect(d.mention.replies).toMatchObject({ needsAttention: 1 });
    const src = await request(t.server).get('/api/sources').set('Cookie', cookies.admin).expect(200);
    expect(src.body.items.find((s: { id: string }) => s.id === sourceIds.x).health).toMatchObject({ status: 'auth_required' });
    expect(postsAnswering('x', m.externalId)).toHaveLength(0);
    sim.control.clearFaults();
    await t.dataSource.query(`UPDATE source SET status = 'ok' WHERE id = $1`, [sourceIds.x]);
  });

  it("a stale sender's lease: its writes change 0 rows, it never calls the platform, and the platform sees one post", async () => {
    const m = await mentionOn('mastodon');
    const reply = await submit(m.id);
    const [stale] = await sender().lease(1);
    expect(stale!.id).toBe(reply.id);
    // Paused past its lease (GC, SIGSTOP): another instance reclaims the reply and reconciles it.
    await t.dataSource.query(`UPDATE reply SET leased_until = now() - interval '1 second', next_attempt_at = now() - interval '1 second' WHERE id = $1`, [
      reply.id,
    ]);
    const [fresh] = await sender().runDue();
    expect(fresh).toMatchObject({ replyId: reply.id, status: 'sent', mode: 'reconcile' });
    const outbox = t.app.get(ReplyOutboxRepository);
    const changed = await outbox.transaction((tx) =>
      outbox.endAttempt(tx, reply.id, stale!.leaseToken, { status: 'failed', nextAttemptAt: null, lastError: 'stale' }),
    );
    expect(changed).toBe(false);
    const late = await sender().sendLeased(stale!, new AbortController().signal);
    expect(late).toMatchObject({ written: false, status: null });
    expect(await status(reply.id)).toBe('sent');
    expect(postsAnswering('mastodon', m.externalId)).toHaveLength(1);
  });

  it('Mastodon: an unknown reply past the one-hour idempotency window is not resent; it stays unknown for a person', async () => {
    const m = await mentionOn('mastodon');
    const reply = await submit(m.id);
    sim.control.addFault({ kind: 'lost_response', platform: 'mastodon', method: 'POST', path: '/api/v1/statuses', times: 1 });
    expect((await sender().runDue())[0]).toMatchObject({ status: 'unknown' });
    await t.dataSource.query(`UPDATE reply SET first_attempt_at = now() - interval '61 minutes', next_attempt_at = now() WHERE id = $1`, [reply.id]);
    const [out] = await sender().runDue();
    expect(out).toMatchObject({ status: 'unknown', mode: 'stopped' });
    const row = (await t.dataSource.query(`SELECT next_attempt_at, last_error FROM reply WHERE id = $1`, [reply.id])) as Array<{
      next_attempt_at: Date | null;
      last_error: string;
    }>;
    expect(row[0]).toMatchObject({ next_attempt_at: null, last_error: expect.stringMatching(/check the thread on Mastodon/) });
    expect(await sender().runDue()).toEqual([]);
    expect(postsAnswering('mastodon', m.externalId)).toHaveLength(1);
  });

  it('two concurrent submits with one client key and two concurrent senders: one row, one post', async () => {
    const m = await mentionOn('reddit');
    const clientKey = `ck-${randomBytes(8).toString('hex')}`;
    const [a, b] = await Promise.all([submit(m.id, clientKey), submit(m.id, clientKey)]);
    expect(a.id).toBe(b.id);
    const outcomes = (await Promise.all([sender().runDue(), sender().runDue()])).flat();
    expect(outcomes.filter((o) => o.replyId === a.id)).toHaveLength(1);
    expect(postsAnswering('reddit', m.externalId)).toHaveLength(1);
    expect(await status(a.id)).toBe('sent');
  });

  it('our own reply polled back is linked to the reply, never stored as a new mention', async () => {
    const m = await mentionOn('mastodon');
    const reply = await submit(m.id);
    await sender().runDue();
    const sent = (await detail(m.id)).replies.find((r) => r.id === reply.id)!;
    expect(sent.status).toBe('sent');
    // Another of our replies whose answer was lost (its platform id unknown) comes back too.
    const m2 = await mentionOn('mastodon');
    const r2 = await submit(m2.id);
    sim.control.addFault({ kind: 'lost_response', platform: 'mastodon', method: 'POST', path: '/api/v1/statuses', times: 1 });
    await sender().runDue();
    expect(await status(r2.id)).toBe('unknown');
    const ours = (externalId: string, parentId: string, text: string) =>
      MentionFactory.from({
        externalId,
        text,
        author: { externalId: 'brand', handle: 'acme', displayName: 'Acme', followers: 10, avatarUrl: null, verified: true, bot: false },
        thread: { rootId: parentId, parentId },
      }).build();
    const customer = MentionFactory.from({ text: 'acme thanks, still waiting though' }).build();
    const lease = (await t.dataSource.query(
      `UPDATE source SET lease_token = gen_random_uuid(), leased_until = now() + interval '1 minute' WHERE id = $1 RETURNING lease_token`,
      [sourceIds.mastodon],
    )) as unknown[];
    const token = ((Array.isArray(lease[0]) ? lease[0] : lease) as Array<{ lease_token: string }>)[0]!.lease_token;
    const out = await t.app.get(IngestService).storePage(
      { id: sourceIds.mastodon, workspaceId, platform: 'mastodon', leaseToken: token },
      {
        mentions: [ours(sent.externalId!, m.externalId, sent.text), ours('999000111', m2.externalId, r2.text), customer],
        nextCursor: null,
        more: false,
        rateLimit: null,
      },
    );
    expect(out.inserted).toBe(1);
    const stored = (await t.dataSource.query(`SELECT external_id FROM mention WHERE workspace_id = $1 AND external_id = ANY($2::text[])`, [
      workspaceId,
      [sent.externalId, '999000111', customer.externalId],
    ])) as Array<{ external_id: string }>;
    expect(stored.map((s) => s.external_id)).toEqual([customer.externalId]);
    await t.dataSource.query(`UPDATE source SET lease_token = NULL, leased_until = NULL WHERE id = $1`, [sourceIds.mastodon]);
  });
});
