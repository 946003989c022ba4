import { BadRequestException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  hasRoleAtLeast,
  type BulkUpdateMentionsRequestSchema,
  type Mention,
  type MentionChanges,
  type MentionDetail,
  type MentionNote,
  type MentionPage,
  type MentionQueueFilters,
  type UpdateMentionRequestSchema,
} from '@earshot/contracts';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { MentionRepliesReader } from '../replies/mention-replies.reader.js';
import { toCorrectionDto } from './mention-correction.mapper.js';
import { MentionCorrectionsRepository } from './mention-corrections.repository.js';
import { toNoteDto } from './mention.mapper.js';
import { MentionsRepository, type MentionChangeSet } from './mentions.repository.js';

/**
 * The inbox: queue reads, triage changes and notes (claims: ClaimsService). Every method is scoped to the
 * caller's workspace; every change takes a change sequence number in its transaction and
 * announces itself only after commit.
 */
@Injectable()
export class MentionsService {
  constructor(
    private readonly repo: MentionsRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
    private readonly replies: MentionRepliesReader,
    private readonly corrections: MentionCorrectionsRepository,
  ) {}

  async queue(auth: AuthContext, filters: MentionQueueFilters): Promise<MentionPage> {
    const seq = await this.repo.currentSeq(auth.workspaceId);
    const page = await this.repo.queue(auth.workspaceId, auth.userId, filters);
    return { ...page, seq };
  }

  async changes(auth: AuthContext, since: number, limit: number): Promise<MentionChanges> {
    // The committed sequence is read first: whatever commits after it has a higher number.
    const current = await this.repo.currentSeq(auth.workspaceId);
    const { items, hasMore } = await this.repo.changesSince(auth.workspaceId, since, limit);
    const last = items[items.length - 1];
    return { items, hasMore, seq: hasMore && last ? last.seq : Math.max(since, current, last?.seq ?? 0) };
  }

  async detail(auth: AuthContext, id: string): Promise<MentionDetail> {
    const mention = await this.repo.findOne(auth.workspaceId, id);
    if (!mention) throw new NotFoundException('No such mention in this workspace.');
    const [thread, authorHistory, notes, replies, corrections] = await Promise.all([
      this.repo.thread(auth.workspaceId, mention),
      this.repo.authorHistory(auth.workspaceId, mention),
      this.repo.notes(auth.workspaceId, id),
      this.replies.forDetail(auth.workspaceId, mention),
      this.corrections.history(auth.workspaceId, id, 50),
    ]);
    return {
      mention,
      thread,
      authorHistory: { ...authorHistory, teamReplies: replies.teamReplies },
      notes,
      replies: replies.replies,
      replyability: replies.replyability,
      corrections: corrections.map(toCorrectionDto),
    };
  }

  update(auth: AuthContext, id: string, input: z.output<typeof UpdateMentionRequestSchema>, meta: RequestMeta): Promise<Mention> {
    return this.change(auth, [id], input, meta, 'one').then((items) => {
      const m = items[0];
      if (!m) throw new NotFoundException('No such mention in this workspace.');
      return m;
    });
  }

  async bulkUpdate(
    auth: AuthContext,
    input: z.output<typeof BulkUpdateMentionsRequestSchema>,
    meta: RequestMeta,
  ): Promise<{ updated: number; items: Mention[] }> {
    const items = await this.change(auth, [...new Set(input.ids)], input.changes, meta, 'bulk');
    return { updated: items.length, items };
  }

  async addNote(auth: AuthContext, mentionId: string, body: string, meta: RequestMeta): Promise<MentionNote> {
    const author = await this.repo.userRef(auth.userId);
    const note = await this.repo.transaction(async (tx) => {
      await this.lockMentions(tx, auth.workspaceId, [mentionId], true);
      const row = await this.repo.insertNote(tx, auth.workspaceId, mentionId, auth.userId, body);
      await this.repo.touch(tx, auth.workspaceId, [mentionId]);
      await this.audit.record(
        { workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'mention.note_added', targetType: 'mention', targetId: mentionId, ...meta },
        tx,
      );
      return row;
    });
    this.events.emit('mentions.changed', { workspaceId: auth.workspaceId, ids: [mentionId], kind: 'updated' });
    return toNoteDto({ id: note.id, mention_id: mentionId, author_user_id: author.id, author_name: author.name, body, created_at: note.created_at });
  }

  /**
   * Applies `input` to the workspace's mentions among `ids` and audits it in the same transaction:
   * `mention.updated` for one mention (PATCH), one `mention.bulk_updated` per bulk request. The bulk
   * event names every mention it changed in `data.ids` (sorted; `count` is their number) and, when
   * that is one mention, in targetId too: status history (team performance's resolutions and
   * reopenings) is read from these ids.
   */
  private async change(auth: AuthContext, ids: string[], input: MentionChangeSet, meta: RequestMeta, kind: 'one' | 'bulk'): Promise<Mention[]> {
    if (input.assigneeId !== undefined && input.assigneeId !== null && input.assigneeId !== auth.userId && !hasRoleAtLeast(auth.role, 'agent')) {
      throw new ForbiddenException('Trainees can assign mentions only to themselves.');
    }
    const changed = await this.repo.transaction(async (tx) => {
      if (input.assigneeId && !(await this.repo.isActiveMember(tx, auth.workspaceId, input.assigneeId))) {
        throw new BadRequestException({
          error: 'Bad Request',
          message: 'Invalid request: assigneeId is not an active user of this workspace',
          issues: [{ path: 'assigneeId', message: 'is not an active user of this workspace' }],
        });
      }
      const found = await this.lockMentions(tx, auth.workspaceId, ids, ids.length === 1);
      if (found.length === 0) return [];
      const updated = await this.repo.applyChanges(tx, auth.workspaceId, found, input);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: kind === 'bulk' ? 'mention.bulk_updated' : 'mention.updated',
          targetType: 'mention',
          targetId: updated.length === 1 ? updated[0] : undefined,
          data: kind === 'bulk' ? { ...input, count: updated.length, ids: [...updated].sort() } : { ...input },
          ...meta,
        },
        tx,
      );
      return updated;
    });
    if (changed.length === 0) return [];
    this.events.emit('mentions.changed', { workspaceId: auth.workspaceId, ids: changed, kind: 'updated' });
    return this.repo.findByIds(auth.workspaceId, changed);
  }

  /** Locks the workspace's mentions among `ids` (in id order, so bulk updates cannot deadlock); 404 when `one` and missing. */
  private async lockMentions(tx: EntityManager, workspaceId: string, ids: string[], one: boolean): Promise<string[]> {
    const found = await this.repo.lock(tx, workspaceId, ids);
    if (one && found.length === 0) throw new NotFoundException('No such mention in this workspace.');
    return found;
  }
}
