import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { PollerService } from './poller.service.js';

export const POLL_TICK_MS = 2_000;

/** Only schedules: checks the flag, skips a tick while the last one runs, calls the service. */
@Injectable()
export class PollScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PollScheduler.name);
  private running = false;
  private readonly abort = new AbortController();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly poller: PollerService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.polling) return;
    this.registry.addInterval('poll-sources', setInterval(() => void this.tick(), POLL_TICK_MS));
  }

  onApplicationShutdown(): void {
    this.abort.abort();
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // Keep going while a source still has a backlog, instead of waiting for the next tick.
      for (let round = 0; round < 50 && !this.abort.signal.aborted; round++) {
        const outcomes = await this.poller.runDue(this.abort.signal);
        if (!outcomes.some((o) => o.backlog)) break;
      }
    } catch (e) {
      this.logger.error({ err: e }, 'poll tick failed');
    } finally {
      this.running = false;
    }
  }
}
