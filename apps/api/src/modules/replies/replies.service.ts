import { randomBytes } from 'node:crypto';
import { BadRequestException, ConflictException, ForbiddenException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import {
  type ApprovalReason,
  type CreateReplyRequestSchema,
  type Mention,
  type Platform,
  type Replyability,
  type Reply,
  type ReplyListQuerySchema,
  type VoiceGuideBody,
} from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE, isUneditedRendering, lintReply, renderTemplate, type LintContext } from '@earshot/voice';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { ClaimsService } from '../claims/claims.service.js';
import { MentionClaimsRepository } from '../mentions/mention-claims.repository.js';
import { MentionsRepository } from '../mentions/mentions.repository.js';
import { TemplatesService } from '../templates/templates.service.js';
import { defaultFirstName, defaultSignature } from '../users/user.mapper.js';
import { VoiceGuideService } from '../voice/voice-guide.service.js';
import { RepliesRepository } from './replies.repository.js';
import { ReplyReadsRepository } from './reply-reads.repository.js';
import { MASTODON_IDEMPOTENCY_WINDOW_MS, ReplySenderService } from './reply-sender.service.js';
import { toReplyDto, type ReplyRow } from './reply.mapper.js';
import { replyabilityOf } from './replyability.js';

type CreateInput = z.output<typeof CreateReplyRequestSchema>;

/** An incident's public status post: the caller (IncidentsService) has checked that the source is this workspace's and can post. */
export interface CreateStatusPostInput {
  alertId: string;
  /** The alert's brand: its voice guide and name lint the text. */
  brandId: string | null;
  source: { id: string; platform: Platform };
  text: string;
  clientKey: string;
}

/** Urgency reason codes (packages/nlp) and the category that make a reply need a manager. */
const LEGAL_REASON_CODES = new Set(['legal', 'privacy', 'legal-like']);

/** Why a reply waits for a manager (empty: it goes straight to the outbox). */
export function approvalReasonsFor(role: AuthContext['role'], lint: { requiresApproval: boolean }, mention: Mention): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (role === 'trainee') reasons.push('trainee');
  if (lint.requiresApproval) reasons.push('promise');
  if (mention.urgency?.level === 'critical') reasons.push('critical');
  if (mention.category === 'legal' || (mention.urgency?.reasons ?? []).some((r) => LEGAL_REASON_CODES.has(r.code))) reasons.push('legal');
  return reasons;
}

/**
 * The reply workflow: draft → pending_approval → approved | rejected → queued → sending →
 * sent | failed | unknown. Checks access first; every status change commits with the
 * mention's change sequence number, its reply summary and an audit row, and is announced
 * after commit. Sending is the outbox sender's (ReplySenderService).
 */
@Injectable()
export class RepliesService {
  constructor(
    private readonly repo: RepliesRepository,
    private readonly reads: ReplyReadsRepository,
    private readonly mentions: MentionsRepository,
    private readonly claimRows: MentionClaimsRepository,
    private readonly claims: ClaimsService,
    private readonly templates: TemplatesService,
    private readonly voice: VoiceGuideService,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly sender: ReplySenderService,
  ) {}

