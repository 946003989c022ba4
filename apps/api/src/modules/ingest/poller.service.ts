import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConnectorError, refusalOf, type PollResult, type SourceConfig } from '@earshot/connectors';
import { assertPublicUrl, UnsafeUrlError } from '../../common/net/ssrf-guard.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import type { SourceEntity } from '../sources/source.entity.js';
import { SourceLeaseRepository } from '../sources/source-lease.repository.js';
import { CredentialsUnavailableError, SourcesService } from '../sources/sources.service.js';
import { backoffMs } from './backoff.util.js';
import { CONNECTOR_FACTORY, type ConnectorFactory } from './connector-factory.js';
import { IngestService, LEASE_SECONDS, type LeasedSource } from './ingest.service.js';
import { LeaseLostError } from './lease-lost.error.js';

/** Pages one source may fetch per tick, so a backlog cannot starve the other sources. */
export const MAX_PAGES_PER_TICK = 25;
/** Sources one instance polls at once. */
export const SOURCES_PER_TICK = 8;

export type LeasedSourceRow = LeasedSource & { entity: SourceEntity };

export interface PollOutcome {
  sourceId: string;
  pages: number;
  fetched: number;
  inserted: number;
  error: string | null;
  /** The page budget ran out with more waiting: the source wants another turn at once. */
  backlog: boolean;
}

/**
 * Polls due sources. A source is taken with a lease (`FOR UPDATE SKIP LOCKED` + a fresh
 * lease token), so several api instances never poll one source at once; every write is
 * fenced by that token. Cron only calls `runDue()`; tests call it directly.
 */
@Injectable()
export class PollerService {
  private readonly logger = new Logger(PollerService.name);

