import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_SLA_TARGETS, type CorrectedValues, type CorrectionField } from '@earshot/contracts';
import { URGENCY_THRESHOLDS } from '@earshot/nlp';
import type { DataSource, EntityManager } from 'typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import type { MentionScore, ScoreInput } from '../ingest/scoring/mention-scorer.js';
import { slaDueSql } from '../sla/sla-due.util.js';
import { takeChangeSeqs, touchMentions } from './change-seq.repository.js';
import { OPEN_STATUS_SQL } from './status-sql.util.js';

/** The urgency scores (0-100) of each level: from its threshold up to just below the next level's. */
export const URGENCY_SCORE_RANGES = {
  critical: [URGENCY_THRESHOLDS.critical, 100],
  high: [URGENCY_THRESHOLDS.high, URGENCY_THRESHOLDS.critical - 1],
  medium: [URGENCY_THRESHOLDS.medium, URGENCY_THRESHOLDS.high - 1],
  low: [0, URGENCY_THRESHOLDS.medium - 1],
} as const;

/**
 * The sentiment scores (-1..1) a label may carry once a person set it: the model's score moved
 * into the label's band, so averages and net sentiment agree with the label the team chose (a
 * post corrected to positive no longer pulls the average down with the model's -0.8).
 */
export const SENTIMENT_SCORE_RANGES = {
  negative: [-1, -0.2],
  neutral: [-0.2, 0.2],
  positive: [0.2, 1],
} as const;

/** SQL: `score` moved into the band of `label` (a trusted expression); an unknown label leaves it as it is. */
export function clampSentimentSql(score: string, label: string): string {
  const r = SENTIMENT_SCORE_RANGES;
  return `(CASE ${label} WHEN 'negative' THEN LEAST(GREATEST(${score}, ${r.negative[0]}), ${r.negative[1]})
    WHEN 'neutral' THEN LEAST(GREATEST(${score}, ${r.neutral[0]}), ${r.neutral[1]})
    WHEN 'positive' THEN LEAST(GREATEST(${score}, ${r.positive[0]}), ${r.positive[1]})
    ELSE ${score} END)::real`;
}

/**
 * SQL: `score` moved into the range of `level` (raised to the level's threshold or lowered below
 * the next one's), so a mention sorts with the other mentions of its level. `level` must be a
 * trusted expression (a column or a parameter); an unknown level leaves the score as it is.
 */
export function clampUrgencySql(score: string, level: string): string {
  const r = URGENCY_SCORE_RANGES;
  return `(CASE ${level} WHEN 'critical' THEN LEAST(GREATEST(${score}, ${r.critical[0]}), ${r.critical[1]})
    WHEN 'high' THEN LEAST(GREATEST(${score}, ${r.high[0]}), ${r.high[1]})
    WHEN 'medium' THEN LEAST(GREATEST(${score}, ${r.medium[0]}), ${r.medium[1]})
    WHEN 'low' THEN LEAST(GREATEST(${score}, ${r.low[0]}), ${r.low[1]})
    ELSE ${score} END)::smallint`;
}

/**
 * THE RULE FOR RE-SCORING (the contract with the learning engine): model scores written to an
 * EXISTING mention keep every field the team corrected (`mention.corrected`). This returns the
 * SET list of such an UPDATE: `UPDATE mention m SET ${correctedAwareSet('n', 'm')} FROM (…) n WHERE …`.
 *
 * `n` is the alias of a row source with the new scores in columns named like the mention's:
 * sentiment_score, sentiment_label, sentiment_confidence, urgency_score, urgency_level,
 * urgency_reasons (jsonb), intent, category. `m` is the mention's alias. In an UPDATE's SET every
 * `m.` column reads the row as it was before, so:
 * - sentiment corrected: label, score (in the label's band) and confidence stay as they are;
 * - intent / category corrected: the team's value stays;
 * - urgency corrected: the level stays, the new score is clamped into that level's range (the
 *   queue keeps sorting it with its level), the new reasons are taken (they explain the score).
 * The SLA due time is not part of it: rescoreMentions recomputes it when the level really changed.
 */
