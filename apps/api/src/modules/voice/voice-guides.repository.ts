import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import { UserEntity } from '../users/user.entity.js';
import { VoiceGuideEntity } from './voice-guide.entity.js';

/** All voice-guide I/O, each statement scoped to one workspace. Writes take the caller's transaction. */
@Injectable()
export class VoiceGuidesRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  /** The manager for reads outside a transaction (the brand check of a GET). */
  get reads(): EntityManager {
    return this.dataSource.manager;
  }

  findForBrand(workspaceId: string, brandId: string, manager: EntityManager = this.dataSource.manager): Promise<VoiceGuideEntity | null> {
    return manager.getRepository(VoiceGuideEntity).findOne({ where: { workspaceId, brandId } });
  }

  save(manager: EntityManager, row: Pick<VoiceGuideEntity, 'brandId' | 'workspaceId' | 'guide' | 'updatedById'>): Promise<VoiceGuideEntity> {
    const repo = manager.getRepository(VoiceGuideEntity);
    return repo.save(repo.create(row));
  }

  /** True when the brand had a saved guide. */
  async deleteForBrand(manager: EntityManager, workspaceId: string, brandId: string): Promise<boolean> {
    const res = await manager.getRepository(VoiceGuideEntity).delete({ workspaceId, brandId });
    return Boolean(res.affected);
  }

  /** Who saved the guide, as teammates see them (id and name only). */
  findEditor(workspaceId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<Pick<UserEntity, 'id' | 'name'> | null> {
    return manager.getRepository(UserEntity).findOne({ select: { id: true, name: true }, where: { workspaceId, id: userId } });
  }
}