  constructor(
    private readonly leases: SourceLeaseRepository,
    private readonly ingest: IngestService,
    private readonly sources: SourcesService,
    @Inject(CONNECTOR_FACTORY) private readonly connectorFor: ConnectorFactory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Leases and polls every due source (up to SOURCES_PER_TICK). */
  async runDue(signal: AbortSignal = new AbortController().signal): Promise<PollOutcome[]> {
    const leased = await this.leaseDue(SOURCES_PER_TICK);
    return Promise.all(leased.map((s) => this.pollLeased(s, signal)));
  }

  /** Takes the lease of up to `limit` due sources. */
  async leaseDue(limit: number): Promise<LeasedSourceRow[]> {
    const leases = await this.leases.leaseDue(limit, LEASE_SECONDS);
    return leases.map(({ entity: e, leaseToken }) => ({ id: e.id, workspaceId: e.workspaceId, platform: e.platform, leaseToken, entity: e }));
  }

  /** Polls one leased source (up to MAX_PAGES_PER_TICK pages), records its health, releases the lease. */
  async pollLeased(source: LeasedSourceRow, signal: AbortSignal): Promise<PollOutcome> {
    const s = source.entity;
    const outcome: PollOutcome = { sourceId: s.id, pages: 0, fetched: 0, inserted: 0, error: null, backlog: false };
    let rateLimitResetAt: Date | null = null;
    try {
      await assertPublicUrl(s.baseUrl, this.sources.allowedPrivateHosts());
      const connector = this.connectorFor(s.platform);
      const config: SourceConfig = {
        sourceKey: `${s.platform}:${s.streamKind}:${s.id}`,
        baseUrl: s.baseUrl,
        credentials: this.sources.credentialsOf(s),
        stream: { kind: s.streamKind, ...(s.streamQuery ? { query: s.streamQuery } : {}) },
      };
      // While page k is being stored, page k+1 is already being fetched (its cursor comes
      // with page k). Pages are still stored strictly in order, each with its own cursor.
      let backlog = false;
      let next: Promise<PollResult<unknown>> | null = connector.poll(config, (s.cursor ?? null) as never, signal);
      for (let page = 0; next && page < MAX_PAGES_PER_TICK; page++) {
        const result: PollResult<unknown> = await next;
        next = null;
        const rl = result.rateLimit;
        const nearLimit = rl?.remaining !== null && rl?.remaining !== undefined && !!rl.limit && rl.remaining <= Math.max(1, Math.floor(rl.limit * 0.1));
        if (nearLimit) rateLimitResetAt = rl!.resetAt;
        backlog = result.more && !nearLimit;
        if (backlog && page + 1 < MAX_PAGES_PER_TICK) {
          next = connector.poll(config, result.nextCursor as never, signal);
          next.catch(() => undefined); // its error is handled when awaited; never unhandled if we stop early
        }
        const stored = await this.ingest.storePage(source, result);
        outcome.pages++;
        outcome.fetched += stored.fetched;
        outcome.inserted += stored.inserted;
      }
      outcome.backlog = backlog;
      // Page budget spent with more waiting: come back at the next tick, not after the interval.
      await this.finish(source, { ok: true, nextAt: rateLimitResetAt ?? (backlog ? new Date() : null) });
    } catch (e) {
      outcome.error = e instanceof Error ? e.message : String(e);
      if (e instanceof LeaseLostError) {
        this.logger.warn(`${e.message}; this instance's results for it were discarded`);
        return outcome;
      }
      await this.finish(source, { ok: false, error: e });
    }
    return outcome;
  }

  /** Records health and the next poll time, fenced by the lease token, and releases the lease. */
  private async finish(source: LeasedSourceRow, r: { ok: true; nextAt: Date | null } | { ok: false; error: unknown }): Promise<void> {
    const s = source.entity;
    const now = Date.now();
    let status: SourceEntity['status'] = 'ok';
    let nextAt = new Date(now + s.pollIntervalSeconds * 1000);
    let failures = 0;
    let message: string | null = null;
    // Messages below are shown on the dashboard: our words and the status only, never a remote body
    // (connector errors carry none in their message; see HttpClient).
    if (r.ok) {
      if (r.nextAt && r.nextAt.getTime() > nextAt.getTime()) {
        nextAt = r.nextAt;
        status = 'throttled';
      } else if (r.nextAt) {
        nextAt = r.nextAt;
      }
    } else {
      failures = s.consecutiveFailures + 1;
      const e = r.error;
      const refused = refusalOf(e);
      if (refused) {
        // The guarded fetch refused the request (blocked address, redirect, body over the cap).
        status = 'error';
        nextAt = new Date(now + Math.max(15 * 60_000, s.pollIntervalSeconds * 1000));
        message = `Earshot refused a request of this ${s.platform} source${refused.status ? ` (${refused.status})` : ''}: ${refused.message.replace(`${s.platform}: `, '')}. Check the source's settings.`;
      } else if (e instanceof ConnectorError) {
        switch (e.failure) {
          case 'rate_limited':
            status = 'throttled';
            nextAt = e.retryAt && e.retryAt.getTime() > now ? e.retryAt : new Date(now + backoffMs(failures, this.config.retryBaseMs));
            message = `Rate-limited by ${s.platform}; polling resumes at ${nextAt.toISOString()}.`;
            failures = s.consecutiveFailures;
            break;
          case 'auth_expired':
            status = 'auth_required';
            message = `${s.platform} rejected the credentials${e.status ? ` (${e.status})` : ''}: reconnect this source in Settings > Sources with a new token.`;
            break;
          case 'bad_request':
            status = 'error';
            nextAt = new Date(now + Math.max(15 * 60_000, s.pollIntervalSeconds * 1000));
            // No status: nothing was sent (the connector refused the source's settings itself).
            message = e.status
              ? `${s.platform} refused the request (${e.status}): ${e.message}. Check the source's settings.`
              : `The request to ${s.platform} was not sent: ${e.message}. Check the source's settings.`;
            break;
          case 'disconnect':
            status = 'failing';
            nextAt = new Date(now + backoffMs(failures, this.config.retryBaseMs));
            message = `Could not reach ${s.platform} at ${s.baseUrl}: ${e.message}. Retrying.`;
            break;
          default:
            status = 'failing';
            nextAt = new Date(now + backoffMs(failures, this.config.retryBaseMs));
            message = `${s.platform} answered with an error${e.status ? ` (${e.status})` : ''}: ${e.message}. Retrying.`;
        }
      } else if (e instanceof CredentialsUnavailableError) {
        status = 'auth_required';
        message = `The stored credentials do not open for this source's address (it changed, or they were moved): reconnect this source in Settings > Sources.`;
        this.logger.warn({ sourceId: s.id, err: e.cause instanceof Error ? e.cause.message : String(e.cause) }, 'stored credentials do not open');
      } else if (e instanceof UnsafeUrlError) {
        status = 'error';
        nextAt = new Date(now + 15 * 60_000);
        message = `The source's address ${e.message}.`;
      } else {
        status = 'failing';
        nextAt = new Date(now + backoffMs(failures, this.config.retryBaseMs));
        // Its text may quote remote data (a parser's message): logged, not shown.
        message = `Unexpected error while polling (${e instanceof Error ? e.name : 'error'}; details in the api log). Retrying.`;
        this.logger.error({ err: e, sourceId: s.id }, 'poll failed');
      }
    }
    await this.leases.finish(s.id, source.leaseToken, { status, nextAt, consecutiveFailures: failures, ok: r.ok, message });
  }
}