export function correctedAwareSet(n: string, m = 'm'): string {
  const has = (field: CorrectionField) => `${m}.corrected ? '${field}'`;
  return [
    `sentiment_label = CASE WHEN ${has('sentiment')} THEN ${m}.sentiment_label ELSE ${n}.sentiment_label END`,
    `sentiment_score = CASE WHEN ${has('sentiment')} THEN ${m}.sentiment_score ELSE ${n}.sentiment_score END`,
    `sentiment_confidence = CASE WHEN ${has('sentiment')} THEN ${m}.sentiment_confidence ELSE ${n}.sentiment_confidence END`,
    `intent = CASE WHEN ${has('intent')} THEN ${m}.corrected ->> 'intent' ELSE ${n}.intent END`,
    `category = CASE WHEN ${has('category')} THEN ${m}.corrected ->> 'category' ELSE ${n}.category END`,
    `urgency_level = CASE WHEN ${has('urgency')} THEN ${m}.corrected ->> 'urgency' ELSE ${n}.urgency_level END`,
    `urgency_score = CASE WHEN ${has('urgency')} THEN ${clampUrgencySql(`${n}.urgency_score`, `(${m}.corrected ->> 'urgency')`)} ELSE ${n}.urgency_score END`,
    `urgency_reasons = ${n}.urgency_reasons`,
  ].join(',\n    ');
}

/** SQL: the urgency level a re-score leaves on the mention (the team's, else the model's), as correctedAwareSet writes it. */
export function effectiveUrgencyLevelSql(n: string, m = 'm'): string {
  return `COALESCE(${m}.corrected ->> 'urgency', ${n}.urgency_level)`;
}

/** New model scores for one existing mention (the scorer's output). */
/** One open mention with what the scorer needs. */
export interface RescoreInput extends ScoreInput {
  id: string;
}

export type RescoreRow = { id: string } & Pick<
  MentionScore,
  'sentimentScore' | 'sentimentLabel' | 'sentimentConfidence' | 'urgencyScore' | 'urgencyLevel' | 'urgencyReasons' | 'intent' | 'category'
>;

/** The mention's current values of the correctable fields, and what an urgency change needs. */
export interface CorrectableState {
  sentiment: string | null;
  intent: string | null;
  category: string | null;
  urgency: string | null;
  urgencyScore: number;
  corrected: CorrectedValues;
}

/** One stored correction with who made it. */
export interface CorrectionRow {
  id: string;
  mention_id: string;
  user_id: string;
  user_name: string | null;
  field: CorrectionField;
  old_value: string | null;
  new_value: string;
  created_at: Date;
}

/** The latest value per corrected field of one mention, with its text (a labelled post). */
export interface LabelledRow {
  mention_id: string;
  text: string;
  corrected: CorrectedValues;
  corrected_at: Date;
  corrected_key: string;
  user_id: string;
}

const COLUMN_OF: Record<CorrectionField, string> = { sentiment: 'sentiment_label', intent: 'intent', category: 'category', urgency: 'urgency_level' };

/**
 * Corrections of mentions (`mention_correction`, `mention.corrected`) and the re-scoring of
 * existing mentions that keeps them. Every statement is scoped by workspace id; writes run in the
 * caller's transaction.
 */
