import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';

export interface AuditInput {
  workspaceId: string | null;
  actorUserId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
  ip?: string | null;
  requestId?: string | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Records one event; pass the transaction's manager so the event commits with the change. */
  async record(input: AuditInput, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const event = manager.create(AuditEventEntity, {
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      data: input.data ?? {},
      ip: input.ip ?? null,
      requestId: input.requestId?.slice(0, 64) ?? null,
    });
    await manager.save(AuditEventEntity, event);
  }
}
