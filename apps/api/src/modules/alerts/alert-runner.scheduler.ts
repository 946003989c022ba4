import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { startEnvCron } from '../../common/schedule/env-cron.util.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AlertRunnerService } from './alert-runner.service.js';

/**
 * Only schedules: with background work on (EARSHOT_POLLING), EARSHOT_ALERTS_CRON (default every minute; `off`
 * disables it) runs the alert round; each rule is worked on by one instance at a time (its lease). Tests call
 * AlertRunnerService.runDue().
 */
@Injectable()
export class AlertRunnerScheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly runner: AlertRunnerService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.polling) return;
    startEnvCron(this.registry, {
      name: 'alert-runner',
      cron: this.config.alertsCron,
      variable: 'EARSHOT_ALERTS_CRON',
      example: '"* * * * *" (every minute)',
      onTick: () => this.runner.tick(),
    });
  }
}
