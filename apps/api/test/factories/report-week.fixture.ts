import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { TestApp } from '../utils/create-test-app.js';
import { InboxFixture } from './inbox.fixture.js';
import { MentionFactory } from './mention.factory.js';

/** An author of the report fixtures: handle and followers (the reach the report reads). */
export interface FixtureAuthor {
  key: string;
  followers: number;
}

/** One mention of a report fixture: everything the report reads, set explicitly after ingest. */
export interface FixtureRow {
  key: string;
  author: string;
  at: string;
  text: string;
  label?: 'positive' | 'neutral' | 'negative' | null;
  intent?: string | null;
  category?: string | null;
  spam?: boolean;
  urgency?: number;
  /** Minutes from received (posted + 1 min) to the first response; null: not answered. */
  firstResponseMinutes?: number | null;
  /** Minutes from received to the SLA due time; null: no SLA. */
  slaMinutes?: number | null;
}

/**
 * A workspace for the weekly report's integration tests: an InboxFixture (Acme, own, query "acme"), a competitor
 * "Rival" (query "rival"), authors with set follower counts, and mentions stored through the real ingest and then
 * pinned (posted and received times, labels, intent, category, spam, urgency, SLA and first response), so every
 * figure of the report can be computed by hand. Everything is written before any analytics read, so the rollups
 * are built from the final rows.
 */
export class ReportWeekFixture {
  readonly ids = new Map<string, string>();
  rivalId = '';
  acmeId = '';

  private constructor(
    private readonly t: TestApp,
    readonly inbox: InboxFixture,
  ) {}

  static async create(t: TestApp, name: string, timeZone = 'Europe/Berlin'): Promise<ReportWeekFixture> {
    const f = new ReportWeekFixture(t, await InboxFixture.create(t, name));
    f.acmeId = ((await t.dataSource.query(`SELECT id FROM brand WHERE workspace_id = $1`, [f.workspaceId])) as Array<{ id: string }>)[0]!.id;
    const rival = await request(t.server)
      .post('/api/brands')
      .set('Cookie', f.inbox.cookies.admin)
      .send({ name: 'Rival', handles: ['@rival'], kind: 'competitor' })
      .expect(201);
    f.rivalId = rival.body.id as string;
    await request(t.server)
      .post('/api/listening-queries')
      .set('Cookie', f.inbox.cookies.admin)
      .send({ brandId: f.rivalId, name: 'Rival', query: 'rival', topic: 'competition' })
      .expect(201);
    await request(t.server).patch('/api/workspace').set('Cookie', f.inbox.cookies.manager).send({ timeZone }).expect(200);
    return f;
  }

  get workspaceId(): string {
    return this.inbox.workspaceId;
  }

  id(key: string): string {
    const id = this.ids.get(key);
    if (!id) throw new Error(`no mention ${key}`);
    return id;
  }

  async add(authors: readonly FixtureAuthor[], rows: readonly FixtureRow[]): Promise<void> {
    const followers = new Map(authors.map((a) => [a.key, a.followers]));
    const built = rows.map((r) =>
      MentionFactory.from({
        text: r.text,
        author: {
          externalId: `report-${r.author}`,
          handle: `${r.author}@mastodon.example`,
          displayName: r.author,
          followers: followers.get(r.author) ?? 0,
          avatarUrl: null,
          verified: false,
          bot: false,
        },
      }).build(),
    );
    const ids = await this.inbox.store(built);
    if (ids.length !== rows.length) throw new Error(`stored ${ids.length} of ${rows.length} mentions`);
    for (const [i, r] of rows.entries()) {
      this.ids.set(r.key, ids[i]!);
      await this.t.dataSource.query(
        `UPDATE mention SET posted_at = $2, created_at = $2::timestamptz + interval '1 minute', sentiment_label = $3::varchar,
                sentiment_score = CASE $3::varchar WHEN 'positive' THEN 0.5 WHEN 'negative' THEN -0.5 WHEN 'neutral' THEN 0 END,
                intent = $4, category = $5, spam = $6, corrected = '{}'::jsonb, urgency_score = $7, status = 'new',
                first_response_at = CASE WHEN $8::int IS NULL THEN NULL ELSE $2::timestamptz + interval '1 minute' + make_interval(mins => $8::int) END,
                sla_due_at = CASE WHEN $9::int IS NULL THEN NULL ELSE $2::timestamptz + interval '1 minute' + make_interval(mins => $9::int) END,
                sla_breached_at = NULL, resolved_at = NULL
          WHERE id = $1 AND workspace_id = $10`,
        [
          ids[i],
          r.at,
          r.label ?? null,
          r.intent ?? null,
          r.category ?? null,
          r.spam ?? false,
          r.urgency ?? 0,
          r.firstResponseMinutes ?? null,
          r.slaMinutes ?? null,
          this.workspaceId,
        ],
      );
    }
    for (const a of authors)
      await this.t.dataSource.query(`UPDATE author SET followers = $3 WHERE workspace_id = $1 AND external_id = $2`, [
        this.workspaceId,
        `report-${a.key}`,
        a.followers,
      ]);
  }

  /** A sent reply to a mention (by the agent), sent `afterMinutes` after the mention was received; created a minute before it was sent. */
  async reply(mentionKey: string, text: string, sentAt: string): Promise<string> {
    const rows = (await this.t.dataSource.query(
      `INSERT INTO reply (workspace_id, mention_id, kind, platform, text, status, author_user_id, lint_report, idempotency_key, client_key, sent_at, created_at)
       VALUES ($1, $2, 'reply', 'mastodon', $3, 'sent', $4, '{}'::jsonb, $5, $6, $7, $7::timestamptz - interval '1 minute') RETURNING id`,
      [this.workspaceId, this.id(mentionKey), text, this.inbox.users.agent.id, randomUUID(), randomUUID(), sentAt],
    )) as Array<{ id: string }>;
    return rows[0]!.id;
  }

  /** A status post (kind post) about an alert, sent at `at`. */
  async statusPost(alertId: string, text: string, at: string): Promise<void> {
    await this.t.dataSource.query(
      `INSERT INTO reply (workspace_id, mention_id, kind, alert_id, platform, text, status, author_user_id, lint_report, idempotency_key, client_key, sent_at, created_at)
       VALUES ($1, NULL, 'post', $2, 'mastodon', $3, 'sent', $4, '{}'::jsonb, $5, $6, $7, $7)`,
      [this.workspaceId, alertId, text, this.inbox.users.manager.id, randomUUID(), randomUUID(), at],
    );
  }

  /** An alert event of Acme (no rule), cleared. */
  async alert(a: { surgeStart: string; raisedAt: string; clearedAt: string; ratio: number; category?: string | null; terms: string[] }): Promise<string> {
    const rows = (await this.t.dataSource.query(
      `INSERT INTO alert_event (workspace_id, rule_id, brand_id, category, metric, status, surge_start, raised_at, detected_at, cleared_at, window_minutes,
                                observed, expected, ratio, z, top_terms, mention_count, historical, seq)
       VALUES ($1, NULL, $2, $3, 'volume', 'cleared', $4, $5, $5, $6, 15, $7, 10, $7 / 10.0, 6, $8::jsonb, 2, false, 1) RETURNING id`,
      [
        this.workspaceId,
        this.acmeId,
        a.category ?? null,
        a.surgeStart,
        a.raisedAt,
        a.clearedAt,
        a.ratio * 10,
        JSON.stringify(a.terms.map((term, i) => ({ term, count: 5 - i }))),
      ],
    )) as Array<{ id: string }>;
    return rows[0]!.id;
  }
}
