import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { AgentFigures, Role, TeamFigures, TeamReport } from '@earshot/contracts';
import { InboxFixture } from './factories/inbox.fixture.js';
import { MentionFactory } from './factories/mention.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * Team performance on a hand-computed workspace (UTC), range [2026-11-01, 2026-11-08). Every
 * mention's received time, SLA due time, replies and status history are set by hand; the figures
 * in the comments are worked out from them. Users: AG = "agent user", TR = "trainee user",
 * MG = "manager user".
 */
type Who = 'agent' | 'trainee' | 'manager';
interface Fixture {
  key: string;
  author: string;
  posted: string;
  /** Received (created_at); defaults to posted. */
  received?: string;
  intent?: string;
  score?: number;
  spam?: boolean;
  status?: string;
  due?: string | null;
  breached?: string | null;
  firstResponse?: string | null;
  resolved?: string | null;
  assignee?: Who;
  replies?: Array<{ by: Who; sent?: string; status?: string; resolve?: boolean }>;
  /** Status history in the audit log: [when, status, action]. */
  audit?: Array<[string, string, ('mention.updated' | 'mention.bulk_updated')?]>;
}

const D = (s: string) => `2026-11-${s}Z`;

const FIXTURES: Fixture[] = [
  // m1: complaint answered by AG after 20 min (due 60 min) with "send and resolve" → FR 20, resolution 20, SLA met.
  {
    key: 'm1',
    author: 'x1',
    posted: D('02T10:00:00'),
    received: D('02T10:05:00'),
    intent: 'complaint',
    score: -0.6,
    status: 'resolved',
    due: D('02T11:05:00'),
    firstResponse: D('02T10:25:00'),
    resolved: D('02T10:25:00'),
    replies: [{ by: 'agent', sent: D('02T10:25:00'), resolve: true }],
  },
  // m2: complaint answered by AG after 120 min (due 60) → FR 120, SLA missed; a failed reply (not counted) and MG's second reply.
  {
    key: 'm2',
    author: 'x2',
    posted: D('02T12:00:00'),
    intent: 'complaint',
    score: -0.8,
    status: 'pending',
    due: D('02T13:00:00'),
    firstResponse: D('02T14:00:00'),
    replies: [
      { by: 'agent', sent: D('02T14:00:00') },
      { by: 'agent', status: 'failed' },
      { by: 'manager', sent: D('02T15:00:00') },
    ],
  },
  // m3: question answered by TR after 30 min (met); resolved at 10:00, reopened at 12:00 → resolved once, reopened; not resolved now.
  {
    key: 'm3',
    author: 'x3',
    posted: D('03T09:00:00'),
    intent: 'question',
    score: 0,
    status: 'open',
    due: D('03T10:00:00'),
    firstResponse: D('03T09:30:00'),
    replies: [{ by: 'trainee', sent: D('03T09:30:00') }],
    audit: [
      [D('03T09:45:00'), 'open'],
      [D('03T10:00:00'), 'resolved'],
      [D('03T12:00:00'), 'open'],
    ],
  },
  // m4: x1's complaint, unanswered, assigned to AG, breached → SLA missed (owner AG).
  {
    key: 'm4',
    author: 'x1',
    posted: D('04T08:00:00'),
    intent: 'complaint',
    score: 0.2,
    status: 'new',
    due: D('04T09:00:00'),
    breached: D('04T09:00:00'),
    assignee: 'agent',
  },
  // m5: complaint closed unanswered after 30 min (a one-mention bulk change), no owner → resolution 30; not in SLA attainment.
  {
    key: 'm5',
    author: 'x4',
    posted: D('05T08:00:00'),
    intent: 'complaint',
    score: -0.3,
    status: 'resolved',
    due: D('05T09:00:00'),
    resolved: D('05T08:30:00'),
    audit: [[D('05T08:30:00'), 'resolved', 'mention.bulk_updated']],
  },
  // m6: spam (left out): a complaint AG answered.
  {
    key: 'm6',
    author: 'x5',
    posted: D('05T10:00:00'),
    intent: 'complaint',
    score: -0.9,
    spam: true,
    status: 'pending',
    due: D('05T11:00:00'),
    firstResponse: D('05T10:20:00'),
    replies: [{ by: 'agent', sent: D('05T10:20:00') }],
  },
  // m7: posted before the range (left out).
  {
    key: 'm7',
    author: 'x8',
    posted: '2026-10-31T10:00:00Z',
    intent: 'complaint',
    score: -0.2,
    status: 'pending',
    due: '2026-10-31T11:00:00Z',
    firstResponse: '2026-10-31T10:10:00Z',
    replies: [{ by: 'agent', sent: '2026-10-31T10:10:00Z' }],
  },
  // m8: complaint assigned to TR, still open and unanswered past its due time (the breach check has not run) → SLA missed.
  { key: 'm8', author: 'x6', posted: D('06T10:00:00'), intent: 'complaint', score: -0.5, status: 'open', due: D('06T11:00:00'), assignee: 'trainee' },
  // m9: a question not due yet → not in SLA attainment; no owner.
  { key: 'm9', author: 'x7', posted: D('07T10:00:00'), intent: 'question', score: 0.1, status: 'open', due: '2099-01-01T00:00:00Z' },
  // Outside the range, read only for sentiment recovery: x1 before m1 (-0.2, 3 days earlier) and after AG's reply (0.6);
  // x2 after the 7-day window; x3 after TR's reply (-0.5) and a spam post (left out).
  { key: 'x1-before', author: 'x1', posted: '2026-10-30T10:00:00Z', score: -0.2, status: 'ignored', due: null },
  { key: 'x1-after', author: 'x1', posted: D('08T12:00:00'), score: 0.6, status: 'ignored', due: null },
  { key: 'x2-late', author: 'x2', posted: D('20T12:00:00'), score: 0.9, status: 'ignored', due: null },
  { key: 'x3-after', author: 'x3', posted: D('09T09:00:00'), score: -0.5, status: 'ignored', due: null },
  { key: 'x3-spam', author: 'x3', posted: D('04T09:00:00'), score: 0.9, spam: true, status: 'ignored', due: null },
];

