import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { allowedPrivateHosts } from '../net/allowed-hosts.js';
import { createGuardedFetch, type GuardedFetch } from '../net/guarded-fetch.js';
import { WebhookDeliveriesRepository, type LeasedWebhookDelivery, type WebhookAttemptEnd } from './webhook-deliveries.repository.js';

/** The header that names a delivery: the same on every attempt, so a receiver deduplicates by it. */
export const DELIVERY_HEADER = 'X-Earshot-Delivery';
/** The header that names the payload's event. */
export const EVENT_HEADER = 'X-Earshot-Event';

/**
 * Seconds before each attempt: the first at once, then 10 s, 1 min, 5 min, 30 min and 2 h after
 * the previous failure. After the last one the delivery is `failed` (logged).
 */
export const WEBHOOK_RETRY_DELAYS_SECONDS: readonly number[] = [0, 10, 60, 300, 1_800, 7_200];
/** How long one attempt holds its lease: far longer than the POST's deadline, so a live attempt never loses it. */
export const WEBHOOK_LEASE_SECONDS = 60;
/** One POST's deadline. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** A `Retry-After` longer than this is not waited for (the backoff applies). */
const MAX_RETRY_AFTER_SECONDS = 3_600;
/** Deliveries one instance posts at once. */
const SLOTS = 8;

export interface WebhookToSend {
  workspaceId: string;
  /** What the payload announces, e.g. `root_cause.status`. */
  event: string;
  url: string;
  payload: unknown;
}

export interface WebhookAttemptOutcome {
  id: string;
  attempt: number;
  /** What this attempt wrote; null when its lease was lost (another sender took the delivery). */
  status: WebhookAttemptEnd['status'] | null;
}

/**
 * Webhooks that are never lost and never posted by two senders at once (any feature: root-cause
 * status changes today, alerts next). `enqueue` writes the delivery in the caller's transaction;
 * after commit the caller calls `kick()`. The sender leases due deliveries (`FOR UPDATE SKIP
 * LOCKED`, a fresh lease token fencing the outcome's write), POSTs each through the guarded fetch
 * (no private addresses unless allowed, no redirects, a bounded body, a 10 s deadline) with the
 * same `X-Earshot-Delivery` id on every attempt, and retries 5xx, 408, 429 and network errors
 * with backoff (WEBHOOK_RETRY_DELAYS_SECONDS). A 2xx is `delivered`; another answer, a refused
 * address or the last failed attempt is `failed`, logged. At least once: a sender that dies after
 * the receiver took the POST but before recording it means one more POST with the same id once its
 * lease lapses. With background work on (EARSHOT_POLLING) the scheduler kicks every few seconds;
 * tests call `runDue()`.
 */
@Injectable()
export class WebhookOutboxService implements OnApplicationShutdown {
  private readonly logger = new Logger(WebhookOutboxService.name);
  private readonly fetch: GuardedFetch;
  private readonly abort = new AbortController();
  private running: Promise<unknown> | null = null;
  private again = false;
  /** Set by the scheduler: whether this instance sends in the background. */
  background = false;
  /** Seconds before each attempt (tests shorten them); its length is the number of attempts. */
  retryDelaysSeconds: readonly number[] = WEBHOOK_RETRY_DELAYS_SECONDS;
  /** An attempt's lease (tests shorten it to play a crashed sender). */
  leaseSeconds = WEBHOOK_LEASE_SECONDS;

  constructor(
    private readonly repo: WebhookDeliveriesRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.fetch = createGuardedFetch({ allowedPrivateHosts: () => allowedPrivateHosts(config), maxBodyBytes: 64 * 1024 });
  }

  /** Writes the delivery in the caller's transaction (it commits or rolls back with the change); returns its delivery id. */
  async enqueue(tx: EntityManager, d: WebhookToSend): Promise<string> {
    const id = randomUUID();
    await this.repo.insert(tx, { id, ...d });
    return id;
  }

