import { createHash } from 'node:crypto';
import { HttpException, Injectable } from '@nestjs/common';
import { REPLYABILITY_CODES, type NotifyAuthorsRequest, type NotifyAuthorsResult, type NotifySkipReason } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { ClaimsService } from '../claims/claims.service.js';
import { RepliesService } from '../replies/replies.service.js';
import { addDays } from './calendar-day.util.js';
import { RootCauseFiguresRepository } from './root-cause-figures.repository.js';
import { RootCausesService } from './root-causes.service.js';

/** By default the authors who complained in this many days before the fix are told. */
export const NOTIFY_DEFAULT_LOOKBACK_DAYS = 28;

/** The reply's client key: one per (category, fix, mention), so a second submit queues nothing twice. */
export function notifyClientKey(category: string, fixId: string, mentionId: string): string {
  return `rc-${createHash('sha256').update(`${category}\n${fixId}\n${mentionId}`).digest('base64url').slice(0, 40)}`;
}

const NOT_REPLYABLE = new Set<string>(REPLYABILITY_CODES.filter((c) => c !== 'ok'));

/**
 * "We fixed it": one reply per author who complained in the category, to their latest complaint
 * there, through the reply workflow (RepliesService: replyability, the voice linter, approvals,
 * the exactly-once outbox). The caller claims each mention as an agent would, and gives the claim
 * back once the reply is queued (a reply waiting for approval keeps it, as a composed one does).
 */
@Injectable()
export class NotifyAuthorsService {
  constructor(
    private readonly rootCauses: RootCausesService,
    private readonly figures: RootCauseFiguresRepository,
    private readonly replies: RepliesService,
    private readonly claims: ClaimsService,
    private readonly audit: AuditService,
  ) {}

  async notify(auth: AuthContext, category: string, body: NotifyAuthorsRequest, meta: RequestMeta): Promise<NotifyAuthorsResult> {
    const status = await this.rootCauses.statusRow(auth.workspaceId, category);
    this.rootCauses.assertFixShipped(status, category);
    const tz = await this.figures.timeZone(auth.workspaceId);
    const sinceDay = body.since ?? addDays(status.fixShippedAt, -NOTIFY_DEFAULT_LOOKBACK_DAYS);
    const [since, until] = await this.instants(tz, sinceDay);
    const targets = await this.figures.notifyTargets(auth.workspaceId, category, since, until);
    const result: NotifyAuthorsResult = { authors: targets.length, queued: 0, skipped: { not_replyable: 0, already_notified: 0, refused: 0 }, details: [] };
    const skip = (mentionId: string, reason: NotifySkipReason, message: string) => {
      result.skipped[reason]++;
      result.details.push({ mentionId, reason, message });
    };
    for (const t of targets) {
      const clientKey = notifyClientKey(category, status.fixId, t.mentionId);
      let claimed = false;
      try {
        const outcome = await this.replies
          .create(auth, t.mentionId, { text: body.text, templateId: body.templateId ?? null, clientKey }, meta)
          .catch(async (e: unknown) => {
            // Not yet ours: claim it as an agent opening the reply pane would, then submit.
            if (!(e instanceof HttpException) || !isClaimProblem(e)) throw e;
            await this.claims.claim(auth, t.mentionId, false, meta);
            claimed = true;
            return this.replies.create(auth, t.mentionId, { text: body.text, templateId: body.templateId ?? null, clientKey }, meta);
          });
        if (outcome.created) result.queued++;
        else skip(t.mentionId, 'already_notified', 'This author was already told about this fix.');
        if (claimed && outcome.reply.status !== 'pending_approval') await this.claims.release(auth, t.mentionId);
      } catch (e) {
        if (claimed) await this.claims.release(auth, t.mentionId).catch(() => undefined);
        if (!(e instanceof HttpException)) throw e;
        const res = e.getResponse() as { code?: string; message?: string } | string;
        const code = typeof res === 'string' ? undefined : res.code;
        const message = typeof res === 'string' ? res : String(res.message ?? e.message);
        if (code && NOT_REPLYABLE.has(code)) skip(t.mentionId, 'not_replyable', message);
        else if (code === 'client_key_used') skip(t.mentionId, 'already_notified', 'Another person already told this author about this fix.');
        else skip(t.mentionId, 'refused', message);
      }
    }
    await this.audit.record({
      workspaceId: auth.workspaceId,
      actorUserId: auth.userId,
      action: 'root_cause.authors_notified',
      targetType: 'category',
      data: { category, fixShippedAt: status.fixShippedAt, since: sinceDay, authors: result.authors, queued: result.queued, skipped: result.skipped },
      ...meta,
    });
    return result;
  }

  /** [since's start, now) as instants: since is a day in the workspace's zone. */
  private async instants(tz: string, sinceDay: string): Promise<[Date, Date]> {
    const start = zonedMidnight(sinceDay, tz);
    return [start, this.rootCauses.now()];
  }
}

/** The claim check's refusal (the caller does not hold the mention): anything else is a real refusal. */
function isClaimProblem(e: HttpException): boolean {
  const res = e.getResponse() as { code?: string } | string;
  return typeof res !== 'string' && res.code === 'claimed';
}

/** The instant a calendar day starts in an IANA zone. */
export function zonedMidnight(day: string, timeZone: string): Date {
  const guess = new Date(`${day}T00:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(guess);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asLocal = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return new Date(guess.getTime() - (asLocal - guess.getTime()));
}
