import type { AddressInfo } from 'node:net';
import { SERVER_EVENT_SCHEMAS, type Mention, type Reply } from '@earshot/contracts';
import request from 'supertest';
import { ReplySenderService } from '../src/modules/replies/reply-sender.service.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { connectSocket, connected, type TestSocket } from './utils/socket-client.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TEXT = 'Sorry to hear your order has not arrived. Our team is checking it now; please send us a DM with the order details.';

/**
 * `reply.updated` (issue 13, item 6): every status change of a reply — submitted for approval,
 * rejected, queued, sending, unknown, retried, dismissed — reaches the sockets of its workspace
 * with the committed change number, the mention (its reply summary included) and the reply, in
 * the contract's shape; never a socket of another workspace. A client that was away gets the same
 * mention from /api/mentions/changes.
 */
describe('reply.updated over the sockets (integration)', () => {
  let t: TestApp;
  let url: string;
  let a: InboxFixture;
  let b: InboxFixture;
  const sockets: TestSocket[] = [];
  const open = async (cookie: string) => {
    const s = connectSocket(url, { cookie });
    sockets.push(s);
    await connected(s);
    return s;
  };

  beforeAll(async () => {
    // A's source points at a closed port: a send attempt gets no answer (connection refused) → unknown.
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    a = await InboxFixture.create(t, 'Reply sockets A');
    b = await InboxFixture.create(t, 'Reply sockets B');
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await t.close();
  });

  it('carries seq, the mention with its reply summary, and the reply, for every change; B hears nothing', async () => {
    const viewer = await open(a.cookies.viewer);
    const manager = await open(a.cookies.manager);
    const bSockets = [await open(b.cookies.admin), await open(b.cookies.viewer)];
    const [id] = await a.store(['acme where is my parcel?']);
    const events = () =>
      viewer.received
        .filter((r) => r.event === 'reply.updated')
        .map((r) => SERVER_EVENT_SCHEMAS['reply.updated'].parse(r.payload))
        .filter((e) => e.mention.id === id);
    const next = async (n: number) => {
      await viewer.waitFor('reply.updated', n, (p) => p.mention.id === id, 10_000);
      return events()[n - 1]!;
    };

    // A trainee's reply waits for a manager.
    await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.trainee).send({}).expect(200);
    const first = (
      await request(t.server).post(`/api/mentions/${id}/replies`).set('Cookie', a.cookies.trainee).send({ text: TEXT, clientKey: 'ck-realtime-1' }).expect(201)
    ).body as Reply;
    const submitted = await next(1);
    expect(submitted.reply).toMatchObject({ id: first.id, status: 'pending_approval', text: TEXT, approval: { reasons: ['trainee'] } });
    expect(submitted.mention.replies).toMatchObject({ total: 1, awaitingApproval: 1, lastStatus: 'pending_approval' });
    expect(submitted.mention.claim).toMatchObject({ reason: 'awaiting_approval' });
    await manager.waitFor('reply.updated', 1, (p) => p.reply.id === first.id);

    await request(t.server).post(`/api/replies/${first.id}/reject`).set('Cookie', a.cookies.manager).send({ comment: 'name the next step' }).expect(200);
    const rejected = await next(2);
    expect(rejected.reply).toMatchObject({ id: first.id, status: 'rejected', approval: { comment: 'name the next step' } });
    expect(rejected.mention.replies).toMatchObject({ total: 0, awaitingApproval: 0, lastStatus: 'rejected' });

    // An agent's reply goes to the outbox; the send gets no answer (unknown); a retry; then a dismissal.
    await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.agent).send({}).expect(200);
    const second = (
      await request(t.server).post(`/api/mentions/${id}/replies`).set('Cookie', a.cookies.agent).send({ text: TEXT, clientKey: 'ck-realtime-2' }).expect(201)
    ).body as Reply;
    expect((await next(3)).reply).toMatchObject({ id: second.id, status: 'queued' });
    const [outcome] = await t.app.get(ReplySenderService).runDue();
    expect(outcome).toMatchObject({ replyId: second.id, status: 'unknown' });
    expect((await next(4)).reply).toMatchObject({ id: second.id, status: 'sending' });
    const unknown = await next(5);
    expect(unknown.reply).toMatchObject({
      id: second.id,
      status: 'unknown',
      failure: 'transient',
      lastError: expect.stringMatching(/checks whether the reply was posted/),
    });
    expect(unknown.mention.replies).toMatchObject({ needsAttention: 1, lastStatus: 'unknown' });

    await request(t.server).post(`/api/replies/${second.id}/retry`).set('Cookie', a.cookies.agent).send({}).expect(200);
    const retried = await next(6);
    expect(retried.reply).toMatchObject({ id: second.id, status: 'unknown', attempts: 0, failure: null });
    expect(retried.reply.nextAttemptAt).not.toBeNull();

    await request(t.server).post(`/api/replies/${second.id}/dismiss`).set('Cookie', a.cookies.agent).send({ note: 'posted it by hand' }).expect(200);
    const dismissed = await next(7);
    expect(dismissed.reply).toMatchObject({ id: second.id, dismissal: { by: { id: a.users.agent.id }, note: 'posted it by hand' }, nextAttemptAt: null });
    expect(dismissed.mention.replies).toMatchObject({ needsAttention: 0 });

    // Each event carries its mention's committed change number, increasing; the changes feed ends on the same mention.
    const all = events();
    expect(all).toHaveLength(7);
    for (const e of all) expect(e.seq).toBe(e.mention.seq);
    expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((x, y) => x - y));
    expect(new Set(all.map((e) => e.seq)).size).toBe(7);
    const feed = (await request(t.server).get(`/api/mentions/changes?since=${all[5]!.seq}`).set('Cookie', a.cookies.viewer).expect(200)).body as {
      items: Mention[];
    };
    expect(feed.items.find((m) => m.id === id)).toMatchObject({ seq: all[6]!.seq, replies: { needsAttention: 0 } });

    await sleep(300);
    expect(bSockets.flatMap((s) => s.received.filter((r) => r.event === 'reply.updated'))).toEqual([]);
    // B's own reply changes reach B and never A.
    const [bid] = await b.store(['acme B side question']);
    await request(t.server).post(`/api/mentions/${bid}/claim`).set('Cookie', b.cookies.agent).send({}).expect(200);
    await request(t.server).post(`/api/mentions/${bid}/replies`).set('Cookie', b.cookies.agent).send({ text: TEXT, clientKey: 'ck-realtime-b' }).expect(201);
    await bSockets[1]!.waitFor('reply.updated', 1, (p) => p.mention.id === bid);
    await sleep(300);
    expect(viewer.received.filter((r) => r.event === 'reply.updated' && (r.payload as { mention: { id: string } }).mention.id === bid)).toEqual([]);
  });
});
