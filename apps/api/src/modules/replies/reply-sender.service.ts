import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectorError,
  DuplicateContentError,
  ReplyLookupIncompleteError,
  refusalOf,
  type Connector,
  type Platform,
  type ReplyResult,
  type SourceConfig,
} from '@earshot/connectors';
import { DomainEvents } from '../../common/events/domain-events.js';
import { assertPublicUrl, UnsafeUrlError } from '../../common/net/ssrf-guard.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AuditService } from '../audit/audit.service.js';
import { backoffMs } from '../ingest/backoff.util.js';
import { CONNECTOR_FACTORY, type ConnectorFactory } from '../ingest/connector-factory.js';
import { SourceLeaseRepository } from '../sources/source-lease.repository.js';
import { CredentialsUnavailableError, SourcesService } from '../sources/sources.service.js';
import { RepliesRepository } from './replies.repository.js';
import { ReplyOutboxRepository, type AttemptEnd, type LeasedReply } from './reply-outbox.repository.js';
import { safeHttpUrl } from './reply.mapper.js';

/** Replies one instance sends at once (each waits on the platform; a freed slot takes the next due reply at once). */
export const REPLY_SLOTS = 16;
/** Automatic attempts before a person must look. */
export const MAX_REPLY_ATTEMPTS = 8;
/** Mastodon keeps an Idempotency-Key for one hour: a resend after that could post twice. */
export const MASTODON_IDEMPOTENCY_WINDOW_MS = 60 * 60_000;
/**
 * Reconciliation reads the account's posts back to the reply's first attempt, less this margin for
 * the platform's clock running behind ours (first_attempt_at is stamped before the request leaves).
 */
export const RECONCILE_CLOCK_SKEW_MS = 5 * 60_000;

export interface SendOutcome {
  replyId: string;
  /** The status this attempt wrote; null when its lease was lost (another sender took over). */
  status: AttemptEnd['status'] | null;
  /** Whether the fenced write changed the row. */
  written: boolean;
  /** How the attempt went out: a plain send, a reconcile (lookup or keyed resend), or nothing. */
  mode: 'send' | 'reconcile' | 'stopped';
}

/**
 * The outbox sender: takes due replies with a lease, calls the platform through the guarded
 * connectors with the reply's idempotency key, and records the outcome fenced by the lease
 * token. A request that may have reached the platform without an answer makes the reply
 * `unknown`, and an unknown reply (or one whose sender died mid-call) is reconciled before
 * anything is sent again: Mastodon resends with the same Idempotency-Key only inside its
 * one-hour window, Bluesky puts the same record key (a no-op if it landed), X and Reddit look
 * for the reply first (`findExistingReply`). Cron only calls `runDue()` (ReplySendScheduler).
 */
@Injectable()
export class ReplySenderService implements OnApplicationShutdown {
  private readonly logger = new Logger(ReplySenderService.name);
  private readonly connectors = new Map<string, Connector<unknown>>();
  private readonly abort = new AbortController();
  /** The lease round in progress (one at a time per instance), and whether a kick came during it. */
  private filling: Promise<void> | null = null;
  private again = false;
  /** Sends in flight, each holding one of REPLY_SLOTS. */
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Set by the scheduler: whether this instance sends in the background (EARSHOT_POLLING). */
  background = false;

