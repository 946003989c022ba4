import { BadRequestException, ConflictException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import {
  REPLYABILITY_CODES,
  type IncidentRepliesRequestSchema,
  type IncidentRepliesResult,
  type IncidentSkipReason,
  type LintReport,
  type Mention,
  type StatusPost,
  type StatusPostRequestSchema,
  type VoiceGuideBody,
} from '@earshot/contracts';
import { lintReply, parseTemplate, renderTemplate } from '@earshot/voice';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { ClaimsService } from '../claims/claims.service.js';
import { MentionsRepository } from '../mentions/mentions.repository.js';
import { RepliesService } from '../replies/replies.service.js';
import { toStatusPostDto } from './incident.mapper.js';
import { addressedReply, authorReference, incidentClientKey } from './incident-text.util.js';
import { IncidentsRepository } from './incidents.repository.js';
import { IncidentsService, type AffectedAuthor, type ComposeContext } from './incidents.service.js';

type RepliesInput = z.output<typeof IncidentRepliesRequestSchema>;
type StatusPostInput = z.output<typeof StatusPostRequestSchema>;

const NOT_REPLYABLE = new Set<string>(REPLYABILITY_CODES.filter((c) => c !== 'ok'));

/** One author this request will answer: their latest mention, the text they get and its lint. */
interface Planned {
  a: AffectedAuthor;
  mention: Mention;
  clientKey: string;
  text: string;
  lint: LintReport;
}

/**
 * The incident's actions (managers and admins; the routes declare it): one individually addressed
 * reply per affected author, and one public status post, both through the reply workflow and its
 * outbox (RepliesService: replyability, the voice linter, approvals, the exactly-once sender).
 */
@Injectable()
export class IncidentActionsService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly repo: IncidentsRepository,
    private readonly mentions: MentionsRepository,
    private readonly replies: RepliesService,
    private readonly claims: ClaimsService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Answers every affected author once, to their latest mention in the alert. The body (template
   * variables allowed) is rendered per author with the reply composer's values, addressed to them
   * and given their reference (so no two texts are the same: X refuses duplicates), and linted as
   * their reply would be. Before anything is queued, every text must render and none may be blocked
   * by the linter (400 naming the problem: nothing queued). Authors the team already answered in
   * this incident, mentions that cannot be answered and mentions a colleague holds are skipped with
   * a reason. Each reply has a client key derived from (alert, clientKey, author), so the same
   * request again (a double click, a retry after a lost answer) queues nothing twice. Each reply
   * goes through RepliesService.create exactly as a composed one: the caller claims the mention as
   * an agent opening the reply pane would and gives the claim back once the reply is queued.
   */
  async answerAuthors(auth: AuthContext, alertId: string, body: RepliesInput, meta: RequestMeta): Promise<IncidentRepliesResult> {
    const parsed = parseTemplate(body.body);
    if (parsed.errors.length > 0) throw textProblem('body', parsed.errors.map((e) => e.message).join('; '));
    const facts = await this.incidents.facts(auth, alertId);
    const result: IncidentRepliesResult = { queued: 0, pendingApproval: 0, replies: [], skipped: [] };
    const skip = (a: AffectedAuthor, reason: IncidentSkipReason, message: string) =>
      result.skipped.push({ authorId: a.author.id, mentionId: a.latest.id, reason, message });

    const keys = new Map(facts.authors.map((a) => [a.author.id, incidentClientKey(alertId, body.clientKey, a.author.id)]));
    const used = await this.repo.usedClientKeys(auth.workspaceId, [...keys.values()]);
    const open = facts.authors.filter((a) => {
      if (used.has(keys.get(a.author.id)!)) skip(a, 'already_queued', 'This request already queued a reply to this author.');
      else if (a.replied)
        skip(a, 'already_replied', `The team already answered this author in this incident (${a.replyStatus?.replace('_', ' ') ?? 'replied'}).`);
      else return true;
      return false;
    });
    const replyable = await this.incidents.replyability(
      auth,
      open.map((a) => a.latest.id),
    );
    const targets = open.filter((a) => {
      const r = replyable.get(a.latest.id);
      if (r?.canReply) return true;
      skip(a, 'not_replyable', r?.message ?? 'This mention is no longer in the workspace.');
      return false;
    });

    const planned = await this.plan(auth, alertId, body.body, targets, keys);
    const blocked = planned.filter((p) => p.lint.blocked);
    if (blocked.length > 0) {
      const first = blocked[0]!;
      throw new BadRequestException({
        error: 'Bad Request',
        message: `The reply cannot be sent as written (${blocked.length} of ${planned.length} authors' replies are blocked; nothing was queued): ${first.lint.findings
          .filter((f) => f.severity === 'block')
          .map((f) => f.message)
          .join(' ')}`,
        code: 'lint_blocked',
        findings: first.lint.findings,
        authorId: first.a.author.id,
      });
    }

    // A few authors at a time (each reply is its own mention's transaction); results in the planned order.
    const outcomes = await mapLimit(planned, SUBMIT_CONCURRENCY, (p) => this.submit(auth, p, meta));
    for (const [i, p] of planned.entries()) {
      const outcome = outcomes[i]!;
      if ('skipped' in outcome) skip(p.a, outcome.skipped, outcome.message);
      else {
        result.queued++;
        if (outcome.status === 'pending_approval') result.pendingApproval++;
        result.replies.push({ authorId: p.a.author.id, mentionId: p.mention.id, replyId: outcome.replyId, status: outcome.status });
      }
    }
    const reasons: Record<string, number> = {};
    for (const s of result.skipped) reasons[s.reason] = (reasons[s.reason] ?? 0) + 1;
    await this.audit.record({
      workspaceId: auth.workspaceId,
      actorUserId: auth.userId,
      action: 'alert.authors_answered',
      targetType: 'alert',
      targetId: alertId,
      data: { authors: facts.authors.length, queued: result.queued, pendingApproval: result.pendingApproval, skipped: reasons },
      ...meta,
    });
    return result;
  }

  /**
   * One public post about the incident (not a reply) through the source `sourceId` (default: the
   * source most of the alert's mentions came through that can post), queued once per clientKey in
   * the reply outbox. The body may use the brand's and the agent's template variables.
   */
  async statusPost(auth: AuthContext, alertId: string, body: StatusPostInput, meta: RequestMeta): Promise<{ post: StatusPost; created: boolean }> {
    const facts = await this.incidents.facts(auth, alertId);
    const sources = await this.incidents.postingSources(auth.workspaceId, facts.mentions);
    const source = body.sourceId ? sources.find((s) => s.id === body.sourceId) : (sources.find((s) => s.suggested) ?? null);
    if (body.sourceId && !source) {
      throw textProblem('sourceId', 'is not a source of this workspace that can post (Mastodon, Bluesky or X, with posting credentials, connected)');
    }
    if (!source) {
      throw new ConflictException({
        error: 'Conflict',
        message:
          'No source can post a status update: add a Mastodon, Bluesky or X source with posting credentials in Settings › Sources (Reddit and feeds cannot post from Earshot).',
        code: 'no_post_source',
      });
    }
    const ctx = await this.incidents.composeContext(auth, facts.alert.event.brandId);
    const rendered = renderTemplate(body.body, ctx.values);
    if (!rendered.ok) throw textProblem('body', rendered.errors.map((e) => e.message).join('; '));
    const { reply, created } = await this.replies.createStatusPost(
      auth,
      { alertId, brandId: facts.alert.event.brandId, source: { id: source.id, platform: source.platform }, text: rendered.text, clientKey: body.clientKey },
      meta,
    );
    return { post: toStatusPostDto(reply), created };
  }

  /** A person retries a status post of the alert that failed or was not confirmed (RepliesService.retry: the same checks as for a reply). */
  async retryStatusPost(auth: AuthContext, alertId: string, postId: string, meta: RequestMeta): Promise<StatusPost> {
    await this.statusPostOf(auth, alertId, postId);
    await this.replies.retry(auth, postId, meta);
    return this.statusPostOf(auth, alertId, postId);
  }

  /** A person gives up on a status post of the alert that failed or was not confirmed (e.g. posted by hand). */
  async dismissStatusPost(auth: AuthContext, alertId: string, postId: string, note: string | null, meta: RequestMeta): Promise<StatusPost> {
    await this.statusPostOf(auth, alertId, postId);
    await this.replies.dismiss(auth, postId, note, meta);
    return this.statusPostOf(auth, alertId, postId);
  }

  private async statusPostOf(auth: AuthContext, alertId: string, postId: string): Promise<StatusPost> {
    const row = (await this.repo.statusPosts(auth.workspaceId, alertId)).find((r) => r.id === postId);
    if (!row) throw new NotFoundException('No such status post of this alert.');
    return toStatusPostDto(row);
  }

  /** Each target's text, rendered, addressed and linted with its mention's brand, as RepliesService will lint it. */
  private async plan(auth: AuthContext, alertId: string, body: string, targets: AffectedAuthor[], keys: Map<string, string>): Promise<Planned[]> {
    const mentions = new Map(
      (
        await this.mentions.findByIds(
          auth.workspaceId,
          targets.map((a) => a.latest.id),
        )
      ).map((m) => [m.id, m]),
    );
    const contexts = new Map<string | null, ComposeContext>();
    const missing = new Map<string, { authors: string[]; message: string }>();
    const planned: Planned[] = [];
    for (const a of targets) {
      const mention = mentions.get(a.latest.id);
      if (!mention) continue;
      let ctx = contexts.get(mention.brandId);
      if (!ctx) contexts.set(mention.brandId, (ctx = await this.incidents.composeContext(auth, mention.brandId)));
      const r = renderTemplate(body, {
        ...ctx.values,
        'author.name': mention.author.displayName,
        'author.handle': mention.author.handle,
        'mention.url': mention.url,
      });
      if (!r.ok) {
        for (const e of r.errors) {
          const entry = missing.get(e.variable ?? e.message) ?? { authors: [], message: e.message };
          entry.authors.push(mention.author.handle);
          missing.set(e.variable ?? e.message, entry);
        }
        continue;
      }
      const text = addressedReply(r.text, { platform: mention.platform, handle: mention.author.handle }, authorReference(alertId, a.author.id), ctx.signOff);
      planned.push({ a, mention, clientKey: keys.get(a.author.id)!, text, lint: lintFor(text, mention, ctx.guide, ctx) });
    }
    if (missing.size > 0) {
      const words = [...missing.values()].map(
        (m) =>
          `${m.message.replace(' has no value here and no fallback', ` has no value for ${m.authors.length} of ${targets.length} authors and no fallback`)}`,
      );
      throw textProblem('body', `${words.join('; ')}. Nothing was queued.`);
    }
    return planned;
  }

  /**
   * One reply through the workflow: the caller claims the mention first, as an agent opening the
   * reply pane would (a colleague's live claim is refused: skipped), and gives the claim back once
   * the reply is queued (a reply waiting for approval keeps it, as a composed one does).
   */
  private async submit(
    auth: AuthContext,
    p: Planned,
    meta: RequestMeta,
  ): Promise<{ replyId: string; status: IncidentRepliesResult['replies'][number]['status'] } | { skipped: IncidentSkipReason; message: string }> {
    const input = { text: p.text, templateId: null, clientKey: p.clientKey };
    let claimed = false;
    try {
      const held = (await this.mentions.findOne(auth.workspaceId, p.mention.id))?.claim?.user.id === auth.userId;
      if (!held) {
        await this.claims.claim(auth, p.mention.id, false, meta);
        claimed = true;
      }
      const outcome = await this.replies.create(auth, p.mention.id, input, meta);
      if (claimed && outcome.reply.status !== 'pending_approval') await this.claims.release(auth, p.mention.id);
      if (!outcome.created) return { skipped: 'already_queued', message: 'This request already queued a reply to this author.' };
      return { replyId: outcome.reply.id, status: outcome.reply.status };
    } catch (e) {
      if (claimed) await this.claims.release(auth, p.mention.id).catch(() => undefined);
      if (!(e instanceof HttpException)) throw e;
      const code = codeOf(e);
      const message = messageOf(e);
      if (code === 'claimed' || code === 'awaiting_approval') return { skipped: 'claimed', message };
      if (code && NOT_REPLYABLE.has(code)) return { skipped: 'not_replyable', message };
      if (code === 'client_key_used') return { skipped: 'already_queued', message: 'Another person already sent this request for this author.' };
      return { skipped: 'refused', message };
    }
  }
}

/** Authors answered at once by one request (each reply takes a few statements and its own transaction). */
const SUBMIT_CONCURRENCY = 4;

/** `fn` over `items`, at most `limit` at a time; results in the items' order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function lintFor(text: string, mention: Mention, guide: VoiceGuideBody, ctx: ComposeContext): LintReport {
  return lintReply(text, guide, {
    platform: mention.platform,
    intent: mention.intent,
    category: mention.category,
    mentionText: mention.text,
    authorHandle: mention.author.handle,
    agent: ctx.agent,
    brandName: ctx.brandName,
  });
}

function codeOf(e: HttpException): string | undefined {
  const res = e.getResponse() as { code?: string } | string;
  return typeof res === 'string' ? undefined : res.code;
}

function messageOf(e: HttpException): string {
  const res = e.getResponse() as { message?: unknown } | string;
  return typeof res === 'string' ? res : String(res.message ?? e.message);
}

/** A 400 on one field of the request, in the shape the validation pipe answers. */
function textProblem(path: string, message: string): BadRequestException {
  return new BadRequestException({ error: 'Bad Request', message: `Invalid request: ${path} ${message}`, issues: [{ path, message }] });
}
