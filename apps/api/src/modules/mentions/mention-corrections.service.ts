import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  CorrectedValues,
  CorrectionField,
  CreateCorrectionRequestSchema,
  CreateCorrectionResponse,
  LabelledPostPage,
  LabelledPostsQuerySchema,
  MentionCorrection,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { toCorrectionDto } from './mention-correction.mapper.js';
import { MentionCorrectionsRepository, type LabelledRow } from './mention-corrections.repository.js';
import { MentionsRepository } from './mentions.repository.js';
import { workspaceCategoryIds } from './workspace-categories.util.js';

const iso = (d: Date | string): string => new Date(d).toISOString();

/** `next` of the labelled posts: the last item's correction time (microseconds) and mention id. */
function encodeCursor(r: LabelledRow): string {
  return Buffer.from(JSON.stringify([r.corrected_key, r.mention_id])).toString('base64url');
}

function decodeCursor(cursor: string): { at: string; mentionId: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') {
      const [at, mentionId] = v as [string, string];
      if (!Number.isNaN(Date.parse(at)) && /^[0-9a-f-]{36}$/i.test(mentionId)) return { at, mentionId };
    }
  } catch {
    // falls through to the 400
  }
  throw new BadRequestException({
    error: 'Bad Request',
    message: 'Invalid request: cursor is not a cursor from this list; start again without it',
    issues: [{ path: 'cursor', message: 'is not a cursor from this list; start again without it' }],
  });
}

/**
 * Corrections: an agent sets a mention's sentiment, intent, complaint category or urgency level
 * in one action. One transaction writes a `mention_correction` row per field sent (a value equal
 * to the current one is a confirmation), the mention's columns and `corrected`, a change sequence
 * number and the audit event; after commit everyone sees it through `mention.updated`.
 */
@Injectable()
export class MentionCorrectionsService {
  constructor(
    private readonly repo: MentionCorrectionsRepository,
    private readonly mentions: MentionsRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  async correct(
    auth: AuthContext,
    mentionId: string,
    input: z.output<typeof CreateCorrectionRequestSchema>,
    meta: RequestMeta,
  ): Promise<CreateCorrectionResponse> {
    if (input.category !== undefined) {
      const allowed = workspaceCategoryIds();
      if (!allowed.includes(input.category)) {
        const message = `must be one of the workspace's categories: ${allowed.join(', ')}`;
        throw new BadRequestException({ error: 'Bad Request', message: `Invalid request: category ${message}`, issues: [{ path: 'category', message }] });
      }
    }
    const values: CorrectedValues = {
      ...(input.sentiment !== undefined ? { sentiment: input.sentiment } : {}),
      ...(input.intent !== undefined ? { intent: input.intent } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.urgencyLevel !== undefined ? { urgency: input.urgencyLevel } : {}),
    };
    await this.repo.transaction(async (tx) => {
      const state = await this.repo.lockState(tx, auth.workspaceId, mentionId);
      if (!state) throw new NotFoundException('No such mention in this workspace.');
      const changes = (Object.keys(values) as CorrectionField[]).map((field) => ({ field, oldValue: state[field], newValue: values[field]! }));
      await this.repo.insertCorrections(tx, auth.workspaceId, mentionId, auth.userId, changes);
      await this.repo.applyCorrection(tx, auth.workspaceId, mentionId, values);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'mention.corrected',
          targetType: 'mention',
          targetId: mentionId,
          data: Object.fromEntries(changes.map((c) => [c.field, { from: c.oldValue, to: c.newValue }])),
          ...meta,
        },
        tx,
      );
    });
    this.events.emit('mentions.changed', { workspaceId: auth.workspaceId, ids: [mentionId], kind: 'updated' });
    const [mention, history] = await Promise.all([
      this.mentions.findOne(auth.workspaceId, mentionId),
      this.repo.history(auth.workspaceId, mentionId, Object.keys(values).length),
    ]);
    if (!mention) throw new NotFoundException('No such mention in this workspace.');
    return { mention, corrections: history.map(toCorrectionDto) };
  }

  /** A mention's corrections, newest first; 404 when the mention is not the workspace's. */
  async history(auth: AuthContext, mentionId: string): Promise<MentionCorrection[]> {
    if (!(await this.mentions.findOne(auth.workspaceId, mentionId))) throw new NotFoundException('No such mention in this workspace.');
    return (await this.repo.history(auth.workspaceId, mentionId)).map(toCorrectionDto);
  }

  /** The workspace's labelled posts (latest value per field per mention, with the text), oldest correction first. */
  async labelled(auth: AuthContext, q: z.output<typeof LabelledPostsQuerySchema>): Promise<LabelledPostPage> {
    const after = q.cursor
      ? decodeCursor(q.cursor)
      : q.since
        ? { at: new Date(q.since).toISOString(), mentionId: '00000000-0000-0000-0000-000000000000' }
        : null;
    const rows = await this.repo.labelled(auth.workspaceId, after, q.limit);
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => ({
        mentionId: r.mention_id,
        text: r.text,
        ...r.corrected,
        correctedAt: iso(r.corrected_at),
        userId: r.user_id,
      })),
      next: rows.length > q.limit && last ? encodeCursor(last) : null,
    };
  }
}
