import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AlertMetric, AlertTopTerm } from '@earshot/contracts';
import type { DetectorJson } from '@earshot/signals';
import type { DataSource, EntityManager } from 'typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import { AlertEventEntity, type AlertEmailState } from './alert-event.entity.js';
import { AlertRuleEntity } from './alert-rule.entity.js';

/** The team's corrected values where set (as analytics and the inbox read them). */
const LABEL = `COALESCE(NULLIF(m.corrected->>'sentiment', ''), m.sentiment_label)`;
const CATEGORY = `COALESCE(NULLIF(m.corrected->>'category', ''), m.category, 'other')`;
const MINUTE = `to_timestamp(floor(extract(epoch FROM m.posted_at) / 60) * 60)`;

/** Which mentions a rule watches: the brand's (they matched one of its listening queries), of one category or all, spam left out. */
export interface RuleSeries {
  workspaceId: string;
  queryIds: string[];
  category: string | null;
}

export interface MinuteCount {
  minute: Date;
  total: number;
  negative: number;
}

/** A rule with its brand, as the rules API lists it. */
export interface RuleWithBrand {
  rule: AlertRuleEntity;
  brandName: string;
  brandKind: 'own' | 'competitor';
}

export interface NewAlert {
  workspaceId: string;
  ruleId: string;
  brandId: string;
  category: string | null;
  metric: AlertMetric;
  surgeStart: Date;
  raisedAt: Date;
  detectedAt: Date;
  windowMinutes: number;
  observed: number;
  expected: number;
  ratio: number | null;
  z: number;
  topTerms: AlertTopTerm[];
  mentionCount: number;
  historical: boolean;
  seq: number;
  emailTo: string | null;
}

export interface AlertListWhere {
  workspaceId: string;
  status: 'raised' | 'cleared' | 'all';
  sinceSeq: number | null;
  sinceTime: Date | null;
  limit: number;
}

/** `query` answers an UPDATE … RETURNING with [rows, count] (node-postgres) or the rows (PGlite). */
function returned<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Alert rules and alert events, and the reads of mentions the detector needs (minute counts, texts). Every
 * statement is scoped by workspace, except the runner's lease round and the e-mail round, which take due rows
 * of all workspaces (each row carries its workspace).
 */
