import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { RootCauseStatusWebhook } from '@earshot/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { allowedPrivateHosts } from '../../common/net/allowed-hosts.js';
import { createGuardedFetch, type GuardedFetch } from '../../common/net/guarded-fetch.js';

/** The header that names a delivery: the same on every attempt, so a receiver deduplicates by it. */
export const DELIVERY_HEADER = 'X-Earshot-Delivery';

/**
 * POSTs `root_cause.status` to an owner's webhook through the guarded fetch (no private
 * addresses unless allowed, no redirects, bounded body), after the change committed and
 * without holding up the request: attempts after 0 s, 2 s and 10 s (`retryDelaysMs`), one
 * delivery id for all of them. At least once; never blocks, never throws.
 */
@Injectable()
export class StatusWebhookNotifier implements OnApplicationShutdown {
  private readonly logger = new Logger(StatusWebhookNotifier.name);
  private readonly fetch: GuardedFetch;
  private readonly inFlight = new Set<Promise<void>>();
  /** Delays before each attempt (tests shorten them). */
  retryDelaysMs: number[] = [0, 2_000, 10_000];
  private closed = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.fetch = createGuardedFetch({ allowedPrivateHosts: () => allowedPrivateHosts(config), maxBodyBytes: 64 * 1024 });
  }

  /** Starts the delivery in the background; returns its delivery id. */
  deliver(url: string, payload: RootCauseStatusWebhook): string {
    const deliveryId = randomUUID();
    const p = this.run(url, payload, deliveryId).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
    return deliveryId;
  }

  /** Resolves once every started delivery finished (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async run(url: string, payload: RootCauseStatusWebhook, deliveryId: string): Promise<void> {
    const body = JSON.stringify(payload);
    for (const [i, delay] of this.retryDelaysMs.entries()) {
      if (delay > 0) await new Promise((r) => setTimeout(r, delay).unref());
      if (this.closed) return;
      try {
        const res = await this.fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [DELIVERY_HEADER]: deliveryId, 'user-agent': 'Earshot-Webhook' },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.body?.cancel().catch(() => undefined);
        if (res.ok) return;
        this.logger.warn(`Webhook delivery ${deliveryId} attempt ${i + 1}: the receiver answered ${res.status}.`);
        if (res.status < 500 && res.status !== 429 && res.status !== 408) return;
      } catch (e) {
        this.logger.warn(`Webhook delivery ${deliveryId} attempt ${i + 1} failed: ${(e as Error).name}: ${(e as Error).message}`);
        if ((e as Error).name === 'OutboundRefusedError') return;
      }
    }
    this.logger.warn(`Webhook delivery ${deliveryId} gave up after ${this.retryDelaysMs.length} attempts.`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.fetch.close();
  }
}
