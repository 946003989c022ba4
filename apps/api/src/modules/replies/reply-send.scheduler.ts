import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { ReplySenderService } from './reply-sender.service.js';

/** Retries, rate-limit waits and lapsed leases (a sender that died mid-call) come due between kicks. */
export const REPLY_TICK_MS = 2_000;

/**
 * Only schedules: with background work on (EARSHOT_POLLING), the sender is kicked every tick
 * and right after a reply is queued (RepliesService). Tests call ReplySenderService.runDue().
 */
@Injectable()
export class ReplySendScheduler implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly sender: ReplySenderService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.polling) return;
    this.sender.background = true;
    this.registry.addInterval(
      'send-replies',
      setInterval(() => this.sender.kick(), REPLY_TICK_MS),
    );
    this.sender.kick();
  }
}
