import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { WebhookOutboxService } from './webhook-outbox.service.js';

/** Retries and lapsed leases (a sender that died mid-POST) come due between kicks. */
export const WEBHOOK_TICK_MS = 5_000;

/**
 * Only schedules: with background work on (EARSHOT_POLLING), the webhook sender runs every tick
 * and right after a delivery is written (its feature kicks it after commit). Tests call
 * WebhookOutboxService.runDue().
 */
@Injectable()
export class WebhookSendScheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly outbox: WebhookOutboxService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.polling) return;
    this.outbox.background = true;
    this.registry.addInterval(
      'send-webhooks',
      setInterval(() => this.outbox.kick(), WEBHOOK_TICK_MS),
    );
    this.outbox.kick();
  }
}
