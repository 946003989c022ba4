import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { installationNamespace, RedisLoginThrottleStore } from '../auth/login-throttle.redis-store.js';
import { PgLoginThrottleRepository, type LoginThrottleStore } from '../auth/login-throttle.repository.js';
import { LOGIN_LIMITS, throttleIp } from '../auth/login-throttle.service.js';

/**
 * Requests to the public share-link routes (`/api/share/root-causes/:token…`) per client IP and
 * fixed window. A person reading a board makes a few; more is someone scripting the board's
 * (costly) figures or guessing tokens. Unknown, expired and valid tokens count alike.
 */
export const SHARE_LINK_LIMITS = { windowMs: 60_000, perIp: 60 } as const;

/** How often counters whose window ended are dropped (PostgreSQL store; Redis expires them itself). */
const PRUNE_EVERY_MS = 10 * 60_000;

export type ShareLinkDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * The share-link rate limit, counted in the sign-in limiter's store (login_throttle in
 * PostgreSQL, or Redis with REDIS_URL) under keys of their own (`sl:<ip>`), so every api instance
 * enforces one limit, atomically. IPv6 clients are counted per /64, as sign-in does.
 */
@Injectable()
export class ShareLinkThrottleService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ShareLinkThrottleService.name);
  private readonly store: LoginThrottleStore;
  /** Requests per IP and window (tests lower it). */
  limit: number = SHARE_LINK_LIMITS.perIp;
  /** The clock (tests move it). */
  now: () => number = Date.now;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() dataSource: DataSource,
    private readonly registry: SchedulerRegistry,
  ) {
    this.store = config.redisUrl
      ? new RedisLoginThrottleStore(config.redisUrl, `share-links:${installationNamespace(dataSource)}`)
      : new PgLoginThrottleRepository(dataSource);
  }

  /** Counts one request from `ip`; refused past the limit until the window ends. */
  async take(ip: string | null): Promise<ShareLinkDecision> {
    const key = `sl:${throttleIp(ip) ?? 'unknown'}`;
    const now = this.now();
    const [hit] = await this.store.hit([key], now, SHARE_LINK_LIMITS.windowMs);
    if (!hit || hit.count <= this.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((hit.windowStart + SHARE_LINK_LIMITS.windowMs - now) / 1000)) };
  }

  /** Only schedules (with background work on): dropping ended counters, never in a request's path. */
  onApplicationBootstrap(): void {
    if (!this.config.polling || this.config.redisUrl) return;
    this.registry.addInterval(
      'share-link-throttle-prune',
      setInterval(() => {
        // The sign-in window is the longest any login_throttle counter uses: pruning with it never drops a live counter.
        this.store
          .prune(this.now(), LOGIN_LIMITS.windowMs)
          .catch((e: unknown) => this.logger.warn(`Pruning share-link counters failed: ${(e as Error).message}`));
      }, PRUNE_EVERY_MS),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.close?.();
  }
}
