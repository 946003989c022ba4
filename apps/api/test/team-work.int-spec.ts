import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AnalyticsTeamQuerySchema, type Role, type TeamReport } from '@earshot/contracts';
import type { AuthContext } from '../src/common/auth-context.js';
import { MentionTeamWork1796580000000 } from '../src/database/migrations/1796580000000-MentionTeamWork.js';
import { AnalyticsRollupService } from '../src/modules/analytics/analytics-rollup.service.js';
import { lockRollupHours, recomputeRollupHours } from '../src/modules/analytics/analytics-rollup.repository.js';
import { TeamPerformanceService, type TeamSource } from '../src/modules/analytics/team-performance.service.js';
import { InboxFixture } from './factories/inbox.fixture.js';
import { MentionFactory } from './factories/mention.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The team's work on each mention, kept on the mention row by database triggers (migration
 * MentionTeamWork), and the team's hourly rollup built from it, which GET /api/analytics/team reads:
 * the columns follow every write of replies and status audit events, whoever makes it (here raw
 * SQL), and team figures read from them (`work`) and from the rollup (`rollup`, where it counts
 * exactly) equal the figures read from the reply and audit tables themselves (`history`), over a
 * varied workspace, before and after replies and audit events are changed and deleted, after changes
 * through the API (the rollup catches up by the change sequence) and after mentions are deleted.
 */
type Who = 'agent' | 'trainee' | 'manager' | 'admin';
const WHO: Who[] = ['agent', 'trainee', 'manager', 'admin'];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!, chance: (p: number) => next() < p };
}

interface WorkColumns {
  id: string;
  sent_reply_authors: string[] | null;
  first_reply_resolved_at: Date | null;
  first_status_resolved_at: Date | null;
  last_status_open_at: Date | null;
}

