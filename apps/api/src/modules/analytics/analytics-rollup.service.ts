import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AnalyticsRollupRepository, type RollupCatchUp } from './analytics-rollup.repository.js';

/**
 * Keeps analytics' hourly rollups current (see AnalyticsRollupRepository): before each analytics
 * read that uses them (so a read after a write is exact), and in rounds of the interval job
 * (AnalyticsRollupScheduler), which keep the work a read may find small.
 */
@Injectable()
export class AnalyticsRollupService {
  private readonly logger = new Logger(AnalyticsRollupService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: AnalyticsRollupRepository,
  ) {}

  /** EARSHOT_ANALYTICS_ROLLUPS: reads may use the rollups. */
  get enabled(): boolean {
    return this.config.analyticsRollups.enabled;
  }

  /**
   * Brings the workspace's rollups up to every committed change before a read; waits while
   * another instance catches the workspace up. Returns null when they were current already.
   */
  async ensureCurrent(workspaceId: string): Promise<RollupCatchUp | null> {
    if (await this.repo.isCurrent(workspaceId)) return null;
    const started = Date.now();
    const done = await this.repo.catchUp(workspaceId, { wait: true });
    await this.afterCatchUp(workspaceId, done, started);
    return done;
  }

  /**
   * One round over every workspace whose rollups are behind; a workspace another instance is
   * catching up is skipped (that one finishes it).
   */
  async catchUpAll(): Promise<{ workspaces: number; hours: number }> {
    let workspaces = 0;
    let hours = 0;
    for (const id of await this.repo.behind()) {
      const started = Date.now();
      const done = await this.repo.catchUp(id, { wait: false });
      if (!done) continue;
      await this.afterCatchUp(id, done, started);
      workspaces++;
      hours += done.hours;
    }
    return { workspaces, hours };
  }

  /** After a build or a large catch-up (a thousand hours and more), fresh planner statistics. */
  private async afterCatchUp(workspaceId: string, done: RollupCatchUp | null, started: number): Promise<void> {
    if (!done || (!done.full && done.hours < 1000)) return;
    await this.repo.analyze();
    this.logger.log(`analytics rollups of workspace ${workspaceId}: ${done.hours} hours ${done.full ? 'built' : 'recomputed'} in ${Date.now() - started} ms`);
  }
}
