import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Mention } from '@earshot/contracts';
import { DomainEvents, type DomainEventMap, type MentionsChanged } from '../../common/events/domain-events.js';
import { MentionsRepository } from '../mentions/mentions.repository.js';
import { ReplyReadsRepository } from '../replies/reply-reads.repository.js';
import { toReplyDto } from '../replies/reply.mapper.js';
import { RealtimeGateway } from './realtime.gateway.js';
import { workspaceRoom } from './socket-types.js';

const CHUNK = 500;

/**
 * Turns committed mention changes into socket events for the workspace's room. Mentions are
 * read back after commit (the same DTO as REST) so an event never shows uncommitted state.
 * With the Redis adapter, `to(room).emit` reaches the room's sockets on every instance.
 */
@Injectable()
export class RealtimePublisher implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly repo: MentionsRepository,
    private readonly gateway: RealtimeGateway,
    private readonly replies: ReplyReadsRepository,
  ) {}

  onModuleInit(): void {
    this.events.on('mentions.changed', (e) => this.publish(e));
    this.events.on('reply.changed', (e) => this.publishReply(e));
    this.events.on('alert.changed', (e) => this.publishAlert(e));
  }

  /** `reply.updated`: the reply and its mention as committed (the mention carries the new summary and change number). */
  async publishReply(e: { workspaceId: string; mentionId: string; replyId: string }): Promise<void> {
    const server = this.gateway.server;
    if (!server || !this.gateway.mayHaveListeners(e.workspaceId)) return;
    const [mention, row] = await Promise.all([this.repo.findOne(e.workspaceId, e.mentionId), this.replies.findOne(e.workspaceId, e.replyId)]);
    if (!mention || !row) return;
    server.to(workspaceRoom(e.workspaceId)).emit('reply.updated', { seq: mention.seq, mention, reply: toReplyDto(row) });
  }

  /** `alert.raised` / `alert.cleared` to the workspace's room, with the alert as committed (the same DTO as REST). */
  publishAlert(e: DomainEventMap['alert.changed']): void {
    const server = this.gateway.server;
    if (!server || !this.gateway.mayHaveListeners(e.workspaceId)) return;
    server.to(workspaceRoom(e.workspaceId)).emit(e.kind === 'raised' ? 'alert.raised' : 'alert.cleared', e.alert);
  }

  async publish(e: MentionsChanged): Promise<void> {
    const server = this.gateway.server;
    // Nobody connected: skip reading the mentions back (about a fifth of ingest's CPU per mention).
    if (!server || !this.gateway.mayHaveListeners(e.workspaceId)) return;
    const room = server.to(workspaceRoom(e.workspaceId));
    for (let i = 0; i < e.ids.length; i += CHUNK) {
      const mentions = await this.repo.findByIds(e.workspaceId, e.ids.slice(i, i + CHUNK));
      for (const mention of mentions) this.emitOne(room, e, mention);
    }
  }

  private emitOne(room: ReturnType<RealtimeGateway['server']['to']>, e: MentionsChanged, mention: Mention): void {
    const payload = { seq: mention.seq, mention };
    switch (e.kind) {
      case 'created':
        room.emit('mention.created', payload);
        break;
      case 'updated':
        room.emit('mention.updated', payload);
        break;
      case 'claimed':
        room.emit('mention.claimed', { ...payload, by: e.by ?? null, takenOverFrom: e.takenOverFrom ?? null });
        break;
      case 'sla.breached':
        room.emit('sla.breached', payload);
        break;
    }
  }
}
