import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Platform, ReplyFailure, ReplyStatus } from '@earshot/contracts';
import type { ReplyTarget } from '@earshot/connectors';
import type { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from './returned-rows.util.js';

/** A reply this instance holds the lease of: every write of the attempt is fenced by `leaseToken`. */
export interface LeasedReply {
  id: string;
  workspaceId: string;
  /** Null for a `post` (a status update answers no mention). */
  mentionId: string | null;
  kind: 'reply' | 'post';
  sourceId: string | null;
  platform: Platform;
  text: string;
  idempotencyKey: string;
  authorUserId: string;
  resolveOnSend: boolean;
  leaseToken: string;
  /** The status before this lease: `unknown`, or `sending` with a lapsed lease (a crashed sender), means reconcile first. */
  previousStatus: ReplyStatus;
  /** Attempts including this one. */
  attempts: number;
  firstAttemptAt: Date;
}

/** How an attempt ended, written only while the lease is still ours. */
export interface AttemptEnd {
  status: 'sent' | 'queued' | 'failed' | 'unknown';
  nextAttemptAt: Date | null;
  lastError: string | null;
  externalId?: string | null;
  externalUrl?: string | null;
  /** Why a failed or unknown reply stopped (what a person's retry checks); null when sent or queued. */
  failureKind?: ReplyFailure | null;
}

/**
 * The sender's side of the reply table (the outbox): leases taken with `FOR UPDATE SKIP LOCKED`
 * and a fresh lease token, and every later write of the attempt fenced by that token, so any api
 * instance may send and a stale one's writes change nothing.
 */
@Injectable()
export class ReplyOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<R>(work: (tx: EntityManager) => Promise<R>): Promise<R> {
    return this.dataSource.transaction(work);
  }

  /**
   * Takes up to `limit` due replies: queued or unknown ones whose next attempt time came, and
   * `sending` ones whose lease lapsed (next_attempt_at is the lease's end while sending). The
   * mention row is locked too (SKIP LOCKED: a mention being changed is simply not due yet), so
   * the status change and the mention's summary commit together in the caller's transaction.
   * Status posts (kind `post`, no mention) are leased after the replies, in the same way.
   */
  async leaseDue(tx: EntityManager, limit: number, leaseSeconds: number): Promise<LeasedReply[]> {
    const due = (await tx.query(
      `SELECT r.id, r.status FROM reply r JOIN mention m ON m.id = r.mention_id
        WHERE r.status IN ('queued', 'sending', 'unknown') AND r.next_attempt_at <= now() AND r.dismissed_at IS NULL
        ORDER BY r.next_attempt_at LIMIT $1
        FOR UPDATE OF r, m SKIP LOCKED`,
      [limit],
    )) as Array<{ id: string; status: ReplyStatus }>;
    if (due.length < limit) {
      due.push(
        ...((await tx.query(
          `SELECT r.id, r.status FROM reply r
            WHERE r.kind = 'post' AND r.status IN ('queued', 'sending', 'unknown') AND r.next_attempt_at <= now() AND r.dismissed_at IS NULL
            ORDER BY r.next_attempt_at LIMIT $1
            FOR UPDATE SKIP LOCKED`,
          [limit - due.length],
        )) as Array<{ id: string; status: ReplyStatus }>),
      );
    }
    if (due.length === 0) return [];
    const rows = (await tx.query(
      `UPDATE reply SET status = 'sending', lease_token = gen_random_uuid(), leased_until = now() + make_interval(secs => $2),
              next_attempt_at = now() + make_interval(secs => $2), attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, now()),
              updated_at = now()
        WHERE id = ANY($1::uuid[])
        RETURNING id, workspace_id, mention_id, kind, source_id, platform, text, idempotency_key, author_user_id, resolve_on_send, lease_token, attempts, first_attempt_at`,
      [due.map((d) => d.id), leaseSeconds],
    )) as unknown;
    const list = returnedRows<{
      id: string;
      workspace_id: string;
      mention_id: string | null;
      kind: 'reply' | 'post';
      source_id: string | null;
      platform: Platform;
      text: string;
      idempotency_key: string;
      author_user_id: string;
      resolve_on_send: boolean;
      lease_token: string;
      attempts: number;
      first_attempt_at: Date;
    }>(rows);
    const before = new Map(due.map((d) => [d.id, d.status]));
    return list.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      mentionId: r.mention_id,
      kind: r.kind,
      sourceId: r.source_id,
      platform: r.platform,
      text: r.text,
      idempotencyKey: r.idempotency_key,
      authorUserId: r.author_user_id,
      resolveOnSend: r.resolve_on_send,
      leaseToken: r.lease_token,
      previousStatus: before.get(r.id)!,
      attempts: Number(r.attempts),
      firstAttemptAt: new Date(r.first_attempt_at),
    }));
  }

  /** Whether the lease is still ours and live (checked just before calling the platform). */
  async stillHeld(id: string, leaseToken: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT 1 FROM reply WHERE id = $1 AND lease_token = $2 AND status = 'sending' AND leased_until > now()`, [
      id,
      leaseToken,
    ])) as unknown[];
    return rows.length === 1;
  }

  /** Locks the mention before the reply (the order every reply transaction uses). */
  async lockMention(tx: EntityManager, workspaceId: string, mentionId: string): Promise<void> {
    await tx.query(`SELECT id FROM mention WHERE workspace_id = $1 AND id = $2 FOR UPDATE`, [workspaceId, mentionId]);
  }

  /** Ends the attempt, fenced: 0 rows (false) when another sender took the reply meanwhile. */
  async endAttempt(tx: EntityManager, id: string, leaseToken: string, e: AttemptEnd): Promise<boolean> {
    const rows = (await tx.query(
      `UPDATE reply SET status = $3::varchar, next_attempt_at = $4::timestamptz, last_error = $5::text,
              external_id = COALESCE($6::varchar, external_id), external_url = COALESCE($7::varchar, external_url),
              sent_at = CASE WHEN $3::varchar = 'sent' THEN now() ELSE sent_at END,
              failure_kind = CASE WHEN $3::varchar IN ('failed', 'unknown') THEN $8::varchar END,
              lease_token = NULL, leased_until = NULL, updated_at = now()
        WHERE id = $1 AND lease_token = $2 AND status = 'sending'
        RETURNING id`,
      [id, leaseToken, e.status, e.nextAttemptAt, e.lastError?.slice(0, 1000) ?? null, e.externalId ?? null, e.externalUrl ?? null, e.failureKind ?? null],
    )) as unknown;
    return returnedRows(rows).length === 1;
  }

  /** What the connector needs to answer the mention: its reply target, captured at ingest. */
  async replyTargetOf(workspaceId: string, mentionId: string): Promise<ReplyTarget | null> {
    const rows = (await this.dataSource.query(`SELECT reply_target FROM mention WHERE workspace_id = $1 AND id = $2`, [workspaceId, mentionId])) as Array<{
      reply_target: ReplyTarget | null;
    }>;
    return rows[0]?.reply_target ?? null;
  }
}
