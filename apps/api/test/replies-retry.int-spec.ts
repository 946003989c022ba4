import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import type { Mention, MentionDetail, Reply } from '@earshot/contracts';
import { MAX_REPLY_ATTEMPTS, ReplySenderService } from '../src/modules/replies/reply-sender.service.js';
import { UserFactory, WorkspaceFactory, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { listenForAcme } from './utils/listen-for-acme.js';
import { createSimSources, pollInMention, postsAnswering as postsAnsweringIn, simReplySources, type SenderPlatform } from './utils/sim-reply-sources.js';

type Who = 'admin' | 'manager' | 'agent' | 'otherAgent' | 'trainee' | 'viewer';

// A refresh-token source: no username anywhere, so reconciliation must learn the account from /api/v1/me.
const SOURCES = simReplySources({ clientId: 'cid', clientSecret: 'secret', refreshToken: 'rt-1' });

/**
 * A person's way out of `failed` and `unknown` (issue 13, item 4): POST /api/replies/:id/retry
 * and /dismiss against the social simulator — a failed reply is queued again with the same
 * idempotency key only for a transient cause or once its source was reconnected; an unknown one
 * is reconciled before anything is resent (X/Reddit look it up, Bluesky reuses its record key,
 * Mastodon only inside its one-hour key window); exactly one post per reply throughout.
 */
describe('retrying and dismissing failed and unknown replies (integration)', () => {
  let sim: SocialSim;
  let t: TestApp;
  const cookies = {} as Record<Who, string>;
  let workspaceId: string;
  const sourceIds = {} as Record<SenderPlatform, string>;

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none', evalDir: null, rateLimits: false });
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${sim.port}`, EARSHOT_RETRY_BASE_SECONDS: '1' });
    const ws = await WorkspaceFactory.create(t, 'Retry');
    workspaceId = ws.id;
    const users = await WorkspaceFactory.withAllRoles(t, ws.id);
    const other = await UserFactory.create(t, { workspaceId, role: 'agent' });
    for (const r of ['admin', 'manager', 'agent', 'trainee', 'viewer'] as const) cookies[r] = await loginAs(t, users[r].email);
    cookies.otherAgent = await loginAs(t, other.email);
    await listenForAcme(t, cookies.admin);
    Object.assign(sourceIds, await createSimSources(t, sim, cookies.admin, SOURCES));
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });
  afterEach(() => sim.control.clearFaults());

  const sender = () => t.app.get(ReplySenderService);
  const row = async (replyId: string) =>
    (
      (await t.dataSource.query(
        `SELECT status, attempts, next_attempt_at, idempotency_key, failure_kind, dismissed_at, last_error, updated_at FROM reply WHERE id = $1`,
        [replyId],
      )) as Array<{
        status: string;
        attempts: number;
        next_attempt_at: Date | null;
        idempotency_key: string;
        failure_kind: string | null;
        dismissed_at: Date | null;
        last_error: string | null;
        updated_at: Date;
      }>
    )[0]!;
  const detail = async (id: string) => (await request(t.server).get(`/api/mentions/${id}`).set('Cookie', cookies.viewer).expect(200)).body as MentionDetail;
  const audit = async (replyId: string) =>
    (
      (await t.dataSource.query(`SELECT action, actor_user_id, data FROM audit_event WHERE target_id = $1 ORDER BY created_at, id`, [replyId])) as Array<{
        action: string;
        actor_user_id: string | null;
        data: Record<string, unknown>;
      }>
    ).map((a) => a.action);
  const act = (who: Who, verb: 'retry' | 'dismiss', replyId: string, body: object = {}) =>
    request(t.server).post(`/api/replies/${replyId}/${verb}`).set('Cookie', cookies[who]).send(body);
  /** Makes the reply one no automatic attempt will pick up again (as after MAX_REPLY_ATTEMPTS): only a person can move it. */
  const stopAutomatic = (replyId: string) => t.dataSource.query(`UPDATE reply SET next_attempt_at = NULL WHERE id = $1`, [replyId]);

  const mentionOn = (platform: SenderPlatform) => pollInMention(t, sim, workspaceId, platform, sourceIds[platform]);

  async function submit(mentionId: string, text?: string): Promise<Reply> {
    await request(t.server).post(`/api/mentions/${mentionId}/claim`).set('Cookie', cookies.agent).send({}).expect(200);
    const body = {
      text: text ?? `Sorry to hear your order has not arrived. Our team is checking it now (case ${randomBytes(2).toString('hex')}); please send us a DM. ^AU`,
      clientKey: `ck-${randomBytes(8).toString('hex')}`,
    };
    return (await request(t.server).post(`/api/mentions/${mentionId}/replies`).set('Cookie', cookies.agent).send(body).expect(201)).body as Reply;
  }

  const postsAnswering = (platform: SenderPlatform, externalId: string) => postsAnsweringIn(sim, platform, externalId);

  it('failed on an auth error: refused until the source is reconnected; other agents and viewers cannot; then the author retries → queued with the same key → one post', async () => {
    const m = await mentionOn('x');
    const reply = await submit(m.id);
    const key = (await row(reply.id)).idempotency_key;
    sim.control.addFault({ kind: 'expired_token', platform: 'x', method: 'POST', path: '/2/tweets', times: 1 });
    expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'failed' });
    const failed = (await detail(m.id)).replies.find((r) => r.id === reply.id)!;
    expect(failed).toMatchObject({ status: 'failed', failure: 'source', dismissal: null });

    const before = await row(reply.id);
    const refused = await act('agent', 'retry', reply.id).expect(409);
    expect(refused.body).toMatchObject({ code: 'reconnect_source', message: expect.stringMatching(/reconnect it in Settings › Sources/) });
    expect(await row(reply.id)).toEqual(before);
    await act('otherAgent', 'retry', reply.id).expect(403);
    await act('viewer', 'retry', reply.id).expect(403);
    await act('agent', 'retry', reply.id, { force: true }).expect(400);
    expect(await row(reply.id)).toEqual(before);

    // The admin reconnects the source with a new token.
    await request(t.server)
      .patch(`/api/sources/${sourceIds.x}`)
      .set('Cookie', cookies.admin)
      .send({ credentials: { bearerToken: 'bearer', userAccessToken: 'user-tok-2' } })
      .expect(200);
    const retried = (await act('agent', 'retry', reply.id).expect(200)).body as Reply;
    expect(retried).toMatchObject({ status: 'queued', failure: null, attempts: 0, lastError: null });
    expect((await row(reply.id)).idempotency_key).toBe(key);
    expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'sent', mode: 'send' });
    expect(postsAnswering('x', m.externalId)).toHaveLength(1);
    expect(await audit(reply.id)).toEqual(['reply.submitted', 'reply.sending', 'reply.failed', 'reply.retried', 'reply.sending', 'reply.sent']);
    // Sent: nothing left to retry or dismiss.
    expect((await act('agent', 'retry', reply.id).expect(409)).body).toMatchObject({ code: 'not_failed' });
    expect((await act('agent', 'dismiss', reply.id).expect(409)).body).toMatchObject({ code: 'not_failed' });
  });

  it('failed after the automatic attempts ran out on 429s (transient): a manager retries it → one post', async () => {
    const m = await mentionOn('mastodon');
    const reply = await submit(m.id);
    await t.dataSource.query(`UPDATE reply SET attempts = $2 WHERE id = $1`, [reply.id, MAX_REPLY_ATTEMPTS - 1]);
    sim.control.addFault({ kind: 'rate_limit', platform: 'mastodon', method: 'POST', path: '/api/v1/statuses', resetInSec: 1, times: 1 });
    expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'failed' });
    expect(await row(reply.id)).toMatchObject({ status: 'failed', failure_kind: 'transient', next_attempt_at: null });
    expect(await sender().runDue()).toEqual([]);
    expect(((await act('manager', 'retry', reply.id).expect(200)).body as Reply).status).toBe('queued');
    expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'sent' });
    expect(postsAnswering('mastodon', m.externalId)).toHaveLength(1);
  });

  it('failed because the platform refused the text: no retry (write a new reply); the author dismisses it and it stops needing attention', async () => {
    const text = `Sorry to hear that. Our team is checking it now (case ${randomBytes(2).toString('hex')}); please send us a DM. ^AU`;
    const first = await mentionOn('x');
    await submit(first.id, text);
    expect((await sender().runDue())[0]).toMatchObject({ status: 'sent' });
    // X refuses a second tweet with the same text (403 duplicate content).
    const m = await mentionOn('x');
    const reply = await submit(m.id, text);
    expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'failed' });
    expect((await row(reply.id)).failure_kind).toBe('rejected');
    expect((await detail(m.id)).mention.replies).toMatchObject({ needsAttention: 1 });
    const refused = await act('agent', 'retry', reply.id).expect(409);
    expect(refused.body).toMatchObject({ code: 'rejected_by_platform', message: expect.stringMatching(/^X refused this text/) });

    await act('otherAgent', 'dismiss', reply.id, { note: 'not mine' }).expect(403);
    await act('agent', 'dismiss', reply.id, { note: { $ne: 1 } }).expect(400);
    const dismissed = (await act('agent', 'dismiss', reply.id, { note: 'answered in DM instead' }).expect(200)).body as Reply;
    expect(dismissed).toMatchObject({ status: 'failed', dismissal: { note: 'answered in DM instead', by: { id: expect.any(String) } } });
    const d = await detail(m.id);
    expect(d.mention.replies).toMatchObject({ needsAttention: 0, lastStatus: 'failed' });
    expect(d.replies.find((r) => r.id === reply.id)!.dismissal).toMatchObject({ note: 'answered in DM instead' });
    expect((await act('manager', 'dismiss', reply.id).expect(409)).body).toMatchObject({ code: 'dismissed', message: expect.stringMatching(/dismissed by/) });
    expect((await act('manager', 'retry', reply.id).expect(409)).body).toMatchObject({ code: 'dismissed' });
    expect(await audit(reply.id)).toEqual(['reply.submitted', 'reply.sending', 'reply.failed', 'reply.dismissed']);
    expect(postsAnswering('x', m.externalId)).toHaveLength(0);
  });

  it('reddit, unknown after a lost response: a retry reconciles (the comment is found through /api/v1/me) → sent, never posted twice', async () => {
    const m = await mentionOn('reddit');
    const reply = await submit(m.id);
    sim.control.addFault({ kind: 'lost_response', platform: 'reddit', method: 'POST', path: '/api/comment', times: 1 });
    expect((await sender().runDue())[0]).toMatchObject({ status: 'unknown' });
    expect(postsAnswering('reddit', m.externalId)).toHaveLength(1);
    await stopAutomatic(reply.id);
    const retried = (await act('agent', 'retry', reply.id).expect(200)).body as Reply;
    // Still unknown until reconciled: the sender looks before it sends.
    expect(retried).toMatchObject({ status: 'unknown', attempts: 0 });
    expect(retried.nextAttemptAt).not.toBeNull();
    expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'sent', mode: 'reconcile' });
    expect(postsAnswering('reddit', m.externalId)).toHaveLength(1);
    const sent = (await detail(m.id)).replies.find((r) => r.id === reply.id)!;
    expect(sent.externalId).toBe(postsAnswering('reddit', m.externalId)[0]!.id);
  });

  it('reddit, unknown but the request never landed (socket dropped before the write): the retry proves it absent and posts once', async () => {
    const m = await mentionOn('reddit');
    const reply = await submit(m.id);
    sim.control.addFault({ kind: 'disconnect', platform: 'reddit', method: 'POST', path: '/api/comment', times: 1 });
    expect((await sender().runDue())[0]).toMatchObject({ status: 'unknown' });
    expect(postsAnswering('reddit', m.externalId)).toHaveLength(0);
    await stopAutomatic(reply.id);
    await act('manager', 'retry', reply.id).expect(200);
    expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'sent', mode: 'reconcile' });
    expect(postsAnswering('reddit', m.externalId)).toHaveLength(1);
  });

  it('bluesky, unknown after a lost response: the retry puts the same record key → one post', async () => {
    const m = await mentionOn('bluesky');
    const reply = await submit(m.id);
    sim.control.addFault({ kind: 'lost_response', platform: 'bluesky', method: 'POST', path: SOURCES.bluesky.replyPath, times: 1 });
    expect((await sender().runDue())[0]).toMatchObject({ status: 'unknown' });
    await stopAutomatic(reply.id);
    await act('agent', 'retry', reply.id).expect(200);
    expect((await sender().runDue())[0]).toMatchObject({ replyId: reply.id, status: 'sent', mode: 'reconcile' });
    expect(postsAnswering('bluesky', m.externalId)).toHaveLength(1);
  });

  it('mastodon, unknown past the one-hour key window: the retry is refused in words (check by hand); dismissing it ends the attention, through the change sequence', async () => {
    const m = await mentionOn('mastodon');
    const reply = await submit(m.id);
    sim.control.addFault({ kind: 'lost_response', platform: 'mastodon', method: 'POST', path: '/api/v1/statuses', times: 1 });
    expect((await sender().runDue())[0]).toMatchObject({ status: 'unknown' });
    // Inside the window a retry would resend with the same key; past it, nothing may be resent.
    await t.dataSource.query(`UPDATE reply SET first_attempt_at = now() - interval '61 minutes' WHERE id = $1`, [reply.id]);
    const before = await row(reply.id);
    const refused = await act('agent', 'retry', reply.id).expect(409);
    expect(refused.body).toMatchObject({ code: 'check_by_hand', message: expect.stringMatching(/look at the thread on Mastodon/) });
    expect(await row(reply.id)).toEqual(before);

    const feed = (await request(t.server).get('/api/mentions/changes?since=0&limit=1000').set('Cookie', cookies.viewer).expect(200)).body as { seq: number };
    // Still automatically due (the sender would stop it too): a dismissal must take it out of the outbox for good.
    const dismissed = (await act('manager', 'dismiss', reply.id, { note: 'it is on Mastodon; posted fine' }).expect(200)).body as Reply;
    expect(dismissed).toMatchObject({ status: 'unknown', nextAttemptAt: null, dismissal: { note: 'it is on Mastodon; posted fine' } });
    await t.dataSource.query(`UPDATE reply SET next_attempt_at = now() WHERE id = $1`, [reply.id]);
    expect(await sender().runDue()).toEqual([]);
    const changes = (await request(t.server).get(`/api/mentions/changes?since=${feed.seq}`).set('Cookie', cookies.viewer).expect(200)).body as {
      items: Mention[];
    };
    const mine = changes.items.filter((x) => x.id === m.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.replies).toMatchObject({ needsAttention: 0, lastStatus: 'unknown' });
    expect(postsAnswering('mastodon', m.externalId)).toHaveLength(1);
  });

  it('neither verb moves a reply that does not need attention: pending approval and in-flight replies answer 409 and stay as they are', async () => {
    const m = await mentionOn('mastodon');
    await request(t.server).post(`/api/mentions/${m.id}/claim`).set('Cookie', cookies.trainee).send({}).expect(200);
    const pending = (
      await request(t.server)
        .post(`/api/mentions/${m.id}/replies`)
        .set('Cookie', cookies.trainee)
        .send({
          text: 'Sorry to hear that. Our team is checking it now; please send us a DM with the order details.',
          clientKey: `ck-${randomBytes(8).toString('hex')}`,
        })
        .expect(201)
    ).body as Reply;
    expect(pending.status).toBe('pending_approval');
    expect((await act('trainee', 'retry', pending.id).expect(409)).body).toMatchObject({
      code: 'not_failed',
      message: expect.stringMatching(/pending approval/),
    });
    expect((await act('trainee', 'dismiss', pending.id).expect(409)).body).toMatchObject({ code: 'not_failed' });
    await request(t.server).post(`/api/replies/${pending.id}/approve`).set('Cookie', cookies.manager).send({}).expect(200);
    const [leased] = await sender().lease(1);
    expect(leased!.id).toBe(pending.id);
    expect((await act('manager', 'dismiss', pending.id).expect(409)).body).toMatchObject({ code: 'in_flight' });
    expect((await act('manager', 'retry', pending.id).expect(409)).body).toMatchObject({ code: 'in_flight' });
    await sender().sendLeased(leased!, new AbortController().signal);
    expect((await row(pending.id)).status).toBe('sent');
    expect(postsAnswering('mastodon', m.externalId)).toHaveLength(1);
    await act('manager', 'retry', '00000000-0000-4000-8000-000000000000').expect(404);
  });
});
