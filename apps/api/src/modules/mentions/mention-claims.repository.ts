import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import type { DataSource, EntityManager } from 'typeorm';
import { touchMentions } from './change-seq.repository.js';

/** SET clauses that drop a claim. */
const CLEAR_CLAIM = `, claimed_by_id = NULL, claimed_at = NULL, claim_expires_at = NULL`;

/**
 * A claim whose holder's reply waits for a manager is pinned: it does not lapse, the sweeper
 * and the holder's closing the pane leave it, and nobody takes it over (the reply module
 * releases it when the reply is approved or rejected). Read from the mention's reply summary.
 */
export const CLAIM_PINNED_SQL = `(COALESCE((m.reply_summary->>'awaitingApproval')::int, 0) > 0)`;

/** The claim columns of mentions (who is replying, until when); every statement is scoped by workspace id. */
@Injectable()
export class MentionClaimsRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** Locks the mention and reads its claim (holder, whether still live, holder's name); undefined when the mention is not in the workspace. */
  async lockClaim(
    tx: EntityManager,
    workspaceId: string,
    id: string,
  ): Promise<{ claimed_by_id: string | null; live: boolean | null; pinned: boolean; claimer_name: string | null } | undefined> {
    const [row] = (await tx.query(
      `SELECT m.claimed_by_id, (m.claim_expires_at > now() OR ${CLAIM_PINNED_SQL}) AS live, ${CLAIM_PINNED_SQL} AS pinned, u.name AS claimer_name
         FROM mention m LEFT JOIN "user" u ON u.id = m.claimed_by_id
        WHERE m.workspace_id = $1 AND m.id = $2 FOR UPDATE OF m`,
      [workspaceId, id],
    )) as Array<{ claimed_by_id: string | null; live: boolean | null; pinned: boolean; claimer_name: string | null }>;
    return row;
  }

  /** Moves the expiry of a claim only (its holder renewed it: no change to announce). */
  async renew(tx: EntityManager, workspaceId: string, id: string, ttlSeconds: number): Promise<void> {
    await tx.query(`UPDATE mention SET claim_expires_at = now() + make_interval(secs => $3) WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      id,
      ttlSeconds,
    ]);
  }

  /** Gives the (locked) mention's claim to `userId` for `ttlSeconds`, with a change sequence number. */
  take(tx: EntityManager, workspaceId: string, id: string, userId: string, ttlSeconds: number): Promise<string[]> {
    return touchMentions(
      tx,
      workspaceId,
      [id],
      `, claimed_by_id = $3, claimed_at = now(), claim_expires_at = now() + make_interval(secs => ${Math.trunc(ttlSeconds)})`,
      [userId],
    );
  }

  /** Drops the claims of the (locked) mentions, with change sequence numbers; returns the ids changed. */
  clear(tx: EntityManager, workspaceId: string, ids: string[]): Promise<string[]> {
    return touchMentions(tx, workspaceId, ids, CLEAR_CLAIM);
  }

  /** Locks the mention if `userId` holds its claim and the claim is not pinned; false otherwise. */
  async lockHeldBy(tx: EntityManager, workspaceId: string, id: string, userId: string): Promise<boolean> {
    const rows = (await tx.query(`SELECT id FROM mention m WHERE workspace_id = $1 AND id = $2 AND claimed_by_id = $3 AND NOT ${CLAIM_PINNED_SQL} FOR UPDATE`, [
      workspaceId,
      id,
      userId,
    ])) as unknown[];
    return rows.length > 0;
  }

  /** Locks every mention whose claim `userId` holds (pinned ones excepted), in id order; returns their ids. */
  async lockAllHeldBy(tx: EntityManager, workspaceId: string, userId: string): Promise<string[]> {
    const rows = (await tx.query(`SELECT id FROM mention m WHERE workspace_id = $1 AND claimed_by_id = $2 AND NOT ${CLAIM_PINNED_SQL} ORDER BY id FOR UPDATE`, [
      workspaceId,
      userId,
    ])) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /** Mentions whose claim lapsed, grouped by workspace (not locked: lockExpired re-checks). */
  async findExpired(): Promise<Array<{ workspaceId: string; ids: string[] }>> {
    const rows = (await this.dataSource.query(
      `SELECT workspace_id, array_agg(id) AS ids FROM mention m WHERE claimed_by_id IS NOT NULL AND claim_expires_at <= now() AND NOT ${CLAIM_PINNED_SQL} GROUP BY workspace_id`,
    )) as Array<{ workspace_id: string; ids: string[] }>;
    return rows.map((r) => ({ workspaceId: r.workspace_id, ids: r.ids }));
  }

  /** Locks those of `ids` whose claim is still lapsed, in id order; returns their ids. */
  async lockExpired(tx: EntityManager, workspaceId: string, ids: string[]): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT id FROM mention m WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND claimed_by_id IS NOT NULL AND claim_expires_at <= now() AND NOT ${CLAIM_PINNED_SQL} ORDER BY id FOR UPDATE`,
      [workspaceId, ids],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }
}
