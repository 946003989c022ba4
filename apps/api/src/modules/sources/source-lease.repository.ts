import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SourceEntity } from './source.entity.js';

/** A source this instance holds the lease of: every write about it is fenced by `leaseToken`. */
export interface SourceLease {
  entity: SourceEntity;
  leaseToken: string;
}

/** How a poll ended, as stored on the source when its lease is released. */
export interface PollFinish {
  status: SourceEntity['status'];
  nextAt: Date;
  consecutiveFailures: number;
  /** The poll succeeded: `last_success_at` moves, and an 'ok' status clears the last error. */
  ok: boolean;
  /** Shown on the dashboard (cut to 1,000 characters); null keeps the last one. */
  message: string | null;
}

/**
 * The poller's lease on sources: `FOR UPDATE SKIP LOCKED` + a fresh lease token, so several
 * api instances never poll one source at once, and the release fenced by that token.
 */
@Injectable()
export class SourceLeaseRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Takes the lease of up to `limit` due sources for `leaseSeconds`. */
  async leaseDue(limit: number, leaseSeconds: number): Promise<SourceLease[]> {
    const rows = (await this.dataSource.query(
      `UPDATE source SET lease_token = gen_random_uuid(), leased_until = now() + make_interval(secs => $2), last_poll_at = now()
       WHERE id IN (
         SELECT id FROM source
         WHERE enabled AND next_poll_at <= now() AND status <> 'auth_required' AND (leased_until IS NULL OR leased_until < now())
         ORDER BY next_poll_at
         LIMIT $1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, lease_token`,
      [limit, leaseSeconds],
    )) as [Array<{ id: string; lease_token: string }>, number] | Array<{ id: string; lease_token: string }>;
    const list = Array.isArray(rows[0]) ? (rows[0] as Array<{ id: string; lease_token: string }>) : (rows as Array<{ id: string; lease_token: string }>);
    if (list.length === 0) return [];
    const entities = await this.dataSource.getRepository(SourceEntity).findBy(list.map((r) => ({ id: r.id })));
    return entities.map((entity) => ({ entity, leaseToken: list.find((r) => r.id === entity.id)!.lease_token }));
  }

  /** One source by id (the reply sender reads the source a reply is posted through). */
  findById(sourceId: string): Promise<SourceEntity | null> {
    return this.dataSource.getRepository(SourceEntity).findOneBy({ id: sourceId });
  }

  /**
   * The platform refused the source's credentials outside a poll (a reply was refused): the
   * source needs reconnecting, exactly as when a poll is refused, so polling stops too.
   */
  async markAuthRequired(sourceId: string, message: string): Promise<void> {
    await this.dataSource.query(`UPDATE source SET status = 'auth_required', last_error = $2, last_error_at = now(), updated_at = now() WHERE id = $1`, [
      sourceId,
      message.slice(0, 1000),
    ]);
  }

  /** Records health and the next poll time and releases the lease; a no-op when the lease was lost. */
  async finish(sourceId: string, leaseToken: string, f: PollFinish): Promise<void> {
    await this.dataSource.query(
      `UPDATE source SET status = $3::varchar, next_poll_at = $4::timestamptz, consecutive_failures = $5::int,
         last_success_at = CASE WHEN $6::boolean THEN now() ELSE last_success_at END,
         last_error = CASE WHEN $6::boolean AND $3::varchar = 'ok' THEN NULL ELSE COALESCE($7::text, last_error) END,
         last_error_at = CASE WHEN $7::text IS NULL THEN last_error_at ELSE now() END,
         lease_token = NULL, leased_until = NULL
       WHERE id = $1 AND lease_token = $2`,
      [sourceId, leaseToken, f.status, f.nextAt, f.consecutiveFailures, f.ok, f.message?.slice(0, 1000) ?? null],
    );
  }
}
