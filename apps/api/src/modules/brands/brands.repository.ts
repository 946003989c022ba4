import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BrandEntity } from './brand.entity.js';

/** All brand I/O, each statement scoped to one workspace. Writes take the caller's transaction. */
@Injectable()
export class BrandsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction (the change and its audit event commit together). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Own brands first, then by name. */
  listInWorkspace(workspaceId: string): Promise<BrandEntity[]> {
    return this.dataSource.getRepository(BrandEntity).find({ where: { workspaceId }, order: { kind: 'DESC', name: 'ASC' } });
  }

  findInWorkspace(manager: EntityManager, workspaceId: string, id: string): Promise<BrandEntity | null> {
    return manager.getRepository(BrandEntity).findOne({ where: { workspaceId, id } });
  }

  /** Locks the row for a read-modify-write inside a transaction. */
  findInWorkspaceForUpdate(manager: EntityManager, workspaceId: string, id: string): Promise<BrandEntity | null> {
    return manager.getRepository(BrandEntity).findOne({ where: { workspaceId, id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, brand: Pick<BrandEntity, 'workspaceId' | 'name' | 'kind' | 'handles'>): Promise<BrandEntity> {
    const repo = manager.getRepository(BrandEntity);
    return repo.save(repo.create(brand));
  }

  save(manager: EntityManager, brand: BrandEntity): Promise<BrandEntity> {
    return manager.getRepository(BrandEntity).save(brand);
  }

  /** True when a row was deleted. */
  async deleteInWorkspace(manager: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const res = await manager.getRepository(BrandEntity).delete({ workspaceId, id });
    return Boolean(res.affected);
  }
}
