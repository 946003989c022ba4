import { createHash } from 'node:crypto';
import { BadRequestException, HttpException, Injectable } from '@nestjs/common';
import {
  REPLYABILITY_CODES,
  defaultFirstName,
  defaultSignature,
  type NotifyAuthorsRequest,
  type NotifyAuthorsResult,
  type NotifySkipReason,
} from '@earshot/contracts';
import { parseTemplate, renderTemplate, type TemplateValues } from '@earshot/voice';
import type { AuthContext } from '../../common/auth-context.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { ClaimsService } from '../claims/claims.service.js';
import { RepliesService } from '../replies/replies.service.js';
import { TemplatesService } from '../templates/templates.service.js';
import { addDays } from './calendar-day.util.js';
import { RootCauseFiguresRepository, type NotifyTargetRow } from './root-cause-figures.repository.js';
import { RootCausesService } from './root-causes.service.js';

/** By default the authors who complained in this many days before the fix are told. */
export const NOTIFY_DEFAULT_LOOKBACK_DAYS = 28;

/** The reply's client key: one per (category, fix, mention), so a second submit queues nothing twice. */
export function notifyClientKey(category: string, fixId: string, mentionId: string): string {
  return `rc-${createHash('sha256').update(`${category}\n${fixId}\n${mentionId}`).digest('base64url').slice(0, 40)}`;
}

const NOT_REPLYABLE = new Set<string>(REPLYABILITY_CODES.filter((c) => c !== 'ok'));

/** Whether the text is a template to render per author: a template was picked, or the text has `{{…}}`. */
export function isTemplated(body: Pick<NotifyAuthorsRequest, 'text' | 'templateId'>): boolean {
  return Boolean(body.templateId) || body.text.includes('{{');
}

/**
 * "We fixed it": one reply per author who complained in the category, to their latest complaint
 * there, through the reply workflow (RepliesService: replyability, the voice linter, approvals,
 * the exactly-once outbox). The caller claims each mention as an agent would, and gives the claim
 * back once the reply is queued (a reply waiting for approval keeps it, as a composed one does).
 * A template (a picked one, or `{{…}}` in the text) is rendered for each author with the values
 * the reply composer uses (the author's name and handle, the caller's first name and signature,
 * the mention's brand and link), so each author is addressed by name and no two replies need be
 * the same text (X refuses a duplicate). A variable with no value and no fallback for any author
 * is refused (400, naming it) before anything is queued.
 */
@Injectable()
export class NotifyAuthorsService {
  constructor(
    private readonly rootCauses: RootCausesService,
    private readonly figures: RootCauseFiguresRepository,
    private readonly replies: RepliesService,
    private readonly claims: ClaimsService,
    private readonly audit: AuditService,
    private readonly templates: TemplatesService,
  ) {}

