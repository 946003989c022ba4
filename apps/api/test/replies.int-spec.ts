import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Mention, MentionDetail, Reply } from '@earshot/contracts';
import { ClaimsService } from '../src/modules/claims/claims.service.js';
import { ReplySenderService } from '../src/modules/replies/reply-sender.service.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { MentionFactory } from './factories/mention.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/** A reply the default voice guide lets through for a complaint (acknowledges, apologises, next step, private channel, sign-off). */
const GOOD = 'Sorry to hear your order has not arrived. Our team is checking it now; please send us a DM with the order details. ^AU';

/** The reply workflow: submit, approval, rejection, client keys, lint blocks, replyability, claims, change sequence (issue 13 items 3, 5, 6). */
describe('reply workflow (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Replies');
  });
  afterAll(() => t.close());

  const key = () => `ck-${randomBytes(8).toString('hex')}`;
  const newMention = async (text = 'hello @acme my order never arrived, where is it?') => (await a.store([MentionFactory.from({ text }).build()]))[0]!;
  const claim = (role: keyof InboxFixture['cookies'], id: string) =>
    request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies[role]).send({}).expect(200);
  const submit = (role: keyof InboxFixture['cookies'], id: string, body: Record<string, unknown>) =>
    request(t.server)
      .post(`/api/mentions/${id}/replies`)
      .set('Cookie', a.cookies[role])
      .send({ clientKey: key(), ...body });
  const detail = async (id: string) => (await request(t.server).get(`/api/mentions/${id}`).set('Cookie', a.cookies.viewer).expect(200)).body as MentionDetail;
  const audit = async (replyId: string) =>
    (
      (await t.dataSource.query(`SELECT action, actor_user_id, data FROM audit_event WHERE target_id = $1 ORDER BY created_at, id`, [replyId])) as Array<{
        action: string;
        actor_user_id: string | null;
        data: { from?: string; to?: string; comment?: string };
      }>
    ).map((r) => ({ action: r.action, actor: r.actor_user_id, from: r.data.from, to: r.data.to }));

  it("queues an agent's reply at once, shows it on the mention and in the queue summary, and audits draft → queued", async () => {
    const id = await newMention();
    await claim('agent', id);
    const res = await submit('agent', id, { text: GOOD }).expect(201);
    const reply = res.body as Reply;
    expect(reply).toMatchObject({ mentionId: id, status: 'queued', text: GOOD, author: { id: a.users.agent.id }, approval: { required: false, reasons: [] } });
    expect(reply.lint.blocked).toBe(false);
    const d = await detail(id);
    expect(d.replies.map((r) => r.id)).toEqual([reply.id]);
    expect(d.mention.replies).toMatchObject({ total: 1, inFlight: 1, awaitingApproval: 0, lastStatus: 'queued' });
    expect(await audit(reply.id)).toEqual([{ action: 'reply.submitted', actor: a.users.agent.id, from: 'draft', to: 'queued' }]);
    // The reply does not leak the outbox's keys.
    expect(JSON.stringify(res.body)).not.toMatch(/idempotency|clientKey|leaseToken|leasedUntil/i);
  });

  it('returns the first reply for the same client key, even for two concurrent submits: one row', async () => {
    const id = await newMention();
    await claim('agent', id);
    const clientKey = key();
    const send = () => request(t.server).post(`/api/mentions/${id}/replies`).set('Cookie', a.cookies.agent).send({ text: GOOD, clientKey });
    const [r1, r2] = await Promise.all([send(), send()]);
    expect([r1.status, r2.status].sort()).toEqual([200, 201]);
    expect(r1.body.id).toBe(r2.body.id);
    const again = await send().expect(200);
    expect(again.body.id).toBe(r1.body.id);
    const rows = (await t.dataSource.query(`SELECT count(*)::int AS n FROM reply WHERE client_key = $1`, [clientKey])) as Array<{ n: number }>;
    expect(rows[0]!.n).toBe(1);
    // The same key on another mention is not a second reply either.
    const other = await newMention();
    await claim('agent', other);
    await request(t.server).post(`/api/mentions/${other}/replies`).set('Cookie', a.cookies.agent).send({ text: GOOD, clientKey }).expect(409);
  });

  it('refuses a viewer (403), a caller without the claim (409) and another agent holding it (409)', async () => {
    const id = await newMention();
    await submit('viewer', id, { text: GOOD }).expect(403);
    const none = await submit('agent', id, { text: GOOD }).expect(409);
    expect(none.body.message).toMatch(/claim it before replying/);
    await claim('manager', id);
    const held = await submit('agent', id, { text: GOOD }).expect(409);
    expect(held.body.message).toMatch(/is replying to this mention/);
    expect(await t.dataSource.query(`SELECT id FROM reply WHERE mention_id = $1`, [id])).toEqual([]);
  });

  it('refuses a draft the linter blocks with 400 and its findings, and queues nothing', async () => {
    const id = await newMention();
    await claim('agent', id);
    const res = await submit('agent', id, { text: 'We apologize for any inconvenience. Please send us a DM. ^AU' }).expect(400);
    expect(res.body.code).toBe('lint_blocked');
    expect(res.body.findings.some((f: { severity: string; ruleId: string }) => f.severity === 'block' && f.ruleId === 'banned_phrase')).toBe(true);
    expect(await t.dataSource.query(`SELECT id FROM reply WHERE mention_id = $1`, [id])).toEqual([]);
  });

  it("holds a trainee's reply for a manager: not sent, the claim pinned while it waits, an agent cannot approve; rejected with a comment the agent sees", async () => {
    const id = await newMention();
    await claim('trainee', id);
    const res = await submit('trainee', id, { text: GOOD }).expect(201);
    const reply = res.body as Reply;
    expect(reply).toMatchObject({ status: 'pending_approval', approval: { required: true, reasons: ['trainee'] } });

    // The claim does not lapse while the reply waits: the sweeper and a closing pane leave it, nobody takes it over.
    await t.dataSource.query(`UPDATE mention SET claim_expires_at = now() - interval '5 minutes' WHERE id = $1`, [id]);
    await t.app.get(ClaimsService).sweepExpiredClaims();
    await request(t.server).delete(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.trainee).expect(204);
    let d = await detail(id);
    expect(d.mention.claim).toMatchObject({ user: { id: a.users.trainee.id }, reason: 'awaiting_approval' });
    expect(d.mention.replies).toMatchObject({ awaitingApproval: 1, total: 1 });
    const take = await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.agent).send({ takeOver: true }).expect(409);
    expect(take.body.code).toBe('awaiting_approval');

    // Not sent before approval: the sender does not see it.
    await t.app.get(ReplySenderService).runDue();
    expect((await detail(id)).replies[0]!.status).toBe('pending_approval');

    await request(t.server).post(`/api/replies/${reply.id}/approve`).set('Cookie', a.cookies.agent).send({}).expect(403);
    await request(t.server).post(`/api/replies/${reply.id}/reject`).set('Cookie', a.cookies.trainee).send({ comment: 'no' }).expect(403);
    const queue = await request(t.server).get('/api/replies?status=pending_approval').set('Cookie', a.cookies.manager).expect(200);
    expect(queue.body.items.map((r: Reply) => r.id)).toContain(reply.id);

    await request(t.server).post(`/api/replies/${reply.id}/reject`).set('Cookie', a.cookies.manager).send({}).expect(400);
    const rejected = await request(t.server)
      .post(`/api/replies/${reply.id}/reject`)
      .set('Cookie', a.cookies.manager)
      .send({ comment: 'Name the next step: when will the courier call?' })
      .expect(200);
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      approval: { decidedBy: { id: a.users.manager.id }, comment: 'Name the next step: when will the courier call?' },
    });
    d = await detail(id);
    expect(d.replies[0]).toMatchObject({ status: 'rejected', approval: { comment: 'Name the next step: when will the courier call?' } });
    expect(d.mention.claim).toBeNull();
    expect(d.mention.replies).toMatchObject({ total: 0, awaitingApproval: 0, lastStatus: 'rejected' });
    // Decided once.
    await request(t.server).post(`/api/replies/${reply.id}/approve`).set('Cookie', a.cookies.admin).send({}).expect(409);
    expect(await audit(reply.id)).toEqual([
      { action: 'reply.submitted', actor: a.users.trainee.id, from: 'draft', to: 'pending_approval' },
      { action: 'reply.rejected', actor: a.users.manager.id, from: 'pending_approval', to: 'rejected' },
    ]);
  });

  it('approval sends the reply to the outbox at once and releases the claim; nobody approves their own reply', async () => {
    const id = await newMention();
    await claim('trainee', id);
    const reply = (await submit('trainee', id, { text: GOOD }).expect(201)).body as Reply;
    const approved = await request(t.server).post(`/api/replies/${reply.id}/approve`).set('Cookie', a.cookies.manager).send({ comment: 'good' }).expect(200);
    expect(approved.body).toMatchObject({ status: 'queued', approval: { decidedBy: { id: a.users.manager.id }, comment: 'good' } });
    expect((await detail(id)).mention.claim).toBeNull();
    expect((await audit(reply.id)).map((e) => `${e.action}:${e.from}→${e.to}`)).toEqual([
      'reply.submitted:draft→pending_approval',
      'reply.approved:pending_approval→approved',
      'reply.queued:approved→queued',
    ]);

    // A manager's promise needs approval too, and not their own.
    const other = await newMention();
    await claim('manager', other);
    const promise = 'Sorry to hear your order has not arrived. We can offer a refund; please send us a DM with the order details. ^MU';
    const own = (await submit('manager', other, { text: promise }).expect(201)).body as Reply;
    expect(own).toMatchObject({ status: 'pending_approval', approval: { reasons: ['promise'] } });
    await request(t.server).post(`/api/replies/${own.id}/approve`).set('Cookie', a.cookies.manager).send({}).expect(403);
    await request(t.server).post(`/api/replies/${own.id}/approve`).set('Cookie', a.cookies.admin).send({}).expect(200);
  });

  it('needs approval for critical mentions and legal-like ones (reason code or category), whoever writes', async () => {
    const critical = await newMention();
    await t.dataSource.query(`UPDATE mention SET urgency_level = 'critical' WHERE id = $1`, [critical]);
    await claim('agent', critical);
    expect((await submit('agent', critical, { text: GOOD }).expect(201)).body.approval.reasons).toEqual(['critical']);

    const legal = await newMention();
    await t.dataSource.query(`UPDATE mention SET urgency_level = 'high', urgency_reasons = $2::jsonb WHERE id = $1`, [
      legal,
      JSON.stringify([{ code: 'legal', weight: 1, text: 'mentions a lawyer', triggers: ['lawyer'] }]),
    ]);
    await claim('admin', legal);
    expect((await submit('admin', legal, { text: GOOD }).expect(201)).body.approval.reasons).toEqual(['legal']);

    const category = await newMention();
    await t.dataSource.query(`UPDATE mention SET category = 'legal' WHERE id = $1`, [category]);
    await claim('agent', category);
    expect((await submit('agent', category, { text: GOOD }).expect(201)).body.approval.reasons).toEqual(['legal']);
  });

  it('says what cannot be answered, in the detail and as the refusal: feeds, no source, missing credentials, competitors only, our own posts', async () => {
    const cases: Array<{ setup: (id: string) => Promise<unknown>; code: string; status: number; words: RegExp; missing?: string[] }> = [
      { setup: (id) => t.dataSource.query(`UPDATE mention SET platform = 'rss' WHERE id = $1`, [id]), code: 'feed', status: 400, words: /open the original/ },
      {
        setup: (id) => t.dataSource.query(`UPDATE mention SET source_id = NULL WHERE id = $1`, [id]),
        code: 'no_source',
        status: 409,
        words: /source .* is gone/,
      },
      {
        setup: () => t.dataSource.query(`UPDATE source SET credential_fields = '[]'::jsonb WHERE id = $1`, [a.sourceId]),
        code: 'missing_credentials',
        status: 409,
        words: /cannot post replies: add accessToken/,
        missing: ['accessToken'],
      },
      {
        setup: async (id) => {
          const brand = await request(t.server).post('/api/brands').set('Cookie', a.cookies.admin).send({ name: 'Rival', kind: 'competitor', handles: [] });
          const q = (await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1 AND name = 'Rival'`, [a.workspaceId])) as Array<{ id: string }>;
          expect([200, 201]).toContain(brand.status);
          const query = await request(t.server)
            .post('/api/listening-queries')
            .set('Cookie', a.cookies.admin)
            .send({ brandId: q[0]!.id, name: 'Rival', query: 'rival' })
            .expect(201);
          await t.dataSource.query(`UPDATE mention SET query_ids = $2::jsonb, brand_id = $3 WHERE id = $1`, [id, JSON.stringify([query.body.id]), q[0]!.id]);
        },
        code: 'competitor_only',
        status: 400,
        words: /only a competitor/,
      },
      {
        setup: (id) => t.dataSource.query(`UPDATE author SET handle = '@Acme' WHERE id = (SELECT author_id FROM mention WHERE id = $1)`, [id]),
        code: 'own_post',
        status: 400,
        words: /our own brand accounts/,
      },
    ];
    for (const c of cases) {
      const id = await newMention(`acme ${c.code} ${randomBytes(3).toString('hex')}`);
      await claim('agent', id);
      await c.setup(id);
      const r = (await detail(id)).replyability;
      expect({ code: c.code, r }).toEqual({
        code: c.code,
        r: expect.objectContaining({ code: c.code, canReply: false, message: expect.stringMatching(c.words) }),
      });
      if (c.missing) expect(r.missing).toEqual(c.missing);
      const refused = await submit('agent', id, { text: GOOD });
      expect({ code: c.code, status: refused.status, body: refused.body }).toMatchObject({
        code: c.code,
        status: c.status,
        body: { code: c.code, message: r.message },
      });
      if (c.code === 'missing_credentials')
        await t.dataSource.query(`UPDATE source SET credential_fields = '["accessToken"]'::jsonb WHERE id = $1`, [a.sourceId]);
    }
    const fine = await newMention();
    expect((await detail(fine)).replyability).toEqual({ code: 'ok', canReply: true, message: null });
  });

  it('catches up through the change sequence: /api/mentions/changes returns the mention with its new reply summary', async () => {
    const id = await newMention();
    await claim('trainee', id);
    const before = (await request(t.server).get('/api/mentions/changes?since=0&limit=1000').set('Cookie', a.cookies.viewer).expect(200)).body as {
      seq: number;
    };
    const reply = (await submit('trainee', id, { text: GOOD }).expect(201)).body as Reply;
    await request(t.server).post(`/api/replies/${reply.id}/approve`).set('Cookie', a.cookies.manager).send({}).expect(200);
    const changes = (await request(t.server).get(`/api/mentions/changes?since=${before.seq}`).set('Cookie', a.cookies.viewer).expect(200)).body as {
      items: Mention[];
    };
    const mine = changes.items.filter((m) => m.id === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.replies).toMatchObject({ total: 1, inFlight: 1, awaitingApproval: 0, lastStatus: 'queued' });
    expect(mine[0]!.seq).toBeGreaterThan(before.seq);
  });

  it('lists replies by status and mention, validating the filter', async () => {
    const id = await newMention();
    await claim('agent', id);
    const reply = (await submit('agent', id, { text: GOOD }).expect(201)).body as Reply;
    const byMention = await request(t.server).get(`/api/replies?mentionId=${id}`).set('Cookie', a.cookies.viewer).expect(200);
    expect(byMention.body.items.map((r: Reply) => r.id)).toEqual([reply.id]);
    const none = await request(t.server).get(`/api/replies?mentionId=${id}&status=sent,failed`).set('Cookie', a.cookies.viewer).expect(200);
    expect(none.body.items).toEqual([]);
    await request(t.server).get('/api/replies?status=bogus').set('Cookie', a.cookies.viewer).expect(400);
  });
});
