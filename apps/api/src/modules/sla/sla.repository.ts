import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import type { SlaTargets } from '@earshot/contracts';
import type { DataSource, EntityManager } from 'typeorm';

/** The workspace's SLA settings: its targets and how far its breach check has got. */
@Injectable()
export class SlaRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** The workspace's own targets (partial), or null when it has none. */
  async findTargets(workspaceId: string): Promise<Partial<SlaTargets> | null> {
    const rows = (await this.dataSource.query(`SELECT sla_targets FROM workspace WHERE id = $1`, [workspaceId])) as Array<{ sla_targets: SlaTargets | null }>;
    return rows[0]?.sla_targets ?? null;
  }

  async saveTargets(tx: EntityManager, workspaceId: string, targets: SlaTargets): Promise<void> {
    await tx.query(`UPDATE workspace SET sla_targets = $2::jsonb WHERE id = $1`, [workspaceId, JSON.stringify(targets)]);
  }

  /** Every workspace with the time its breach check has covered (null: never checked). */
  async checkpoints(): Promise<Array<{ id: string; checkedUntil: Date | null }>> {
    const rows = (await this.dataSource.query(`SELECT id, sla_checked_until FROM workspace`)) as Array<{ id: string; sla_checked_until: Date | null }>;
    return rows.map((r) => ({ id: r.id, checkedUntil: r.sla_checked_until }));
  }

  /** Moves the workspace's checkpoint forward to `now` (never back). */
  async advanceCheckpoint(tx: EntityManager, workspaceId: string, now: Date): Promise<void> {
    await tx.query(`UPDATE workspace SET sla_checked_until = GREATEST(COALESCE(sla_checked_until, $2), $2) WHERE id = $1`, [workspaceId, now]);
  }
}
