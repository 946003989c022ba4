import request from 'supertest';
import { InboxFixture } from './factories/inbox.fixture.js';
import { exampleAlert, exampleAlertRules } from './factories/write-examples.js';
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
    /** B's brand's alert rule, a raised alert over B's mentions and its status posts (failed, unknown). */
    alertRule: string;
    alert: string;
    postFailed: string;
    postUnknown: string;
    /** B's weekly report and its report recipient. */
    report: string;
    recipient: string;
  };
  const A = {} as {
    mention: string;
    brand: string;
    query: string;
    source: string;
    replyFailed: string;
    alertRule: string;
    alert: string;
    postFailed: string;
    postUnknown: string;
    report: string;
  };
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
  /** A holding reply and a status update the shipped voice guide lets through. */
  const HOLDING =
    'Hi {{author.name | "there"}}, I\'m sorry about this and thanks for letting us know. Our team is working on it right now. Please send us a DM if you need help.';
  const STATUS = 'We know some customers have a delivery problem right now. Our team is working on it, updates follow here.';
  const B_RECIPIENT = 'zebrafish-leader@example.com';
  /** A complete week (two weeks back: complete in any zone), as its Monday. */
  const PAST_MONDAY = (() => {
    const d = new Date();
    d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) - 14);
    return d.toISOString().slice(0, 10);
  })();
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
    // Early warning, incidents and reports of both workspaces.
    for (const [w, f] of [
      [B, b],
      [A, a],
    ] as const) {
      w.alertRule = (await exampleAlertRules(t.server, f.cookies.manager)).alertRule;
      const alert = await exampleAlert(t.server, f.cookies.manager, t.dataSource, { workspaceId: f.workspaceId, brand: w.brand, source: f.sourceId });
      [w.alert, w.postFailed, w.postUnknown] = [alert.alert, alert.statusPostToRetry, alert.statusPostToDismiss];
      w.report = (await request(t.server).post('/api/reports/weekly').set('Cookie', f.cookies.manager).send({ weekStart: PAST_MONDAY }).expect(200)).body
        .id as string;
    }
    // B's recurring question (three authors) and a suggestion, labelled by B's agent (corrections win).
    const asked = await b.store([
      'acme zebrafish-only-in-b can I change my delivery address?',
      'acme zebrafish-only-in-b how do I change my delivery address?',
      'acme zebrafish-only-in-b can I change the delivery address?',
      'acme zebrafish-only-in-b you should add a parcel locker option',
    ]);
    for (const [i, id] of asked.entries())
      await request(t.server)
        .post(`/api/mentions/${id}/corrections`)
        .set('Cookie', b.cookies.agent)
        .send({ intent: i < 3 ? 'question' : 'suggestion' })
        .expect(201);
    B.recipient = (await request(t.server).post('/api/report-recipients').set('Cookie', b.cookies.admin).send({ email: B_RECIPIENT }).expect(201)).body
      .id as string;
  });
  afterAll(() => t.close());

  const call = (p: Omit<Probe, 'status' | 'name'>, cookie: string) => {
    const req = request(t.server)[p.method](p.path).set('Cookie', cookie);
    return p.body === undefined ? req : req.send(p.body as object);
  };

  it('answers 404 (or an A-only list) to every call with a B id, and changes 0 rows', async () => {
    const bIds = () => [
      B.mention,
      B.mention2,
      B.note,
      B.brand,
      B.query,
      B.source,
      B.user,
      B.template,
      B.replyFailed,
      B.replyPending,
      B.rule,
      B.alertRule,
      B.alert,
      B.postFailed,
      B.postUnknown,
      B.report,
      B.recipient,
      b.workspaceId,
    ];
    const range = `from=${PAST_MONDAY}&to=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`;
    const clientKey = () => `ck-${Math.random().toString(36).slice(2, 12)}`;
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
      // Alerts and their rules
      { name: 'alert detail', method: 'get', path: `/api/alerts/${B.alert}`, status: 404 },
      { name: 'alert list', method: 'get', path: '/api/alerts?status=all', status: 200, absent: bIds() },
      { name: 'alert catch-up from 0', method: 'get', path: '/api/alerts?since=0', status: 200, absent: bIds() },
      { name: 'alert rule list', method: 'get', path: '/api/alert-rules', status: 200, absent: bIds() },
      { name: 'alert rule under B brand', method: 'post', path: '/api/alert-rules', body: { brandId: B.brand, category: 'delivery' }, status: 400 },
      { name: 'alert rule update', method: 'patch', path: `/api/alert-rules/${B.alertRule}`, body: { enabled: false }, status: 404 },
      { name: 'alert rule delete', method: 'delete', path: `/api/alert-rules/${B.alertRule}`, status: 404 },
      // Incidents (children of B's alert): the view, the answers, the status post and its way out
      { name: 'incident of B alert', method: 'get', path: `/api/alerts/${B.alert}/incident`, status: 404 },
      { name: 'answer B alert authors', method: 'post', path: `/api/alerts/${B.alert}/replies`, body: { body: HOLDING, clientKey: clientKey() }, status: 404 },
      {
        name: 'status post on B alert',
        method: 'post',
        path: `/api/alerts/${B.alert}/status-post`,
        body: { body: STATUS, clientKey: clientKey() },
        status: 404,
      },
      {
        name: 'status post through B source',
        method: 'post',
        path: `/api/alerts/${A.alert}/status-post`,
        body: { body: STATUS, sourceId: B.source, clientKey: clientKey() },
        status: 400,
      },
      { name: 'retry B status post', method: 'post', path: `/api/alerts/${B.alert}/status-posts/${B.postFailed}/retry`, body: {}, status: 404 },
      { name: 'retry B status post under A alert', method: 'post', path: `/api/alerts/${A.alert}/status-posts/${B.postFailed}/retry`, body: {}, status: 404 },
      { name: 'dismiss B status post', method: 'post', path: `/api/alerts/${B.alert}/status-posts/${B.postUnknown}/dismiss`, body: {}, status: 404 },
      {
        name: 'dismiss B status post under A alert',
        method: 'post',
        path: `/api/alerts/${A.alert}/status-posts/${B.postUnknown}/dismiss`,
        body: { note: 'from A' },
        status: 404,
      },
      { name: 'retry B status post as a reply', method: 'post', path: `/api/replies/${B.postFailed}/retry`, body: {}, status: 404 },
      // Insights and analytics over B's brand
      {
        name: 'recurring questions',
        method: 'get',
        path: '/api/insights/recurring-questions?minAuthors=2',
        status: 200,
        absent: [...bIds(), 'zebrafish'],
      },
      { name: 'suggestions', method: 'get', path: '/api/insights/suggestions', status: 200, absent: [...bIds(), 'zebrafish'] },
      { name: 'top of B brand', method: 'get', path: `/api/analytics/top?${range}&brandId=${B.brand}`, status: 400 },
      { name: 'top, everything', method: 'get', path: `/api/analytics/top?${range}`, status: 200, absent: [...bIds(), 'zebrafish'] },
      { name: 'team of B brand', method: 'get', path: `/api/analytics/team.csv?${range}&brandId=${B.brand}`, status: 400 },
      // Weekly reports and their recipients
      { name: 'report list', method: 'get', path: '/api/reports', status: 200, absent: bIds() },
      { name: 'report detail', method: 'get', path: `/api/reports/${B.report}`, status: 404 },
      { name: 'report pdf', method: 'get', path: `/api/reports/${B.report}/pdf`, status: 404 },
      { name: 'report send', method: 'post', path: `/api/reports/${B.report}/send`, status: 404 },
      { name: 'recipient list', method: 'get', path: '/api/report-recipients', status: 200, absent: [...bIds(), B_RECIPIENT] },
      { name: 'recipient delete', method: 'delete', path: `/api/report-recipients/${B.recipient}`, status: 404 },
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
      { id: B.postFailed, status: 'failed', dismissed_at: null, decided_by_id: null },
      { id: B.postUnknown, status: 'unknown', dismissed_at: null, decided_by_id: null },
    ]);
    // B's alert, rule, report and recipient are where B left them, and B still reads them (so A's 404s were about A).
    const [alert] = (await t.dataSource.query(`SELECT status, workspace_id FROM alert_event WHERE id = $1`, [B.alert])) as Array<{
      status: string;
      workspace_id: string;
    }>;
    expect(alert).toEqual({ status: 'raised', workspace_id: b.workspaceId });
    const [rule] = (await t.dataSource.query(`SELECT enabled FROM alert_rule WHERE id = $1`, [B.alertRule])) as Array<{ enabled: boolean }>;
    expect(rule).toEqual({ enabled: true });
    await request(t.server).get(`/api/alerts/${B.alert}/incident`).set('Cookie', b.cookies.viewer).expect(200);
    await request(t.server).get(`/api/reports/${B.report}`).set('Cookie', b.cookies.viewer).expect(200);
    const recipients = (await request(t.server).get('/api/report-recipients').set('Cookie', b.cookies.admin).expect(200)).body as {
      items: Array<{ id: string; email: string }>;
    };
    expect(recipients.items.map((r) => [r.id, r.email])).toEqual([[B.recipient, B_RECIPIENT]]);
    // What the insights probes looked for is there for B: the question (three authors) and the suggestion.
    const questions = await request(t.server).get('/api/insights/recurring-questions?minAuthors=2').set('Cookie', b.cookies.viewer).expect(200);
    expect(JSON.stringify(questions.body)).toContain('zebrafish-only-in-b');
    const suggestions = await request(t.server).get('/api/insights/suggestions').set('Cookie', b.cookies.viewer).expect(200);
    expect(JSON.stringify(suggestions.body)).toContain('parcel locker');
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
    // Alerts, incidents, reports and recipients: the same calls on A's own ids.
    await ok({ method: 'get', path: `/api/alerts/${A.alert}` }, 200);
    await ok({ method: 'get', path: `/api/alerts/${A.alert}/incident` }, 200);
    const alerts = (await call({ method: 'get', path: '/api/alerts?status=all' }, a.cookies.admin).expect(200)).body as { alerts: Array<{ id: string }> };
    expect(alerts.alerts.map((x) => x.id)).toEqual([A.alert]);
    await ok({ method: 'post', path: `/api/alerts/${A.alert}/replies`, body: { body: HOLDING, clientKey: 'ck-tenancy-a-answer' } }, 200);
    await ok({ method: 'post', path: `/api/alerts/${A.alert}/status-post`, body: { body: STATUS, sourceId: A.source, clientKey: 'ck-tenancy-a-post' } }, 201);
    await ok({ method: 'post', path: `/api/alerts/${A.alert}/status-posts/${A.postFailed}/retry`, body: {} }, 200);
    await ok({ method: 'post', path: `/api/alerts/${A.alert}/status-posts/${A.postUnknown}/dismiss`, body: { note: 'posted by hand' } }, 200);
    await ok({ method: 'patch', path: `/api/alert-rules/${A.alertRule}`, body: { metrics: ['volume'] } }, 200);
    await ok({ method: 'post', path: '/api/alert-rules', body: { brandId: A.brand, category: 'delivery' } }, 201);
    await ok({ method: 'get', path: `/api/reports/${A.report}` }, 200);
    await ok({ method: 'get', path: `/api/reports/${A.report}/pdf` }, 200);
    // Found, then refused for want of mail settings (an unknown report is a 404 before that).
    await ok({ method: 'post', path: `/api/reports/${A.report}/send` }, 503);
    const recipient = (await call({ method: 'post', path: '/api/report-recipients', body: { email: 'a-leader@example.com' } }, a.cookies.admin).expect(201))
      .body.id as string;
    await ok({ method: 'delete', path: `/api/report-recipients/${recipient}` }, 204);
    await ok({ method: 'get', path: `/api/analytics/top?from=2026-01-01&to=2026-12-31&brandId=${A.brand}` }, 200);
    await ok({ method: 'delete', path: `/api/listening-queries/${A.query}` }, 204);
    await ok({ method: 'delete', path: `/api/sources/${A.source}` }, 204);
  });
});
