import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { WebhookDeliveryStatus } from './webhook-delivery.entity.js';

/** A delivery to write with the change it announces. */
export interface NewWebhookDelivery {
  id: string;
  workspaceId: string;
  event: string;
  url: string;
  payload: unknown;
}

/** A delivery this instance holds the lease of: the attempt's writes are fenced by `leaseToken`. */
export interface LeasedWebhookDelivery {
  id: string;
  workspaceId: string;
  event: string;
  url: string;
  payload: unknown;
  /** Attempts including this one. */
  attempts: number;
  leaseToken: string;
}

/** How an attempt ended. `retryInSeconds` only for `pending`. */
export type WebhookAttemptEnd =
  { status: 'delivered' } | { status: 'pending'; retryInSeconds: number; lastError: string } | { status: 'failed'; lastError: string };

export interface WebhookDeliveryRow {
  id: string;
  workspaceId: string;
  event: string;
  url: string;
  payload: unknown;
  attempts: number;
  status: WebhookDeliveryStatus;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

type RawRow = {
  id: string;
  workspace_id: string;
  event: string;
  url: string;
  payload: unknown;
  attempts: number;
  status: WebhookDeliveryStatus;
  next_attempt_at: Date | string;
  last_error: string | null;
  created_at: Date | string;
  delivered_at: Date | string | null;
  lease_token: string | null;
};

/** `query` answers an UPDATE … RETURNING with [rows, count] (node-postgres) or the rows (PGlite). */
function returned<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/**
 * The webhook outbox table. Every statement is scoped by workspace except the sender's lease
 * round, which takes due deliveries of all workspaces (each row carries its workspace).
 */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes a pending delivery, due now, in the caller's transaction. */
  async insert(tx: EntityManager, d: NewWebhookDelivery): Promise<void> {
    await tx.query(
      `INSERT INTO webhook_delivery (id, workspace_id, event, url, payload, attempts, next_attempt_at, status)
       VALUES ($1, $2, $3, $4, $5::jsonb, 0, now(), 'pending')`,
      [d.id, d.workspaceId, d.event, d.url, JSON.stringify(d.payload)],
    );
  }

  /**
   * Gives up on deliveries whose last allowed attempt took a lease and never finished (its
   * sender died mid-POST): they are not posted again. Returns them for the log.
   */
  async failAbandoned(maxAttempts: number): Promise<Array<{ id: string; workspaceId: string; event: string; url: string; attempts: number }>> {
    const rows = returned<RawRow>(
      await this.dataSource.query(
        `UPDATE webhook_delivery SET status = 'failed', lease_token = NULL,
                last_error = 'The last attempt was interrupted (the api stopped while posting): not sent again.'
          WHERE status = 'pending' AND attempts >= $1 AND next_attempt_at <= now()
          RETURNING id, workspace_id, event, url, attempts`,
        [maxAttempts],
      ),
    );
    return rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id, event: r.event, url: r.url, attempts: Number(r.attempts) }));
  }

  /**
   * Takes up to `limit` due deliveries (pending, next attempt time come, attempts left): locked
   * with SKIP LOCKED, so two instances never take the same row, then stamped with a fresh lease
   * token and their lease's end as the next attempt time, in one statement.
   */
  async leaseDue(limit: number, leaseSeconds: number, maxAttempts: number): Promise<LeasedWebhookDelivery[]> {
    const rows = returned<RawRow>(
      await this.dataSource.query(
        `UPDATE webhook_delivery d
            SET lease_token = gen_random_uuid(), attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
          WHERE d.id IN (SELECT id FROM webhook_delivery
                          WHERE status = 'pending' AND next_attempt_at <= now() AND attempts < $3
                          ORDER BY next_attempt_at LIMIT $1
                          FOR UPDATE SKIP LOCKED)
          RETURNING d.id, d.workspace_id, d.event, d.url, d.payload, d.attempts, d.lease_token`,
        [limit, leaseSeconds, maxAttempts],
      ),
    );
    return rows.map((r) => ({
      id: r.id,
      workspaceId: r.workspace_id,
      event: r.event,
      url: r.url,
      payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload,
      attempts: Number(r.attempts),
      leaseToken: r.lease_token!,
    }));
  }

  /** Whether the lease is still ours and live (checked just before posting). */
  async stillHeld(id: string, leaseToken: string): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `SELECT 1 FROM webhook_delivery WHERE id = $1 AND lease_token = $2 AND status = 'pending' AND next_attempt_at > now()`,
      [id, leaseToken],
    )) as unknown[];
    return rows.length === 1;
  }

  /** Ends the attempt, fenced: false when the lease was lost meanwhile (another sender took the row). */
  async finish(id: string, leaseToken: string, end: WebhookAttemptEnd): Promise<boolean> {
    const rows = returned<{ id: string }>(
      await this.dataSource.query(
        `UPDATE webhook_delivery
            SET status = $3::varchar,
                next_attempt_at = CASE WHEN $3::varchar = 'pending' THEN now() + make_interval(secs => $4::double precision) ELSE next_attempt_at END,
                last_error = $5::varchar,
                delivered_at = CASE WHEN $3::varchar = 'delivered' THEN now() ELSE delivered_at END,
                lease_token = NULL
          WHERE id = $1 AND lease_token = $2 AND status = 'pending'
          RETURNING id`,
        [id, leaseToken, end.status, end.status === 'pending' ? end.retryInSeconds : 0, end.status === 'delivered' ? null : end.lastError.slice(0, 500)],
      ),
    );
    return rows.length === 1;
  }

  /** One delivery of a workspace. */
  async findOne(workspaceId: string, id: string): Promise<WebhookDeliveryRow | null> {
    const rows = (await this.dataSource.query(`SELECT * FROM webhook_delivery WHERE workspace_id = $1 AND id = $2`, [workspaceId, id])) as RawRow[];
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** A workspace's deliveries, newest first (at most `limit`). */
  async list(workspaceId: string, limit = 100): Promise<WebhookDeliveryRow[]> {
    const rows = (await this.dataSource.query(`SELECT * FROM webhook_delivery WHERE workspace_id = $1 ORDER BY created_at DESC, id LIMIT $2`, [
      workspaceId,
      limit,
    ])) as RawRow[];
    return rows.map(toRow);
  }
}

function toRow(r: RawRow): WebhookDeliveryRow {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    event: r.event,
    url: r.url,
    payload: typeof r.payload === 'string' ? (JSON.parse(r.payload) as unknown) : r.payload,
    attempts: Number(r.attempts),
    status: r.status,
    nextAttemptAt: new Date(r.next_attempt_at),
    lastError: r.last_error,
    createdAt: new Date(r.created_at),
    deliveredAt: r.delivered_at ? new Date(r.delivered_at) : null,
  };
}