  async notify(auth: AuthContext, category: string, body: NotifyAuthorsRequest, meta: RequestMeta): Promise<NotifyAuthorsResult> {
    const status = await this.rootCauses.statusRow(auth.workspaceId, category);
    this.rootCauses.assertFixShipped(status, category);
    const tz = await this.figures.timeZone(auth.workspaceId);
    const sinceDay = body.since ?? addDays(status.fixShippedAt, -NOTIFY_DEFAULT_LOOKBACK_DAYS);
    const [since, until] = await this.instants(tz, sinceDay);
    const targets = await this.figures.notifyTargets(auth.workspaceId, category, since, until);
    const texts = await this.textsFor(auth, body, targets);
    const result: NotifyAuthorsResult = { authors: targets.length, queued: 0, skipped: { not_replyable: 0, already_notified: 0, refused: 0 }, details: [] };
    const skip = (mentionId: string, reason: NotifySkipReason, message: string) => {
      result.skipped[reason]++;
      result.details.push({ mentionId, reason, message });
    };
    for (const t of targets) {
      const clientKey = notifyClientKey(category, status.fixId, t.mentionId);
      const text = texts.get(t.mentionId)!;
      let claimed = false;
      try {
        const outcome = await this.replies
          .create(auth, t.mentionId, { text, templateId: body.templateId ?? null, clientKey }, meta)
          .catch(async (e: unknown) => {
            // Not yet ours: claim it as an agent opening the reply pane would, then submit.
            if (!(e instanceof HttpException) || !isClaimProblem(e)) throw e;
            await this.claims.claim(auth, t.mentionId, false, meta);
            claimed = true;
            return this.replies.create(auth, t.mentionId, { text, templateId: body.templateId ?? null, clientKey }, meta);
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
      data: {
        category,
        fixShippedAt: status.fixShippedAt,
        since: sinceDay,
        templateId: body.templateId ?? null,
        templated: isTemplated(body),
        authors: result.authors,
        queued: result.queued,
        skipped: result.skipped,
      },
      ...meta,
    });
    return result;
  }

  /**
   * Each target's reply text: the text as written, or the template rendered for its author. Every
   * rendering is checked before anything is queued: an unknown variable, or one that has no value
   * for some author and no fallback, is a 400 naming it.
   */
  private async textsFor(auth: AuthContext, body: NotifyAuthorsRequest, targets: NotifyTargetRow[]): Promise<Map<string, string>> {
    if (!isTemplated(body)) return new Map(targets.map((t) => [t.mentionId, body.text]));
    if (body.templateId && !(await this.templates.findOne(auth.workspaceId, body.templateId))) {
      throw textProblem('templateId', 'is not a template of this workspace');
    }
    const parsed = parseTemplate(body.text);
    if (parsed.errors.length > 0) throw textProblem('text', parsed.errors.map((e) => e.message).join('; '));
    const agent = await this.figures.agentFacts(auth.workspaceId, auth.userId);
    const brands = await this.figures.brandNames(auth.workspaceId, [...new Set(targets.map((t) => t.brandId).filter((b): b is string => b !== null))]);
    const texts = new Map<string, string>();
    /** Per variable with no value and no fallback: the authors it is missing for, and the renderer's advice. */
    const missing = new Map<string, { authors: string[]; message: string }>();
    for (const t of targets) {
      const values: TemplateValues = {
        'author.name': t.authorName,
        'author.handle': t.authorHandle,
        'agent.first_name': agent.firstName ?? defaultFirstName(agent.name),
        'agent.signature': agent.signature ?? defaultSignature(agent.name),
        'brand.name': t.brandId ? brands.get(t.brandId) : null,
        'mention.url': t.mentionUrl,
      };
      const r = renderTemplate(body.text, values);
      if (r.ok) {
        texts.set(t.mentionId, r.text);
        continue;
      }
      for (const e of r.errors) {
        const key = e.variable ?? e.message;
        const entry = missing.get(key) ?? { authors: [], message: e.message };
        entry.authors.push(t.authorHandle);
        missing.set(key, entry);
      }
    }
    if (missing.size > 0) {
      const words = [...missing.values()].map((m) => {
        const who = m.authors.length === targets.length ? 'any author' : `${m.authors.length} of ${targets.length} authors (${list([...m.authors].sort())})`;
        return `${m.message.replace(' has no value here and no fallback', ` has no value for ${who} and no fallback`)}`;
      });
      throw textProblem('text', `${words.join('; ')}. Nothing was queued.`);
    }
    return texts;
  }

  /** [since's start, now) as instants: since is a day in the workspace's zone. */
  private async instants(tz: string, sinceDay: string): Promise<[Date, Date]> {
    const start = zonedMidnight(sinceDay, tz);
    return [start, this.rootCauses.now()];
  }
}

/** A 400 on one field of the request, in the shape the validation pipe answers. */
function textProblem(path: string, message: string): BadRequestException {
  return new BadRequestException({ error: 'Bad Request', message: `Invalid request: ${path} ${message}`, issues: [{ path, message }] });
}

/** Up to three handles, then how many more. */
function list(handles: string[]): string {
  const shown = handles.slice(0, 3).map((h) => `@${h.replace(/^@/, '')}`);
  return handles.length > 3 ? `${shown.join(', ')} and ${handles.length - 3} more` : shown.join(', ');
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
