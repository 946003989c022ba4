import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ApprovalReason, LintReport, Platform, ReplyStatus } from '@earshot/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import { touchMentions } from '../mentions/change-seq.repository.js';
import { REPLY_SELECT, type ReplyRow } from './reply.mapper.js';
import { returnedRows } from './returned-rows.util.js';

/** A new reply as the workflow inserts it. */
export interface NewReply {
  workspaceId: string;
  mentionId: string;
  sourceId: string | null;
  platform: Platform;
  text: string;
  templateId: string | null;
  templateUnedited: boolean;
  status: 'pending_approval' | 'queued';
  authorUserId: string;
  resolveOnSend: boolean;
  approvalReasons: ApprovalReason[];
  lintReport: LintReport;
  idempotencyKey: string;
  clientKey: string;
}

/** A public status post (kind `post`): no mention; queued at once. */
export interface NewStatusPost {
  workspaceId: string;
  alertId: string;
  sourceId: string;
  platform: Platform;
  text: string;
  authorUserId: string;
  lintReport: LintReport;
  idempotencyKey: string;
  clientKey: string;
}

/** What a reply's status change does to its mention, besides the summary and a change sequence number. */
export interface MentionEffects {
  /** Drop the claim if this user holds it (the reply was decided or sent). */
  releaseClaimOf?: string;
  /** The reply was sent: stamp the first response; resolve, or wait for the customer. */
  sent?: { resolve: boolean };
}

/**
 * The mention's reply summary, recomputed from its replies inside the statement that gives the
 * mention its change sequence number (so `/api/mentions/changes` carries it).
 */
const SUMMARY_SET = `reply_summary = (
  SELECT jsonb_build_object(
    'total', count(*) FILTER (WHERE r.status <> 'rejected'),
    'sent', count(*) FILTER (WHERE r.status = 'sent'),
    'awaitingApproval', count(*) FILTER (WHERE r.status = 'pending_approval'),
    'inFlight', count(*) FILTER (WHERE r.status IN ('approved', 'queued', 'sending')),
    'needsAttention', count(*) FILTER (WHERE r.status IN ('failed', 'unknown') AND r.dismissed_at IS NULL),
    'lastStatus', (array_agg(r.status ORDER BY r.created_at DESC, r.id DESC))[1])
  FROM reply r WHERE r.workspace_id = m.workspace_id AND r.mention_id = m.id)`;