/*
 * The cohort: m1, m2, m3, m4, m5, m8, m9 (m6 spam, m7 before the range).
 * Team: FR [20, 30, 120] → median 30, p90 30 + 0.8·90 = 102; resolution (resolved now) [20, 30] → median 25, p90 29;
 * SLA met m1, m3; missed m2, m4, m8 → 2/5 = 0.4; complaints m1, m2, m4, m5, m8, answered m1, m2 → 0.4;
 * resolved once m1 (reply with resolve), m3, m5 → reopened m3 → 1/3 = 0.333; replies sent r1, r2, MG's → 3 + TR's → 4.
 * Recovery: x1 answered first on m1 (T 10:25): before m1 −0.6 and x1-before −0.2 → −0.4; after m4 0.2 and x1-after 0.6
 * → 0.4: +0.8, improved. x2: nothing within 7 days after → not counted. x3: before m3 0, after x3-after −0.5 (spam left
 * out) → −0.5. → authors 2, improved 1, share 0.5, average delta (0.8 − 0.5) / 2 = 0.15.
 * Owners: AG m1, m2 (first replies), m4 (assigned); TR m3 (first reply), m8 (assigned); m5, m9 nobody.
 */
const TEAM: TeamFigures = {
  firstResponse: { medianMinutes: 30, p90Minutes: 102, count: 3 },
  resolution: { medianMinutes: 25, p90Minutes: 29, count: 2 },
  slaAttainment: 0.4,
  responseRate: 0.4,
  reopenRate: 0.333,
  repliesSent: 4,
  sentimentRecovery: { authors: 2, improved: 1, share: 0.5, averageDelta: 0.15 },
};
const NOTHING: TeamFigures = {
  firstResponse: { medianMinutes: null, p90Minutes: null, count: 0 },
  resolution: { medianMinutes: null, p90Minutes: null, count: 0 },
  slaAttainment: null,
  responseRate: null,
  reopenRate: null,
  repliesSent: 0,
  sentimentRecovery: { authors: 0, improved: 0, share: null, averageDelta: null },
};
/** AG: FR m1 20, m2 120 → median 70, p90 110; resolution m1 20; SLA 1 of 3; complaints answered 2 of 3; m1 resolved, not reopened; r1, r2; x1 +0.8. */
const AGENT: TeamFigures = {
  firstResponse: { medianMinutes: 70, p90Minutes: 110, count: 2 },
  resolution: { medianMinutes: 20, p90Minutes: 20, count: 1 },
  slaAttainment: 0.333,
  responseRate: 0.667,
  reopenRate: 0,
  repliesSent: 2,
  sentimentRecovery: { authors: 1, improved: 1, share: 1, averageDelta: 0.8 },
};
/** TR: FR m3 30; nothing resolved now; SLA m3 met, m8 missed; complaint m8 unanswered; m3 reopened; one reply; x3 −0.5. */
const TRAINEE: TeamFigures = {
  firstResponse: { medianMinutes: 30, p90Minutes: 30, count: 1 },
  resolution: { medianMinutes: null, p90Minutes: null, count: 0 },
  slaAttainment: 0.5,
  responseRate: 0,
  reopenRate: 1,
  repliesSent: 1,
  sentimentRecovery: { authors: 1, improved: 0, share: 0, averageDelta: -0.5 },
};
/** MG owns nothing; one reply (the second one on m2). */
const MANAGER: TeamFigures = { ...NOTHING, repliesSent: 1 };

