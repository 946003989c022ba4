import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronTime } from 'cron';
import { startEnvCron } from '../../common/schedule/env-cron.util.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { ReportsService } from './reports.service.js';

/** How often the schedule looks for due weeks (server time): every 5 minutes, so zones offset by :30 or :45 are on time too. */
const ROUND_CRON = '*/5 * * * *';

/**
 * Only schedules: with background work on (EARSHOT_POLLING) and EARSHOT_REPORT_CRON set (default `0 7 * * 1`, read
 * in each workspace's zone; `off` disables it), a round every 5 minutes generates and e-mails each workspace's last
 * complete week once it is due (ReportsService.runScheduled; once across instances). Tests call runScheduled().
 */
@Injectable()
export class ReportScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportScheduler.name);
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly reports: ReportsService,
  ) {}

  onApplicationBootstrap(): void {
    const cron = this.config.reportCron;
    if (!cron) return;
    try {
      new CronTime(cron, 'UTC');
    } catch {
      throw new Error(`EARSHOT_REPORT_CRON: must be a cron expression such as "0 7 * * 1" (Mondays 07:00 in each workspace's zone), or off (got "${cron}")`);
    }
    if (!this.config.polling) return;
    startEnvCron(this.registry, {
      name: 'weekly-report',
      cron: ROUND_CRON,
      variable: 'EARSHOT_REPORT_CRON',
      example: '"0 7 * * 1" (Mondays 07:00)',
      onTick: () => {
        if (this.running) return; // a round that outlasts 5 minutes is not run twice at once in this process
        this.running = true;
        this.reports
          .runScheduled()
          .catch((e: unknown) => this.logger.error(`Weekly report round failed: ${(e as Error).message}`))
          .finally(() => (this.running = false));
      },
    });
  }
}