describe('team performance: the team work kept on mention rows (integration)', () => {
  let t: TestApp;
  let a: InboxFixture;
  let b: InboxFixture;
  let service: TeamPerformanceService;
  let rollups: AnalyticsRollupService;

  const auth = (role: Role = 'manager'): AuthContext => ({ userId: a.users[role].id, workspaceId: a.workspaceId, role, sessionId: 's', email: 'm@x' });
  const sql = <T = unknown>(text: string, params: unknown[] = []) => t.dataSource.query(text, params) as Promise<T>;
  const columns = async (id: string): Promise<Omit<WorkColumns, 'id'>> => {
    const [row] = await sql<WorkColumns[]>(
      `SELECT sent_reply_authors, first_reply_resolved_at, first_status_resolved_at, last_status_open_at FROM mention WHERE id = $1`,
      [id],
    );
    return { ...row! };
  };
  const allColumns = () =>
    sql<WorkColumns[]>(`SELECT id, sent_reply_authors, first_reply_resolved_at, first_status_resolved_at, last_status_open_at FROM mention ORDER BY id`);
  const reply = async (mentionId: string, by: Who, status: string, sentAt: string | null, resolve = false, f: InboxFixture = a) =>
    (
      await sql<Array<{ id: string }>>(
        `INSERT INTO reply (workspace_id, mention_id, platform, text, status, author_user_id, lint_report, idempotency_key, client_key, sent_at, resolve_on_send, created_at)
         VALUES ($1, $2, 'mastodon', 'Thanks', $3, $4, '{}'::jsonb, $5, $6, $7, $8, COALESCE($7::timestamptz, (SELECT posted_at FROM mention WHERE id = $2))) RETURNING id`,
        [f.workspaceId, mentionId, status, f.users[by].id, randomUUID(), randomUUID(), sentAt, resolve],
      )
    )[0]!.id;
  const audit = (target: string | null, data: Record<string, unknown>, at: string, action = 'mention.updated', f: InboxFixture = a) =>
    sql(
      `INSERT INTO audit_event (workspace_id, actor_user_id, action, target_type, target_id, data, created_at) VALUES ($1, $2, $3, 'mention', $4, $5::jsonb, $6)`,
      [f.workspaceId, f.users.agent.id, action, target, JSON.stringify(data), at],
    );
  const T = (s: string) => new Date(`2026-11-${s}Z`);

  beforeAll(async () => {
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:9' });
    service = t.app.get(TeamPerformanceService);
    rollups = t.app.get(AnalyticsRollupService);
    a = await InboxFixture.create(t, 'Work A');
    b = await InboxFixture.create(t, 'Work B');
  }, 120_000);
  afterAll(() => t.close());

  it('keeps the reply columns from the sent replies: authors first sent first (no time last, then by id), the first resolving send', async () => {
    const [m] = await a.store(['@acme reply columns']);
    const empty = { sent_reply_authors: null, first_reply_resolved_at: null, first_status_resolved_at: null, last_status_open_at: null };
    const r1 = await reply(m!, 'agent', 'queued', null, true);
    expect(await columns(m!)).toEqual(empty);
    await sql(`UPDATE reply SET status = 'sent', sent_at = '2026-11-02T10:05:00Z' WHERE id = $1`, [r1]);
    expect(await columns(m!)).toEqual({ ...empty, sent_reply_authors: [a.users.agent.id], first_reply_resolved_at: T('02T10:05:00') });
    const r2 = await reply(m!, 'trainee', 'sent', '2026-11-02T10:01:00Z');
    await reply(m!, 'manager', 'sent', null, true);
    await reply(m!, 'admin', 'failed', '2026-11-02T09:00:00Z', true);
    expect(await columns(m!)).toEqual({
      ...empty,
      sent_reply_authors: [a.users.trainee.id, a.users.agent.id, a.users.manager.id],
      first_reply_resolved_at: T('02T10:05:00'),
    });
    // A sent reply that failed after all leaves the list; deleting the resolving one clears its time.
    await sql(`UPDATE reply SET status = 'failed' WHERE id = $1`, [r2]);
    await sql(`DELETE FROM reply WHERE id = $1`, [r1]);
    expect(await columns(m!)).toEqual({ ...empty, sent_reply_authors: [a.users.manager.id] });
    // Two replies sent at the same instant: by reply id.
    const [n] = await a.store(['@acme same instant']);
    const ids = [await reply(n!, 'agent', 'sent', '2026-11-03T08:00:00Z'), await reply(n!, 'trainee', 'sent', '2026-11-03T08:00:00Z')];
    const byId = ids[0]! < ids[1]! ? [a.users.agent.id, a.users.trainee.id] : [a.users.trainee.id, a.users.agent.id];
    expect((await columns(n!)).sent_reply_authors).toEqual(byId);
    // A reply moved to another mention leaves the first and joins the second.
    await sql(`UPDATE reply SET mention_id = $2 WHERE id = $1`, [ids[0], m]);
    expect((await columns(n!)).sent_reply_authors).toEqual([a.users.trainee.id]);
    expect((await columns(m!)).sent_reply_authors).toEqual([a.users.agent.id, a.users.manager.id]);
  });

  it('keeps the status columns from the audit log: single and bulk events of its own workspace, in any order; updates and deletes recompute', async () => {
    const [m, n] = await a.store(['@acme status one', '@acme status two']);
    const [foreign] = await b.store(['@acme status elsewhere']);
    await audit(m!, { status: 'resolved' }, '2026-11-05T12:00:00Z');
    await audit(null, { status: 'open', ids: [n, m, 'not-a-uuid'], count: 2 }, '2026-11-05T13:00:00Z', 'mention.bulk_updated');
    await audit(m!, { status: 'resolved' }, '2026-11-05T11:00:00Z'); // older, recorded later
    await audit(m!, { addTags: ['x'] }, '2026-11-05T14:00:00Z'); // no status
    await audit(m!, { status: 'pending' }, '2026-11-05T15:00:00Z', 'mention.note_added'); // not a status change
    await audit(m!, { status: 'open' }, '2026-11-05T16:00:00Z', 'mention.updated', b); // B's event naming A's mention
    await audit(foreign!, { status: 'resolved' }, '2026-11-05T16:00:00Z'); // A's event naming B's mention
    expect(await columns(m!)).toMatchObject({ first_status_resolved_at: T('05T11:00:00'), last_status_open_at: T('05T13:00:00') });
    expect(await columns(n!)).toMatchObject({ first_status_resolved_at: null, last_status_open_at: T('05T13:00:00') });
    expect(await columns(foreign!)).toMatchObject({ first_status_resolved_at: null, last_status_open_at: null });
    // An event with an empty id list names its targetId; one with ids ignores targetId.
    await audit(n!, { status: 'resolved', ids: [] }, '2026-11-05T17:00:00Z', 'mention.bulk_updated');
    await audit(n!, { status: 'pending', ids: [m] }, '2026-11-05T18:00:00Z', 'mention.bulk_updated');
    expect(await columns(n!)).toMatchObject({ first_status_resolved_at: T('05T17:00:00'), last_status_open_at: T('05T13:00:00') });
    expect(await columns(m!)).toMatchObject({ last_status_open_at: T('05T18:00:00') });
    // Audit rows are never changed by the app; if they are, the times are recomputed from what is left.
    await sql(`DELETE FROM audit_event WHERE workspace_id = $1 AND target_id = $2 AND created_at = '2026-11-05T11:00:00Z'`, [a.workspaceId, m]);
    await sql(`UPDATE audit_event SET data = '{"status": "ignored", "ids": []}' WHERE workspace_id = $1 AND created_at = '2026-11-05T18:00:00Z'`, [
      a.workspaceId,
    ]);
    expect(await columns(m!)).toMatchObject({ first_status_resolved_at: T('05T12:00:00'), last_status_open_at: T('05T13:00:00') });
    expect(await columns(n!)).toMatchObject({ first_status_resolved_at: T('05T17:00:00'), last_status_open_at: T('05T13:00:00') });
  });

  it('gives the figures the reply and audit tables give, over a varied workspace and every filter, before and after replies and audit events change', async () => {
    const r = rng(15);
    const N = 160;
    const built = Array.from({ length: N }, (_, i) =>
      MentionFactory.from({
        text: `@acme varied ${i}`,
        platform: r.chance(0.3) ? 'bluesky' : 'mastodon',
        author: {
          externalId: `varied-${i % 23}`,
          handle: `varied${i % 23}@example`,
          displayName: null,
          followers: 1,
          avatarUrl: null,
          verified: false,
          bot: false,
        },
      }).build(),
    );
    const ids = await a.store(built);
    expect(ids).toHaveLength(N);
    const base = Date.parse('2026-11-10T00:00:00Z');
    const iso = (ms: number) => new Date(ms).toISOString();
    const posted = new Map<string, number>();
    for (const id of ids) {
      const at = base + Math.floor(r.next() * 20 * 86_400_000);
      posted.set(id, at);
      const received = at + Math.floor(r.next() * 30) * 60_000;
      const answered = r.chance(0.6) ? received + Math.floor(r.next() * 240) * 60_000 + Math.floor(r.next() * 60_000) : null;
      const resolved = r.chance(0.4) ? received + Math.floor(r.next() * 600) * 60_000 : null;
      const due = r.chance(0.15) ? null : r.chance(0.1) ? '2099-01-01T00:00:00Z' : iso(received + 60 * 60_000);
      await sql(
        `UPDATE mention SET posted_at = $2, created_at = $3, intent = $4, corrected = $5::jsonb, sentiment_score = $6, spam = $7, status = $8, sla_due_at = $9,
                sla_breached_at = $10, first_response_at = $11, resolved_at = $12, assignee_id = $13, category = $14
          WHERE id = $1`,
        [
          id,
          iso(at),
          iso(received),
          r.pick(['complaint', 'question', 'praise', null]),
          JSON.stringify(r.pick([{}, {}, {}, { intent: 'complaint' }, { intent: '' }, { intent: 'question' }])),
          r.chance(0.1) ? null : Math.round((r.next() * 2 - 1) * 100) / 100,
          r.chance(0.1),
          r.pick(['new', 'open', 'pending', 'resolved', 'ignored']),
          due,
          due && r.chance(0.2) ? due : null,
          answered === null ? null : iso(answered),
          resolved === null ? null : iso(resolved),
          r.chance(0.5) ? a.users[r.pick(WHO)].id : null,
          r.pick(['billing', 'delivery', null]),
        ],
      );
      for (let k = Math.floor(r.next() * 4); k > 0; k--) {
        const sent = r.chance(0.15) ? null : iso(received + Math.floor(r.next() * 300) * 60_000);
        await reply(id, r.pick(WHO), r.pick(['sent', 'sent', 'sent', 'failed', 'queued']), sent, r.chance(0.3));
      }
      for (let k = Math.floor(r.next() * 4); k > 0; k--)
        await audit(
          id,
          r.chance(0.15) ? { addTags: ['x'] } : { status: r.pick(['resolved', 'open', 'pending', 'new', 'ignored']) },
          iso(received + Math.floor(r.next() * 900) * 60_000),
        );
    }
    for (let k = 0; k < 12; k++) {
      const named = [r.pick(ids), r.pick(ids), r.pick(ids)];
      await audit(
        null,
        { status: r.pick(['resolved', 'open', 'pending']), ids: named, count: 3 },
        iso(base + 21 * 86_400_000 + k * 60_000),
        'mention.bulk_updated',
      );
    }
    // Three open, unanswered complaints of one hour whose SLA falls due on both sides of 11:00 (a read at 11:00 counts that hour's rows).
    const pending = await a.store(['@acme pending 1', '@acme pending 2', '@acme pending 3']);
    for (const [i, id] of pending.entries())
      await sql(
        `UPDATE mention SET posted_at = $2, created_at = $2, status = 'open', intent = 'complaint', spam = false, sla_due_at = $3, sla_breached_at = NULL,
                first_response_at = NULL, resolved_at = NULL, assignee_id = NULL WHERE id = $1`,
        [id, `2026-11-15T09:${10 + 20 * i}:00Z`, `2026-11-15T${['10:30', '11:00', '11:30'][i]}:00Z`],
      );
    // B's events naming A's mentions count for nobody.
    for (const id of ids.slice(0, 10)) await audit(id, { status: 'open' }, '2026-12-01T00:00:00Z', 'mention.updated', b);

    const brand = (await sql<Array<{ id: string }>>(`SELECT id FROM brand WHERE workspace_id = $1`, [a.workspaceId]))[0]!.id;
    const queries = [
      'from=2026-11-10&to=2026-12-01',
      'from=2026-11-10&to=2026-12-01&includeSpam=true',
      'from=2026-11-14T06:00:00Z&to=2026-11-21T18:30:00Z',
      'from=2026-11-10&to=2026-12-01&platform=bluesky',
      'from=2026-11-10&to=2026-12-01&category=billing,other',
      `from=2026-11-10&to=2026-12-01&brandId=${brand}&includeSpam=true`,
      'from=2026-11-20&to=2026-11-21',
      'from=2026-11-14T06:00:00Z&to=2026-11-21T18:00:00Z&includeSpam=true',
      'from=2026-11-15T09:05:00Z&to=2026-11-15T09:50:00Z',
    ];
    const nows = [new Date('2026-11-15T11:00:00Z'), new Date('2026-11-18T00:00:00Z'), new Date('2026-12-05T00:00:00Z')];
    const compare = async (paths: TeamSource[]) => {
      let checked = 0;
      for (const q of queries)
        for (const now of nows)
          for (const role of ['manager', 'agent'] as const) {
            const filters = AnalyticsTeamQuerySchema.parse(Object.fromEntries(new URLSearchParams(q)));
            const history: TeamReport = await service.team(auth(role), filters, now, 'history');
            // The rollup counts ranges with no filter but spam.
            const exact = !/platform|category|brandId/.test(q);
            for (const path of paths.filter((p) => p !== 'rollup' || exact)) {
              const other: TeamReport = await service.team(auth(role), filters, now, path);
              expect({ q, now, role, path, figures: other }).toEqual({ q, now, role, path, figures: history });
              checked += path === 'rollup' ? 1 : 0;
            }
          }
      return checked;
    };
    /** Raw SQL moves no change sequence: the rollups are built again from the rows. */
    const rebuild = async () => {
      await sql(`DELETE FROM analytics_rollup_state WHERE workspace_id = $1`, [a.workspaceId]);
      await rollups.ready(a.workspaceId, 'wait');
    };
    const whole = async () => (await service.team(auth(), AnalyticsTeamQuerySchema.parse({ from: '2026-11-10', to: '2026-12-01' }), nows[1], 'work')).team;

    await rebuild();
    expect(await compare(['work', 'rollup'])).toBe(6 * nows.length * 2);
    // A zone half an hour off UTC: days start at :30 (the rollup reads those half hours from the rows).
    await request(t.server).patch('/api/workspace').set('Cookie', a.cookies.manager).send({ timeZone: 'Asia/Kolkata' }).expect(200);
    expect(await compare(['rollup'])).toBe(6 * nows.length * 2);
    await request(t.server).patch('/api/workspace').set('Cookie', a.cookies.manager).send({ timeZone: 'UTC' }).expect(200);
    expect(
      await sql<unknown[]>(`SELECT 1 FROM team_hourly_rollup WHERE workspace_id = $1 AND sla_pending_first_due <= $2 AND sla_pending_last_due > $2`, [
        a.workspaceId,
        nows[0],
      ]),
    ).not.toEqual([]); // an hour whose pending SLAs fall due on both sides of a read time
    // Not a vacuous comparison: every figure has something in it.
    const team = await whole();
    expect(team.repliesSent).toBeGreaterThan(20);
    expect(team.reopenRate).toBeGreaterThan(0);
    expect(team.sentimentRecovery.authors).toBeGreaterThan(0);
    expect(team.slaAttainment).toBeGreaterThan(0);

    // Replies change (sent ones fail, queued ones are sent, times move, some are deleted) and audit events are deleted.
    await sql(
      `UPDATE reply SET status = CASE WHEN status = 'sent' THEN 'failed' ELSE 'sent' END, sent_at = COALESCE(sent_at, '2026-11-25T00:00:00Z')
        WHERE workspace_id = $1 AND id IN (SELECT id FROM reply WHERE workspace_id = $1 ORDER BY id LIMIT 40)`,
      [a.workspaceId],
    );
    await sql(`UPDATE reply SET sent_at = sent_at - interval '3 hours' WHERE workspace_id = $1 AND status = 'sent' AND author_user_id = $2`, [
      a.workspaceId,
      a.users.trainee.id,
    ]);
    await sql(`DELETE FROM reply WHERE workspace_id = $1 AND author_user_id = $2 AND resolve_on_send`, [a.workspaceId, a.users.admin.id]);
    await sql(
      `DELETE FROM audit_event WHERE workspace_id = $1 AND id IN (SELECT id FROM audit_event WHERE workspace_id = $1 AND data ? 'status' ORDER BY id DESC LIMIT 30)`,
      [a.workspaceId],
    );
    await rebuild();
    expect(await compare(['work', 'rollup'])).toBeGreaterThan(0);
    expect(await whole()).not.toEqual(team);
  });

  it('the rollup follows changes made through the API (by the change sequence) and deleted mentions (by their hours)', async () => {
    const q = AnalyticsTeamQuerySchema.parse({ from: '2026-11-10', to: '2026-12-01', includeSpam: 'true' });
    const now = new Date('2026-12-05T00:00:00Z');
    const same = async () => {
      const history = await service.team(auth(), q, now, 'history');
      expect(await service.team(auth(), q, now, 'rollup')).toEqual(history);
      return history.team;
    };
    const before = await same();
    const ids = (
      await sql<Array<{ id: string }>>(
        `SELECT id FROM mention WHERE workspace_id = $1 AND posted_at >= '2026-11-10' AND posted_at < '2026-12-01' AND first_response_at IS NULL ORDER BY id LIMIT 6`,
        [a.workspaceId],
      )
    ).map((r) => r.id);
    const patch = (id: string, body: Record<string, unknown>) =>
      request(t.server).patch(`/api/mentions/${id}`).set('Cookie', a.cookies.manager).send(body).expect(200);
    for (const id of ids.slice(0, 3)) await patch(id, { status: 'resolved', assigneeId: a.users.trainee.id });
    await patch(ids[0]!, { status: 'open' });
    const changed = await same();
    expect(changed).not.toEqual(before);
    // Deleting mentions (as clearing demo data does): their hours are recomputed in the same transaction.
    await t.dataSource.transaction(async (tx) => {
      const hours = await lockRollupHours(tx, a.workspaceId, 'm.id = ANY($2::uuid[])', [ids]);
      for (const table of ['reply', 'mention_correction', 'mention_note', 'mention_raw'])
        await tx.query(`DELETE FROM ${table} WHERE workspace_id = $1 AND mention_id = ANY($2::uuid[])`, [a.workspaceId, ids]);
      await tx.query(`DELETE FROM mention WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [a.workspaceId, ids]);
      await recomputeRollupHours(tx, a.workspaceId, hours);
    });
    expect(await same()).not.toEqual(changed);
  });

  it('the migration fills the columns from the history already there', async () => {
    const before = await allColumns();
    expect(before.filter((c) => c.sent_reply_authors !== null).length).toBeGreaterThan(50);
    expect(before.filter((c) => c.last_status_open_at !== null).length).toBeGreaterThan(20);
    const migration = new MentionTeamWork1796580000000();
    const runner = t.dataSource.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await allColumns()).toEqual(before);
  });
});
