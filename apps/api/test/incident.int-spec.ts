import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { Incident, IncidentRepliesResult, StatusPost } from '@earshot/contracts';
import { createDetector, hourOfWeekIn } from '@earshot/signals';
import { InboxFixture } from './factories/inbox.fixture.js';
import { MentionFactory } from './factories/mention.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The incident view and its actions on a hand-built incident (issue 15 part 5). Times in UTC on
 * Friday 2026-11-20: the surge starts at 10:00 and clears at 10:30; the chart runs 08:00–11:30
 * in 5-minute buckets (42 of them; bucket i starts at 08:00 + 5·i min).
 */
const S = Date.parse('2026-11-20T10:00:00Z');
const MIN = 60_000;
const WEEK = 7 * 24 * 60 * MIN;
const at = (ms: number) => new Date(ms).toISOString();

type Key = 'm1' | 'm2' | 'm3' | 'm4' | 'm5' | 'm6' | 'm7' | 'm8' | 'm9' | 'w1' | 'w2' | 'w3' | 'w4';
type AuthorKey = 'u1' | 'u2' | 'u3' | 'u4' | 'u5' | 'u6' | 'u7' | 'u8';

interface Row {
  key: Key;
  author: AuthorKey;
  at: number;
  text: string;
  category?: string | null;
  label?: 'negative' | 'neutral' | 'positive';
  spam?: boolean;
  corrected?: Record<string, string>;
}

// Authors u1…u8; the surge's mentions are m1…m7 (m6 is spam), m8 is before the surge, m9 after the clear,
// w1…w4 are in earlier weeks (the "previous weeks" baseline and the scope's first mention).
const ROWS: Row[] = [
  { key: 'm1', author: 'u1', at: S + 1 * MIN, text: '@acme my parcel is late again, delivery is a mess', category: 'delivery', label: 'negative' },
  { key: 'm2', author: 'u2', at: S + 2 * MIN, text: '@acme parcel never arrived, delivery failed', category: 'delivery', label: 'negative' },
  { key: 'm3', author: 'u1', at: S + 12 * MIN, text: '@acme still no parcel', category: 'delivery', label: 'negative' },
  { key: 'm4', author: 'u3', at: S + 6 * MIN, text: '@acme app crashes on login', category: 'app', label: 'neutral' },
  { key: 'm5', author: 'u4', at: S + 21 * MIN, text: '@acme where is my parcel? delivery tracking broken', category: 'delivery', label: 'negative' },
  { key: 'm6', author: 'u5', at: S + 25 * MIN, text: '@acme parcel giveaway click here', category: 'delivery', label: 'negative', spam: true },
  {
    key: 'm7',
    author: 'u6',
    at: S + 8 * MIN,
    text: '@acme refund please, parcel lost',
    category: 'billing',
    label: 'negative',
    corrected: { category: 'delivery' },
  },
  { key: 'm8', author: 'u2', at: S - 20 * MIN, text: '@acme hello there', category: null, label: 'neutral' },
  { key: 'm9', author: 'u7', at: S + 35 * MIN, text: '@acme all good now', category: null, label: 'positive' },
  { key: 'w1', author: 'u8', at: S - WEEK + 3 * MIN, text: '@acme a week ago', category: null, label: 'neutral' },
  { key: 'w2', author: 'u8', at: S - 2 * WEEK + 3 * MIN, text: '@acme two weeks ago', category: null, label: 'neutral' },
  { key: 'w3', author: 'u8', at: S - 2 * WEEK + 4 * MIN, text: '@acme two weeks ago again', category: null, label: 'neutral' },
  { key: 'w4', author: 'u8', at: S - 5 * WEEK, text: '@acme five weeks ago', category: null, label: 'neutral' },
];
const TOP_TERMS = [
  { term: 'parcel', count: 5 },
  { term: 'delivery', count: 3 },
  { term: 'refund', count: 1 },
  { term: 'zebra', count: 0 },
];
/** A holding reply that passes the default voice guide (acknowledges, apologises, a next step, a private channel). */
const BODY =
  'Hi {{author.name | "there"}}, I\'m sorry about this and thanks for letting us know. Our team is working on it right now. Please send us a DM if you need help. ^{{agent.signature}}';

