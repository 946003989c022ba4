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
    if (done?.full) this.logger.log(`analytics rollups of workspace ${workspaceId} built: ${done.hours} hours in ${Date.now() - started} ms`);
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
      const done = await this.repo.catchUp(id, { wait: false });
      if (!done) continue;
      workspaces++;
      hours += done.hours;
    }
    return { workspaces, hours };
  }
}
