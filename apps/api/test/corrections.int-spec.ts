import type { AddressInfo } from 'node:net';
import {
  CreateCorrectionResponseSchema,
  DEFAULT_SLA_TARGETS,
  LabelledPostPageSchema,
  MentionChangesSchema,
  MentionCorrectionListSchema,
  MentionDetailSchema,
  MentionSchema,
  type Mention,
} from '@earshot/contracts';
import request from 'supertest';
import { AuditEventEntity } from '../src/modules/audit/audit-event.entity.js';
import { MentionCorrectionsRepository, URGENCY_SCORE_RANGES, type RescoreRow } from '../src/modules/mentions/mention-corrections.repository.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { connectSocket, connected, type TestSocket } from './utils/socket-client.js';

const MIN = 60_000;

describe('corrections (integration)', () => {
  let t: TestApp;
  let url: string;
  let a: InboxFixture;
  let b: InboxFixture;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    a = await InboxFixture.create(t, 'Corrections A');
    b = await InboxFixture.create(t, 'Corrections B');
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(() => t.close());

  const correct = (cookie: string, id: string, body: unknown) =>
    request(t.server)
      .post(`/api/mentions/${id}/corrections`)
      .set('Cookie', cookie)
      .send(body as object);
  const mention = async (id: string): Promise<Mention> =>
    MentionDetailSchema.parse((await request(t.server).get(`/api/mentions/${id}`).set('Cookie', a.cookies.viewer).expect(200)).body).mention;

  it('corrects several fields in one action: one row per field (old → new, who, when), the columns, `corrected`, an audit event', async () => {
    const [id] = await a.store(['acme my refund never arrived, third time asking']);
    const before = await mention(id!);
    const res = await correct(a.cookies.agent, id!, { sentiment: 'neutral', intent: 'question', category: 'delivery' }).expect(201);
    const body = CreateCorrectionResponseSchema.parse(res.body);
    expect(body.mention.sentiment?.label).toBe('neutral');
    // the score moves into the neutral band, so averages agree with the label
    expect(Math.abs(body.mention.sentiment!.score)).toBeLessThanOrEqual(0.2);
    expect(body.mention.intent).toBe('question');
    expect(body.mention.category).toBe('delivery');
    expect(body.mention.corrected).toEqual({ sentiment: 'neutral', intent: 'question', category: 'delivery' });
    expect(body.mention.seq).toBeGreaterThan(before.seq);
    expect(body.corrections.map((c) => [c.field, c.oldValue, c.newValue]).sort()).toEqual(
      [
        ['category', before.category, 'delivery'],
        ['intent', before.intent, 'question'],
        ['sentiment', before.sentiment!.label, 'neutral'],
      ].sort(),
    );
    for (const c of body.corrections) expect(c.user).toEqual({ id: a.users.agent.id, name: 'agent user' });
    const rows = (await t.dataSource.query(`SELECT user_id, field, created_at FROM mention_correction WHERE mention_id = $1`, [id])) as Array<{
      user_id: string;
      created_at: Date;
    }>;
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => new Date(r.created_at).getTime())).size).toBe(1);
    const audit = await t.dataSource.getRepository(AuditEventEntity).findOneByOrFail({ action: 'mention.corrected', targetId: id });
    expect(audit.workspaceId).toBe(a.workspaceId);
    expect(audit.actorUserId).toBe(a.users.agent.id);
    // The detail carries the history for "corrected by …" marks; the queue row carries `corrected`.
    const detail = MentionDetailSchema.parse((await request(t.server).get(`/api/mentions/${id}`).set('Cookie', a.cookies.viewer).expect(200)).body);
    expect(detail.corrections).toHaveLength(3);
    const queue = (await request(t.server).get('/api/mentions?limit=200').set('Cookie', a.cookies.viewer).expect(200)).body as { items: Mention[] };
    expect(queue.items.find((m) => m.id === id)?.corrected).toEqual({ sentiment: 'neutral', intent: 'question', category: 'delivery' });
  });

  it('records a correction equal to the current value as a confirmation, and keeps the history newest first', async () => {
    const [id] = await a.store(['acme thanks, all good']);
    const current = (await mention(id!)).sentiment!.label;
    const first = CreateCorrectionResponseSchema.parse((await correct(a.cookies.trainee, id!, { sentiment: current }).expect(201)).body);
    expect(first.corrections).toEqual([expect.objectContaining({ field: 'sentiment', oldValue: current, newValue: current, confirmed: true })]);
    expect(first.mention.corrected).toEqual({ sentiment: current });
    await correct(a.cookies.manager, id!, { sentiment: 'negative' }).expect(201);
    const history = MentionCorrectionListSchema.parse(
      (await request(t.server).get(`/api/mentions/${id}/corrections`).set('Cookie', a.cookies.viewer).expect(200)).body,
    ).items;
    expect(history.map((c) => [c.newValue, c.user.id, c.confirmed])).toEqual([
      ['negative', a.users.manager.id, false],
      [current, a.users.trainee.id, true],
    ]);
  });

  it('an urgency correction moves the score into the level and recomputes the SLA due time (not after a first response)', async () => {
    await request(t.server)
      .put('/api/workspace/sla')
      .set('Cookie', a.cookies.manager)
      .send({ ...DEFAULT_SLA_TARGETS, critical: 10, low: 2000 })
      .expect(200);
    const [id, answered] = await a.store(['acme thanks, all good', 'acme thanks again, lovely people']);
    const before = await mention(id!);
    expect(before.urgency!.level).toMatch(/low|medium/);
    const up = CreateCorrectionResponseSchema.parse((await correct(a.cookies.agent, id!, { urgencyLevel: 'critical' }).expect(201)).body).mention;
    expect(up.urgency!.level).toBe('critical');
    expect(up.urgency!.score).toBe(URGENCY_SCORE_RANGES.critical[0]);
    expect(Date.parse(up.sla.dueAt!) - Date.parse(up.receivedAt)).toBe(10 * MIN);
    // Most urgent first: it now sorts above every mention below its score.
    const queue = (await request(t.server).get('/api/mentions?limit=200').set('Cookie', a.cookies.viewer).expect(200)).body as { items: Mention[] };
    const pos = queue.items.findIndex((m) => m.id === id);
    expect(queue.items.slice(pos + 1).every((m) => m.urgency!.score <= up.urgency!.score)).toBe(true);
    expect(queue.items.slice(0, pos).every((m) => m.urgency!.score >= up.urgency!.score)).toBe(true);
    // Lowered: the score drops below the next level's threshold.
    const down = CreateCorrectionResponseSchema.parse((await correct(a.cookies.agent, id!, { urgencyLevel: 'low' }).expect(201)).body).mention;
    expect(down.urgency!.score).toBeLessThanOrEqual(URGENCY_SCORE_RANGES.low[1]);
    expect(Date.parse(down.sla.dueAt!) - Date.parse(down.receivedAt)).toBe(2000 * MIN);
    // Raised to a level whose due time has already passed: breached at once (the breach check never looks back).
    await t.dataSource.query(`UPDATE mention SET created_at = now() - interval '1 hour' WHERE id = $1`, [id]);
    const late = CreateCorrectionResponseSchema.parse((await correct(a.cookies.agent, id!, { urgencyLevel: 'critical' }).expect(201)).body).mention;
    expect(late.sla.breachedAt).not.toBeNull();
    const relaxed = CreateCorrectionResponseSchema.parse((await correct(a.cookies.agent, id!, { urgencyLevel: 'low' }).expect(201)).body).mention;
    expect(relaxed.sla.breachedAt).toBeNull();
    // Already answered: the SLA clock stopped; the due time stays.
    await t.dataSource.query(`UPDATE mention SET first_response_at = now() WHERE id = $1`, [answered]);
    const was = await mention(answered!);
    const after = CreateCorrectionResponseSchema.parse((await correct(a.cookies.agent, answered!, { urgencyLevel: 'critical' }).expect(201)).body).mention;
    expect(after.urgency!.level).toBe('critical');
    expect(after.sla.dueAt).toBe(was.sla.dueAt);
  });

  it('refuses empty, unknown and malformed corrections with the field and the allowed values', async () => {
    const [id] = await a.store(['acme where is my parcel']);
    const cases: Array<[unknown, RegExp]> = [
      [{}, /at least one of sentiment, intent, category, urgencyLevel/],
      [{ sentiment: 'angry' }, /sentiment must be one of negative, neutral, positive/],
      [{ intent: 'rant' }, /intent must be one of complaint, question, praise, suggestion, other/],
      [{ urgencyLevel: 'urgent' }, /urgencyLevel must be one of critical, high, medium, low/],
      [{ category: 'weather' }, /category must be one of the workspace's categories: billing, delivery/],
      [{ category: ['billing'] }, /category/],
      [{ sentiment: 'neutral', workspaceId: b.workspaceId }, /workspaceId/],
      [{ urgency: 'high' }, /urgency/],
    ];
    for (const [body, message] of cases) {
      const res = await correct(a.cookies.agent, id!, body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.message).toMatch(message);
    }
    expect(await t.dataSource.query(`SELECT 1 FROM mention_correction WHERE mention_id = $1`, [id])).toHaveLength(0);
    await correct(a.cookies.agent, 'not-a-uuid', { sentiment: 'neutral' }).expect(400);
  });

  it('viewers may not correct (403); another workspace’s mention is a 404 and stays unchanged', async () => {
    const [id] = await a.store(['acme my card was charged twice']);
    await correct(a.cookies.viewer, id!, { sentiment: 'positive' }).expect(403);
    await request(t.server).post(`/api/mentions/${id}/corrections`).send({ sentiment: 'positive' }).expect(401);
    await correct(b.cookies.admin, id!, { sentiment: 'positive' }).expect(404);
    await request(t.server).get(`/api/mentions/${id}/corrections`).set('Cookie', b.cookies.admin).expect(404);
    expect((await mention(id!)).corrected).toEqual({});
    await request(t.server).get('/api/corrections').set('Cookie', a.cookies.trainee).expect(403);
    await request(t.server).get('/api/corrections').set('Cookie', a.cookies.viewer).expect(403);
    // B's labelled posts never include A's.
    const bPage = LabelledPostPageSchema.parse((await request(t.server).get('/api/corrections').set('Cookie', b.cookies.agent).expect(200)).body);
    expect(bPage.items).toEqual([]);
  });

  it('everyone sees a correction live: mention.updated with the new values, and catch-up after it', async () => {
    const [id] = await a.store(['acme the app keeps crashing']);
    const other = connectSocket(url, { cookie: a.cookies.manager });
    const outsider = connectSocket(url, { cookie: b.cookies.manager });
    sockets.push(other, outsider);
    await Promise.all([connected(other), connected(outsider)]);
    const since = (await mention(id!)).seq;
    await correct(a.cookies.agent, id!, { sentiment: 'negative', urgencyLevel: 'high' }).expect(201);
    const [event] = await other.waitFor('mention.updated', 1, (p) => p.mention.id === id);
    expect(event!.mention.urgency!.level).toBe('high');
    expect(event!.mention.corrected).toEqual({ sentiment: 'negative', urgency: 'high' });
    expect(event!.seq).toBeGreaterThan(since);
    const changes = MentionChangesSchema.parse(
      (await request(t.server).get(`/api/mentions/changes?since=${since}`).set('Cookie', a.cookies.viewer).expect(200)).body,
    );
    expect(changes.items.find((m) => m.id === id)?.corrected).toEqual({ sentiment: 'negative', urgency: 'high' });
    expect(outsider.received.some((r) => (r.payload as { mention?: Mention }).mention?.id === id)).toBe(false);
  });

  it('re-scoring keeps every corrected field (urgency clamped into the corrected level) and rescores the rest', async () => {
    const [kept, free] = await a.store(['acme I was double charged on my card', 'acme I was double charged again']);
    await correct(a.cookies.agent, kept!, { sentiment: 'positive', category: 'pricing', urgencyLevel: 'medium' }).expect(201);
    const keptBefore = await mention(kept!);
    const freeBefore = await mention(free!);
    const score = (id: string): RescoreRow => ({
      id,
      sentimentScore: -0.9,
      sentimentLabel: 'negative',
      sentimentConfidence: 0.95,
      urgencyScore: 95,
      urgencyLevel: 'critical',
      urgencyReasons: [{ code: 'money', weight: 95, text: 'money taken', triggers: ['charged'] }],
      intent: 'complaint',
      category: 'billing',
    });
    const ids = await t.app.get(MentionCorrectionsRepository).rescoreMentions(a.workspaceId, [score(free!), score(kept!)]);
    expect(ids.sort()).toEqual([kept!, free!].sort());
    const k = await mention(kept!);
    expect(k.sentiment).toEqual(keptBefore.sentiment);
    expect(k.category).toBe('pricing');
    expect(k.intent).toBe('complaint');
    expect(k.urgency!.level).toBe('medium');
    expect(k.urgency!.score).toBe(URGENCY_SCORE_RANGES.medium[1]);
    expect(k.sla.dueAt).toBe(keptBefore.sla.dueAt);
    expect(k.corrected).toEqual({ sentiment: 'positive', category: 'pricing', urgency: 'medium' });
    expect(k.seq).toBeGreaterThan(keptBefore.seq);
    const f = await mention(free!);
    expect(f.sentiment!.label).toBe('negative');
    expect(f.urgency).toMatchObject({ level: 'critical', score: 95 });
    expect(f.category).toBe('billing');
    if (freeBefore.urgency!.level !== 'critical') expect(Date.parse(f.sla.dueAt!) - Date.parse(f.receivedAt)).toBe(10 * MIN);
    // Scoped by workspace: B cannot re-score A's mention.
    expect(await t.app.get(MentionCorrectionsRepository).rescoreMentions(b.workspaceId, [score(kept!)])).toEqual([]);
  });

  it('lists the workspace’s labelled posts for the learning engine: latest value per field per mention, keyset pages', async () => {
    const c = await InboxFixture.create(t, 'Corrections C');
    const ids = await c.store(['acme one', 'acme two', 'acme three', 'acme four', 'acme five']);
    for (const id of ids) await correct(c.cookies.agent, id, { sentiment: 'negative' }).expect(201);
    await correct(c.cookies.manager, ids[0]!, { sentiment: 'positive', urgencyLevel: 'high' }).expect(201);
    const seen: Array<{ mentionId: string; sentiment?: string; urgency?: string; userId: string; text: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await request(t.server)
        .get(`/api/corrections?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set('Cookie', c.cookies.agent)
        .expect(200);
      const page = LabelledPostPageSchema.parse(res.body);
      seen.push(...page.items);
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.map((s) => s.mentionId)).toEqual([...ids.slice(1), ids[0]]);
    expect(seen.at(-1)).toMatchObject({ mentionId: ids[0], text: 'acme one', sentiment: 'positive', urgency: 'high', userId: c.users.manager.id });
    expect(seen[0]).toMatchObject({ sentiment: 'negative', userId: c.users.agent.id });
    // `since` keeps only posts corrected at or after it.
    const later = LabelledPostPageSchema.parse(
      (
        await request(t.server)
          .get(`/api/corrections?since=${encodeURIComponent(new Date(Date.now() + MIN).toISOString())}`)
          .set('Cookie', c.cookies.manager)
          .expect(200)
      ).body,
    );
    expect(later.items).toEqual([]);
    await request(t.server).get('/api/corrections?cursor=bogus').set('Cookie', c.cookies.agent).expect(400);
    await request(t.server).get('/api/corrections?limit=5000').set('Cookie', c.cookies.agent).expect(400);
    MentionSchema.parse((await request(t.server).get(`/api/mentions/${ids[0]}`).set('Cookie', c.cookies.agent).expect(200)).body.mention);
  });
});
