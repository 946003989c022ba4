import type { Mention, MentionDetail, MentionPage, ThemesReport, VolumeReport } from '@earshot/contracts';
import { MentionPageSchema, MentionDetailSchema, MentionChangesSchema } from '@earshot/contracts';
import request from 'supertest';
import { AuditEventEntity } from '../src/modules/audit/audit-event.entity.js';
import { ClaimsService } from '../src/modules/claims/claims.service.js';
import { SlaService } from '../src/modules/sla/sla.service.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { MentionFactory } from './factories/mention.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

describe('inbox queue and triage (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Inbox A');
    b = await InboxFixture.create(t, 'Inbox B');
  });
  afterAll(() => t.close());

  const get = (cookie: string, query = '') => request(t.server).get(`/api/mentions${query}`).set('Cookie', cookie);
  const page = async (cookie: string, query = ''): Promise<MentionPage> => MentionPageSchema.parse((await get(cookie, query).expect(200)).body);

  it('lists only the caller’s workspace, most urgent first, with scores and SLA due times', async () => {
    await a.store(['acme thanks, all good', 'acme there is smoke in the cabin, we need help now', 'acme my refund never arrived, third time asking']);
    await b.store(['acme secret of workspace B']);
    const p = await page(a.cookies.viewer);
    expect(p.items.map((m) => m.text)).not.toContain('acme secret of workspace B');
    expect(p.items).toHaveLength(3);
    const scores = p.items.map((m) => m.urgency!.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
    for (const m of p.items) {
      expect(m.status).toBe('new');
      expect(m.sla.dueAt).not.toBeNull();
      expect(m.seq).toBeGreaterThan(0);
    }
    expect(p.seq).toBe(Math.max(...p.items.map((m) => m.seq)));
    // B's mention by id from A: 404, not a leak.
    const bId = (await page(b.cookies.viewer)).items[0]!.id;
    await request(t.server).get(`/api/mentions/${bId}`).set('Cookie', a.cookies.admin).expect(404);
    await request(t.server).patch(`/api/mentions/${bId}`).set('Cookie', a.cookies.admin).send({ status: 'resolved' }).expect(404);
  });

  it('pages with a cursor through every sort without gaps or repeats', async () => {
    await a.store(Array.from({ length: 23 }, (_, i) => `acme paging post number ${i}`));
    for (const sort of ['urgency', 'newest', 'waiting', 'sla'] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const p: MentionPage = await page(a.cookies.agent, `?sort=${sort}&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...p.items.map((m) => m.id));
        cursor = p.nextCursor;
      } while (cursor);
      expect({ sort, count: seen.length, unique: new Set(seen).size }).toEqual({ sort, count: 26, unique: 26 });
    }
    // A cursor from another sort, or a made-up one, is a clear 400.
    const p = await page(a.cookies.agent, '?sort=newest&limit=2');
    const bad = await get(a.cookies.agent, `?sort=urgency&cursor=${p.nextCursor}`).expect(400);
    expect(bad.body.message).toMatch(/cursor/);
    await get(a.cookies.agent, '?cursor=not-a-cursor').expect(400);
  });

  it('filters by text search, sentiment, urgency, platform, assignee and time; refuses bad filters', async () => {
    const hits = await page(a.cookies.agent, '?q=smoke%20cabin');
    expect(hits.items.map((m) => m.text)).toEqual(['acme there is smoke in the cabin, we need help now']);
    const neg = await page(a.cookies.agent, '?sentiment=negative&limit=200');
    expect(neg.items.every((m) => m.sentiment?.label === 'negative')).toBe(true);
    const hi = await page(a.cookies.agent, '?minUrgency=50&limit=200');
    expect(hi.items.every((m) => m.urgency!.score >= 50)).toBe(true);
    expect((await page(a.cookies.agent, '?platform=reddit')).items).toHaveLength(0);
    expect((await page(a.cookies.agent, `?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).items).toHaveLength(0);
    expect((await page(a.cookies.agent, '?assignee=me')).items).toHaveLength(0);
    for (const q of ['?status=closed', '?sort=random', '?minUrgency=500', '?limit=0', '?brandId=1', '?unknown=1', '?from=yesterday', '?sentiment=']) {
      const res = await get(a.cookies.agent, q);
      expect({ q, status: res.status }).toEqual({ q, status: 400 });
      expect(res.body.issues?.length ?? 0).toBeGreaterThan(0);
    }
    // An injection attempt in a list value is just a value that matches nothing.
    await get(a.cookies.agent, `?category=${encodeURIComponent("x') OR 1=1 --")}`).expect(200);
  });

  it('updates status, assignee and tags; times resolution; viewers and other roles are held to their rights', async () => {
    const [id] = await a.store(['acme the app crashes on login']);
    await request(t.server).patch(`/api/mentions/${id}`).set('Cookie', a.cookies.viewer).send({ status: 'resolved' }).expect(403);
    await request(t.server).patch(`/api/mentions/${id}`).set('Cookie', a.cookies.trainee).send({ assigneeId: a.users.agent.id }).expect(403);
    await request(t.server).patch(`/api/mentions/${id}`).set('Cookie', a.cookies.agent).send({ workspaceId: 'x' }).expect(400);
    await request(t.server).patch(`/api/mentions/${id}`).set('Cookie', a.cookies.agent).send({ assigneeId: b.users.agent.id }).expect(400);
    const res = await request(t.server)
      .patch(`/api/mentions/${id}`)
      .set('Cookie', a.cookies.agent)
      .send({ status: 'resolved', assigneeId: a.users.agent.id, tags: ['login', 'login', 'bug'] })
      .expect(200);
    const m = res.body as Mention;
    expect(m).toMatchObject({ status: 'resolved', assignee: { id: a.users.agent.id, name: 'agent user' }, tags: ['login', 'bug'] });
    expect(m.sla.resolvedAt).not.toBeNull();
    expect((await page(a.cookies.agent, '?assignee=me')).items).toHaveLength(0); // resolved leaves the open queue
    expect((await page(a.cookies.agent, '?assignee=me&status=resolved')).items.map((x) => x.id)).toEqual([id]);
    const reopened = (await request(t.server).patch(`/api/mentions/${id}`).set('Cookie', a.cookies.agent).send({ status: 'open' }).expect(200)).body as Mention;
    expect(reopened.sla.resolvedAt).toBeNull();
    expect(reopened.seq).toBeGreaterThan(m.seq);
    const audit = await t.dataSource.getRepository(AuditEventEntity).find({ where: { workspaceId: a.workspaceId, action: 'mention.updated' } });
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it('lists active teammates to assign to: names and roles, never e-mails, only this workspace', async () => {
    const res = await request(t.server).get('/api/workspace/members').set('Cookie', a.cookies.viewer).expect(200);
    const items = res.body.items as Array<Record<string, unknown>>;
    expect(items.map((m) => m.id).sort()).toEqual(
      Object.values(a.users)
        .map((u) => u.id)
        .sort(),
    );
    for (const m of items) expect(Object.keys(m).sort()).toEqual(['id', 'name', 'role']);
    expect(JSON.stringify(res.body)).not.toContain('@');
  });

  it('bulk-updates up to 500 of the caller’s mentions and ignores other workspaces’ ids', async () => {
    const ids = await a.store(['acme bulk one', 'acme bulk two', 'acme bulk three']);
    const [foreign] = await b.store(['acme bulk foreign']);
    const res = await request(t.server)
      .post('/api/mentions/bulk')
      .set('Cookie', a.cookies.trainee)
      .send({ ids: [...ids, foreign], changes: { status: 'ignored', addTags: ['spam-wave'] } })
      .expect(200);
    expect(res.body.updated).toBe(3);
    expect((res.body.items as Mention[]).every((m) => m.status === 'ignored' && m.tags.includes('spam-wave'))).toBe(true);
    const fb = (await request(t.server).get(`/api/mentions/${foreign}`).set('Cookie', b.cookies.viewer).expect(200)).body as MentionDetail;
    expect(fb.mention.status).toBe('new');
    const removed = await request(t.server)
      .post('/api/mentions/bulk')
      .set('Cookie', a.cookies.agent)
      .send({ ids, changes: { removeTags: ['spam-wave'] } })
      .expect(200);
    expect((removed.body.items as Mention[]).every((m) => m.tags.length === 0)).toBe(true);
    await request(t.server)
      .post('/api/mentions/bulk')
      .set('Cookie', a.cookies.viewer)
      .send({ ids, changes: { status: 'open' } })
      .expect(403);
    await request(t.server)
      .post('/api/mentions/bulk')
      .set('Cookie', a.cookies.agent)
      .send({ ids: [], changes: { status: 'open' } })
      .expect(400);
    await request(t.server).post('/api/mentions/bulk').set('Cookie', a.cookies.agent).send({ ids, changes: {} }).expect(400);
  });

  it('shows a mention in its thread with the author’s history and internal notes', async () => {
    const parent = MentionFactory.from({
      text: 'acme is the order tracking down?',
      author: { externalId: 'dana', handle: 'dana@m.example', displayName: 'Dana', followers: 120_000, avatarUrl: null, verified: true, bot: false },
    }).build();
    const child = MentionFactory.from({
      text: 'acme still down, third post today',
      author: parent.author,
      thread: { rootId: parent.externalId, parentId: parent.externalId },
    }).build();
    const [parentId, childId] = await a.store([parent, child]);
    await request(t.server).post(`/api/mentions/${childId}/notes`).set('Cookie', a.cookies.viewer).send({ body: 'x' }).expect(403);
    const note = await request(t.server)
      .post(`/api/mentions/${childId}/notes`)
      .set('Cookie', a.cookies.trainee)
      .send({ body: '<b>called her</b>' })
      .expect(201);
    expect(note.body).toMatchObject({ body: '<b>called her</b>', author: { id: a.users.trainee.id } });
    const d = MentionDetailSchema.parse((await request(t.server).get(`/api/mentions/${childId}`).set('Cookie', a.cookies.viewer).expect(200)).body);
    expect(d.thread.parent?.id).toBe(parentId);
    expect(d.authorHistory).toMatchObject({ total: 2, open: 2 });
    expect(d.authorHistory.earlier.map((m) => m.id)).toEqual([parentId]);
    expect(d.mention.author).toMatchObject({ handle: 'dana@m.example', followers: 120_000, verified: true });
    expect(d.notes.map((n) => n.body)).toEqual(['<b>called her</b>']);
    const p = MentionDetailSchema.parse((await request(t.server).get(`/api/mentions/${parentId}`).set('Cookie', a.cookies.viewer).expect(200)).body);
    expect(p.thread.replies.map((m) => m.id)).toEqual([childId]);
    // No raw platform payload or internal ids beyond the contract.
    expect(JSON.stringify(d)).not.toContain('"raw"');
  });

  it('returns every change after a sequence number, in order, with paging', async () => {
    const start = (await page(a.cookies.viewer, '?limit=1')).seq;
    const ids = await a.store(['acme change one', 'acme change two']);
    await request(t.server).patch(`/api/mentions/${ids[0]}`).set('Cookie', a.cookies.agent).send({ status: 'pending' }).expect(200);
    const first = MentionChangesSchema.parse(
      (await request(t.server).get(`/api/mentions/changes?since=${start}&limit=1`).set('Cookie', a.cookies.viewer).expect(200)).body,
    );
    expect(first.hasMore).toBe(true);
    const rest = MentionChangesSchema.parse(
      (await request(t.server).get(`/api/mentions/changes?since=${first.seq}`).set('Cookie', a.cookies.viewer).expect(200)).body,
    );
    expect(rest.hasMore).toBe(false);
    const all = [...first.items, ...rest.items];
    expect(new Set(all.map((m) => m.id))).toEqual(new Set(ids));
    expect(all.find((m) => m.id === ids[0])!.status).toBe('pending');
    const seqs = all.map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    const none = MentionChangesSchema.parse(
      (await request(t.server).get(`/api/mentions/changes?since=${rest.seq}`).set('Cookie', a.cookies.viewer).expect(200)).body,
    );
    expect(none).toEqual({ items: [], seq: rest.seq, hasMore: false });
    await request(t.server).get('/api/mentions/changes').set('Cookie', a.cookies.viewer).expect(400);
  });

  it('claims: a second agent is refused until taking over explicitly; release and lapse free it', async () => {
    const [id] = await a.store(['acme please call me back about my bill']);
    const svc = t.app.get(ClaimsService);
    const claim = await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.agent).send({}).expect(200);
    expect(claim.body.user).toEqual({ id: a.users.agent.id, name: 'agent user' });
    const refused = await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.manager).send({}).expect(409);
    expect(refused.body).toMatchObject({ code: 'claimed', claimedBy: { id: a.users.agent.id } });
    expect(refused.body.message).toMatch(/agent user is replying/);
    await expect(
      svc.assertClaimHeld({ userId: a.users.manager.id, workspaceId: a.workspaceId, role: 'manager', sessionId: 'x', email: 'm' }, id!),
    ).rejects.toMatchObject({ status: 409 });
    // Renewing one's own claim is fine.
    await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.agent).send({}).expect(200);
    await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.viewer).send({}).expect(403);
    const taken = await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.manager).send({ takeOver: true }).expect(200);
    expect(taken.body.user.id).toBe(a.users.manager.id);
    const audit = await t.dataSource
      .getRepository(AuditEventEntity)
      .findOneBy({ workspaceId: a.workspaceId, action: 'mention.claim_taken_over', targetId: id });
    expect(audit?.data).toEqual({ from: a.users.agent.id });
    // The agent's release does not drop the manager's claim; the manager's does.
    await request(t.server).delete(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.agent).expect(204);
    expect((await request(t.server).get(`/api/mentions/${id}`).set('Cookie', a.cookies.viewer)).body.mention.claim.user.id).toBe(a.users.manager.id);
    await request(t.server).delete(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.manager).expect(204);
    expect((await request(t.server).get(`/api/mentions/${id}`).set('Cookie', a.cookies.viewer)).body.mention.claim).toBeNull();
    // A lapsed claim (holder gone without releasing) is swept.
    await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.agent).send({}).expect(200);
    await t.dataSource.query(`UPDATE mention SET claim_expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    expect((await request(t.server).get(`/api/mentions/${id}`).set('Cookie', a.cookies.viewer)).body.mention.claim).toBeNull();
    expect(await svc.sweepExpiredClaims()).toBeGreaterThanOrEqual(1);
    await request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.manager).send({}).expect(200);
  });

  it('two agents claiming at once: exactly one wins', async () => {
    const [id] = await a.store(['acme race for the claim']);
    const results = await Promise.all([
      request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.agent).send({}),
      request(t.server).post(`/api/mentions/${id}/claim`).set('Cookie', a.cookies.manager).send({}),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('SLA: targets per workspace, breaches marked once, reopened late mentions count as breached', async () => {
    await request(t.server).get('/api/workspace/sla').set('Cookie', a.cookies.viewer).expect(200, { critical: 15, high: 60, medium: 240, low: 1440 });
    await request(t.server).put('/api/workspace/sla').set('Cookie', a.cookies.agent).send({ critical: 5, high: 30, medium: 120, low: 600 }).expect(403);
    await request(t.server).put('/api/workspace/sla').set('Cookie', a.cookies.manager).send({ critical: 0, high: 30, medium: 120, low: 600 }).expect(400);
    await request(t.server).put('/api/workspace/sla').set('Cookie', a.cookies.manager).send({ critical: 5, high: 30, medium: 120, low: 600 }).expect(200);
    const [id] = await a.store(['acme where is my parcel']);
    const m = (await request(t.server).get(`/api/mentions/${id}`).set('Cookie', a.cookies.viewer)).body.mention as Mention;
    const minutes = (Date.parse(m.sla.dueAt!) - Date.parse(m.receivedAt)) / 60_000;
    expect([5, 30, 120, 600]).toContain(Math.round(minutes));
    const sla = t.app.get(SlaService);
    const later = new Date(Date.parse(m.sla.dueAt!) + 1000);
    expect(await sla.checkBreaches(later)).toBeGreaterThanOrEqual(1);
    const breached = (await request(t.server).get(`/api/mentions/${id}`).set('Cookie', a.cookies.viewer)).body.mention as Mention;
    expect(breached.sla.breachedAt).toBe(later.toISOString());
    expect(breached.seq).toBeGreaterThan(m.seq);
    expect(await sla.checkBreaches(new Date(later.getTime() + 1000))).toBe(0); // once
    const sorted = await page(a.cookies.viewer, '?sort=sla&limit=200');
    const dues = sorted.items.map((x) => Date.parse(x.sla.dueAt!));
    expect(dues).toEqual([...dues].sort((x, y) => x - y));
  });
  describe('drill-down filters: posted time, every status, brand, topic, category, sentiment, spam', () => {
    // Posted on 2026-11-12 between 10:00 and 13:00 UTC, long before anything else in this file.
    interface Row {
      at: string;
      text: string;
      label?: 'positive' | 'neutral' | 'negative' | null;
      intent?: string | null;
      category?: string | null;
      spam?: boolean;
      status?: Mention['status'];
      corrected?: Record<string, string>;
    }
    const ROWS: Row[] = [
      { at: '2026-11-12T10:00:00Z', text: 'acme drill one', label: 'negative', intent: 'complaint', category: 'delivery' }, // first instant: in 10:00
      { at: '2026-11-12T10:20:00Z', text: 'acme drill two', label: 'negative', intent: 'complaint', category: 'delivery', status: 'resolved' },
      { at: '2026-11-12T10:40:00Z', text: 'acme drill three', label: 'positive', status: 'ignored' },
      { at: '2026-11-12T10:50:00Z', text: 'acme drill four', label: 'negative', intent: 'complaint', category: 'delivery', spam: true },
      { at: '2026-11-12T10:59:59.999Z', text: 'acme and rival drill five', label: 'neutral', status: 'pending' }, // two brands
      { at: '2026-11-12T11:00:00Z', text: 'rival drill six', label: 'positive' }, // last bound excluded from 10:00
      { at: '2026-11-12T11:10:00Z', text: 'acme drill seven', label: null }, // unscored
      { at: '2026-11-12T11:30:00Z', text: 'acme drill eight', label: 'neutral', intent: 'question', corrected: { intent: 'complaint', category: 'billing' } },
      { at: '2026-11-12T12:05:00Z', text: 'acme and rival drill nine', label: 'negative', intent: 'complaint', category: 'billing', status: 'resolved' },
      { at: '2026-11-12T12:55:00Z', text: 'rival drill ten', label: 'negative', spam: true },
    ];
    let rivalId: string;
    let acmeId: string;
    const ids: string[] = [];
    const range = 'from=2026-11-12T10:00:00Z&to=2026-11-12T13:00:00Z';

    beforeAll(async () => {
      acmeId = ((await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [a.workspaceId])) as Array<{ id: string }>)[0]!.id;
      const rival = await request(t.server)
        .post('/api/brands')
        .set('Cookie', a.cookies.admin)
        .send({ name: 'Rival', handles: ['@rival'], kind: 'competitor' })
        .expect(201);
      rivalId = rival.body.id as string;
      await request(t.server)
        .post('/api/listening-queries')
        .set('Cookie', a.cookies.admin)
        .send({ brandId: rivalId, name: 'Rival', query: 'rival', topic: 'competition' })
        .expect(201);
      ids.push(...(await a.store(ROWS.map((r) => r.text))));
      expect(ids).toHaveLength(ROWS.length);
      for (const [i, r] of ROWS.entries())
        await t.dataSource.query(
          `UPDATE mention SET posted_at = $2, sentiment_label = $3, sentiment_score = $4, intent = $5, category = $6, spam = $7, status = $8, corrected = $9::jsonb
            WHERE id = $1 AND workspace_id = $10`,
          [
            ids[i],
            r.at,
            r.label ?? null,
            r.label === undefined || r.label === null ? null : { positive: 0.5, neutral: 0, negative: -0.6 }[r.label],
            r.intent ?? null,
            r.category ?? null,
            r.spam ?? false,
            r.status ?? 'new',
            JSON.stringify(r.corrected ?? {}),
            a.workspaceId,
          ],
        );
    });

    /** Every mention of the queue for this query, page by page (small pages: the cursor must hold). */
    const all = async (query: string): Promise<{ ids: string[]; total: number }> => {
      const first = await page(a.cookies.agent, `?${query}&withTotal=true&limit=3`);
      const seen = first.items.map((m) => m.id);
      let cursor = first.nextCursor;
      while (cursor) {
        const next: MentionPage = await page(a.cookies.agent, `?${query}&limit=3&cursor=${cursor}`);
        expect(next.total).toBeUndefined();
        seen.push(...next.items.map((m) => m.id));
        cursor = next.nextCursor;
      }
      expect(new Set(seen).size).toBe(seen.length);
      return { ids: seen, total: first.total! };
    };
    const idsOf = (...n: number[]) => n.map((i) => ids[i - 1]!).sort();
    const bucket = (start: string, end: string) => `status=all&postedFrom=${encodeURIComponent(start)}&postedTo=${encodeURIComponent(end)}`;

    it('lists exactly the mentions an hour bar of the volume chart counts, for every filter the chart has', async () => {
      const filters: Array<[analytics: string, queue: string]> = [
        ['', ''],
        [`&brandId=${rivalId}`, `&brandId=${rivalId}`],
        [`&brandId=${acmeId}`, `&brandId=${acmeId}`],
        [`&brandId=${acmeId},${rivalId}`, `&brandId=${acmeId},${rivalId}`],
        ['&topic=competition', '&topic=competition'],
        ['&platform=mastodon', '&platform=mastodon'],
        ['&category=delivery', '&category=delivery'],
        ['&includeSpam=true', '&spam=include'],
      ];
      const checked: string[] = [];
      for (const [af, qf] of filters) {
        const volume = (await request(t.server).get(`/api/analytics/volume?${range}&bucket=hour${af}`).set('Cookie', a.cookies.agent).expect(200))
          .body as VolumeReport;
        expect(volume.points).toHaveLength(3);
        for (const point of volume.points) {
          const whole = await all(`${bucket(point.start, point.end)}${qf}`);
          expect({ af, start: point.start, total: whole.total, listed: whole.ids.length }).toEqual({
            af,
            start: point.start,
            total: point.total,
            listed: point.total,
          });
          for (const label of ['positive', 'neutral', 'negative', 'unscored'] as const) {
            const part = await all(`${bucket(point.start, point.end)}${qf}&sentiment=${label}`);
            expect({ af, start: point.start, label, n: part.total }).toEqual({ af, start: point.start, label, n: point.sentiment[label] });
          }
          checked.push(`${af || 'none'} ${point.label}: ${point.total}`);
        }
      }
      // Hand-computed: 10:00 has #1–#5 less spam #4 → 4; 11:00 has #6–#8 → 3; 12:00 has #9 (spam #10 left out) → 1.
      expect(checked.slice(0, 3)).toEqual(['none 2026-11-12T10:00+00:00: 4', 'none 2026-11-12T11:00+00:00: 3', 'none 2026-11-12T12:00+00:00: 1']);
      // Rival: #5 (acme and rival), #6, #9.
      expect(checked.slice(3, 6)).toEqual([
        `&brandId=${rivalId} 2026-11-12T10:00+00:00: 1`,
        `&brandId=${rivalId} 2026-11-12T11:00+00:00: 1`,
        `&brandId=${rivalId} 2026-11-12T12:00+00:00: 1`,
      ]);
      const tenToEleven = await all(`${bucket('2026-11-12T10:00:00Z', '2026-11-12T11:00:00Z')}`);
      expect(tenToEleven.ids.sort()).toEqual(idsOf(1, 2, 3, 5));
    });

    it('lists a theme bar’s complaints (the team’s category where corrected) and spam on its own', async () => {
      const themes = (await request(t.server).get(`/api/analytics/themes?${range}`).set('Cookie', a.cookies.agent).expect(200)).body as ThemesReport;
      const counts = Object.fromEntries(themes.themes.map((th) => [th.category, th.count]));
      expect(counts).toEqual({ delivery: 2, billing: 2 });
      for (const category of ['delivery', 'billing']) {
        const listed = await all(`status=all&postedFrom=2026-11-12T10:00:00Z&postedTo=2026-11-12T13:00:00Z&intent=complaint&category=${category}`);
        expect({ category, n: listed.total }).toEqual({ category, n: counts[category] });
      }
      expect((await all(`status=all&postedFrom=2026-11-12T10:00:00Z&postedTo=2026-11-12T13:00:00Z&intent=complaint&category=billing`)).ids.sort()).toEqual(
        idsOf(8, 9),
      );
      const spam = await all('status=all&postedFrom=2026-11-12T10:00:00Z&postedTo=2026-11-12T13:00:00Z&spam=only');
      expect(spam.ids.sort()).toEqual(idsOf(4, 10));
      const everything = await all('status=all&postedFrom=2026-11-12T10:00:00Z&postedTo=2026-11-12T13:00:00Z&spam=include');
      expect(everything.total).toBe(10);
    });

    it('keeps open work the default, takes status=all or a list, and refuses bad values with the field named', async () => {
      const posted = 'postedFrom=2026-11-12T10:00:00Z&postedTo=2026-11-12T13:00:00Z';
      // Open work (new, open, pending) without spam: #1, #5, #6, #7, #8.
      expect((await all(posted)).ids.sort()).toEqual(idsOf(1, 5, 6, 7, 8));
      expect((await all(`${posted}&status=resolved,ignored`)).ids.sort()).toEqual(idsOf(2, 3, 9));
      expect((await all(`${posted}&status=all&sort=newest`)).total).toBe(8);
      for (const sort of ['urgency', 'newest', 'waiting'] as const)
        expect((await all(`${posted}&status=all&sort=${sort}`)).ids.sort()).toEqual(idsOf(1, 2, 3, 5, 6, 7, 8, 9));
      for (const q of ['?spam=maybe', '?postedFrom=yesterday', '?postedTo=2026-11-12', '?topic=', '?brandId=acme', '?withTotal=yes', '?sentiment=mixed']) {
        const res = await get(a.cookies.agent, q);
        expect({ q, status: res.status }).toEqual({ q, status: 400 });
        expect(String(res.body.issues?.[0]?.path)).toMatch(new RegExp(`^${q.slice(1, q.indexOf('='))}`));
      }
      // Another workspace's brand matches nothing here, and B sees none of A's.
      expect((await all(`${posted}&status=all&brandId=${rivalId}`)).total).toBe(3);
      const bBrand = ((await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [b.workspaceId])) as Array<{ id: string }>)[0]!.id;
      expect((await all(`${posted}&status=all&brandId=${bBrand}`)).total).toBe(0);
      const bView = await page(b.cookies.agent, `?${posted}&status=all&spam=include&withTotal=true`);
      expect(bView.total).toBe(0);
    });
  });
});