describe('team performance (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;
  const ids = new Map<string, string>();
  const RANGE = 'from=2026-11-01&to=2026-11-08';

  const team = async (qs: string, role: Role = 'viewer', f = () => a) =>
    (await request(t.server).get(`/api/analytics/team?${qs}`).set('Cookie', f().cookies[role]).expect(200)).body as TeamReport;
  const row = (r: TeamReport, name: string): AgentFigures | undefined => r.agents.find((x) => x.name === name);
  const strip = (x: AgentFigures | undefined): TeamFigures | undefined => {
    if (!x) return undefined;
    const { userId: _u, name: _n, ...rest } = x;
    return rest;
  };

  async function seed(f: InboxFixture, fixtures: Fixture[]) {
    const user = (w: Who) => f.users[w].id;
    const built = fixtures.map((x) =>
      MentionFactory.from({
        text: `@acme team fixture ${x.key}`,
        author: {
          externalId: `${f.workspaceId}-${x.author}`,
          handle: `${x.author}@mastodon.example`,
          displayName: null,
          followers: 10,
          avatarUrl: null,
          verified: false,
          bot: false,
        },
      }).build(),
    );
    const stored = await f.store(built);
    expect(stored).toHaveLength(fixtures.length);
    for (const [i, x] of fixtures.entries()) {
      const id = stored[i]!;
      if (f === a) ids.set(x.key, id);
      await t.dataSource.query(
        `UPDATE mention SET posted_at = $3, created_at = $4, intent = $5, sentiment_score = $6, sentiment_label = NULL, spam = $7, status = $8,
                sla_due_at = $9, sla_breached_at = $10, first_response_at = $11, resolved_at = $12, assignee_id = $13, category = NULL
          WHERE id = $1 AND workspace_id = $2`,
        [
          id,
          f.workspaceId,
          x.posted,
          x.received ?? x.posted,
          x.intent ?? null,
          x.score ?? null,
          x.spam ?? false,
          x.status ?? 'new',
          x.due === undefined ? null : x.due,
          x.breached ?? null,
          x.firstResponse ?? null,
          x.resolved ?? null,
          x.assignee ? user(x.assignee) : null,
        ],
      );
      for (const r of x.replies ?? [])
        await t.dataSource.query(
          `INSERT INTO reply (workspace_id, mention_id, platform, text, status, author_user_id, lint_report, idempotency_key, client_key, sent_at, resolve_on_send)
           VALUES ($1, $2, 'mastodon', 'Sorry to hear that', $3, $4, '{}'::jsonb, $5, $6, $7, $8)`,
          [f.workspaceId, id, r.status ?? 'sent', user(r.by), randomUUID(), randomUUID(), r.sent ?? null, r.resolve ?? false],
        );
      for (const [at, status, action] of x.audit ?? [])
        await t.dataSource.query(
          `INSERT INTO audit_event (workspace_id, actor_user_id, action, target_type, target_id, data, created_at) VALUES ($1, $2, $3, 'mention', $4, $5::jsonb, $6)`,
          [f.workspaceId, user('trainee'), action ?? 'mention.updated', id, JSON.stringify({ status }), at],
        );
    }
  }

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    a = await InboxFixture.create(t, 'Team A');
    b = await InboxFixture.create(t, 'Team B');
    await seed(a, FIXTURES);
    // B: the same history twice; none of it may show in A's figures.
    await seed(b, [...FIXTURES, ...FIXTURES]);
  }, 120_000);
  afterAll(() => t.close());

  it('computes the team figures by hand-checked definitions; every role sees the same team row', async () => {
    for (const role of ['admin', 'manager', 'agent', 'trainee', 'viewer'] as const) {
      const r = await team(RANGE, role);
      expect({ role, range: r.range, team: r.team }).toEqual({
        role,
        range: { from: '2026-11-01T00:00:00.000Z', to: '2026-11-08T00:00:00.000Z', timeZone: 'UTC' },
        team: TEAM,
      });
    }
  });

  it('per person: managers and admins see everyone who can reply, an agent or trainee only their own row, a viewer none', async () => {
    for (const role of ['admin', 'manager'] as const) {
      const r = await team(RANGE, role);
      expect(r.agents.map((x) => x.name)).toEqual(['admin user', 'agent user', 'manager user', 'trainee user']);
      expect(r.agents.map((x) => x.userId)).toEqual([a.users.admin.id, a.users.agent.id, a.users.manager.id, a.users.trainee.id]);
      expect(strip(row(r, 'agent user'))).toEqual(AGENT);
      expect(strip(row(r, 'trainee user'))).toEqual(TRAINEE);
      expect(strip(row(r, 'manager user'))).toEqual(MANAGER);
      expect(strip(row(r, 'admin user'))).toEqual(NOTHING);
    }
    const agent = await team(RANGE, 'agent');
    expect(agent.agents).toEqual([{ userId: a.users.agent.id, name: 'agent user', ...AGENT }]);
    const trainee = await team(RANGE, 'trainee');
    expect(trainee.agents).toEqual([{ userId: a.users.trainee.id, name: 'trainee user', ...TRAINEE }]);
    expect((await team(RANGE, 'viewer')).agents).toEqual([]);
  });

  it('lists a former agent (now a viewer) to managers when they have figures in the range, never to others', async () => {
    await t.dataSource.query(`UPDATE "user" SET role = 'viewer' WHERE id = $1`, [a.users.trainee.id]);
    try {
      const r = await team(RANGE, 'manager');
      expect(strip(row(r, 'trainee user'))).toEqual(TRAINEE);
      expect(r.agents.map((x) => x.name)).toEqual(['admin user', 'agent user', 'manager user', 'trainee user']);
    } finally {
      await t.dataSource.query(`UPDATE "user" SET role = 'trainee' WHERE id = $1`, [a.users.trainee.id]);
    }
    // In a range where they did nothing, a viewer is not listed.
    await t.dataSource.query(`UPDATE "user" SET role = 'viewer' WHERE id = $1`, [a.users.trainee.id]);
    try {
      const r = await team('from=2026-12-01&to=2026-12-02', 'manager');
      expect(r.agents.map((x) => x.name)).toEqual(['admin user', 'agent user', 'manager user']);
    } finally {
      await t.dataSource.query(`UPDATE "user" SET role = 'trainee' WHERE id = $1`, [a.users.trainee.id]);
    }
  });

  it('takes spam in with includeSpam=true; an empty cohort gives nulls, not zeros or errors', async () => {
    // m6 joins: complaint answered by AG after 20 min (due 60) → FR [20, 20, 30, 120]: median 25, p90 30 + 0.7·90 = 93;
    // SLA 3/6 = 0.5; complaints answered 3/6 = 0.5; replies 5. x5 has nothing after → recovery unchanged.
    const r = await team(`${RANGE}&includeSpam=true`, 'manager');
    expect(r.team).toEqual({
      ...TEAM,
      firstResponse: { medianMinutes: 25, p90Minutes: 93, count: 4 },
      slaAttainment: 0.5,
      responseRate: 0.5,
      repliesSent: 5,
    });
    expect(strip(row(r, 'agent user'))!.repliesSent).toBe(3);
    const none = await team(`${RANGE}&platform=bluesky`, 'manager');
    expect(none.team).toEqual(NOTHING);
    expect(none.agents.map((x) => strip(x))).toEqual([NOTHING, NOTHING, NOTHING, NOTHING]);
  });

  it('sees a reopen made through the inbox API (status history in the audit log)', async () => {
    // A fresh complaint on 2026-11-10, resolved and reopened by the agent through PATCH /api/mentions/:id.
    const [id] = await a.store([MentionFactory.from({ text: '@acme reopened later' }).build()]);
    await t.dataSource.query(`UPDATE mention SET posted_at = '2026-11-10T10:00:00Z', intent = 'complaint', spam = false WHERE id = $1`, [id]);
    const patch = (status: string) => request(t.server).patch(`/api/mentions/${id}`).set('Cookie', a.cookies.agent).send({ status }).expect(200);
    await patch('resolved');
    let r = await team('from=2026-11-10&to=2026-11-11');
    expect({ reopenRate: r.team.reopenRate, resolution: r.team.resolution.count }).toEqual({ reopenRate: 0, resolution: 1 });
    await patch('open');
    r = await team('from=2026-11-10&to=2026-11-11');
    expect({ reopenRate: r.team.reopenRate, resolution: r.team.resolution.count }).toEqual({ reopenRate: 1, resolution: 0 });
  });

  it('counts resolutions and reopenings made in bulk: the bulk audit event names every mention it changed', async () => {
    // Five complaints posted on 2026-11-12 (their own range), changed only through POST /api/mentions/bulk.
    const stored = await a.store([1, 2, 3, 4, 5].map((n) => MentionFactory.from({ text: `@acme bulk reopen ${n}` }).build()));
    expect(stored).toHaveLength(5);
    const [m1, m2, m3, m4, m5] = stored as [string, string, string, string, string];
    await t.dataSource.query(`UPDATE mention SET posted_at = '2026-11-12T10:00:00Z', intent = 'complaint', spam = false WHERE id = ANY($1::uuid[])`, [stored]);
    const [foreign] = await b.store([MentionFactory.from({ text: '@acme bulk reopen elsewhere' }).build()]);
    const bulk = async (ids: string[], changes: Record<string, unknown>, updated: number) =>
      expect(
        ((await request(t.server).post('/api/mentions/bulk').set('Cookie', a.cookies.agent).send({ ids, changes }).expect(200)).body as { updated: number })
          .updated,
      ).toBe(updated);
    const figures = async () => {
      const r = await team('from=2026-11-12&to=2026-11-13', 'manager');
      const ag = row(r, 'agent user')!;
      return {
        team: { reopenRate: r.team.reopenRate, resolved: r.team.resolution.count },
        agent: { reopenRate: ag.reopenRate, resolved: ag.resolution.count },
      };
    };

    // m1–m4 resolved and assigned to AG in one request (B's id is ignored): resolved once 4, reopened 0.
    await bulk([m1, m2, m3, m4, foreign!], { status: 'resolved', assigneeId: a.users.agent.id }, 4);
    expect(await figures()).toEqual({ team: { reopenRate: 0, resolved: 4 }, agent: { reopenRate: 0, resolved: 4 } });
    // m1 and m2 reopened together → 2 of 4 reopened; m3 and m4 still resolved.
    await bulk([m2, m1], { status: 'open' }, 2);
    expect(await figures()).toEqual({ team: { reopenRate: 0.5, resolved: 2 }, agent: { reopenRate: 0.5, resolved: 2 } });
    // m3 moved to pending by a one-mention bulk change → 3 of 4.
    await bulk([m3], { status: 'pending' }, 1);
    expect(await figures()).toEqual({ team: { reopenRate: 0.75, resolved: 1 }, agent: { reopenRate: 0.75, resolved: 1 } });
    // m1 resolved again with m5 (unassigned): resolved once m1–m5 = 5, reopened m1, m2, m3 → 0.6; resolved now m1, m4, m5.
    // AG (assignee of m1–m4): 3 of 4 reopened; resolved now m1, m4. A tag change (no status) moves nothing.
    await bulk([m1, m5], { status: 'resolved' }, 2);
    await bulk([m2, m3], { addTags: ['followup'] }, 2);
    expect(await figures()).toEqual({ team: { reopenRate: 0.6, resolved: 3 }, agent: { reopenRate: 0.75, resolved: 2 } });

    // The audit log: one row per request, naming exactly the workspace's mentions it changed (sorted), never B's.
    const audit = (await t.dataSource.query(
      `SELECT target_id, data FROM audit_event WHERE workspace_id = $1 AND action = 'mention.bulk_updated' AND data->'ids' ?| $2::text[] ORDER BY created_at, id`,
      [a.workspaceId, stored],
    )) as Array<{ target_id: string | null; data: Record<string, unknown> }>;
    const sorted = (...ids: string[]) => [...ids].sort();
    expect(audit).toEqual([
      {
        target_id: null,
        data: { status: 'resolved', assigneeId: a.users.agent.id, count: 4, ids: sorted(m1, m2, m3, m4) },
      },
      { target_id: null, data: { status: 'open', count: 2, ids: sorted(m1, m2) } },
      { target_id: m3, data: { status: 'pending', count: 1, ids: [m3] } },
      { target_id: null, data: { status: 'resolved', count: 2, ids: sorted(m1, m5) } },
      { target_id: null, data: { addTags: ['followup'], count: 2, ids: sorted(m2, m3) } },
    ]);
    const inB = (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE data->'ids' ? $1`, [foreign])) as Array<{ n: number }>;
    expect(inB[0]!.n).toBe(0);
  });
});
