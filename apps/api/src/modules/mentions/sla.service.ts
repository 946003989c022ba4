import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DEFAULT_SLA_TARGETS, type SlaTargets } from '@earshot/contracts';
import type { DataSource } from 'typeorm';
import type { AuthContext } from '../../common/auth-context.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { touchMentions } from './change-seq.util.js';
import { slaDueSql } from './sla-due.util.js';
import { OPEN_STATUS_SQL } from './status-sql.util.js';

/** A workspace never checked before looks this far back for due times that passed. */
const FIRST_CHECK_LOOKBACK = '30 days';

/**
 * SLA: every open mention has a due time (received + the workspace's target for its
 * urgency); `checkBreaches` marks those whose due time passed, once, and announces them.
 * It reads only the due times that passed since the last check, through the open-SLA index.
 */
@Injectable()
export class SlaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async targets(workspaceId: string): Promise<SlaTargets> {
    const rows = (await this.dataSource.query(`SELECT sla_targets FROM workspace WHERE id = $1`, [workspaceId])) as Array<{ sla_targets: SlaTargets }>;
    return { ...DEFAULT_SLA_TARGETS, ...(rows[0]?.sla_targets ?? {}) };
  }

  /** New targets; open mentions that have not breached yet get due times under them. */
  async setTargets(auth: AuthContext, targets: SlaTargets, meta: RequestMeta): Promise<SlaTargets> {
    const ids = await this.dataSource.transaction(async (tx) => {
      const open = (await tx.query(`SELECT id FROM mention WHERE workspace_id = $1 AND status IN (${OPEN_STATUS_SQL}) AND sla_breached_at IS NULL ORDER BY id FOR UPDATE`, [auth.workspaceId])) as Array<{
        id: string;
      }>;
      await tx.query(`UPDATE workspace SET sla_targets = $2::jsonb WHERE id = $1`, [auth.workspaceId, JSON.stringify(targets)]);
      const changed = await touchMentions(tx, auth.workspaceId, open.map((r) => r.id), `, sla_due_at = ${slaDueSql('m.created_at', 'm.urgency_level', '$3::jsonb')}`, [
        JSON.stringify(targets),
      ]);
      await this.audit.record({ workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'sla.targets_changed', data: { ...targets, mentionsUpdated: changed.length }, ...meta }, tx);
      return changed;
    });
    if (ids.length) this.events.emit('mentions.changed', { workspaceId: auth.workspaceId, ids, kind: 'updated' });
    return targets;
  }

  /**
   * Marks open mentions whose due time has passed as breached (each once, even with several
   * api instances: rows are locked with SKIP LOCKED and re-checked) and raises `sla.breached`.
   * Returns how many were marked.
   */
  async checkBreaches(now = new Date()): Promise<number> {
    const workspaces = (await this.dataSource.query(`SELECT id, sla_checked_until FROM workspace`)) as Array<{ id: string; sla_checked_until: Date | null }>;
    let total = 0;
    for (const w of workspaces) {
      const ids = await this.dataSource.transaction(async (tx) => {
        const due = (await tx.query(
          `SELECT id FROM mention
            WHERE workspace_id = $1 AND status IN (${OPEN_STATUS_SQL}) AND sla_due_at > COALESCE($2::timestamptz, $3::timestamptz - interval '${FIRST_CHECK_LOOKBACK}') AND sla_due_at <= $3
              AND sla_breached_at IS NULL
            ORDER BY id FOR UPDATE SKIP LOCKED`,
          [w.id, w.sla_checked_until, now],
        )) as Array<{ id: string }>;
        const marked = await touchMentions(tx, w.id, due.map((r) => r.id), `, sla_breached_at = $3`, [now]);
        // Rows another instance holds right now are its to mark; do not move past them.
        await tx.query(`UPDATE workspace SET sla_checked_until = GREATEST(COALESCE(sla_checked_until, $2), $2) WHERE id = $1`, [w.id, now]);
        return marked;
      });
      if (ids.length) this.events.emit('mentions.changed', { workspaceId: w.id, ids, kind: 'sla.breached' });
      total += ids.length;
    }
    return total;
  }
}
