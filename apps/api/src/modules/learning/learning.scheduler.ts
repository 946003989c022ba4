import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { startEnvCron } from '../../common/schedule/env-cron.util.js';
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
    startEnvCron(this.registry, {
      name: 'learning-nightly',
      cron: this.config.learningCron,
      variable: 'EARSHOT_LEARNING_CRON',
      example: '"0 2 * * *" (02:00 every night)',
      onTick: () => {
        this.learning
          .runNightly()
          .then((r) => this.logger.log(`nightly training: ${r.started} workspace run(s) started`))
          .catch((e: unknown) => this.logger.error(`nightly training round failed: ${(e as Error).message}`));
      },
    });
  }
}