  /**
   * Submits a composed reply: refused when the mention cannot be answered, when the caller does
   * not hold its claim, or when the linter blocks it; otherwise queued, or held for a manager.
   * The same client key again returns the first reply (`created: false`), even concurrently.
   */
  async create(auth: AuthContext, mentionId: string, input: CreateInput, meta: RequestMeta): Promise<{ reply: Reply; created: boolean }> {
    const again = await this.sameClientKey(auth, mentionId, input.clientKey);
    if (again) return { reply: again, created: false };
    const mention = await this.mentions.findOne(auth.workspaceId, mentionId);
    if (!mention) throw new NotFoundException('No such mention in this workspace.');
    const facts = await this.reads.replyabilityFacts(auth.workspaceId, mentionId);
    if (!facts) throw new NotFoundException('No such mention in this workspace.');
    refuseUnlessReplyable(replyabilityOf(facts));
    await this.claims.assertClaimHeld(auth, mentionId);

    const who = await this.reads.composerFacts(auth.workspaceId, auth.userId, mention.brandId);
    const agent = { firstName: who.firstName ?? defaultFirstName(who.name), signature: who.signature ?? defaultSignature(who.name) };
    const templateUnedited = await this.isTemplateUnedited(auth, input, mention, agent, who.brandName);
    const guide: VoiceGuideBody = mention.brandId ? await this.voice.guideFor(auth.workspaceId, mention.brandId) : DEFAULT_VOICE_GUIDE;
    const context: LintContext = {
      platform: mention.platform,
      intent: mention.intent,
      category: mention.category,
      mentionText: mention.text,
      authorHandle: mention.author.handle,
      agent,
      brandName: who.brandName ?? '',
    };
    const lint = lintReply(input.text, guide, context);
    if (lint.blocked) {
      throw new BadRequestException({
        error: 'Bad Request',
        message: `The reply cannot be sent as written: ${lint.findings
          .filter((f) => f.severity === 'block')
          .map((f) => f.message)
          .join(' ')}`,
        code: 'lint_blocked',
        findings: lint.findings,
      });
    }
    const reasons = approvalReasonsFor(auth.role, lint, mention);
    const status = reasons.length > 0 ? 'pending_approval' : 'queued';

    const id = await this.repo.transaction(async (tx) => {
      const claim = await this.claimRows.lockClaim(tx, auth.workspaceId, mentionId);
      if (!claim) throw new NotFoundException('No such mention in this workspace.');
      // Re-checked under the lock: the claim could have lapsed or been taken over since.
      if (claim.claimed_by_id !== auth.userId || !claim.live) await this.claims.assertClaimHeld(auth, mentionId);
      const newId = await this.repo.insert(tx, {
        workspaceId: auth.workspaceId,
        mentionId,
        sourceId: facts.source?.id ?? null,
        platform: mention.platform,
        text: input.text,
        templateId: input.templateId ?? null,
        templateUnedited,
        status,
        authorUserId: auth.userId,
        resolveOnSend: input.resolve ?? false,
        approvalReasons: reasons,
        lintReport: lint,
        idempotencyKey: randomBytes(24).toString('base64url'),
        clientKey: input.clientKey,
      });
      if (!newId) return null; // a concurrent submit with this client key won: its reply is the answer
      await this.repo.touchMention(tx, auth.workspaceId, mentionId);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'reply.submitted',
          targetType: 'reply',
          targetId: newId,
          data: { mentionId, from: 'draft', to: status, approvalReasons: reasons, templateId: input.templateId ?? null, templateUnedited },
          ...meta,
        },
        tx,
      );
      return newId;
    });
    if (!id) {
      const first = await this.sameClientKey(auth, mentionId, input.clientKey);
      if (!first) throw new ConflictException('Another reply was submitted with this client key at the same moment; reload the mention.');
      return { reply: first, created: false };
    }
    this.events.emit('reply.changed', { workspaceId: auth.workspaceId, mentionId, replyId: id });
    if (status === 'queued') this.sender.kick();
    return { reply: await this.one(auth.workspaceId, id), created: true };
  }

  /**
   * Queues a public status post (a reply row of kind `post`: no mention) in the same outbox, so it
   * is sent exactly once with the same lease, idempotency key and reconciliation as a reply. Linted
   * with the brand's guide: blocked as a reply is; a promise is refused rather than held, as there is
   * no mention to hold it on (managers and admins only: the route declares it). The same client key
   * again returns the first post (`created: false`); another use of the key is a 409.
   */
  async createStatusPost(auth: AuthContext, input: CreateStatusPostInput, meta: RequestMeta): Promise<{ reply: ReplyRow; created: boolean }> {
    const again = await this.samePostKey(auth, input);
    if (again) return { reply: again, created: false };
    const who = await this.reads.composerFacts(auth.workspaceId, auth.userId, input.brandId);
    const agent = { firstName: who.firstName ?? defaultFirstName(who.name), signature: who.signature ?? defaultSignature(who.name) };
    const guide: VoiceGuideBody = input.brandId ? await this.voice.guideFor(auth.workspaceId, input.brandId) : DEFAULT_VOICE_GUIDE;
    const lint = lintReply(input.text, guide, {
      platform: input.source.platform,
      intent: null,
      category: null,
      mentionText: '',
      authorHandle: null,
      agent,
      brandName: who.brandName ?? '',
    });
    if (lint.blocked || lint.requiresApproval) {
      const blocking = lint.findings.filter((f) => (lint.blocked ? f.severity === 'block' : f.requiresApproval));
      throw new BadRequestException({
        error: 'Bad Request',
        message: lint.blocked
          ? `The status post cannot be sent as written: ${blocking.map((f) => f.message).join(' ')}`
          : `A status post is not held for approval, so it cannot make a promise: ${blocking.map((f) => f.message).join(' ')}`,
        code: lint.blocked ? 'lint_blocked' : 'needs_approval',
        findings: lint.findings,
      });
    }
    const id = await this.repo.transaction(async (tx) => {
      const newId = await this.repo.insertPost(tx, {
        workspaceId: auth.workspaceId,
        alertId: input.alertId,
        sourceId: input.source.id,
        platform: input.source.platform,
        text: input.text,
        authorUserId: auth.userId,
        lintReport: lint,
        idempotencyKey: randomBytes(24).toString('base64url'),
        clientKey: input.clientKey,
      });
      if (!newId) return null;
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'reply.submitted',
          targetType: 'reply',
          targetId: newId,
          data: { kind: 'post', alertId: input.alertId, sourceId: input.source.id, from: 'draft', to: 'queued' },
          ...meta,
        },
        tx,
      );
      return newId;
    });
    if (!id) {
      const first = await this.samePostKey(auth, input);
      if (!first) throw new ConflictException('Another post was submitted with this client key at the same moment; reload the incident.');
      return { reply: first, created: false };
    }
    this.sender.kick();
    const row = await this.reads.findOne(auth.workspaceId, id);
    if (!row) throw new NotFoundException('No such reply in this workspace.');
    return { reply: row, created: true };
  }

  /** The status post already submitted with this client key for this alert; 409 if the key was used for anything else. */
  private async samePostKey(auth: AuthContext, input: CreateStatusPostInput): Promise<ReplyRow | null> {
    const row = await this.repo.findByClientKey(auth.workspaceId, input.clientKey);
    if (!row) return null;
    if (row.kind !== 'post' || row.alert_id !== input.alertId) {
      throw new ConflictException({
        error: 'Conflict',
        message: 'This client key was already used for another reply or post: compose the post again.',
        code: 'client_key_used',
      });
    }
    return row;
  }

  /** A manager approves a reply awaiting approval: it goes to the outbox at once; the agent's claim is released. */
  approve(auth: AuthContext, id: string, comment: string | null, meta: RequestMeta): Promise<Reply> {
    return this.decide(auth, id, { approve: true, comment }, meta);
  }

  /** A manager rejects a reply awaiting approval, with a comment the agent sees; the claim is released. */
  reject(auth: AuthContext, id: string, comment: string, meta: RequestMeta): Promise<Reply> {
    return this.decide(auth, id, { approve: false, comment }, meta);
  }

  /**
   * A person's way out of `failed` and `unknown`: a failed reply (proven not posted) goes back to
   * the outbox with the same idempotency key, when its cause was transient or its source has been
   * reconnected since; an unknown one is reconciled by the sender before anything is sent again
   * (Mastodon: the same key, only inside its one-hour window; Bluesky: the same record key;
   * X and Reddit: findExistingReply back to the reply's first attempt, which a retry keeps, so posts
   * the brand made since cannot hide it; found → sent, proven absent → posted, a lookup that cannot
   * decide → unknown again). Never a blind resend.
   */
  async retry(auth: AuthContext, id: string, meta: RequestMeta): Promise<Reply> {
    const current = await this.reads.findOne(auth.workspaceId, id);
    if (!current) throw new NotFoundException('No such reply in this workspace.');
    assertMayActOn(auth, current, 'retry');
    // Null for a status post (kind `post`): no mention to lock, touch or announce.
    const mentionId: string | null = current.mention_id;
    await this.repo.transaction(async (tx) => {
      if (mentionId && !(await this.repo.lockMention(tx, auth.workspaceId, mentionId))) throw new NotFoundException('No such reply in this workspace.');
      const row = await this.repo.lock(tx, auth.workspaceId, id);
      if (!row) throw new NotFoundException('No such reply in this workspace.');
      const from = assertNeedsAttention(row, 'retried');
      const source = row.source_id ? await this.repo.sourceState(tx, auth.workspaceId, row.source_id) : null;
      if (!source || row.failure_kind === 'gone') {
        throw conflict(
          'source_gone',
          from === 'unknown'
            ? 'The source this reply was to be posted through is gone, so Earshot cannot check whether it was posted: look at the original thread, then dismiss this reply or write a new one through another source.'
            : 'The source this reply was to be posted through is gone: write a new reply.',
        );
      }
      if (from === 'failed' && row.failure_kind === 'rejected') {
        throw conflict('rejected_by_platform', `${platformName(row.platform)} refused this text: change it and write a new reply (or dismiss this one).`);
      }
      if (source.status === 'auth_required' || (row.failure_kind === 'source' && source.updatedAt.getTime() <= new Date(row.updated_at).getTime())) {
        throw conflict(
          'reconnect_source',
          `The source's credentials or address must be fixed first: reconnect it in Settings › Sources, then retry this reply.`,
        );
      }
      if (
        from === 'unknown' &&
        row.platform === 'mastodon' &&
        row.first_attempt_at &&
        Date.now() - new Date(row.first_attempt_at).getTime() >= MASTODON_IDEMPOTENCY_WINDOW_MS
      ) {
        throw conflict(
          'check_by_hand',
          'Mastodon may already have posted this reply, and its one-hour protection against duplicates has passed, so Earshot will not send it again: look at the thread on Mastodon. If the reply is there (or you posted it by hand), dismiss it here; if not, write a new reply.',
        );
      }
      if (!(await this.repo.retry(tx, auth.workspaceId, id, from))) throw conflict('not_retryable', 'This reply changed meanwhile: reload the mention.');
      if (mentionId) await this.repo.touchMention(tx, auth.workspaceId, mentionId);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'reply.retried',
          targetType: 'reply',
          targetId: id,
          data: {
            mentionId,
            from,
            to: from === 'failed' ? 'queued' : 'unknown',
            reconcile: from === 'unknown',
            attemptsBefore: row.attempts,
            failure: row.failure_kind,
          },
          ...meta,
        },
        tx,
      );
    });
    if (mentionId) this.events.emit('reply.changed', { workspaceId: auth.workspaceId, mentionId, replyId: id });
    this.sender.kick();
    return this.one(auth.workspaceId, id);
  }

  /** A person gives up on a failed or unknown reply (e.g. posted it by hand): it is never sent and stops needing attention. */
  async dismiss(auth: AuthContext, id: string, note: string | null, meta: RequestMeta): Promise<Reply> {
    const current = await this.reads.findOne(auth.workspaceId, id);
    if (!current) throw new NotFoundException('No such reply in this workspace.');
    assertMayActOn(auth, current, 'dismiss');
    // Null for a status post (kind `post`): no mention to lock, touch or announce.
    const mentionId: string | null = current.mention_id;
    await this.repo.transaction(async (tx) => {
      if (mentionId && !(await this.repo.lockMention(tx, auth.workspaceId, mentionId))) throw new NotFoundException('No such reply in this workspace.');
      const row = await this.repo.lock(tx, auth.workspaceId, id);
      if (!row) throw new NotFoundException('No such reply in this workspace.');
      const from = assertNeedsAttention(row, 'dismissed');
      if (!(await this.repo.dismiss(tx, auth.workspaceId, id, auth.userId, note)))
        throw conflict('not_dismissable', 'This reply changed meanwhile: reload the mention.');
      if (mentionId) await this.repo.touchMention(tx, auth.workspaceId, mentionId);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'reply.dismissed',
          targetType: 'reply',
          targetId: id,
          data: { mentionId, status: from, note },
          ...meta,
        },
        tx,
      );
    });
    if (mentionId) this.events.emit('reply.changed', { workspaceId: auth.workspaceId, mentionId, replyId: id });
    return this.one(auth.workspaceId, id);
  }

  async list(auth: AuthContext, q: z.output<typeof ReplyListQuerySchema>): Promise<Reply[]> {
    return (await this.reads.list(auth.workspaceId, { status: q.status, mentionId: q.mentionId })).map(toReplyDto);
  }

  private async decide(auth: AuthContext, id: string, d: { approve: boolean; comment: string | null }, meta: RequestMeta): Promise<Reply> {
    const current = await this.reads.findOne(auth.workspaceId, id);
    if (!current) throw new NotFoundException('No such reply in this workspace.');
    if (current.author_user_id === auth.userId) throw new ForbiddenException('Another manager or an admin must decide on your own reply.');
    const mentionId = current.mention_id;
    await this.repo.transaction(async (tx) => {
      if (!(await this.repo.lockMention(tx, auth.workspaceId, mentionId))) throw new NotFoundException('No such reply in this workspace.');
      const row = await this.repo.lock(tx, auth.workspaceId, id);
      if (!row) throw new NotFoundException('No such reply in this workspace.');
      if (row.status !== 'pending_approval') {
        throw new ConflictException({
          error: 'Conflict',
          message: `This reply is not waiting for approval any more (it is ${row.status.replace('_', ' ')}${row.decider_name ? `, decided by ${row.decider_name}` : ''}).`,
          code: 'already_decided',
          status: row.status,
        });
      }
      await this.repo.decide(tx, auth.workspaceId, id, { approve: d.approve, by: auth.userId, comment: d.comment });
      await this.repo.touchMention(tx, auth.workspaceId, mentionId, { releaseClaimOf: row.author_user_id });
      const base = { workspaceId: auth.workspaceId, actorUserId: auth.userId, targetType: 'reply', targetId: id, ...meta };
      if (d.approve) {
        await this.audit.record({ ...base, action: 'reply.approved', data: { mentionId, from: 'pending_approval', to: 'approved', comment: d.comment } }, tx);
        await this.audit.record({ ...base, action: 'reply.queued', data: { mentionId, from: 'approved', to: 'queued' } }, tx);
      } else {
        await this.audit.record({ ...base, action: 'reply.rejected', data: { mentionId, from: 'pending_approval', to: 'rejected', comment: d.comment } }, tx);
      }
    });
    this.events.emit('reply.changed', { workspaceId: auth.workspaceId, mentionId, replyId: id });
    if (d.approve) this.sender.kick();
    return this.one(auth.workspaceId, id);
  }

  /** The reply already submitted with this client key, if it is the caller's for this mention; 409 if the key was used otherwise. */
  private async sameClientKey(auth: AuthContext, mentionId: string, clientKey: string): Promise<Reply | null> {
    const row = await this.repo.findByClientKey(auth.workspaceId, clientKey);
    if (!row) return null;
    if (row.mention_id !== mentionId || row.author_user_id !== auth.userId) {
      throw new ConflictException({
        error: 'Conflict',
        message: 'This client key was already used for another reply: compose the reply again.',
        code: 'client_key_used',
      });
    }
    return toReplyDto(row);
  }

  /** True when the text is the template rendered for this mention and agent, unedited (rendered here, never trusted from the client). */
  private async isTemplateUnedited(
    auth: AuthContext,
    input: CreateInput,
    mention: Mention,
    agent: { firstName: string; signature: string },
    brandName: string | null,
  ): Promise<boolean> {
    if (!input.templateId) return false;
    const template = await this.templates.findOne(auth.workspaceId, input.templateId);
    if (!template) {
      throw new BadRequestException({
        error: 'Bad Request',
        message: 'Invalid request: templateId is not a template of this workspace',
        issues: [{ path: 'templateId', message: 'is not a template of this workspace' }],
      });
    }
    const rendered = renderTemplate(template.body, {
      'author.name': mention.author.displayName,
      'author.handle': mention.author.handle,
      'agent.first_name': agent.firstName,
      'agent.signature': agent.signature,
      'brand.name': brandName,
      'mention.url': mention.url,
    });
    return rendered.ok && isUneditedRendering(input.text, rendered.text);
  }

  private async one(workspaceId: string, id: string): Promise<Reply> {
    const row = await this.reads.findOne(workspaceId, id);
    if (!row) throw new NotFoundException('No such reply in this workspace.');
    return toReplyDto(row);
  }
}

