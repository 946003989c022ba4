import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { ClaimsService } from '../claims/claims.service.js';
import { SlaService } from './sla.service.js';

export const SLA_TICK_MS = 10_000;

/** Only schedules: every tick marks SLA breaches and clears lapsed claims (plain service methods). */
@Injectable()
export class SlaScheduler implements OnApplicationBootstrap {
  private readonly logger = new Logger(SlaScheduler.name);
  private running = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly sla: SlaService,
    private readonly claims: ClaimsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.polling) return;
    this.registry.addInterval(
      'sla-check',
      setInterval(() => void this.tick(), SLA_TICK_MS),
    );
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const breached = await this.sla.checkBreaches();
      const released = await this.claims.sweepExpiredClaims();
      if (breached || released) this.logger.log(`SLA check: ${breached} breached, ${released} lapsed claims released`);
    } catch (e) {
      this.logger.error(`SLA check failed: ${String(e)}`);
    } finally {
      this.running = false;
    }
  }
}
