import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { LearningService } from './learning.service.js';

/**
 * Only schedules: EARSHOT_LEARNING_CRON (default 02:00 server time; `off` disables) starts the
 * nightly round, which trains each workspace with new labelled posts once across instances (the
 * training row's unique index). Tests call LearningService.runNightly().
 */
@Injectable()
export class LearningScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(LearningScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly learning: LearningService,
  ) {}

  onApplicationBootstrap(): void {
    const cron = this.config.learningCron;
    if (!cron) return;
    let job: CronJob;
    try {
      job = CronJob.from({
        cronTime: cron,
        onTick: () => {
          this.learning
            .runNightly()
            .then((r) => this.logger.log(`nightly training: ${r.started} workspace run(s) started`))
            .catch((e: unknown) => this.logger.error(`nightly training round failed: ${(e as Error).message}`));
        },
        start: false,
      });
    } catch {
      throw new Error(`EARSHOT_LEARNING_CRON: must be a cron expression such as "0 2 * * *" (02:00 every night), or off (got "${cron}")`);
    }
    this.registry.addCronJob('learning-nightly', job);
    job.start();
  }
}
