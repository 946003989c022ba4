import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Claim, UserRef } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { DomainEvents } from '../../common/events/domain-events.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { MentionClaimsRepository } from '../mentions/mention-claims.repository.js';
import { MentionsRepository } from '../mentions/mentions.repository.js';

/** A claim lasts this long unless the reply pane renews it (the web renews every 30 s). */
export const CLAIM_TTL_SECONDS = 90;

/**
 * Claims: an agent opening a mention to reply holds it for a while, so two agents do not
 * answer the same post. Scoped to the caller's workspace; every change takes a change
 * sequence number in its transaction and is announced only after commit.
 */
@Injectable()
export class ClaimsService {
  constructor(
    private readonly claims: MentionClaimsRepository,
    private readonly mentions: MentionsRepository,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Claims a mention for the caller (opening it to reply). Another agent's live claim is
   * refused with 409 unless `takeOver` is set; taking over is audited. Renewing one's own
   * claim only moves its expiry (no event).
   */
  async claim(auth: AuthContext, id: string, takeOver: boolean, meta: RequestMeta): Promise<Claim> {
    const me = await this.mentions.userRef(auth.userId);
    const result = await this.claims.transaction(async (tx) => {
      const row = await this.claims.lockClaim(tx, auth.workspaceId, id);
      if (!row) throw new NotFoundException('No such mention in this workspace.');
      const holder: UserRef | null = row.claimed_by_id && row.live ? { id: row.claimed_by_id, name: row.claimer_name ?? 'former user' } : null;
      if (holder && holder.id === auth.userId) {
        await this.claims.renew(tx, auth.workspaceId, id, CLAIM_TTL_SECONDS);
        return { changed: false, takenOverFrom: null };
      }
      if (holder && row.pinned) {
        // Taking over would orphan a reply a manager is about to decide on.
        throw new ConflictException({
          error: 'Conflict',
          message: `${holder.name}'s reply to this mention is waiting for approval: a manager approves or rejects it first.`,
          code: 'awaiting_approval',
          claimedBy: holder,
        });
      }
      if (holder && !takeOver) {
        throw new ConflictException({
          error: 'Conflict',
          message: `${holder.name} is replying to this mention. Take over the claim to reply instead.`,
          code: 'claimed',
          claimedBy: holder,
        });
      }
      await this.claims.take(tx, auth.workspaceId, id, auth.userId, CLAIM_TTL_SECONDS);
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
    if (result.changed)
      this.events.emit('mentions.changed', { workspaceId: auth.workspaceId, ids: [id], kind: 'claimed', by: me, takenOverFrom: result.takenOverFrom });
    const mention = await this.mentions.findOne(auth.workspaceId, id);
    return mention!.claim!;
  }

  /** Gives up the caller's own claim (closing the reply pane). Someone else's claim is left alone. */
  async release(auth: AuthContext, id: string): Promise<void> {
    const released = await this.claims.transaction(async (tx) => {
      if (!(await this.claims.lockHeldBy(tx, auth.workspaceId, id, auth.userId))) {
        if (!(await this.mentions.findOne(auth.workspaceId, id, tx))) throw new NotFoundException('No such mention in this workspace.');
        return 0;
      }
      return (await this.claims.clear(tx, auth.workspaceId, [id])).length;
    });
    if (released) this.events.emit('mentions.changed', { workspaceId: auth.workspaceId, ids: [id], kind: 'claimed', by: null, takenOverFrom: null });
  }

  /** Releases every claim a user holds (their last socket closed, or they were deactivated). */
  async releaseAllFor(workspaceId: string, userId: string): Promise<number> {
    const ids = await this.claims.transaction(async (tx) => {
      const held = await this.claims.lockAllHeldBy(tx, workspaceId, userId);
      if (held.length === 0) return [];
      return this.claims.clear(tx, workspaceId, held);
    });
    if (ids.length) this.events.emit('mentions.changed', { workspaceId, ids, kind: 'claimed', by: null, takenOverFrom: null });
    return ids.length;
  }

  /** Clears claims whose holder stopped renewing them (crash, lost network); run by the SLA scheduler. */
  async sweepExpiredClaims(): Promise<number> {
    const expired = await this.claims.findExpired();
    let n = 0;
    for (const w of expired) {
      const ids = await this.claims.transaction(async (tx) => {
        const locked = await this.claims.lockExpired(tx, w.workspaceId, w.ids);
        if (locked.length === 0) return [];
        return this.claims.clear(tx, w.workspaceId, locked);
      });
      if (ids.length) this.events.emit('mentions.changed', { workspaceId: w.workspaceId, ids, kind: 'claimed', by: null, takenOverFrom: null });
      n += ids.length;
    }
    return n;
  }

  /** For the reply composer: the caller must hold a live claim on the mention. */
  async assertClaimHeld(auth: AuthContext, id: string): Promise<void> {
    const m = await this.mentions.findOne(auth.workspaceId, id);
    if (!m) throw new NotFoundException('No such mention in this workspace.');
    if (!m.claim || m.claim.user.id !== auth.userId) {
      throw new ConflictException({
        error: 'Conflict',
        message: m.claim
          ? `${m.claim.user.name} is replying to this mention. Take over the claim to reply instead.`
          : 'Open the mention to claim it before replying.',
        code: 'claimed',
        claimedBy: m.claim?.user ?? null,
      });
    }
  }
}
