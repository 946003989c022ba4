import request from 'supertest';
import { InboxFixture } from './factories/inbox.fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { diffDb, snapshotDb } from './utils/db-snapshot.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
interface Probe {
  name: string;
  method: Method;
  path: string;
  body?: unknown;
  /** Expected status; lists and feeds answer 200 with none of B's items. */
  status: number;
  /** For 200 answers: ids that must not appear anywhere in the response body. */
  absent?: string[];
}

const one = (rows: unknown): string => {
  const list = (Array.isArray((rows as unknown[])[0]) ? (rows as unknown[][])[0] : rows) as Array<{ id: string }>;
  if (!list[0]) throw new Error('fixture row missing');
  return list[0].id;
};

/**
 * SECURITY.md plan items 2 and 3 (IDOR sweep; children follow the parent), issue 11 item 9:
 * a user of workspace A uses workspace B's ids for mentions, their notes and claims, sources,
 * brands, listening queries, users and the changes feed, through every verb the api serves.
 * Each answer is a 404 (or 400 for a B id inside a body, or an A-only list), and not one
 * row anywhere in the database changes. Positive controls show the same calls work on A's ids.
 */
describe('tenancy: workspace A cannot read or change workspace B (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;
  const B = {} as {
    mention: string;
    mention2: string;
    mentionText: string;
    note: string;
    brand: string;
    query: string;
    source: string;
    user: string;
    template: string;
    /** B's replies: one failed (to retry or dismiss), one awaiting approval (to approve or reject). */
    replyFailed: string;
    replyPending: string;
    /** B's phrase rule (Settings › Learning). */
    rule: string;
  };
  const A = {} as { mention: string; brand: string; query: string; source: string; replyFailed: string };
  const REPLY = 'Sorry to hear your parcel is late. Our team is checking it now; please send us a DM with the order details.';
  /** Submits a reply as `cookie` (who must hold the claim) and returns its id. */
  const submitReply = async (cookie: string, mentionId: string) =>
    (
      await request(t.server)
        .post(`/api/mentions/${mentionId}/replies`)
        .set('Cookie', cookie)
        .send({ text: REPLY, clientKey: `ck-${Math.random().toString(36).slice(2, 12)}` })
        .expect(201)
    ).body.id as string;
  const markFailed = (id: string) =>
    t.dataSource.query(`UPDATE reply SET status = 'failed', failure_kind = 'transient', next_attempt_at = NULL WHERE id = $1`, [id]);

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Tenancy A');
    b = await InboxFixture.create(t, 'Tenancy B');
    B.mentionText = 'acme zebrafish-only-in-b my parcel is late';
    const bStored = await b.store([B.mentionText, 'acme second b post']);
    const aStored = await a.store(['acme a-side post about a refund']);
    expect(bStored).toHaveLength(2);
    expect(aStored).toHaveLength(1);
    [B.mention, B.mention2] = bStored as [string, string];
    [A.mention] = aStored as [string];
    // B's mention has a note and a live claim by B's agent: the children A must not reach.
    B.note = (await request(t.server).post(`/api/mentions/${B.mention}/notes`).set('Cookie', b.cookies.agent).send({ body: 'B internal note' }).expect(201))
      .body.id as string;
    await request(t.server).post(`/api/mentions/${B.mention}/claim`).set('Cookie', b.cookies.agent).send({}).expect(200);
    B.brand = one(await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [b.workspaceId]));
    B.query = one(await t.dataSource.query(`SELECT id FROM listening_query WHERE workspace_id = $1`, [b.workspaceId]));
    B.source = b.sourceId;
    B.user = b.users.agent.id;
    B.template = (
      await request(t.server)
        .post('/api/templates')
        .set('Cookie', b.cookies.manager)
        .send({ brandId: B.brand, title: 'B template', body: 'zebrafish-only-in-b' })
        .expect(201)
    ).body.id as string;
    await request(t.server)
      .put(`/api/brands/${B.brand}/voice`)
      .set('Cookie', b.cookies.manager)
      .send({ blamePhrases: ['zebrafish-only-in-b'] })
      .expect(200);
    B.rule = (
      await request(t.server)
        .post('/api/learning/phrase-rules')
        .set('Cookie', b.cookies.manager)
        .send({ phrase: 'zebrafish-only-in-b', sentiment: 'neutral' })
        .expect(201)
    ).body.id as string;
    A.brand = one(await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [a.workspaceId]));
    A.query = one(await t.dataSource.query(`SELECT id FROM listening_query WHERE workspace_id = $1`, [a.workspaceId]));
    A.source = a.sourceId;
    // Replies: B's agent (holding the claim) replied and it failed; B's trainee's reply awaits approval; A's admin has a failed one.
    B.replyFailed = await submitReply(b.cookies.agent, B.mention);
    await markFailed(B.replyFailed);
    await request(t.server).post(`/api/mentions/${B.mention2}/claim`).set('Cookie', b.cookies.trainee).send({}).expect(200);
    B.replyPending = await submitReply(b.cookies.trainee, B.mention2);
    await request(t.server).post(`/api/mentions/${A.mention}/claim`).set('Cookie', a.cookies.admin).send({}).expect(200);
    A.replyFailed = await submitReply(a.cookies.admin, A.mention);
    await markFailed(A.replyFailed);
  });
  afterAll(() => t.close());

  const call = (p: Omit<Probe, 'status' | 'name'>, cookie: string) => {
    const req = request(t.server)[p.method](p.path).set('Cookie', cookie);
    return p.body === undefined ? req : req.send(p.body as object);
  };

  it('answers 404 (or an A-only list) to every call with a B id, and changes 0 rows', async () => {
    const bIds = () => [B.mention, B.mention2, B.note, B.brand, B.query, B.source, B.user, B.template, B.replyFailed, B.replyPending, B.rule, b.workspaceId];
    const probes: Probe[] = [
      // Mentions and their children (notes, claims)
      { name: 'mention detail', method: 'get', path: `/api/mentions/${B.mention}`, status: 404 },
      { name: 'mention update', method: 'patch', path: `/api/mentions/${B.mention}`, body: { status: 'resolved' }, status: 404 },
      { name: 'mention tags', method: 'patch', path: `/api/mentions/${B.mention}`, body: { tags: ['pwned'] }, status: 404 },
      { name: 'assign A mention to a B user', method: 'patch', path: `/api/mentions/${A.mention}`, body: { assigneeId: B.user }, status: 400 },
      { name: 'note on B mention', method: 'post', path: `/api/mentions/${B.mention}/notes`, body: { body: 'from A' }, status: 404 },
      { name: 'correction of B mention', method: 'post', path: `/api/mentions/${B.mention}/corrections`, body: { sentiment: 'positive' }, status: 404 },
      { name: 'corrections of B mention', method: 'get', path: `/api/mentions/${B.mention}/corrections`, status: 404 },
      { name: 'claim B mention', method: 'post', path: `/api/mentions/${B.mention}/claim`, body: {}, status: 404 },
      { name: 'take over B claim', method: 'post', path: `/api/mentions/${B.mention}/claim`, body: { takeOver: true }, status: 404 },
      { name: 'release B claim', method: 'delete', path: `/api/mentions/${B.mention}/claim`, status: 404 },
      // A bulk of one id behaves like the single update (404); of several, it counts only A's own.
      { name: 'bulk over one B id', method: 'post', path: '/api/mentions/bulk', body: { ids: [B.mention], changes: { status: 'resolved' } }, status: 404 },
      {
        name: 'bulk over B ids',
        method: 'post',
        path: '/api/mentions/bulk',
        body: { ids: [B.mention, B.mention2], changes: { status: 'resolved', addTags: ['x'] } },
        status: 200,
        absent: bIds(),
      },
      { name: 'bulk assign to B user', method: 'post', path: '/api/mentions/bulk', body: { ids: [A.mention], changes: { assigneeId: B.user } }, status: 400 },
      { name: 'queue search for B text', method: 'get', path: '/api/mentions?q=zebrafish-only-in-b', status: 200, absent: bIds() },
      { name: 'queue by B brand', method: 'get', path: `/api/mentions?brandId=${B.brand}`, status: 200, absent: bIds() },
      { name: 'queue by B assignee', method: 'get', path: `/api/mentions?assignee=${B.user}`, status: 200, absent: bIds() },
      { name: 'queue, everything', method: 'get', path: '/api/mentions?limit=200', status: 200, absent: bIds() },
      { name: 'changes feed from 0', method: 'get', path: '/api/mentions/changes?since=0', status: 200, absent: bIds() },
      // Replies (children of B's mentions): every reply route with a B id
      {
        name: 'reply to B mention',
        method: 'post',
        path: `/api/mentions/${B.mention}/replies`,
        body: { text: REPLY, clientKey: 'ck-tenancy-probe-1' },
        status: 404,
      },
      { name: 'approve B reply', method: 'post', path: `/api/replies/${B.replyPending}/approve`, body: { comment: 'ok' }, status: 404 },
      { name: 'reject B reply', method: 'post', path: `/api/replies/${B.replyPending}/reject`, body: { comment: 'no' }, status: 404 },
      { name: 'retry B reply', method: 'post', path: `/api/replies/${B.replyFailed}/retry`, body: {}, status: 404 },
      { name: 'dismiss B reply', method: 'post', path: `/api/replies/${B.replyFailed}/dismiss`, body: { note: 'from A' }, status: 404 },
      { name: 'reply list', method: 'get', path: '/api/replies', status: 200, absent: bIds() },
      { name: 'reply list by B mention', method: 'get', path: `/api/replies?mentionId=${B.mention}`, status: 200, absent: bIds() },
      { name: 'reply list by status', method: 'get', path: '/api/replies?status=failed,pending_approval', status: 200, absent: bIds() },
      // Brands
      { name: 'brand list', method: 'get', path: '/api/brands', status: 200, absent: bIds() },
      { name: 'brand update', method: 'patch', path: `/api/brands/${B.brand}`, body: { name: 'renamed by A' }, status: 404 },
      { name: 'brand delete', method: 'delete', path: `/api/brands/${B.brand}`, status: 404 },
      // Templates and voice guides (children of B's brand)
      { name: 'template detail', method: 'get', path: `/api/templates/${B.template}`, status: 404 },
      { name: 'template update', method: 'patch', path: `/api/templates/${B.template}`, body: { title: 'renamed by A' }, status: 404 },
      { name: 'template delete', method: 'delete', path: `/api/templates/${B.template}`, status: 404 },
      { name: 'template list', method: 'get', path: '/api/templates', status: 200, absent: [...bIds(), 'zebrafish-only-in-b'] },
      { name: 'template list by B brand', method: 'get', path: `/api/templates?brandId=${B.brand}`, status: 200, absent: [...bIds(), 'zebrafish-only-in-b'] },
      { name: 'template under B brand', method: 'post', path: '/api/templates', body: { brandId: B.brand, title: 'sneaky', body: 'x' }, status: 400 },
      { name: 'voice guide of B brand', method: 'get', path: `/api/brands/${B.brand}/voice`, status: 404 },
      { name: 'voice guide save on B brand', method: 'put', path: `/api/brands/${B.brand}/voice`, body: {}, status: 404 },
      { name: 'voice guide reset on B brand', method: 'delete', path: `/api/brands/${B.brand}/voice`, status: 404 },
      // Listening queries
      { name: 'query list', method: 'get', path: '/api/listening-queries', status: 200, absent: bIds() },
      { name: 'query under B brand', method: 'post', path: '/api/listening-queries', body: { brandId: B.brand, name: 'sneaky', query: 'acme' }, status: 400 },
      { name: 'query update', method: 'patch', path: `/api/listening-queries/${B.query}`, body: { enabled: false }, status: 404 },
      { name: 'query delete', method: 'delete', path: `/api/listening-queries/${B.query}`, status: 404 },
      // Sources
      { name: 'source list', method: 'get', path: '/api/sources', status: 200, absent: bIds() },
      { name: 'source update', method: 'patch', path: `/api/sources/${B.source}`, body: { name: 'renamed by A' }, status: 404 },
      { name: 'source poll now', method: 'post', path: `/api/sources/${B.source}/poll`, status: 404 },
      { name: 'source delete', method: 'delete', path: `/api/sources/${B.source}`, status: 404 },
      // Learning: B's phrase rule (and its id where a model id belongs)
      { name: 'phrase rule list', method: 'get', path: '/api/learning/phrase-rules', status: 200, absent: [...bIds(), 'zebrafish-only-in-b'] },
      { name: 'phrase rule delete', method: 'delete', path: `/api/learning/phrase-rules/${B.rule}`, status: 404 },
      { name: 'model activate with B id', method: 'post', path: `/api/learning/models/${B.rule}/activate`, status: 404 },
      { name: 'model list', method: 'get', path: '/api/learning/models', status: 200, absent: bIds() },
      // Users and members
      { name: 'user update', method: 'patch', path: `/api/users/${B.user}`, body: { role: 'viewer' }, status: 404 },
      { name: 'user deactivate', method: 'patch', path: `/api/users/${B.user}`, body: { active: false }, status: 404 },
      { name: 'user list', method: 'get', path: '/api/users', status: 200, absent: bIds() },
      { name: 'member list', method: 'get', path: '/api/workspace/members', status: 200, absent: bIds() },
    ];
    const wrong: Array<{ probe: string; status: number; expected: number; leaked?: string[]; changed?: unknown }> = [];
    for (const p of probes) {
      const before = await snapshotDb(t.dataSource);
      const res = await call(p, a.cookies.admin);
      const changed = diffDb(before, await snapshotDb(t.dataSource));
      const text = JSON.stringify(res.body ?? '');
      const leaked = (p.absent ?? []).filter((id) => text.includes(id));
      if (res.status !== p.status || leaked.length > 0 || changed.length > 0)
        wrong.push({ probe: p.name, status: res.status, expected: p.status, ...(leaked.length ? { leaked } : {}), ...(changed.length ? { changed } : {}) });
    }
    expect(wrong).toEqual([]);
    // The bulk call saw no B mention at all.
    const bulk = await call(
      { method: 'post', path: '/api/mentions/bulk', body: { ids: [B.mention, B.mention2], changes: { status: 'open' } } },
      a.cookies.admin,
    ).expect(200);
    expect(bulk.body).toMatchObject({ updated: 0, items: [] });
  });

  it("a bulk mixing A and B ids changes A's mention and not one B row", async () => {
    const bRows = async () =>
      JSON.stringify(
        await t.dataSource.query(
          `SELECT m.*, (SELECT count(*) FROM audit_event e WHERE e.workspace_id = $1)::int AS audits FROM mention m WHERE m.workspace_id = $1 ORDER BY m.id`,
          [b.workspaceId],
        ),
      );
    const before = await bRows();
    const res = await call(
      { method: 'post', path: '/api/mentions/bulk', body: { ids: [A.mention, B.mention, B.mention2], changes: { addTags: ['mixed'] } } },
      a.cookies.admin,
    ).expect(200);
    expect(res.body.updated).toBe(1);
    expect((res.body.items as Array<{ id: string }>).map((m) => m.id)).toEqual([A.mention]);
    expect(await bRows()).toBe(before);
  });

  it("leaves B's rows exactly as B left them", async () => {
    const [m] = (await t.dataSource.query(`SELECT status, claimed_by_id, tags FROM mention WHERE id = $1`, [B.mention])) as Array<{
      status: string;
      claimed_by_id: string | null;
      tags: string[];
    }>;
    expect(m).toMatchObject({ status: 'new', claimed_by_id: b.users.agent.id });
    const replies = (await t.dataSource.query(`SELECT id, status, dismissed_at, decided_by_id FROM reply WHERE workspace_id = $1 ORDER BY created_at`, [
      b.workspaceId,
    ])) as Array<{ id: string; status: string; dismissed_at: Date | null; decided_by_id: string | null }>;
    expect(replies).toEqual([
      { id: B.replyFailed, status: 'failed', dismissed_at: null, decided_by_id: null },
      { id: B.replyPending, status: 'pending_approval', dismissed_at: null, decided_by_id: null },
    ]);
    const detail = (await request(t.server).get(`/api/mentions/${B.mention}`).set('Cookie', b.cookies.viewer).expect(200)).body as {
      notes: Array<{ id: string; body: string }>;
    };
    expect(detail.notes.map((n) => n.body)).toEqual(['B internal note']);
    await request(t.server)
      .get('/api/brands')
      .set('Cookie', b.cookies.viewer)
      .expect(200)
      .expect((r) => expect(JSON.stringify(r.body)).toContain(B.brand));
  });

  it("positive controls: the same calls succeed on A's own ids (the 404s above are not broken routes)", async () => {
    const ok = async (p: Omit<Probe, 'status' | 'name'>, status: number) =>
      expect({ path: p.path, status: (await call(p, a.cookies.admin)).status }).toEqual({ path: p.path, status });
    await ok({ method: 'get', path: `/api/mentions/${A.mention}` }, 200);
    await ok({ method: 'post', path: `/api/mentions/${A.mention}/notes`, body: { body: 'A note' } }, 201);
    await ok({ method: 'post', path: `/api/mentions/${A.mention}/claim`, body: {} }, 200);
    const replies = (await call({ method: 'get', path: '/api/replies?status=failed' }, a.cookies.admin).expect(200)).body as { items: Array<{ id: string }> };
    expect(replies.items.map((r) => r.id)).toEqual([A.replyFailed]);
    await ok({ method: 'post', path: `/api/replies/${A.replyFailed}/retry`, body: {} }, 200);
    await ok({ method: 'delete', path: `/api/mentions/${A.mention}/claim` }, 204);
    await ok({ method: 'patch', path: `/api/mentions/${A.mention}`, body: { assigneeId: a.users.agent.id } }, 200);
    await ok({ method: 'patch', path: `/api/brands/${A.brand}`, body: { name: 'Acme renamed' } }, 200);
    await ok({ method: 'patch', path: `/api/listening-queries/${A.query}`, body: { enabled: false } }, 200);
    await ok({ method: 'patch', path: `/api/sources/${A.source}`, body: { name: 'renamed' } }, 200);
    await ok({ method: 'patch', path: `/api/users/${a.users.viewer.id}`, body: { name: 'Viewer renamed' } }, 200);
    const feed = (await call({ method: 'get', path: '/api/mentions/changes?since=0' }, a.cookies.admin).expect(200)).body as { items: Array<{ id: string }> };
    expect(feed.items.map((m) => m.id)).toContain(A.mention);
    const search = (await call({ method: 'get', path: '/api/mentions?q=refund' }, a.cookies.admin).expect(200)).body as { items: Array<{ id: string }> };
    expect(search.items.map((m) => m.id)).toContain(A.mention);
    await ok({ method: 'delete', path: `/api/listening-queries/${A.query}` }, 204);
    await ok({ method: 'delete', path: `/api/sources/${A.source}` }, 204);
  });
});