@Injectable()
export class MentionCorrectionsRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** Locks the workspace's mention and reads its correctable fields; null when it is not the workspace's. */
  async lockState(tx: EntityManager, workspaceId: string, mentionId: string): Promise<CorrectableState | null> {
    const rows = (await tx.query(
      `SELECT sentiment_label, intent, category, urgency_level, urgency_score, corrected FROM mention WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
      [workspaceId, mentionId],
    )) as Array<{
      sentiment_label: string | null;
      intent: string | null;
      category: string | null;
      urgency_level: string | null;
      urgency_score: number;
      corrected: CorrectedValues | null;
    }>;
    const r = rows[0];
    if (!r) return null;
    return {
      sentiment: r.sentiment_label,
      intent: r.intent,
      category: r.category,
      urgency: r.urgency_level,
      urgencyScore: r.urgency_score,
      corrected: r.corrected ?? {},
    };
  }

  /** Stores one row per corrected field (old → new, who; one time for the whole action). */
  async insertCorrections(
    tx: EntityManager,
    workspaceId: string,
    mentionId: string,
    userId: string,
    changes: ReadonlyArray<{ field: CorrectionField; oldValue: string | null; newValue: string }>,
  ): Promise<void> {
    if (changes.length === 0) return;
    await tx.query(
      `INSERT INTO mention_correction (workspace_id, mention_id, user_id, field, old_value, new_value)
       SELECT $1, $2, $3, c.field, c.old_value, c.new_value FROM unnest($4::text[], $5::text[], $6::text[]) AS c(field, old_value, new_value)`,
      [workspaceId, mentionId, userId, changes.map((c) => c.field), changes.map((c) => c.oldValue), changes.map((c) => c.newValue)],
    );
  }

  /**
   * Applies the team's values to the (locked) mention with a change sequence number: the columns,
   * `corrected` (merged), and for an urgency level the score clamped into the level's range and
   * the SLA due time recomputed like ingest's (received + the workspace's target for the level)
   * unless the team already answered; the breach mark follows the new due time for open work.
   */
  async applyCorrection(tx: EntityManager, workspaceId: string, mentionId: string, values: CorrectedValues): Promise<string[]> {
    const params: unknown[] = [JSON.stringify(values)];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length + 2}`;
    };
    const sets = [`corrected = m.corrected || $3::jsonb`];
    for (const field of ['sentiment', 'intent', 'category'] as const) {
      const v = values[field];
      if (v !== undefined) sets.push(`${COLUMN_OF[field]} = ${p(v)}::varchar`);
    }
    // A person said so: the label is certain, and the score moves into the label's band.
    if (values.sentiment !== undefined) {
      sets.push(`sentiment_confidence = 1`, `sentiment_score = ${clampSentimentSql('m.sentiment_score', `${p(values.sentiment)}::varchar`)}`);
    }
    if (values.urgency !== undefined) {
      const level = p(values.urgency);
      const due = slaDueSql('m.created_at', `${level}::varchar`, `(${p(JSON.stringify(DEFAULT_SLA_TARGETS))}::jsonb || COALESCE(w.sla_targets, '{}'::jsonb))`);
      const newDue = `(SELECT ${due} FROM workspace w WHERE w.id = $1)`;
      sets.push(`urgency_level = ${level}::varchar`, `urgency_score = ${clampUrgencySql('m.urgency_score', `${level}::varchar`)}`);
      sets.push(`sla_due_at = CASE WHEN m.first_response_at IS NULL THEN ${newDue} ELSE m.sla_due_at END`);
      // Due already (raised): breached now, as the breach check never looks back past its checkpoint. Due later (lowered): not breached.
      sets.push(
        `sla_breached_at = CASE WHEN m.first_response_at IS NOT NULL OR m.status NOT IN (${OPEN_STATUS_SQL}) THEN m.sla_breached_at
           WHEN ${newDue} <= now() THEN COALESCE(m.sla_breached_at, now()) ELSE NULL END`,
      );
    }
    return touchMentions(tx, workspaceId, [mentionId], `, ${sets.join(', ')}`, params);
  }

  /** A mention's corrections, newest first, with who made them. */
  async history(workspaceId: string, mentionId: string, limit = 200): Promise<CorrectionRow[]> {
    return (await this.dataSource.query(
      `SELECT c.id, c.mention_id, c.user_id, u.name AS user_name, c.field, c.old_value, c.new_value, c.created_at
         FROM mention_correction c LEFT JOIN "user" u ON u.id = c.user_id
        WHERE c.workspace_id = $1 AND c.mention_id = $2
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${Math.trunc(limit)}`,
      [workspaceId, mentionId],
    )) as CorrectionRow[];
  }

  /**
   * The workspace's labelled posts in the order of their latest correction (oldest first), after the
   * keyset `(since, afterMentionId)`: each mention once, with its current `corrected` values (the
   * latest value per field), its text, and when and by whom it was last corrected.
   */
  async labelled(workspaceId: string, after: { at: string; mentionId: string } | null, limit: number): Promise<LabelledRow[]> {
    return (await this.dataSource.query(
      `WITH latest AS (
         SELECT DISTINCT ON (c.mention_id) c.mention_id, c.user_id, c.created_at
           FROM mention_correction c
          WHERE c.workspace_id = $1 ${after ? `AND c.created_at >= $2::timestamptz` : ''}
          ORDER BY c.mention_id, c.created_at DESC, c.id DESC)
       SELECT l.mention_id, m.text, m.corrected, l.created_at AS corrected_at, l.user_id,
              to_char(l.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS corrected_key
         FROM latest l JOIN mention m ON m.id = l.mention_id AND m.workspace_id = $1
        WHERE m.corrected <> '{}'::jsonb ${after ? `AND (l.created_at, l.mention_id) > ($2::timestamptz, $3::uuid)` : ''}
        ORDER BY l.created_at, l.mention_id
        LIMIT ${Math.trunc(limit) + 1}`,
      after ? [workspaceId, after.at, after.mentionId] : [workspaceId],
    )) as LabelledRow[];
  }

  /**
   * Up to `limit` of the workspace's most recent mention texts (spam left out), unlabelled: a
   * workspace model learns from them how common each word is in this workspace's posts.
   */
  async recentTexts(workspaceId: string, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT text FROM mention WHERE workspace_id = $1 AND NOT spam ORDER BY created_at DESC, id DESC LIMIT ${Math.trunc(limit)}`,
      [workspaceId],
    )) as Array<{ text: string }>;
    return rows.map((r) => r.text);
  }

  /**
   * The reads of a re-scoring after a model change: the workspace's open mentions (new, open,
   * pending) in id order, with the scorer's context as ingest built it (the author's followers and
   * badge, the engagement, the author's posts in the 24 h up to this one). Write them back with
   * rescoreMentions, which keeps the team's corrections.
   */
  async openPageToRescore(workspaceId: string, afterId: string | null, limit: number): Promise<RescoreInput[]> {
    const rows = (await this.dataSource.query(
      `SELECT m.id, m.text, m.engagement, a.followers, a.verified,
              (SELECT count(*)::int FROM mention m2
                WHERE m2.author_id = m.author_id AND m2.posted_at > m.posted_at - interval '24 hours' AND m2.posted_at <= m.posted_at) AS recent
         FROM mention m JOIN author a ON a.id = m.author_id
        WHERE m.workspace_id = $1 AND m.status IN (${OPEN_STATUS_SQL}) ${afterId ? 'AND m.id > $2::uuid' : ''}
        ORDER BY m.id
        LIMIT ${Math.trunc(limit)}`,
      afterId ? [workspaceId, afterId] : [workspaceId],
    )) as Array<{ id: string; text: string; engagement: Record<string, number | null> | null; followers: number | null; verified: boolean; recent: number }>;
    return rows.map((r) => ({
      id: r.id,
      text: r.text,
      context: {
        followers: r.followers,
        verified: r.verified,
        engagement: { replies: r.engagement?.replies ?? null, reposts: r.engagement?.reposts ?? null, likes: r.engagement?.likes ?? null },
        authorPostsLast24h: Math.max(1, Number(r.recent)),
      },
    }));
  }

  /**
   * Writes new model scores to existing mentions of the workspace, KEEPING THE TEAM'S CORRECTIONS
   * (correctedAwareSet), each changed mention with a change sequence number; the SLA due time is
   * recomputed (ingest's rule) where the level a mention ends up with differs from its old one and
   * the team has not answered yet. Runs in `tx` when given, else in a transaction of its own.
   * Returns the ids written: emit `mentions.changed` (kind `updated`) for them after commit.
   */
  async rescoreMentions(workspaceId: string, rows: readonly RescoreRow[], tx?: EntityManager): Promise<string[]> {
    if (rows.length === 0) return [];
    if (!tx) return this.transaction((t) => this.rescoreMentions(workspaceId, rows, t));
    const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    // Lock in id order first (two re-scorings, or a re-scoring and a bulk triage change, cannot deadlock).
    const locked = (await tx.query(`SELECT id FROM mention WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`, [
      workspaceId,
      sorted.map((r) => r.id),
    ])) as Array<{ id: string }>;
    if (locked.length === 0) return [];
    const first = await takeChangeSeqs(tx, workspaceId, sorted.length);
    const newLevel = effectiveUrgencyLevelSql('n');
    const res = await tx.queryRunner!.query(
      `UPDATE mention m SET change_seq = $3::bigint + n.ord - 1, updated_at = now(),
    ${correctedAwareSet('n', 'm')},
    sla_due_at = CASE WHEN m.first_response_at IS NULL AND ${newLevel} IS DISTINCT FROM m.urgency_level
      THEN ${slaDueSql('m.created_at', newLevel, 't.targets')} ELSE m.sla_due_at END
   FROM unnest($2::uuid[], $5::float4[], $6::text[], $7::float4[], $8::int2[], $9::text[], $10::jsonb[], $11::text[], $12::text[])
        WITH ORDINALITY AS n(id, sentiment_score, sentiment_label, sentiment_confidence, urgency_score, urgency_level, urgency_reasons, intent, category, ord),
        (SELECT $4::jsonb || COALESCE(w.sla_targets, '{}'::jsonb) AS targets FROM workspace w WHERE w.id = $1) t
  WHERE m.workspace_id = $1 AND m.id = n.id
  RETURNING m.id`,
      [
        workspaceId,
        sorted.map((r) => r.id),
        first,
        JSON.stringify(DEFAULT_SLA_TARGETS),
        sorted.map((r) => r.sentimentScore),
        sorted.map((r) => r.sentimentLabel),
        sorted.map((r) => r.sentimentConfidence),
        sorted.map((r) => Math.max(0, Math.min(100, Math.round(r.urgencyScore)))),
        sorted.map((r) => r.urgencyLevel),
        sorted.map((r) => JSON.stringify(r.urgencyReasons)),
        sorted.map((r) => r.intent),
        sorted.map((r) => r.category),
      ],
      true,
    );
    return (res.records as Array<{ id: string }>).map((r) => r.id);
  }
}
