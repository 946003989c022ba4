import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Not, type DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { WorkspaceScopedRepository } from '../../common/db/workspace-scoped.repository.js';
import { ReplyTemplateEntity } from './reply-template.entity.js';

/** All reply-template I/O, each statement scoped to one workspace. Writes take the caller's transaction. */
@Injectable()
export class TemplatesRepository extends WorkspaceScopedRepository<ReplyTemplateEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, ReplyTemplateEntity);
  }

  /** By title, then id (a stable order for equal titles); one brand's or the whole workspace's. */
  listInWorkspace(workspaceId: string, brandId?: string): Promise<ReplyTemplateEntity[]> {
    return this.dataSource.getRepository(ReplyTemplateEntity).find({
      where: { workspaceId, ...(brandId ? { brandId } : {}) },
      order: { title: 'ASC', id: 'ASC' },
    });
  }

  /** The manager for reads outside a transaction. */
  get reads(): EntityManager {
    return this.dataSource.manager;
  }

  findOneInWorkspace(workspaceId: string, id: string): Promise<ReplyTemplateEntity | null> {
    return this.findInWorkspace(this.dataSource.manager, workspaceId, id);
  }

  /** The brand's template that already uses `shortcut` (other than `exceptId`), for a message that names it. */
  findByShortcut(manager: EntityManager, workspaceId: string, brandId: string, shortcut: string, exceptId?: string): Promise<ReplyTemplateEntity | null> {
    const where: FindOptionsWhere<ReplyTemplateEntity> = { workspaceId, brandId, shortcut, ...(exceptId ? { id: Not(exceptId) } : {}) };
    return manager.getRepository(ReplyTemplateEntity).findOne({ where });
  }
}