/** The reply workflow's writes (create, decide) and the mention side of every status change; scoped by workspace id. */
@Injectable()
export class RepliesRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  async findByClientKey(workspaceId: string, clientKey: string, m: EntityManager = this.dataSource.manager): Promise<ReplyRow | null> {
    const rows = (await m.query(`${REPLY_SELECT} WHERE r.workspace_id = $1 AND r.client_key = $2`, [workspaceId, clientKey])) as ReplyRow[];
    return rows[0] ?? null;
  }

  /**
   * Inserts the reply unless the workspace already has one with this client key (a double
   * submit, even a concurrent one: the unique index decides). Returns the new id, or null.
   */
  async insert(tx: EntityManager, r: NewReply): Promise<string | null> {
    const rows = (await tx.query(
      `INSERT INTO reply (workspace_id, mention_id, source_id, platform, text, template_id, template_unedited, status, author_user_id, resolve_on_send,
                          approval_required, approval_reasons, lint_report, idempotency_key, client_key, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15, CASE WHEN $8::varchar = 'queued' THEN now() END)
       ON CONFLICT (workspace_id, client_key) DO NOTHING
       RETURNING id`,
      [
        r.workspaceId,
        r.mentionId,
        r.sourceId,
        r.platform,
        r.text,
        r.templateId,
        r.templateUnedited,
        r.status,
        r.authorUserId,
        r.resolveOnSend,
        r.approvalReasons.length > 0,
        JSON.stringify(r.approvalReasons),
        JSON.stringify(r.lintReport),
        r.idempotencyKey,
        r.clientKey,
      ],
    )) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }

  /** Inserts a queued status post unless the workspace already has a row with this client key. Returns the new id, or null. */
  async insertPost(tx: EntityManager, p: NewStatusPost): Promise<string | null> {
    const rows = (await tx.query(
      `INSERT INTO reply (workspace_id, kind, alert_id, mention_id, source_id, platform, text, status, author_user_id, lint_report, idempotency_key, client_key, next_attempt_at)
       VALUES ($1, 'post', $2, NULL, $3, $4, $5, 'queued', $6, $7::jsonb, $8, $9, now())
       ON CONFLICT (workspace_id, client_key) DO NOTHING
       RETURNING id`,
      [p.workspaceId, p.alertId, p.sourceId, p.platform, p.text, p.authorUserId, JSON.stringify(p.lintReport), p.idempotencyKey, p.clientKey],
    )) as Array<{ id: string }>;
    return rows[0]?.id ?? null;
  }

  /** Locks a reply (after its mention: mention, then reply, everywhere). */
  async lock(tx: EntityManager, workspaceId: string, id: string): Promise<ReplyRow | null> {
    const rows = (await tx.query(`${REPLY_SELECT} WHERE r.workspace_id = $1 AND r.id = $2 FOR UPDATE OF r`, [workspaceId, id])) as ReplyRow[];
    return rows[0] ?? null;
  }

  /** Locks the mention row (taken before any of its replies). False when it is not in the workspace. */
  async lockMention(tx: EntityManager, workspaceId: string, mentionId: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT id FROM mention WHERE workspace_id = $1 AND id = $2 FOR UPDATE`, [workspaceId, mentionId])) as unknown[];
    return rows.length > 0;
  }

  /** A manager's decision on a (locked) reply awaiting approval: approved replies go straight to the outbox. */
  async decide(tx: EntityManager, workspaceId: string, id: string, d: { approve: boolean; by: string; comment: string | null }): Promise<boolean> {
    const rows = (await tx.query(
      `UPDATE reply SET status = $3::varchar, decided_by_id = $4, decided_at = now(), decision_comment = $5, updated_at = now(),
              next_attempt_at = CASE WHEN $3::varchar = 'queued' THEN now() ELSE NULL END
        WHERE workspace_id = $1 AND id = $2 AND status = 'pending_approval' RETURNING id`,
      [workspaceId, id, d.approve ? 'queued' : 'rejected', d.by, d.comment],
    )) as unknown;
    return returnedRows(rows).length === 1;
  }

  /**
   * A person's retry of a (locked) failed or unknown reply: due now with a fresh budget of
   * automatic attempts and the same idempotency key. `failed` (proven not posted) → queued;
   * `unknown` stays unknown, so the sender reconciles before anything is sent again.
   */
  async retry(tx: EntityManager, workspaceId: string, id: string, from: 'failed' | 'unknown'): Promise<boolean> {
    const rows = (await tx.query(
      `UPDATE reply SET status = CASE WHEN $3::varchar = 'failed' THEN 'queued' ELSE 'unknown' END, next_attempt_at = now(), attempts = 0,
              last_error = CASE WHEN $3::varchar = 'failed' THEN NULL ELSE last_error END, failure_kind = NULL, updated_at = now()
        WHERE workspace_id = $1 AND id = $2 AND status = $3::varchar AND dismissed_at IS NULL RETURNING id`,
      [workspaceId, id, from],
    )) as unknown;
    return returnedRows(rows).length === 1;
  }

  /** A person gives up on a (locked) failed or unknown reply: never sent again, no longer needing attention. */
  async dismiss(tx: EntityManager, workspaceId: string, id: string, by: string, note: string | null): Promise<boolean> {
    const rows = (await tx.query(
      `UPDATE reply SET dismissed_at = now(), dismissed_by_id = $3, dismiss_note = $4, next_attempt_at = NULL, updated_at = now()
        WHERE workspace_id = $1 AND id = $2 AND status IN ('failed', 'unknown') AND dismissed_at IS NULL RETURNING id`,
      [workspaceId, id, by, note],
    )) as unknown;
    return returnedRows(rows).length === 1;
  }

  /** The state of the source a reply goes through (null: deleted or not in the workspace), for a retry's checks. */
  async sourceState(tx: EntityManager, workspaceId: string, sourceId: string): Promise<{ status: string; updatedAt: Date } | null> {
    const rows = (await tx.query(`SELECT status, updated_at FROM source WHERE workspace_id = $1 AND id = $2`, [workspaceId, sourceId])) as Array<{
      status: string;
      updated_at: Date;
    }>;
    return rows[0] ? { status: rows[0].status, updatedAt: new Date(rows[0].updated_at) } : null;
  }

  /**
   * Gives the (locked) mention its next change sequence number with its reply summary
   * recomputed, and applies a status change's effects: the claim released, the first response
   * stamped and the status moved when a reply was sent.
   */
  touchMention(tx: EntityManager, workspaceId: string, mentionId: string, fx: MentionEffects = {}): Promise<string[]> {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length + 2}`;
    };
    const sets = [SUMMARY_SET];
    if (fx.releaseClaimOf) {
      const holder = p(fx.releaseClaimOf);
      for (const col of ['claimed_by_id', 'claimed_at', 'claim_expires_at'])
        sets.push(`${col} = CASE WHEN m.claimed_by_id = ${holder}::uuid THEN NULL ELSE m.${col} END`);
    }
    if (fx.sent) {
      const resolve = p(fx.sent.resolve);
      sets.push(`first_response_at = COALESCE(m.first_response_at, now())`);
      // Sent: the ball is in the customer's court (pending) unless the agent resolved it; a mention already closed stays closed.
      sets.push(`status = CASE WHEN ${resolve}::boolean THEN 'resolved' WHEN m.status IN ('new', 'open') THEN 'pending' ELSE m.status END`);
      sets.push(`resolved_at = CASE WHEN ${resolve}::boolean THEN COALESCE(m.resolved_at, now()) ELSE m.resolved_at END`);
    }
    return touchMentions(tx, workspaceId, [mentionId], `, ${sets.join(', ')}`, params);
  }

  /** Status of each reply id (tests and the sender's checks). */
  async statusOf(workspaceId: string, id: string): Promise<ReplyStatus | null> {
    const rows = (await this.dataSource.query(`SELECT status FROM reply WHERE workspace_id = $1 AND id = $2`, [workspaceId, id])) as Array<{
      status: ReplyStatus;
    }>;
    return rows[0]?.status ?? null;
  }
}