@Injectable()
export class AlertsRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** The database's clock now (not the transaction's start). */
  async dbNow(): Promise<Date> {
    const rows = (await this.dataSource.query(`SELECT clock_timestamp() AS t`)) as Array<{ t: Date | string }>;
    return new Date(rows[0]!.t);
  }

  /**
   * The database's clock to the microsecond, as text (a JS Date keeps milliseconds: a rule released in the same
   * millisecond as a round's start, just before it, would compare as not yet run and be skipped that round).
   */
  async roundStamp(): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT clock_timestamp()::text AS t`)) as Array<{ t: string }>;
    return rows[0]!.t;
  }

  // ---- rules

  /** Gives every own brand (of one workspace, or all) its all-categories rule if it has none. */
  async ensureDefaultRules(workspaceId: string | null = null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO alert_rule (workspace_id, brand_id)
       SELECT b.workspace_id, b.id FROM brand b
        WHERE b.kind = 'own' AND ($1::uuid IS NULL OR b.workspace_id = $1::uuid)
          AND NOT EXISTS (SELECT 1 FROM alert_rule r WHERE r.workspace_id = b.workspace_id AND r.brand_id = b.id AND r.category IS NULL)
       ON CONFLICT (workspace_id, brand_id) WHERE category IS NULL DO NOTHING`,
      [workspaceId],
    );
  }

  async listRules(workspaceId: string): Promise<RuleWithBrand[]> {
    const rows = await this.dataSource
      .getRepository(AlertRuleEntity)
      .createQueryBuilder('r')
      .innerJoin('brand', 'b', 'b.id = r.brand_id AND b.workspace_id = r.workspace_id')
      .addSelect(['b.name AS brand_name', 'b.kind AS brand_kind'])
      .where('r.workspace_id = :workspaceId', { workspaceId })
      .orderBy(`b.kind = 'own'`, 'DESC')
      .addOrderBy('b.name')
      .addOrderBy('r.category', 'ASC', 'NULLS FIRST')
      .getRawAndEntities();
    return rows.entities.map((rule, i) => ({
      rule,
      brandName: String(rows.raw[i]?.brand_name ?? ''),
      brandKind: rows.raw[i]?.brand_kind === 'competitor' ? 'competitor' : 'own',
    }));
  }

  async findRule(workspaceId: string, id: string, m: EntityManager = this.dataSource.manager): Promise<RuleWithBrand | null> {
    const rule = await m.getRepository(AlertRuleEntity).findOne({ where: { workspaceId, id } });
    if (!rule) return null;
    const brand = await this.brand(workspaceId, rule.brandId, m);
    return { rule, brandName: brand?.name ?? '', brandKind: brand?.kind ?? 'own' };
  }

  async findRuleForUpdate(tx: EntityManager, workspaceId: string, id: string): Promise<AlertRuleEntity | null> {
    return tx.getRepository(AlertRuleEntity).findOne({ where: { workspaceId, id }, lock: { mode: 'pessimistic_write' } });
  }

  async brand(workspaceId: string, brandId: string, m: EntityManager = this.dataSource.manager): Promise<{ name: string; kind: 'own' | 'competitor' } | null> {
    const rows = (await m.query(`SELECT name, kind FROM brand WHERE workspace_id = $1 AND id = $2`, [workspaceId, brandId])) as Array<{
      name: string;
      kind: string;
    }>;
    return rows[0] ? { name: rows[0].name, kind: rows[0].kind === 'competitor' ? 'competitor' : 'own' } : null;
  }

  /** The rule of this brand and category (null: all categories), if any. */
  async findRuleFor(tx: EntityManager, workspaceId: string, brandId: string, category: string | null): Promise<AlertRuleEntity | null> {
    const repo = tx.getRepository(AlertRuleEntity);
    return category === null
      ? repo.createQueryBuilder('r').where('r.workspace_id = :workspaceId AND r.brand_id = :brandId AND r.category IS NULL', { workspaceId, brandId }).getOne()
      : repo.findOne({ where: { workspaceId, brandId, category } });
  }

  async insertRule(
    tx: EntityManager,
    row: Pick<AlertRuleEntity, 'workspaceId' | 'brandId' | 'category' | 'enabled' | 'metrics' | 'webhookUrl' | 'email'>,
  ): Promise<AlertRuleEntity> {
    const repo = tx.getRepository(AlertRuleEntity);
    return repo.save(repo.create(row));
  }

  saveRule(tx: EntityManager, rule: AlertRuleEntity): Promise<AlertRuleEntity> {
    return tx.getRepository(AlertRuleEntity).save(rule);
  }

  async deleteRule(tx: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const res = await tx.getRepository(AlertRuleEntity).delete({ workspaceId, id });
    return Boolean(res.affected);
  }

  /** The workspace's IANA zone (UTC when unset): the detector's hour of the week is local to it. */
  async timeZone(workspaceId: string): Promise<string> {
    const rows = (await this.dataSource.query(`SELECT time_zone FROM workspace WHERE id = $1`, [workspaceId])) as Array<{ time_zone: string | null }>;
    return rows[0]?.time_zone || 'UTC';
  }

  /** The ids of the brand's listening queries (a mention is the brand's when it matched one of them). */
  async queryIdsOfBrand(workspaceId: string, brandId: string): Promise<string[]> {
    const rows = (await this.dataSource.query(`SELECT id FROM listening_query WHERE workspace_id = $1 AND brand_id = $2 ORDER BY id`, [
      workspaceId,
      brandId,
    ])) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  // ---- the runner's lease

  /**
   * Takes up to `limit` enabled rules not run since `roundStart` and not leased by a live run: locked with SKIP
   * LOCKED, so two instances never take the same rule, and stamped with a fresh lease token that fences every
   * write of the run.
   */
  async leaseRules(limit: number, leaseSeconds: number, roundStart: string): Promise<AlertRuleEntity[]> {
    const rows = returned<{ id: string }>(
      await this.dataSource.query(
        `UPDATE alert_rule SET lease_token = gen_random_uuid(), leased_until = clock_timestamp() + make_interval(secs => $2)
          WHERE id IN (SELECT id FROM alert_rule
                        WHERE enabled AND (leased_until IS NULL OR leased_until < clock_timestamp())
                          AND (last_run_at IS NULL OR last_run_at < $3::timestamptz)
                        ORDER BY last_run_at NULLS FIRST, id
                        LIMIT $1
                        FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [limit, leaseSeconds, roundStart],
      ),
    );
    if (rows.length === 0) return [];
    return this.dataSource.getRepository(AlertRuleEntity).findBy(rows.map((r) => ({ id: r.id })));
  }

  /**
   * Writes the detector's progress in the run's transaction, fenced by the lease token (and extends the lease);
   * false when the lease was lost (another instance took the rule): the caller rolls back.
   */
  async saveProgress(
    tx: EntityManager,
    ruleId: string,
    leaseToken: string,
    p: { state: DetectorJson; watermark: Date | null; lateMentions: number; lateCheckedAt: Date; leaseSeconds: number },
  ): Promise<boolean> {
    const rows = returned<{ id: string }>(
      await tx.query(
        `UPDATE alert_rule SET detector_state = $3::jsonb, watermark = $4, late_mentions = $5, late_checked_at = $6,
                leased_until = clock_timestamp() + make_interval(secs => $7)
          WHERE id = $1 AND lease_token = $2
          RETURNING id`,
        [ruleId, leaseToken, JSON.stringify(p.state), p.watermark, p.lateMentions, p.lateCheckedAt, p.leaseSeconds],
      ),
    );
    return rows.length === 1;
  }

  /** Ends the run: releases the lease and records its time and error (a no-op when the lease was lost). */
  async release(ruleId: string, leaseToken: string, error: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE alert_rule SET lease_token = NULL, leased_until = NULL, last_run_at = clock_timestamp(), last_error = $3 WHERE id = $1 AND lease_token = $2`,
      [ruleId, leaseToken, error?.slice(0, 500) ?? null],
    );
  }

  /** Forgets the detector (the rule starts over from the stored mentions on its next run). */
  async resetDetector(tx: EntityManager, workspaceId: string, ruleId: string): Promise<void> {
    await tx.query(
      `UPDATE alert_rule SET detector_state = NULL, watermark = NULL, late_checked_at = NULL, late_mentions = 0 WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, ruleId],
    );
  }

  // ---- mentions of a rule

  private where(s: RuleSeries, first: number): { sql: string; params: unknown[] } {
    const params: unknown[] = [s.queryIds];
    let sql = ` AND m.spam = false AND m.query_ids ?| $${first}::text[]`;
    if (s.category !== null) {
      params.push(s.category);
      sql += ` AND ${CATEGORY} = $${first + 1}`;
    }
    return { sql, params };
  }

  /** The earliest posted time at or after `notBefore` and before `before` (null: no mention). */
  async oldestPosted(s: RuleSeries, notBefore: Date, before: Date): Promise<Date | null> {
    const w = this.where(s, 4);
    const rows = (await this.dataSource.query(
      `SELECT min(m.posted_at) AS t FROM mention m WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${w.sql}`,
      [s.workspaceId, notBefore, before, ...w.params],
    )) as Array<{ t: Date | string | null }>;
    return rows[0]?.t ? new Date(rows[0].t) : null;
  }

  /** Mentions and negative ones per posted-time minute in [from, to), of those stored by `storedBy`; empty minutes left out. */
  async minuteCounts(m: EntityManager, s: RuleSeries, from: Date, to: Date, storedBy: Date): Promise<MinuteCount[]> {
    const w = this.where(s, 5);
    const rows = (await m.query(
      `SELECT ${MINUTE} AS minute, count(*) AS total, count(*) FILTER (WHERE ${LABEL} = 'negative') AS negative
         FROM mention m
        WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3 AND m.created_at <= $4${w.sql}
        GROUP BY 1 ORDER BY 1`,
      [s.workspaceId, from, to, storedBy, ...w.params],
    )) as Array<{ minute: Date | string; total: string; negative: string }>;
    return rows.map((r) => ({ minute: new Date(r.minute), total: num(r.total), negative: num(r.negative) }));
  }

  /** Late arrivals: mentions stored after `storedAfter` (up to `storedBy`) with a posted time before `postedBefore`, per minute. */
  async lateMinuteCounts(s: RuleSeries, storedAfter: Date, storedBy: Date, postedBefore: Date): Promise<MinuteCount[]> {
    const w = this.where(s, 5);
    const rows = (await this.dataSource.query(
      `SELECT ${MINUTE} AS minute, count(*) AS total, count(*) FILTER (WHERE ${LABEL} = 'negative') AS negative
         FROM mention m
        WHERE m.workspace_id = $1 AND m.created_at > $2 AND m.created_at <= $3 AND m.posted_at < $4${w.sql}
        GROUP BY 1 ORDER BY 1`,
      [s.workspaceId, storedAfter, storedBy, postedBefore, ...w.params],
    )) as Array<{ minute: Date | string; total: string; negative: string }>;
    return rows.map((r) => ({ minute: new Date(r.minute), total: num(r.total), negative: num(r.negative) }));
  }

  /** Mentions with posted time in [from, to). */
  async countMentions(s: RuleSeries, from: Date, to: Date, m: EntityManager = this.dataSource.manager): Promise<number> {
    const w = this.where(s, 4);
    const rows = (await m.query(`SELECT count(*) AS n FROM mention m WHERE m.workspace_id = $1 AND m.posted_at >= $2 AND m.posted_at < $3${w.sql}`, [
      s.workspaceId,
      from,
      to,
      ...w.params,
    ])) as Array<{ n: string }>;
    return num(rows[0]?.n);
  }

  /** Texts of the mentions posted in any of the ranges (newest first, at most `limit`). */
  async texts(m: EntityManager, s: RuleSeries, ranges: Array<{ from: Date; to: Date }>, limit: number): Promise<string[]> {
    if (ranges.length === 0) return [];
    const w = this.where(s, 5);
    const rows = (await m.query(
      `SELECT m.text FROM mention m
         JOIN unnest($2::timestamptz[], $3::timestamptz[]) AS r(f, t) ON m.posted_at >= r.f AND m.posted_at < r.t
        WHERE m.workspace_id = $1${w.sql}
        ORDER BY m.posted_at DESC LIMIT $4`,
      [s.workspaceId, ranges.map((r) => r.from), ranges.map((r) => r.to), limit, ...w.params],
    )) as Array<{ text: string }>;
    return rows.map((r) => r.text);
  }

  // ---- alert events

  /** Stores a new alert; null when the rule already has one raised at that minute. */
  async insertAlert(tx: EntityManager, a: NewAlert): Promise<AlertEventEntity | null> {
    const rows = returned<{ id: string }>(
      await tx.query(
        `INSERT INTO alert_event (workspace_id, rule_id, brand_id, category, metric, status, surge_start, raised_at, detected_at,
                                  window_minutes, observed, expected, ratio, z, top_terms, mention_count, historical, seq,
                                  email_to, email_state, email_next_at)
         VALUES ($1, $2, $3, $4, $5, 'raised', $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15, $16, $17,
                 $18::varchar, CASE WHEN $18::varchar IS NULL THEN NULL ELSE 'pending' END, CASE WHEN $18::varchar IS NULL THEN NULL ELSE clock_timestamp() END)
         ON CONFLICT (rule_id, raised_at) DO NOTHING
         RETURNING id`,
        [
          a.workspaceId,
          a.ruleId,
          a.brandId,
          a.category,
          a.metric,
          a.surgeStart,
          a.raisedAt,
          a.detectedAt,
          a.windowMinutes,
          a.observed,
          a.expected,
          a.ratio,
          a.z,
          JSON.stringify(a.topTerms),
          a.mentionCount,
          a.historical,
          a.seq,
          a.emailTo,
        ],
      ),
    );
    return rows[0] ? this.findAlert(a.workspaceId, rows[0].id, tx) : null;
  }

  /** Records the webhook delivery written for the alert (same transaction). */
  async setWebhookDelivery(tx: EntityManager, workspaceId: string, id: string, deliveryId: string): Promise<void> {
    await tx.query(`UPDATE alert_event SET webhook_delivery_id = $3 WHERE workspace_id = $1 AND id = $2`, [workspaceId, id, deliveryId]);
  }

  /** The rule's alert whose surge overlaps [from, to) (the latest), if any. */
  async overlappingAlert(tx: EntityManager, workspaceId: string, ruleId: string, from: Date, to: Date): Promise<AlertEventEntity | null> {
    return tx
      .getRepository(AlertEventEntity)
      .createQueryBuilder('a')
      .where('a.workspace_id = :workspaceId AND a.rule_id = :ruleId AND a.surge_start < :to', { workspaceId, ruleId, to })
      .andWhere(`COALESCE(a.cleared_at, 'infinity'::timestamptz) > :from`, { from })
      .orderBy('a.raised_at', 'DESC')
      .getOne();
  }

  /** The rule's raised (not yet cleared) alert, if any. */
  openAlert(m: EntityManager, workspaceId: string, ruleId: string): Promise<AlertEventEntity | null> {
    return m.getRepository(AlertEventEntity).findOne({ where: { workspaceId, ruleId, status: 'raised' }, order: { raisedAt: 'DESC' } });
  }

  async clearAlert(
    tx: EntityManager,
    workspaceId: string,
    id: string,
    c: { clearedAt: Date; seq: number; mentionCount: number; topTerms: AlertTopTerm[] | null },
  ): Promise<AlertEventEntity | null> {
    const rows = returned<{ id: string }>(
      await tx.query(
        `UPDATE alert_event SET status = 'cleared', cleared_at = $3, seq = $4, mention_count = $5, top_terms = COALESCE($6::jsonb, top_terms), updated_at = now()
          WHERE workspace_id = $1 AND id = $2 AND status = 'raised'
          RETURNING id`,
        [workspaceId, id, c.clearedAt, c.seq, c.mentionCount, c.topTerms ? JSON.stringify(c.topTerms) : null],
      ),
    );
    return rows[0] ? this.findAlert(workspaceId, id, tx) : null;
  }

  /** A historical alert turns out to be current (still raised, or cleared within the hour): it is notified after all. */
  async promote(tx: EntityManager, workspaceId: string, id: string, p: { seq: number; emailTo: string | null }): Promise<AlertEventEntity | null> {
    const rows = returned<{ id: string }>(
      await tx.query(
        `UPDATE alert_event SET historical = false, seq = $3, email_to = $4::varchar,
                email_state = CASE WHEN $4::varchar IS NULL THEN NULL ELSE 'pending' END,
                email_next_at = CASE WHEN $4::varchar IS NULL THEN NULL ELSE clock_timestamp() END, updated_at = now()
          WHERE workspace_id = $1 AND id = $2 AND historical
          RETURNING id`,
        [workspaceId, id, p.seq, p.emailTo],
      ),
    );
    return rows[0] ? this.findAlert(workspaceId, id, tx) : null;
  }

  /**
   * After a rebuild: historical alerts of the rule raised at or after `from` that the rebuilt detector did not find
   * again (they came from incomplete data) are deleted; alerts someone was notified of always stay. Returns how many.
   */
  async deleteStaleHistorical(tx: EntityManager, workspaceId: string, ruleId: string, from: Date, keep: string[]): Promise<number> {
    const rows = returned<{ id: string }>(
      await tx.query(
        `DELETE FROM alert_event WHERE workspace_id = $1 AND rule_id = $2 AND historical AND raised_at >= $3 AND NOT (id = ANY($4::uuid[])) RETURNING id`,
        [workspaceId, ruleId, from, keep],
      ),
    );
    return rows.length;
  }

  /** The rule's historical alerts whose surge is still on, or ended at or after `endedSince`: news after all. */
  async promotableAlerts(workspaceId: string, ruleId: string, endedSince: Date): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM alert_event WHERE workspace_id = $1 AND rule_id = $2 AND historical AND (status = 'raised' OR cleared_at >= $3) ORDER BY raised_at`,
      [workspaceId, ruleId, endedSince],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  findAlert(workspaceId: string, id: string, m: EntityManager = this.dataSource.manager): Promise<AlertEventEntity | null> {
    return m.getRepository(AlertEventEntity).findOne({ where: { workspaceId, id } });
  }

  /** Alerts newest first (by raise time), one more than `limit` (to tell whether there are more). */
  async listAlerts(w: AlertListWhere): Promise<AlertEventEntity[]> {
    const q = this.dataSource.getRepository(AlertEventEntity).createQueryBuilder('a').where('a.workspace_id = :ws', { ws: w.workspaceId });
    if (w.status !== 'all') q.andWhere('a.status = :status', { status: w.status });
    if (w.sinceSeq !== null) q.andWhere('a.seq > :seq', { seq: w.sinceSeq });
    if (w.sinceTime !== null) q.andWhere('a.updated_at >= :since', { since: w.sinceTime });
    return q
      .orderBy('a.raised_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(w.limit + 1)
      .getMany();
  }

  async maxSeq(workspaceId: string): Promise<number> {
    const rows = (await this.dataSource.query(`SELECT COALESCE(max(seq), 0) AS seq FROM alert_event WHERE workspace_id = $1`, [workspaceId])) as Array<{
      seq: string;
    }>;
    return num(rows[0]?.seq);
  }

  /** Brand names by id (of one workspace). */
  async brandNames(workspaceId: string, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, name FROM brand WHERE workspace_id = $1 AND id = ANY($2::uuid[])`, [workspaceId, ids])) as Array<{
      id: string;
      name: string;
    }>;
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  // ---- e-mail

  /**
   * Claims up to `limit` due alert e-mails (pending, time come) for this instance: pending → sending in one
   * statement (SKIP LOCKED), so each mail is sent by one instance, once.
   */
  async claimEmails(limit: number): Promise<AlertEventEntity[]> {
    const rows = returned<{ id: string; workspace_id: string }>(
      await this.dataSource.query(
        `UPDATE alert_event SET email_state = 'sending', email_attempts = email_attempts + 1
          WHERE id IN (SELECT id FROM alert_event WHERE email_state = 'pending' AND email_next_at <= clock_timestamp()
                        ORDER BY email_next_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id, workspace_id`,
        [limit],
      ),
    );
    if (rows.length === 0) return [];
    return this.dataSource.getRepository(AlertEventEntity).findBy(rows.map((r) => ({ id: r.id })));
  }

  async finishEmail(id: string, state: AlertEmailState, error: string | null, retryInSeconds = 0): Promise<void> {
    await this.dataSource.query(
      `UPDATE alert_event SET email_state = $2::varchar, email_error = $3,
              email_next_at = CASE WHEN $2::varchar = 'pending' THEN clock_timestamp() + make_interval(secs => $4) ELSE email_next_at END
        WHERE id = $1 AND email_state = 'sending'`,
      [id, state, error?.slice(0, 500) ?? null, retryInSeconds],
    );
  }
}