const conflict = (code: string, message: string) => new ConflictException({ error: 'Conflict', message, code });

const platformName = (p: string) => ({ mastodon: 'Mastodon', bluesky: 'Bluesky', reddit: 'Reddit', x: 'X' })[p] ?? p;

/** The reply's author, managers and admins act on a failed or unknown reply; an agent (or trainee) never on someone else's. */
function assertMayActOn(auth: AuthContext, row: ReplyRow, verb: 'retry' | 'dismiss'): void {
  if (row.author_user_id === auth.userId || auth.role === 'manager' || auth.role === 'admin') return;
  throw new ForbiddenException(`Only the reply's author, a manager or an admin can ${verb} this reply.`);
}

/** A (locked) reply a person may retry or dismiss: failed or unknown, not given up on; otherwise 409 in words. */
function assertNeedsAttention(row: ReplyRow, done: 'retried' | 'dismissed'): 'failed' | 'unknown' {
  if (row.dismissed_at) {
    throw conflict('dismissed', `This reply was dismissed${row.dismisser_name ? ` by ${row.dismisser_name}` : ''}: write a new reply instead.`);
  }
  if (row.status === 'failed' || row.status === 'unknown') return row.status;
  if (row.status === 'sending') throw conflict('in_flight', 'This reply is being sent right now: wait for the outcome.');
  throw conflict('not_failed', `Only a failed or unconfirmed reply can be ${done} (this one is ${row.status.replace('_', ' ')}).`);
}

/** Refuses a mention that cannot be answered, with the words the mention detail shows. */
function refuseUnlessReplyable(r: Replyability): void {
  if (r.canReply) return;
  // The mention's nature (a feed, our own post, a competitor's) → 400; the source's state (gone, credentials) → 409.
  const status = r.code === 'no_source' || r.code === 'missing_credentials' ? 409 : 400;
  throw new HttpException(
    { error: status === 409 ? 'Conflict' : 'Bad Request', message: r.message, code: r.code, ...(r.missing ? { missing: r.missing } : {}) },
    status,
  );
}
