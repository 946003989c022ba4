import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  hasRoleAtLeast,
  OPEN_STATUSES,
  type BulkUpdateMentionsRequestSchema,
  type Claim,
  type Mention,
  type MentionChanges,
  type MentionDetail,
  type MentionNote,
  type MentionPage,
  type MentionQueueFilters,
  type UpdateMentionRequestSchema,
  type UserRef,
} from '@earshot/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { touchMentions } from './change-seq.util.js';
import { toNoteDto } from './mention.mapper.js';
import { MentionsRepository } from './mentions.repository.js';

/** A claim lasts this long unless the reply pane renews it (the web renews every 30 s). */
export const CLAIM_TTL_SECONDS = 90;

type Changes = { status?: Mention['status']; assigneeId?: string | null; tags?: string[]; addTags?: string[]; removeTags?: string[] };

/**
 * The inbox: queue reads, triage changes, notes and claims. Every method is scoped to the
 * caller's workspace; every change takes a change sequence number in its transaction and
 * announces itself only after commit.
 */
@Injectable()
export class MentionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MentionsRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
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
    const [thread, authorHistory, notes] = await Promise.all([
      this.repo.thread(auth.workspaceId, mention),
      this.repo.authorHistory(auth.workspaceId, mention),
      this.repo.notes(auth.workspaceId, id),
    ]);
    return { mention, thread, authorHistory, notes };
  }

  update(auth: AuthContext, id: string, input: z.output<typeof UpdateMentionRequestSchema>, meta: RequestMeta): Promise<Mention> {
    return this.change(auth, [id], input, meta, 'mention.updated').then((items) => {
      const m = items[0];
      if (!m) throw new NotFoundException('No such mention in this workspace.');
      return m;
    });
  }

  async bulkUpdate(auth: AuthContext, input: z.output<typeof BulkUpdateMentionsRequestSchema>, meta: RequestMeta): Promise<{ updated: number; items: Mention[] }> {
    const items = await this.change(auth, [...new Set(input.ids)], input.changes, meta, 'mention.bulk_updated');
    return { updated: items.length, items };
  }

  async addNote(auth: AuthContext, mentionId: string, body: string, meta: RequestMeta): Promise<MentionNote> {
    const author = await this.userRef(auth.userId);
    const note = await this.dataSource.transaction(async (tx) => {
      await this.lockMentions(tx, auth.workspaceId, [mentionId], true);
      const rows = (await tx.query(`INSERT INTO mention_note (workspace_id, mention_id, author_user_id, body) VALUES ($1, $2, $3, $4) RETURNING id, created_at`, [
        auth.workspaceId,
        mentionId,
        auth.userId,
        body,
      ])) as Array<{ id: string; created_at: Date }>;
      await touchMentions(tx, auth.workspaceId, [mentionId]);
      await this.audit.record({ workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'mention.note_added', targetType: 'mention', targetId: mentionId, ...meta }, tx);
      return rows[0]!;
    });
    this.events.emit('mentions.changed', { workspaceId: auth.workspaceId, ids: [mentionId], kind: 'updated' });
    return toNoteDto({ id: note.id, mention_id: mentionId, author_user_id: author.id, author_name: author.name, body, created_at: note.created_at });
  }

  /**
   * Claims a mention for the caller (opening it to reply). Another agent's live claim is
   * refused with 409 unless `takeOver` is set; taking over is audited. Renewing one's own
   * claim only moves its expiry (no event).
   */
  async claim(auth: AuthContext, id: string, takeOver: boolean, meta: RequestMeta): Promise<Claim> {
    const me = await this.userRef(auth.userId);
    const result = await this.dataSource.transaction(async (tx) => {
      const [row] = (await tx.query(
        `SELECT m.claimed_by_id, m.claim_expires_at > now() AS live, u.name AS claimer_name FROM mention m LEFT JOIN "user" u ON u.id = m.claimed_by_id
          WHERE m.workspace_id = $1 AND m.id = $2 FOR UPDATE OF m`,
        [auth.workspaceId, id],
      )) as Array<{ claimed_by_id: string | null; live: boolean | null; claimer_name: string | null }>;
      if (!row) throw new NotFoundException('No such mention in this workspace.');
      const holder: UserRef | null = row.claimed_by_id && row.live ? { id: row.claimed_by_id, name: row.claimer_name ?? 'former user' } : null;
      if (holder && holder.id === auth.userId) {
        await tx.query(`UPDATE mention SET claim_expires_at = now() + make_interval(secs => $3) WHERE workspace_id = $1 AND id = $2`, [auth.workspaceId, id, CLAIM_TTL_SECONDS]);
        return { changed: false, takenOverFrom: null };
      }
      if (holder && !takeOver) {
        throw new ConflictException({
          error: 'Conflict',
          message: `${holder.name} is replying to this mention. Take over the claim to reply instead.`,
          code: 'claimed',
          claimedBy: holder,
        });
      }
      await touchMentions(tx, auth.workspaceId, [id], `, claimed_by_id = $3, claimed_at = now(), claim_expires_at = now() + make_interval(secs => ${CLAIM_TTL_SECONDS})`, [auth.userId]);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: holder ? 'mention.claim_taken_over' : 'mention.claimed',
          targetType: 'mention',
          targetId: id,
          data: holder ? { from: holder.id } : {},
          ...meta,
        },
        tx,
      );
      return { changed: true, takenOverFrom: holder };
    });
    if (result.changed) this.events.emit('mentions.changed', { workspaceId: auth.workspaceId, ids: [id], kind: 'claimed', by: me, takenOverFrom: result.takenOverFrom });
    const mention = await this.repo.findOne(auth.workspaceId, id);
    return mention!.claim!;
  }

  /** Gives up the caller's own claim (closing the reply pane). Someone else's claim is left alone. */
  async release(auth: AuthContext, id: string): Promise<void> {
    const released = await this.dataSource.transaction(async (tx) => {
      const rows = (await tx.query(`SELECT id FROM mention WHERE workspace_id = $1 AND id = $2 AND claimed_by_id = $3 FOR UPDATE`, [auth.workspaceId, id, auth.userId])) as unknown[];
      if (rows.length === 0) {
        if (!(await this.repo.findOne(auth.workspaceId, id, tx))) throw new NotFoundException('No such mention in this workspace.');
        return 0;
      }
      return (await touchMentions(tx, auth.workspaceId, [id], `, claimed_by_id = NULL, claimed_at = NULL, claim_expires_at = NULL`)).length;
    });
    if (released) this.events.emit('mentions.changed', { workspaceId: auth.workspaceId, ids: [id], kind: 'claimed', by: null, takenOverFrom: null });
  }

  /** Releases every claim a user holds (their last socket closed, or they were deactivated). */
  async releaseAllFor(workspaceId: string, userId: string): Promise<number> {
    const ids = await this.dataSource.transaction(async (tx) => {
      const rows = (await tx.query(`SELECT id FROM mention WHERE workspace_id = $1 AND claimed_by_id = $2 ORDER BY id FOR UPDATE`, [workspaceId, userId])) as Array<{ id: string }>;
      if (rows.length === 0) return [];
      return touchMentions(tx, workspaceId, rows.map((r) => r.id), `, claimed_by_id = NULL, claimed_at = NULL, claim_expires_at = NULL`);
    });
    if (ids.length) this.events.emit('mentions.changed', { workspaceId, ids, kind: 'claimed', by: null, takenOverFrom: null });
    return ids.length;
  }

  /** Clears claims whose holder stopped renewing them (crash, lost network); run by the SLA scheduler. */
  async sweepExpiredClaims(): Promise<number> {
    const expired = (await this.dataSource.query(
      `SELECT workspace_id, array_agg(id) AS ids FROM mention WHERE claimed_by_id IS NOT NULL AND claim_expires_at <= now() GROUP BY workspace_id`,
    )) as Array<{ workspace_id: string; ids: string[] }>;
    let n = 0;
    for (const w of expired) {
      const ids = await this.dataSource.transaction(async (tx) => {
        const locked = (await tx.query(
          `SELECT id FROM mention WHERE workspace_id = $1 AND id = ANY($2::uuid[]) AND claimed_by_id IS NOT NULL AND claim_expires_at <= now() ORDER BY id FOR UPDATE`,
          [w.workspace_id, w.ids],
        )) as Array<{ id: string }>;
        if (locked.length === 0) return [];
        return touchMentions(tx, w.workspace_id, locked.map((r) => r.id), `, claimed_by_id = NULL, claimed_at = NULL, claim_expires_at = NULL`);
      });
      if (ids.length) this.events.emit('mentions.changed', { workspaceId: w.workspace_id, ids, kind: 'claimed', by: null, takenOverFrom: null });
      n += ids.length;
    }
    return n;
  }

  /** For the reply composer: the caller must hold a live claim on the mention. */
  async assertClaimHeld(auth: AuthContext, id: string): Promise<void> {
    const m = await this.repo.findOne(auth.workspaceId, id);
    if (!m) throw new NotFoundException('No such mention in this workspace.');
    if (!m.claim || m.claim.user.id !== auth.userId) {
      throw new ConflictException({
        error: 'Conflict',
        message: m.claim ? `${m.claim.user.name} is replying to this mention. Take over the claim to reply instead.` : 'Open the mention to claim it before replying.',
        code: 'claimed',
        claimedBy: m.claim?.user ?? null,
      });
    }
  }

  private async change(auth: AuthContext, ids: string[], input: Changes, meta: RequestMeta, action: string): Promise<Mention[]> {
    if (input.assigneeId !== undefined && input.assigneeId !== null && input.assigneeId !== auth.userId && !hasRoleAtLeast(auth.role, 'agent')) {
      throw new ForbiddenException('Trainees can assign mentions only to themselves.');
    }
    const changed = await this.dataSource.transaction(async (tx) => {
      if (input.assigneeId) {
        const ok = (await tx.query(`SELECT 1 FROM "user" WHERE id = $1 AND workspace_id = $2 AND active = true`, [input.assigneeId, auth.workspaceId])) as unknown[];
        if (ok.length === 0) throw new BadRequestException({ error: 'Bad Request', message: 'Invalid request: assigneeId is not an active user of this workspace', issues: [{ path: 'assigneeId', message: 'is not an active user of this workspace' }] });
      }
      const found = await this.lockMentions(tx, auth.workspaceId, ids, ids.length === 1);
      if (found.length === 0) return [];
      const sets: string[] = [];
      const params: unknown[] = [];
      const p = (v: unknown) => {
        params.push(v);
        return `$${params.length + 2}`;
      };
      if (input.status !== undefined) {
        const status = p(input.status);
        sets.push(`status = ${status}::varchar`);
        // Resolution time is kept while resolved; reopening clears it. SLA stops while resolved or ignored (partial index).
        sets.push(`resolved_at = CASE WHEN ${status}::varchar = 'resolved' THEN COALESCE(resolved_at, now()) ELSE NULL END`);
        // Reopened after its due time passed: it is breached now (the breach check only looks at new due times).
        if (OPEN_STATUSES.includes(input.status)) sets.push(`sla_breached_at = CASE WHEN sla_due_at <= now() THEN COALESCE(sla_breached_at, now()) ELSE sla_breached_at END`);
      }
      if (input.assigneeId !== undefined) sets.push(`assignee_id = ${p(input.assigneeId)}::uuid`);
      if (input.tags !== undefined) sets.push(`tags = ${p(JSON.stringify([...new Set(input.tags)]))}::jsonb`);
      if (input.addTags?.length || input.removeTags?.length) {
        sets.push(
          `tags = (SELECT COALESCE(jsonb_agg(DISTINCT t), '[]'::jsonb) FROM jsonb_array_elements_text(tags || ${p(JSON.stringify(input.addTags ?? []))}::jsonb) t WHERE t <> ALL(${p(input.removeTags ?? [])}::text[]))`,
        );
      }
      const updated = await touchMentions(tx, auth.workspaceId, found, `, ${sets.join(', ')}`, params);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action,
          targetType: 'mention',
          targetId: updated.length === 1 ? updated[0] : undefined,
          data: { ...input, ...(updated.length > 1 ? { count: updated.length } : {}) },
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
    const rows = (await tx.query(`SELECT id FROM mention WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE`, [workspaceId, ids])) as Array<{ id: string }>;
    if (one && rows.length === 0) throw new NotFoundException('No such mention in this workspace.');
    return rows.map((r) => r.id);
  }

  private async userRef(userId: string): Promise<UserRef> {
    const rows = (await this.dataSource.query(`SELECT id, name FROM "user" WHERE id = $1`, [userId])) as UserRef[];
    return rows[0] ?? { id: userId, name: 'former user' };
  }
}
