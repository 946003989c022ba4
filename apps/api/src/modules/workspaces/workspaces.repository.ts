import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';

export interface WorkspaceRow {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  reportWeekStart: number;
}

/** The workspace row's settings. */
@Injectable()
export class WorkspacesRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** True when the database knows the zone too (its zone files can differ from the runtime's). */
  async databaseKnowsZone(zone: string): Promise<boolean> {
    const rows = (await this.dataSource.query(`SELECT count(*)::int AS n FROM pg_timezone_names WHERE name = $1`, [zone])) as Array<{ n: number }>;
    return (rows[0]?.n ?? 0) > 0;
  }

  /** Locks the row and sets its zone; returns the previous zone (null: no such workspace). */
  async setTimeZone(tx: EntityManager, workspaceId: string, zone: string): Promise<string | null> {
    const rows = (await tx.query(`SELECT time_zone FROM workspace WHERE id = $1 FOR UPDATE`, [workspaceId])) as Array<{ time_zone: string }>;
    if (!rows[0]) return null;
    await tx.query(`UPDATE workspace SET time_zone = $2 WHERE id = $1`, [workspaceId, zone]);
    return rows[0].time_zone;
  }

  /** Locks the row and sets the weekly report's first weekday; returns the previous one (null: no such workspace). */
  async setReportWeekStart(tx: EntityManager, workspaceId: string, weekday: number): Promise<number | null> {
    const rows = (await tx.query(`SELECT report_week_start FROM workspace WHERE id = $1 FOR UPDATE`, [workspaceId])) as Array<{
      report_week_start: number;
    }>;
    if (!rows[0]) return null;
    await tx.query(`UPDATE workspace SET report_week_start = $2 WHERE id = $1`, [workspaceId, weekday]);
    return rows[0].report_week_start;
  }

  async find(workspaceId: string, tx?: EntityManager): Promise<WorkspaceRow | null> {
    const rows = (await (tx ?? this.dataSource).query(`SELECT id, name, slug, time_zone, report_week_start FROM workspace WHERE id = $1`, [
      workspaceId,
    ])) as Array<{
      id: string;
      name: string;
      slug: string;
      time_zone: string;
      report_week_start: number;
    }>;
    const r = rows[0];
    return r ? { id: r.id, name: r.name, slug: r.slug, timeZone: r.time_zone, reportWeekStart: r.report_week_start } : null;
  }
}
