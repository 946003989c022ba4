import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity.js';

/** The audit log's one write: an event row, inside the caller's transaction when one is given so it commits with the change. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(event: Omit<AuditEventEntity, 'id' | 'createdAt'>, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.save(AuditEventEntity, manager.create(AuditEventEntity, event));
  }
}
