import { Injectable } from '@nestjs/common';
import { DEFAULT_SLA_TARGETS, type SlaTargets } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { MentionSlaRepository } from '../mentions/mention-sla.repository.js';
import { SlaRepository } from './sla.repository.js';

/**
 * SLA: every open mention has a due time (received + the workspace's target for its
 * urgency); `checkBreaches` marks those whose due time passed, once, and announces them.
 * It reads only the due times that passed since the last check, through the open-SLA index.
 */
@Injectable()
export class SlaService {
  constructor(
    private readonly repo: SlaRepository,
    private readonly mentions: MentionSlaRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async targets(workspaceId: string): Promise<SlaTargets> {
    return { ...DEFAULT_SLA_TARGETS, ...((await this.repo.findTargets(workspaceId)) ?? {}) };
  }

  /** New targets; open mentions that have not breached yet get due times under them. */
  async setTargets(auth: AuthContext, targets: SlaTargets, meta: RequestMeta): Promise<SlaTargets> {
    const ids = await this.repo.transaction(async (tx) => {
      const open = await this.mentions.lockOpenUnbreached(tx, auth.workspaceId);
      await this.repo.saveTargets(tx, auth.workspaceId, targets);
      const changed = await this.mentions.recomputeDue(tx, auth.workspaceId, open, targets);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'sla.targets_changed',
          data: { ...targets, mentionsUpdated: changed.length },
          ...meta,
        },
        tx,
      );
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
    const workspaces = await this.repo.checkpoints();
    let total = 0;
    for (const w of workspaces) {
      const ids = await this.repo.transaction(async (tx) => {
        const due = await this.mentions.lockNewlyDue(tx, w.id, w.checkedUntil, now);
        const marked = await this.mentions.markBreached(tx, w.id, due, now);
        // Rows another instance holds right now are its to mark; do not move past them.
        await this.repo.advanceCheckpoint(tx, w.id, now);
        return marked;
      });
      if (ids.length) this.events.emit('mentions.changed', { workspaceId: w.id, ids, kind: 'sla.breached' });
      total += ids.length;
    }
    return total;
  }
}