describe('incident view (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;
  let brandId: string;
  let alertId: string;
  let detectorAlertId: string;
  const ids = {} as Record<Key, string>;
  const authorIds = {} as Record<AuthorKey, string>;

  const get = (path: string, cookie = a.cookies.viewer) => request(t.server).get(path).set('Cookie', cookie);
  const replyRows = async () =>
    (await t.dataSource.query(
      `SELECT r.id, r.mention_id, r.text, r.status, r.client_key, r.kind FROM reply r WHERE r.workspace_id = $1 ORDER BY r.created_at, r.id`,
      [a.workspaceId],
    )) as Array<{ id: string; mention_id: string | null; text: string; status: string; client_key: string; kind: string }>;

  async function insertAlert(f: { ruleId: string | null; raisedAt: number }): Promise<string> {
    const rows = (await t.dataSource.query(
      `INSERT INTO alert_event (workspace_id, rule_id, brand_id, category, metric, status, surge_start, raised_at, detected_at, cleared_at,
                                window_minutes, observed, expected, ratio, z, top_terms, mention_count, historical, seq)
       VALUES ($1, $2, $3, NULL, 'volume', 'cleared', $4, $5, $5, $6, 5, 4, 0.5, 8, 7.5, $7::jsonb, 6, false, 1) RETURNING id`,
      [a.workspaceId, f.ruleId, brandId, at(S), at(f.raisedAt), at(S + 30 * MIN), JSON.stringify(TOP_TERMS)],
    )) as Array<{ id: string }>;
    return rows[0]!.id;
  }

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Incident A');
    b = await InboxFixture.create(t, 'Incident B');
    brandId = ((await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [a.workspaceId])) as Array<{ id: string }>)[0]!.id;
    const built = ROWS.map((r) =>
      MentionFactory.from({
        text: r.text,
        author: {
          externalId: `ext-${r.author}`,
          handle: `${r.author}@mastodon.example`,
          displayName: r.author === 'u2' ? null : `User ${r.author.toUpperCase()}`,
          followers: 10,
          avatarUrl: null,
          verified: false,
          bot: false,
        },
      }).build(),
    );
    const stored = await a.store(built);
    expect(stored).toHaveLength(ROWS.length);
    for (const [i, r] of ROWS.entries()) {
      ids[r.key] = stored[i]!;
      await t.dataSource.query(
        `UPDATE mention SET posted_at = $2, category = $3, sentiment_label = $4, spam = $5, corrected = $6::jsonb, intent = 'complaint' WHERE id = $1 AND workspace_id = $7`,
        [stored[i], at(r.at), r.category ?? null, r.label ?? null, r.spam ?? false, JSON.stringify(r.corrected ?? {}), a.workspaceId],
      );
    }
    for (const row of (await t.dataSource.query(`SELECT id, external_id FROM author WHERE workspace_id = $1`, [a.workspaceId])) as Array<{
      id: string;
      external_id: string;
    }>)
      authorIds[row.external_id.replace('ext-', '') as AuthorKey] = row.id;
    // The same instants in workspace B: none of them may show in A's incident.
    await b.store(ROWS.map((r) => MentionFactory.from({ text: r.text }).build()));

    alertId = await insertAlert({ ruleId: null, raisedAt: S + 5 * MIN });
    // A rule whose detector learned 2 mentions a minute in every hour of the week but 3 at Friday 10:00 UTC.
    const state = createDetector({ timeZone: 'UTC' }).toJSON();
    const friday10 = hourOfWeekIn('UTC')(S);
    state.state.slotMean = state.state.slotMean.map((_, i) => (i === friday10 ? 3 : 2));
    state.state.slotSamples = state.state.slotSamples.map(() => 100);
    const rule = (await t.dataSource.query(
      `INSERT INTO alert_rule (workspace_id, brand_id, category, detector_state) VALUES ($1, $2, NULL, $3::jsonb) RETURNING id`,
      [a.workspaceId, brandId, JSON.stringify(state)],
    )) as Array<{ id: string }>;
    detectorAlertId = await insertAlert({ ruleId: rule[0]!.id, raisedAt: S + 6 * MIN });
  }, 120_000);
  afterAll(() => t?.close());

  it('rejects the wrong caller: anonymous 401, another workspace 404, viewers and agents cannot act', async () => {
    await request(t.server).get(`/api/alerts/${alertId}/incident`).expect(401);
    const other = await get(`/api/alerts/${alertId}/incident`, b.cookies.admin).expect(404);
    expect(other.body.message).toBe('No such alert in this workspace.');
    for (const role of ['viewer', 'agent', 'trainee'] as const) {
      await request(t.server).post(`/api/alerts/${alertId}/replies`).set('Cookie', a.cookies[role]).send({ body: BODY, clientKey: 'ck-roles-1' }).expect(403);
      await request(t.server)
        .post(`/api/alerts/${alertId}/status-post`)
        .set('Cookie', a.cookies[role])
        .send({ body: 'x', clientKey: 'ck-roles-2' })
        .expect(403);
    }
    await request(t.server).post(`/api/alerts/${alertId}/replies`).set('Cookie', b.cookies.manager).send({ body: BODY, clientKey: 'ck-roles-3' }).expect(404);
    await request(t.server).post(`/api/alerts/${alertId}/replies`).set('Cookie', a.cookies.manager).send({ body: BODY, clientKey: 'short' }).expect(400);
    expect(await replyRows()).toEqual([]);
  });

  it('the surge against the previous four weeks, 5-minute buckets from two hours before to an hour after the clear', async () => {
    const r = (await get(`/api/alerts/${alertId}/incident`).expect(200)).body as Incident;
    expect(r.alert).toMatchObject({ id: alertId, brandId, brandName: 'Acme', status: 'cleared', surgeStart: at(S), clearedAt: at(S + 30 * MIN) });
    expect(r.alert.inboxPath).toBe(
      `/inbox?status=all&brandId=${brandId}&postedFrom=${encodeURIComponent(at(S))}&postedTo=${encodeURIComponent(at(S + 30 * MIN))}`,
    );
    expect(r.window).toEqual({ from: at(S - 120 * MIN), to: at(S + 90 * MIN), bucketMinutes: 5 });
    expect(r.expectedBasis).toBe('previous_weeks');
    expect(r.series).toHaveLength(42);
    expect(r.series[0]!.start).toBe(at(S - 120 * MIN));
    // Observed (spam left out): m8 09:40 → 20; m1, m2 → 24; m4, m7 → 25; m3 → 26; m5 → 28; m9 10:35 → 31.
    const observed = Object.fromEntries(r.series.flatMap((p, i) => (p.observed ? [[i, [p.observed, p.negative]]] : [])));
    expect(observed).toEqual({ 20: [1, 0], 24: [2, 2], 25: [2, 1], 26: [1, 1], 28: [1, 1], 31: [1, 0] });
    // Expected: w1 (a week before, 10:03) and w2, w3 (two weeks before, 10:03 and 10:04) fall in bucket 24; four weeks of history → 3 / 4.
    const expected = Object.fromEntries(r.series.flatMap((p, i) => (p.expected ? [[i, p.expected]] : [])));
    expect(expected).toEqual({ 24: 0.75 });
    expect(r.series.every((p) => p.expected !== null)).toBe(true);
  });

  it("the surge against the rule's detector: expectedAt summed over each bucket's minutes", async () => {
    const r = (await get(`/api/alerts/${detectorAlertId}/incident`).expect(200)).body as Incident;
    expect(r.expectedBasis).toBe('detector');
    // Slot means 2, Friday 10:00 is 3; a slot is smoothed with its neighbours (½ own, ¼ each side): 08:00 → 2, 09:00 → 2.25,
    // 10:00 → 2.5, 11:00 → 2.25 a minute; five minutes a bucket.
    const perHour = new Map<string, Set<number | null>>();
    for (const p of r.series) perHour.set(p.start.slice(11, 13), (perHour.get(p.start.slice(11, 13)) ?? new Set()).add(p.expected));
    expect(Object.fromEntries([...perHour].map(([h, v]) => [h, [...v]]))).toEqual({ '08': [10], '09': [11.25], '10': [12.5], '11': [11.25] });
  });

  it('groups the mentions by category (corrections win, spam out) and by top term, with counts, distinct authors and samples', async () => {
    const r = (await get(`/api/alerts/${alertId}/incident`).expect(200)).body as Incident;
    expect(r.groups.map((g) => [g.key, g.kind, g.label, g.count, g.authors, g.sample.length])).toEqual([
      ['category:delivery', 'category', 'Delivery', 5, 4, 3], // m1, m2, m3, m5, m7 (billing corrected to delivery); u1 twice
      ['category:app', 'category', 'App', 1, 1, 1],
      ['term:parcel', 'term', '“parcel”', 5, 4, 3], // m1, m2, m3, m5, m7
      ['term:delivery', 'term', '“delivery”', 3, 3, 3], // m1, m2, m5
      ['term:refund', 'term', '“refund”', 1, 1, 1], // m7; "zebra" matches nothing: no group
    ]);
    const delivery = r.groups[0]!;
    expect(new Set(delivery.sample.map((m) => m.author.id)).size).toBe(3);
    expect(delivery.sample.every((m) => [ids.m1, ids.m2, ids.m3, ids.m5, ids.m7].includes(m.id))).toBe(true);
    expect(r.counts).toEqual({ mentions: 6, authors: 5, negative: 5, replied: 0, toAnswer: 5 });
    // Authors, latest mention first: u4 (m5 10:21), u1 (m3 10:12), u6 (m7 10:08), u3 (m4 10:06), u2 (m2 10:02).
    expect(r.authors.map((x) => [x.handle, x.mentionId, x.mentions, x.replied, x.canReply])).toEqual([
      ['u4@mastodon.example', ids.m5, 1, false, true],
      ['u1@mastodon.example', ids.m3, 2, false, true],
      ['u6@mastodon.example', ids.m7, 1, false, true],
      ['u3@mastodon.example', ids.m4, 1, false, true],
      ['u2@mastodon.example', ids.m2, 1, false, true],
    ]);
    expect(new Set(r.authors.map((x) => x.ref)).size).toBe(5);
  });

  it("proposes Earshot's default holding statement when no template suits, linted clean for the first author to answer", async () => {
    const r = (await get(`/api/alerts/${alertId}/incident`).expect(200)).body as Incident;
    const h = r.holdingStatement;
    expect(h).toMatchObject({ templateId: null, templateTitle: null, previewMentionId: ids.m5 });
    expect(h.body).toMatch(/^Hi \{\{author\.name \| "there"\}\}, I'm sorry about this/);
    expect(h.body.endsWith(' ^{{agent.signature}}')).toBe(true);
    const ref = r.authors[0]!.ref;
    expect(h.preview).toMatch(new RegExp(`^Hi User U4, I'm sorry about this .* \\(ref ${ref}\\) \\^\\S+$`));
    expect(h.lint).toMatchObject({ blocked: false, requiresApproval: false, findings: [] });
    expect(r.statusPostDraft.body).toMatch(/^We know some Acme customers are having a problem right now\./);
    expect(r.statusPostDraft.lint.blocked).toBe(false);
    expect(r.statusPostSources).toEqual([{ id: a.sourceId, name: 'Mastodon', platform: 'mastodon', suggested: true }]);
  });

  it("picks the brand's incident/apology template that suits the incident; a template without the words, or for another category, is passed over", async () => {
    const make = (body: Record<string, unknown>) =>
      request(t.server)
        .post('/api/templates')
        .set('Cookie', a.cookies.manager)
        .send({ brandId, ...body })
        .expect(201);
    await make({ title: 'Order update', intents: ['complaint'], body: 'Your order is on its way, {{author.name | "there"}}. ^{{agent.signature}}' });
    await make({ title: 'Billing outage', intents: ['complaint'], categories: ['billing'], body: 'Sorry, billing is down. ^{{agent.signature}}' });
    const outage = await make({
      title: 'Outage: we know',
      intents: ['complaint'],
      body: 'Hi {{author.name | "there"}}, sorry about the trouble and thanks for letting us know: we know about the problem and are fixing it. Please DM us if you need help. ^{{agent.signature}}',
    });
    const r = (await get(`/api/alerts/${alertId}/incident`).expect(200)).body as Incident;
    expect(r.holdingStatement).toMatchObject({ templateId: outage.body.id, templateTitle: 'Outage: we know' });
    expect(r.holdingStatement.preview).toMatch(/^Hi User U4, sorry about the trouble .* \(ref [a-z2-9]{5}\) \^\S+$/);
    expect(r.holdingStatement.lint.blocked).toBe(false);
  });

  it('a linter block stops every reply: 400 with the findings, nothing queued', async () => {
    const res = await request(t.server)
      .post(`/api/alerts/${alertId}/replies`)
      .set('Cookie', a.cookies.manager)
      .send({ body: 'Hi {{author.name | "there"}}, we apologize for any inconvenience. Please DM us. ^{{agent.signature}}', clientKey: 'ck-blocked-1' })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'lint_blocked' });
    expect(res.body.message).toMatch(/^The reply cannot be sent as written \(5 of 5 authors' replies are blocked; nothing was queued\)/);
    expect(res.body.findings.some((f: { ruleId: string }) => f.ruleId === 'banned_phrase')).toBe(true);
    const missing = await request(t.server)
      .post(`/api/alerts/${alertId}/replies`)
      .set('Cookie', a.cookies.manager)
      .send({ body: 'Hi {{author.name}}, sorry about this. ^{{agent.signature}}', clientKey: 'ck-blocked-2' })
      .expect(400);
    expect(missing.body.message).toMatch(/\{\{author\.name\}\} has no value for 1 of 5 authors and no fallback.*Nothing was queued\./);
    expect(await replyRows()).toEqual([]);
  });

  it('answers each author once through the outbox, individually addressed; skips the answered, the unanswerable and the claimed; the same clientKey again queues nothing', async () => {
    // u4 was already answered by an agent; u6's mention lost its source (not answerable); an agent holds u3's mention.
    await request(t.server).post(`/api/mentions/${ids.m5}/claim`).set('Cookie', a.cookies.agent).send({}).expect(200);
    await request(t.server)
      .post(`/api/mentions/${ids.m5}/replies`)
      .set('Cookie', a.cookies.agent)
      .send({ text: "I'm sorry about this, thanks for letting us know. Please DM us your order number. ^AU", clientKey: 'agent-reply-1' })
      .expect(201);
    await t.dataSource.query(`UPDATE mention SET source_id = NULL WHERE id = $1`, [ids.m7]);
    await request(t.server).post(`/api/mentions/${ids.m4}/claim`).set('Cookie', a.cookies.agent).send({}).expect(200);

    const view = (await get(`/api/alerts/${alertId}/incident`).expect(200)).body as Incident;
    expect(view.counts).toEqual({ mentions: 6, authors: 5, negative: 5, replied: 1, toAnswer: 3 });
    expect(view.authors.find((x) => x.mentionId === ids.m5)).toMatchObject({ replied: true, replyStatus: 'queued' });
    expect(view.authors.find((x) => x.mentionId === ids.m7)).toMatchObject({ canReply: false, cannotReply: expect.stringMatching(/source .* is gone/) });

    const before = (await replyRows()).length;
    const clientKey = `ck-${randomBytes(6).toString('hex')}`;
    const first = (await request(t.server).post(`/api/alerts/${alertId}/replies`).set('Cookie', a.cookies.manager).send({ body: BODY, clientKey }).expect(200))
      .body as IncidentRepliesResult;
    expect(first.queued).toBe(2);
    expect(first.pendingApproval).toBe(0);
    expect(first.replies.map((r) => [r.authorId, r.mentionId, r.status]).sort()).toEqual(
      [
        [authorIds.u1, ids.m3, 'queued'], // u1's latest mention, not m1
        [authorIds.u2, ids.m2, 'queued'],
      ].sort(),
    );
    expect(first.skipped.map((s) => [s.authorId, s.reason]).sort()).toEqual(
      [
        [authorIds.u3, 'claimed'],
        [authorIds.u4, 'already_replied'],
        [authorIds.u6, 'not_replyable'],
      ].sort(),
    );
    const rows = (await replyRows()).slice(before);
    expect(rows).toHaveLength(2);
    const texts = new Map(rows.map((r) => [r.mention_id, r.text]));
    // Rendered per author (u2 has no display name: the fallback), each with its own reference before the sign-off.
    expect(texts.get(ids.m3)).toMatch(/^Hi User U1, I'm sorry about this .* \(ref [a-z2-9]{5}\) \^\S+$/);
    expect(texts.get(ids.m2)).toMatch(/^Hi there, I'm sorry about this .* \(ref [a-z2-9]{5}\) \^\S+$/);
    expect(new Set(rows.map((r) => r.text)).size).toBe(2);
    // The manager's claims were given back once the replies were queued; the agent still holds u3's mention.
    const claims = (await t.dataSource.query(`SELECT id, claimed_by_id FROM mention WHERE id = ANY($1::uuid[])`, [[ids.m3, ids.m2, ids.m4]])) as Array<{
      id: string;
      claimed_by_id: string | null;
    }>;
    expect(Object.fromEntries(claims.map((c) => [c.id, c.claimed_by_id]))).toEqual({ [ids.m3]: null, [ids.m2]: null, [ids.m4]: a.users.agent.id });

    // The same request again (a double click, a retry after a lost answer): nothing queued twice.
    const again = (await request(t.server).post(`/api/alerts/${alertId}/replies`).set('Cookie', a.cookies.manager).send({ body: BODY, clientKey }).expect(200))
      .body as IncidentRepliesResult;
    expect(again.queued).toBe(0);
    expect(again.skipped.map((s) => [s.authorId, s.reason]).sort()).toEqual(
      [
        [authorIds.u1, 'already_queued'],
        [authorIds.u2, 'already_queued'],
        [authorIds.u3, 'claimed'],
        [authorIds.u4, 'already_replied'],
        [authorIds.u6, 'not_replyable'],
      ].sort(),
    );
    // A new request (another clientKey) finds them answered.
    const later = (
      await request(t.server)
        .post(`/api/alerts/${alertId}/replies`)
        .set('Cookie', a.cookies.admin)
        .send({ body: BODY, clientKey: `ck-${randomBytes(6).toString('hex')}` })
        .expect(200)
    ).body as IncidentRepliesResult;
    expect(later.queued).toBe(0);
    expect(
      later.skipped
        .filter((s) => s.reason === 'already_replied')
        .map((s) => s.authorId)
        .sort(),
    ).toEqual([authorIds.u1, authorIds.u2, authorIds.u4].sort());
    expect((await replyRows()).length).toBe(before + 2);
    const audit = (await t.dataSource.query(`SELECT data FROM audit_event WHERE workspace_id = $1 AND action = 'alert.authors_answered' ORDER BY created_at`, [
      a.workspaceId,
    ])) as Array<{ data: unknown }>;
    expect(audit[0]!.data).toEqual({ authors: 5, queued: 2, pendingApproval: 0, skipped: { claimed: 1, already_replied: 1, not_replyable: 1 } });

    const after = (await get(`/api/alerts/${alertId}/incident`).expect(200)).body as Incident;
    expect(after.counts).toMatchObject({ replied: 3, toAnswer: 1 });
  });

  it('queues one status post (not a reply) per clientKey through the suggested source; linted; listed on the incident', async () => {
    const clientKey = `sp-${randomBytes(6).toString('hex')}`;
    const body =
      'We know some {{brand.name}} customers have a delivery problem right now. Our team is working on it, updates follow here. ^{{agent.signature}}';
    const first = await request(t.server).post(`/api/alerts/${alertId}/status-post`).set('Cookie', a.cookies.manager).send({ body, clientKey }).expect(201);
    const post = first.body as StatusPost;
    expect(post).toMatchObject({ sourceId: a.sourceId, platform: 'mastodon', status: 'queued', externalId: null });
    expect(post.text).toMatch(/^We know some Acme customers have a delivery problem right now\. .* \^\S+$/);
    const again = await request(t.server).post(`/api/alerts/${alertId}/status-post`).set('Cookie', a.cookies.manager).send({ body, clientKey }).expect(200);
    expect((again.body as StatusPost).id).toBe(post.id);
    const row = (await replyRows()).find((r) => r.id === post.id)!;
    expect(row).toMatchObject({ kind: 'post', mention_id: null, status: 'queued' });
    // A status post is not a reply: the reply lists leave it out.
    const list = await get('/api/replies').expect(200);
    expect((list.body.items as Array<{ id: string }>).some((r) => r.id === post.id)).toBe(false);
    // Blocked by the linter, or a promise (there is no one to approve it on a mention): refused, nothing queued.
    const blocked = await request(t.server)
      .post(`/api/alerts/${alertId}/status-post`)
      .set('Cookie', a.cookies.manager)
      .send({ body: 'Dear valued customer, we are on it.', clientKey: `sp-${randomBytes(6).toString('hex')}` })
      .expect(400);
    expect(blocked.body.code).toBe('lint_blocked');
    const promise = await request(t.server)
      .post(`/api/alerts/${alertId}/status-post`)
      .set('Cookie', a.cookies.manager)
      .send({ body: 'Everyone affected gets a refund. ^{{agent.signature}}', clientKey: `sp-${randomBytes(6).toString('hex')}` })
      .expect(400);
    expect(promise.body).toMatchObject({ code: 'needs_approval' });
    const otherSource = await request(t.server)
      .post(`/api/alerts/${alertId}/status-post`)
      .set('Cookie', a.cookies.manager)
      .send({ body, sourceId: b.sourceId, clientKey: `sp-${randomBytes(6).toString('hex')}` })
      .expect(400);
    expect(otherSource.body.message).toMatch(/^Invalid request: sourceId is not a source of this workspace that can post/);
    // The key of a reply cannot be reused for a post.
    await request(t.server).post(`/api/alerts/${alertId}/status-post`).set('Cookie', a.cookies.manager).send({ body, clientKey: 'agent-reply-1' }).expect(409);
    const view = (await get(`/api/alerts/${alertId}/incident`).expect(200)).body as Incident;
    expect(view.statusPosts.map((p) => [p.id, p.status])).toEqual([[post.id, 'queued']]);
    expect((await replyRows()).filter((r) => r.kind === 'post')).toHaveLength(1);
  });
});
