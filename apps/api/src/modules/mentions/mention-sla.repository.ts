import { Injectable } from '@nestjs/common';
import type { SlaTargets } from '@earshot/contracts';
import type { EntityManager } from 'typeorm';
import { slaDueSql } from '../sla/sla-due.util.js';
import { touchMentions } from './change-seq.repository.js';
import { OPEN_STATUS_SQL } from './status-sql.util.js';

/** A workspace never checked before looks this far back for due times that passed. */
const FIRST_CHECK_LOOKBACK = '30 days';

/** The SLA columns of mentions (due time, breach); every statement runs in the caller's transaction, scoped by workspace id. */
@Injectable()
export class MentionSlaRepository {
  /** Locks the workspace's open mentions that have not breached yet, in id order; returns their ids. */
  async lockOpenUnbreached(tx: EntityManager, workspaceId: string): Promise<string[]> {
    const rows = (await tx.query(
      `SELECT id FROM mention WHERE workspace_id = $1 AND status IN (${OPEN_STATUS_SQL}) AND sla_breached_at IS NULL ORDER BY id FOR UPDATE`,
      [workspaceId],
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  /** Recomputes the (locked) mentions' due times under `targets`, with change sequence numbers; returns the ids changed. */
  recomputeDue(tx: EntityManager, workspaceId: string, ids: string[], targets: SlaTargets): Promise<string[]> {
    return touchMentions(tx, workspaceId, ids, `, sla_due_at = ${slaDueSql('m.created_at', 'm.urgency_level', '$3::jsonb')}`, [JSON.stringify(targets)]);
  }

  /**
   * Locks the open, unbreached mentions whose due time passed after `checkedUntil` (or in the
   * lookback when never checked) and by `now`, skipping rows another instance holds; returns their ids.
   * A mention the team has answered (first_response_at, stamped when a reply is sent) no longer counts.
   */
  async lockNewlyDue(tx: EntityManager, workspaceId: string, checkedUntil: Date | null, now: Date): Promise<string[]> {
    const due = (await tx.query(
      `SELECT id FROM mention
        WHERE workspace_id = $1 AND status IN (${OPEN_STATUS_SQL}) AND sla_due_at > COALESCE($2::timestamptz, $3::timestamptz - interval '${FIRST_CHECK_LOOKBACK}') AND sla_due_at <= $3
          AND sla_breached_at IS NULL AND first_response_at IS NULL
        ORDER BY id FOR UPDATE SKIP LOCKED`,
      [workspaceId, checkedUntil, now],
    )) as Array<{ id: string }>;
    return due.map((r) => r.id);
  }

  /** Marks the (locked) mentions breached at `now`, with change sequence numbers; returns the ids changed. */
  markBreached(tx: EntityManager, workspaceId: string, ids: string[], now: Date): Promise<string[]> {
    return touchMentions(tx, workspaceId, ids, `, sla_breached_at = $3`, [now]);
  }
}
