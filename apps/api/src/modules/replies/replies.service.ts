import { randomBytes } from 'node:crypto';
import { BadRequestException, ConflictException, ForbiddenException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import {
  type ApprovalReason,
  type CreateReplyRequestSchema,
  type Mention,
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
import { ReplySenderService } from './reply-sender.service.js';
import { toReplyDto } from './reply.mapper.js';
import { replyabilityOf } from './replyability.js';

type CreateInput = z.output<typeof CreateReplyRequestSchema>;

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

  /** A manager approves a reply awaiting approval: it goes to the outbox at once; the agent's claim is released. */
  approve(auth: AuthContext, id: string, comment: string | null, meta: RequestMeta): Promise<Reply> {
    return this.decide(auth, id, { approve: true, comment }, meta);
  }

  /** A manager rejects a reply awaiting approval, with a comment the agent sees; the claim is released. */
  reject(auth: AuthContext, id: string, comment: string, meta: RequestMeta): Promise<Reply> {
    return this.decide(auth, id, { approve: false, comment }, meta);
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
