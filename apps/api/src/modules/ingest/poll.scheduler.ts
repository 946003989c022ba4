import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { PollerService, SOURCES_PER_TICK } from './poller.service.js';

export const POLL_TICK_MS = 2_000;

/**
 * Only schedules: checks the flag, leases due sources up to the free capacity and starts
 * each poll on its own, so one slow source never holds the others back. A source that
 * still has a backlog after its turn triggers another round at once.
 */
@Injectable()
export class PollScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PollScheduler.name);
  private leasing = false;
  private again = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly abort = new AbortController();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly registry: SchedulerRegistry,
    private readonly poller: PollerService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.polling) return;
    this.registry.addInterval(
      'poll-sources',
      setInterval(() => void this.tick(), POLL_TICK_MS),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.inFlight]);
  }

  private async tick(): Promise<void> {
    if (this.abort.signal.aborted) return;
    if (this.leasing) {
      this.again = true;
      return;
    }
    const capacity = SOURCES_PER_TICK - this.inFlight.size;
    if (capacity <= 0) return;
    this.leasing = true;
    try {
      for (const source of await this.poller.leaseDue(capacity)) {
        const run = this.poller
          .pollLeased(source, this.abort.signal)
          .then((outcome) => {
            if (outcome.backlog) setImmediate(() => void this.tick());
          })
          .catch((e: unknown) => this.logger.error({ err: e, sourceId: source.id }, 'poll failed'))
          .finally(() => this.inFlight.delete(run));
        this.inFlight.add(run);
      }
    } catch (e) {
      this.logger.error({ err: e }, 'poll tick failed');
    } finally {
      this.leasing = false;
      if (this.again) {
        this.again = false;
        setImmediate(() => void this.tick());
      }
    }
  }
}
