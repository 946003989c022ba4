import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AnalyticsRollupService } from './analytics-rollup.service.js';

/**
 * Only schedules: every EARSHOT_ANALYTICS_ROLLUP_SECONDS (default 60; 0 = off) with background
 * work on (EARSHOT_POLLING) and rollups on, one catch-up round (AnalyticsRollupService.catchUpAll,
 * which tests call directly). Rounds never overlap in one process; instances share the work
 * through each workspace's advisory lock.
 */
@Injectable()
export class AnalyticsRollupScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(AnalyticsRollupScheduler.name);
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly rollups: AnalyticsRollupService,
  ) {}

  onApplicationBootstrap(): void {
    const { enabled, intervalMs } = this.config.analyticsRollups;
    if (!this.config.polling || !enabled || !intervalMs) return;
    this.registry.addInterval(
      'analytics-rollups',
      setInterval(() => void this.tick(), intervalMs),
    );
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const started = Date.now();
    try {
      const r = await this.rollups.catchUpAll();
      if (r.hours > 0) this.logger.debug(`analytics rollups: ${r.hours} hours of ${r.workspaces} workspace(s) recomputed in ${Date.now() - started} ms`);
    } catch (e) {
      this.logger.error(`analytics rollup catch-up failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
