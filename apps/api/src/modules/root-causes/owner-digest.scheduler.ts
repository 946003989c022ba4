import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { startEnvCron } from '../../common/schedule/env-cron.util.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { OwnerDigestService } from './owner-digest.service.js';

/**
 * Only schedules: EARSHOT_OWNER_DIGEST_CRON (default Monday 08:00 server time; `off` disables)
 * runs the weekly round, which sends each owner's digest once per week across instances.
 * Tests call OwnerDigestService.runWeekly().
 */
@Injectable()
export class OwnerDigestScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(OwnerDigestScheduler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly digest: OwnerDigestService,
  ) {}

  onApplicationBootstrap(): void {
    startEnvCron(this.registry, {
      name: 'owner-digest',
      cron: this.config.ownerDigestCron,
      variable: 'EARSHOT_OWNER_DIGEST_CRON',
      example: '"0 8 * * 1" (Mondays 08:00)',
      onTick: () => {
        this.digest.runWeekly().catch((e: unknown) => this.logger.error(`Owner digest round failed: ${(e as Error).message}`));
      },
    });
  }
}
