import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditRepository } from './audit.repository.js';

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
  constructor(private readonly events: AuditRepository) {}

  /** Records one event; pass the transaction's manager so the event commits with the change. */
  async record(input: AuditInput, manager?: EntityManager): Promise<void> {
    await this.events.insert(
      {
        workspaceId: input.workspaceId,
        actorUserId: input.actorUserId,
        action: input.action,
        targetType: input.targetType ?? null,
        targetId: input.targetId ?? null,
        data: input.data ?? {},
        ip: input.ip ?? null,
        requestId: input.requestId?.slice(0, 64) ?? null,
      },
      manager,
    );
  }
}