  constructor(
    private readonly outbox: ReplyOutboxRepository,
    private readonly replies: RepliesRepository,
    private readonly leases: SourceLeaseRepository,
    private readonly sources: SourcesService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    @Inject(CONNECTOR_FACTORY) private readonly connectorFor: ConnectorFactory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.filling?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Sends what is due now, in the background, without waiting for the next tick (a reply was
   * just queued, a send finished, or the tick). Sends run in a pool of REPLY_SLOTS: a slot that
   * frees takes the next due reply at once, rather than the whole round waiting for its slowest
   * platform call (50 agents at once measured a p95 of 1.95 s with rounds of 16).
   */
  kick(): void {
    if (!this.background || this.abort.signal.aborted) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = this.fill()
      .catch((e: unknown) => this.logger.error({ err: e }, 'reply send round failed'))
      .finally(() => {
        this.filling = null;
        if (this.again) {
          this.again = false;
          setImmediate(() => this.kick());
        }
      });
  }

  /** Leases as many due replies as there are free slots and starts each send without waiting for it. */
  private async fill(): Promise<void> {
    const free = REPLY_SLOTS - this.inFlight.size;
    if (free <= 0) return;
    const leased = await this.lease(free);
    for (const r of leased) {
      const send: Promise<unknown> = this.sendLeased(r, this.abort.signal)
        .catch((e: unknown) => this.logger.error({ err: e, replyId: r.id }, 'reply send failed'))
        .finally(() => {
          this.inFlight.delete(send);
          this.kick();
        });
      this.inFlight.add(send);
    }
    // A full lease may have left more due: look again once this round is done.
    if (leased.length === free) this.again = true;
  }

  /** Leases the due replies (up to REPLY_SLOTS) and sends each; returns what each attempt did (tests call it directly). */
  async runDue(signal: AbortSignal = new AbortController().signal): Promise<SendOutcome[]> {
    const leased = await this.lease(REPLY_SLOTS);
    return Promise.all(leased.map((r) => this.sendLeased(r, signal)));
  }

  /** Takes the lease of up to `limit` due replies; the status change (→ sending) commits with each mention's summary. */
  async lease(limit: number): Promise<LeasedReply[]> {
    const leased = await this.outbox.transaction(async (tx) => {
      const rows = await this.outbox.leaseDue(tx, limit, this.config.replyLeaseSeconds);
      for (const mentionId of [...new Set(rows.flatMap((r) => (r.mentionId ? [r.mentionId] : [])))].sort()) {
        const r = rows.find((x) => x.mentionId === mentionId)!;
        await this.replies.touchMention(tx, r.workspaceId, mentionId);
      }
      for (const r of rows) {
        await this.audit.record(
          {
            workspaceId: r.workspaceId,
            actorUserId: null,
            action: r.previousStatus === 'sending' ? 'reply.lease_reclaimed' : 'reply.sending',
            targetType: 'reply',
            targetId: r.id,
            data: { mentionId: r.mentionId, from: r.previousStatus, to: 'sending', attempt: r.attempts },
          },
          tx,
        );
      }
      return rows;
    });
    for (const r of leased) if (r.mentionId) this.events.emit('reply.changed', { workspaceId: r.workspaceId, mentionId: r.mentionId, replyId: r.id });
    return leased;
  }

  /** One attempt for a leased reply: reconcile or send, then the fenced write of the outcome. */
  async sendLeased(r: LeasedReply, signal: AbortSignal): Promise<SendOutcome> {
    const reconcile = r.previousStatus === 'unknown' || r.previousStatus === 'sending';
    let end: AttemptEnd;
    let mode: SendOutcome['mode'] = reconcile ? 'reconcile' : 'send';
    try {
      if (reconcile && r.platform === 'mastodon' && Date.now() - r.firstAttemptAt.getTime() >= MASTODON_IDEMPOTENCY_WINDOW_MS) {
        mode = 'stopped';
        end = {
          status: 'unknown',
          nextAttemptAt: null,
          failureKind: 'transient',
          lastError:
            'Mastodon may or may not have posted this reply, and its one-hour protection against duplicates has passed: check the thread on Mastodon. Earshot will not send it again by itself.',
        };
      } else {
        end = await this.attempt(r, reconcile, signal);
      }
    } catch (e) {
      end = await this.failureEnd(r, e, reconcile);
    }
    if (end.status !== 'sent' && end.status !== 'failed' && r.attempts >= MAX_REPLY_ATTEMPTS) {
      end = {
        ...end,
        status: end.status === 'queued' ? 'failed' : 'unknown',
        nextAttemptAt: null,
        failureKind: end.failureKind ?? 'transient',
        lastError: `${end.lastError ?? ''} Earshot stopped after ${r.attempts} attempts: a person must look.`.trim(),
      };
    }
    const written = await this.finish(r, end);
    return { replyId: r.id, status: written ? end.status : null, written, mode };
  }

  private connector(platform: Platform): Connector<unknown> {
    // One connector per platform: Bluesky's session (createSession is rate-limited per day) lives in it.
    let c = this.connectors.get(platform);
    if (!c) this.connectors.set(platform, (c = this.connectorFor(platform)));
    return c;
  }

  private async attempt(r: LeasedReply, reconcile: boolean, signal: AbortSignal): Promise<AttemptEnd> {
    const gone = (lastError: string): AttemptEnd => ({ status: reconcile ? 'unknown' : 'failed', nextAttemptAt: null, lastError, failureKind: 'gone' });
    if (!r.sourceId) return gone('The source this reply was to be posted through is gone.');
    const source = await this.leases.findById(r.sourceId);
    if (!source) return gone('The source this reply was to be posted through was deleted.');
    // A status post (kind `post`) answers nothing: no reply target, the connector's post() instead of reply().
    const target = r.mentionId ? await this.outbox.replyTargetOf(r.workspaceId, r.mentionId) : null;
    if (r.kind === 'reply' && !target) return gone('The mention has no reply target.');
    await assertPublicUrl(source.baseUrl, this.sources.allowedPrivateHosts());
    const connector = this.connector(source.platform);
    if (r.kind === 'post' && !connector.post) {
      return {
        status: reconcile ? 'unknown' : 'failed',
        nextAttemptAt: null,
        lastError: `Earshot cannot post a status update on ${nameOf(source.platform)}: post it there by hand, then dismiss this one.`,
        failureKind: 'rejected',
      };
    }
    const config: SourceConfig = {
      sourceKey: `${source.platform}:${source.streamKind}:${source.id}`,
      baseUrl: source.baseUrl,
      credentials: this.sources.credentialsOf(source),
      stream: { kind: source.streamKind, ...(source.streamQuery ? { query: source.streamQuery } : {}) },
    };
    // Whatever the brand posted since, the reply cannot be older than its first attempt: the lookup pages back to there.
    const since = new Date(r.firstAttemptAt.getTime() - RECONCILE_CLOCK_SKEW_MS);
    const lookup = () =>
      (target ? connector.findExistingReply?.(config, target, r.text, signal, { since }) : connector.findExistingPost?.(config, r.text, signal, { since })) ??
      null;
    let found: ReplyResult | null = null;
    // X and Reddit have no idempotency key: whether an earlier attempt landed is looked up before any resend.
    if (reconcile) found = await lookup();
    // A stale sender (its lease lapsed while it waited) must not call the platform: the new holder does.
    if (!found && !(await this.outbox.stillHeld(r.id, r.leaseToken))) throw new LeaseLapsedError();
    let result = found;
    if (!result) {
      try {
        const o = { idempotencyKey: r.idempotencyKey, signal };
        result = target ? await connector.reply(config, target, r.text, o) : await connector.post!(config, r.text, o);
      } catch (e) {
        // X refusing a resend as duplicate content: an earlier attempt landed (the lookup above missed it, e.g. not yet
        // listed). Record the post it finds; never send again. A first send's duplicate is another post's text: refused.
        if (!(reconcile && e instanceof DuplicateContentError)) throw e;
        result = await lookup();
        if (!result) return duplicateUnconfirmed(r.platform);
      }
    }
    return { status: 'sent', nextAttemptAt: null, lastError: null, externalId: result.externalId.slice(0, 255), externalUrl: safeHttpUrl(result.url) };
  }

  /** How a failed attempt ends, in our words (never a platform's body). */
  private async failureEnd(r: LeasedReply, e: unknown, reconcile: boolean): Promise<AttemptEnd> {
    const p = r.platform;
    const retryAt = (ms: number) => new Date(Date.now() + ms);
    const backoff = () => retryAt(backoffMs(r.attempts, this.config.retryBaseMs));
    // Once an attempt may have reached the platform, the reply stays `unknown` until reconciled, whatever happens next.
    const unsure = reconcile ? 'unknown' : 'queued';
    if (e instanceof LeaseLapsedError) return { status: 'unknown', nextAttemptAt: null, lastError: null };
    if (e instanceof ReplyLookupIncompleteError) {
      // Neither found nor proven absent: a resend could post twice, and asking again reads the same pages.
      return {
        status: 'unknown',
        nextAttemptAt: null,
        failureKind: 'transient',
        lastError: `Earshot could not tell whether ${nameOf(p)} posted this reply: it read the account's newest ${e.postsRead} posts without reaching the reply's first attempt. Check the thread on ${nameOf(p)}: if the reply is there, dismiss this one. Earshot will not send it again by itself.`,
      };
    }
    const refused = refusalOf(e);
    if (refused) {
      return {
        status: reconcile ? 'unknown' : 'failed',
        nextAttemptAt: null,
        lastError: `Earshot refused to send this reply to ${p}: ${refused.message}. Check the source's settings.`,
        failureKind: 'source',
      };
    }
    if (e instanceof ConnectorError) {
      switch (e.failure) {
        case 'rate_limited': {
          const at = e.retryAt && e.retryAt.getTime() > Date.now() ? e.retryAt : backoff();
          return {
            status: unsure,
            nextAttemptAt: at,
            lastError: `Rate-limited by ${p}; the reply goes out after ${at.toISOString()}.`,
            failureKind: 'transient',
          };
        }
        case 'auth_expired': {
          const message = `${p} rejected the credentials${e.status ? ` (${e.status})` : ''} while posting a reply: reconnect this source in Settings > Sources with a new token.`;
          if (r.sourceId) await this.leases.markAuthRequired(r.sourceId, message);
          return {
            status: reconcile ? 'unknown' : 'failed',
            nextAttemptAt: null,
            lastError: `${p} rejected the source's credentials: reconnect the source in Settings › Sources, then retry the reply.`,
            failureKind: 'source',
          };
        }
        case 'bad_request':
          return {
            status: reconcile ? 'unknown' : 'failed',
            nextAttemptAt: null,
            lastError: `${p} refused the reply${e.status ? ` (${e.status})` : ''}: ${e.message}.`,
            failureKind: 'rejected',
          };
        default:
          // retry (5xx, malformed answer) or disconnect (reset, timeout): the request may have been applied.
          return {
            status: 'unknown',
            nextAttemptAt: backoff(),
            lastError: `No clear answer from ${p}${e.status ? ` (${e.status})` : ''}: Earshot checks whether the reply was posted before sending it again.`,
            failureKind: 'transient',
          };
      }
    }
    if (e instanceof CredentialsUnavailableError) {
      const message = `The stored credentials do not open for this source's address: reconnect this source in Settings > Sources.`;
      if (r.sourceId) await this.leases.markAuthRequired(r.sourceId, message);
      return { status: reconcile ? 'unknown' : 'failed', nextAttemptAt: null, lastError: message, failureKind: 'source' };
    }
    if (e instanceof UnsafeUrlError)
      return { status: reconcile ? 'unknown' : 'failed', nextAttemptAt: null, lastError: `The source's address ${e.message}.`, failureKind: 'source' };
    // Anything else may have happened after the request left: reconcile, never resend blindly.
    this.logger.error({ err: e, replyId: r.id }, 'reply attempt failed');
    return {
      status: 'unknown',
      nextAttemptAt: backoff(),
      lastError: 'Unexpected error while sending (details in the api log): Earshot checks before sending again.',
      failureKind: 'transient',
    };
  }

  /** The fenced write of the outcome, with the mention's summary (and, once sent, its first response and status) and an audit row. */
  private async finish(r: LeasedReply, end: AttemptEnd): Promise<boolean> {
    const written = await this.outbox.transaction(async (tx) => {
      if (r.mentionId) await this.outbox.lockMention(tx, r.workspaceId, r.mentionId);
      if (!(await this.outbox.endAttempt(tx, r.id, r.leaseToken, end))) return false;
      if (r.mentionId) {
        await this.replies.touchMention(
          tx,
          r.workspaceId,
          r.mentionId,
          end.status === 'sent' ? { releaseClaimOf: r.authorUserId, sent: { resolve: r.resolveOnSend } } : {},
        );
      }
      await this.audit.record(
        {
          workspaceId: r.workspaceId,
          actorUserId: null,
          action: `reply.${end.status}`,
          targetType: 'reply',
          targetId: r.id,
          data: { mentionId: r.mentionId, from: 'sending', to: end.status, attempt: r.attempts, ...(end.lastError ? { error: end.lastError } : {}) },
        },
        tx,
      );
      return true;
    });
    if (written && r.mentionId) this.events.emit('reply.changed', { workspaceId: r.workspaceId, mentionId: r.mentionId, replyId: r.id });
    else this.logger.warn(`reply ${r.id}: the lease passed to another sender; this attempt's outcome (${end.status}) was dropped`);
    return written;
  }
}

const nameOf = (p: Platform): string => ({ mastodon: 'Mastodon', bluesky: 'Bluesky', reddit: 'Reddit', x: 'X' })[p as string] ?? p;

/** A resend refused as a duplicate whose post the lookup cannot find: left unknown for a person, never sent again automatically. */
function duplicateUnconfirmed(p: Platform): AttemptEnd {
  return {
    status: 'unknown',
    nextAttemptAt: null,
    failureKind: 'transient',
    lastError: `${nameOf(p)} says the account already posted this text, but Earshot could not find the reply among its posts since the first attempt. Check the thread on ${nameOf(p)}: if the reply is there, dismiss this one. Earshot will not send it again by itself.`,
  };
}

/** This sender's lease lapsed before it called the platform: it steps back. */
class LeaseLapsedError extends Error {
  constructor() {
    super('lease lapsed');
  }
}