  /** After commit: sends what is due now, in the background (only on instances with background work on). */
  kick(): void {
    if (!this.background || this.abort.signal.aborted) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runDue()
      .catch((e: unknown) => this.logger.error(`Webhook round failed: ${(e as Error).message}`))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          setImmediate(() => this.kick());
        }
      });
  }

  /** One round: gives up on abandoned last attempts, leases what is due and posts each; returns what each attempt did. */
  async runDue(): Promise<WebhookAttemptOutcome[]> {
    const max = this.retryDelaysSeconds.length;
    for (const d of await this.repo.failAbandoned(max)) {
      this.logger.warn(`Webhook delivery ${d.id} (${d.event}, workspace ${d.workspaceId}, to ${origin(d.url)}) failed: its last attempt was interrupted.`);
    }
    const leased = await this.repo.leaseDue(SLOTS, this.leaseSeconds, max);
    const outcomes = await Promise.all(leased.map((d) => this.attempt(d)));
    if (leased.length === SLOTS) this.again = true;
    return outcomes;
  }

  /** Rounds until nothing is due (tests). */
  async drain(maxRounds = 20): Promise<WebhookAttemptOutcome[]> {
    const all: WebhookAttemptOutcome[] = [];
    for (let i = 0; i < maxRounds; i++) {
      const round = await this.runDue();
      if (round.length === 0) break;
      all.push(...round);
    }
    return all;
  }

  private async attempt(d: LeasedWebhookDelivery): Promise<WebhookAttemptOutcome> {
    const end = await this.post(d);
    const written = await this.repo.finish(d.id, d.leaseToken, end);
    const where = `Webhook delivery ${d.id} (${d.event}, workspace ${d.workspaceId}, to ${origin(d.url)})`;
    if (!written) this.logger.warn(`${where}: attempt ${d.attempts}'s lease was lost before its outcome was written.`);
    else if (end.status === 'failed') this.logger.warn(`${where} failed after ${d.attempts} attempt(s): ${end.lastError}`);
    else if (end.status === 'pending') this.logger.log(`${where} attempt ${d.attempts}: ${end.lastError}; next in ${end.retryInSeconds} s.`);
    return { id: d.id, attempt: d.attempts, status: written ? end.status : null };
  }

  private async post(d: LeasedWebhookDelivery): Promise<WebhookAttemptEnd> {
    const retry = (lastError: string, retryAfterSeconds = 0): WebhookAttemptEnd => {
      if (d.attempts >= this.retryDelaysSeconds.length) return { status: 'failed', lastError: `${lastError}; gave up after ${d.attempts} attempts` };
      const backoff = this.retryDelaysSeconds[d.attempts]!;
      return { status: 'pending', retryInSeconds: Math.max(backoff, Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS)), lastError };
    };
    if (this.abort.signal.aborted || !(await this.repo.stillHeld(d.id, d.leaseToken))) return retry('the api stopped before posting');
    try {
      const res = await this.fetch(d.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [DELIVERY_HEADER]: d.id,
          [EVENT_HEADER]: d.event,
          'user-agent': 'Earshot-Webhook',
        },
        body: JSON.stringify(d.payload),
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(WEBHOOK_TIMEOUT_MS), this.abort.signal]),
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { status: 'delivered' };
      const answered = `the receiver answered ${res.status}`;
      if (res.status >= 500 || res.status === 408 || res.status === 425 || res.status === 429)
        return retry(answered, retryAfter(res.headers.get('retry-after')));
      return { status: 'failed', lastError: res.status >= 300 && res.status < 400 ? `${answered} (a redirect: webhooks are not redirected)` : answered };
    } catch (e) {
      const err = e as Error;
      if (err.name === 'OutboundRefusedError') return { status: 'failed', lastError: `the address was refused: ${err.message}` };
      if (err.name === 'TimeoutError') return retry(`no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`);
      return retry(`${err.name}: ${err.message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.running?.catch(() => undefined);
    await this.fetch.close();
  }
}

/** The URL's origin only: a webhook URL's path or query may hold the receiver's secret. */
function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(invalid URL)';
  }
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date); 0 when absent or unreadable. */
function retryAfter(value: string | null): number {
  if (!value) return 0;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
