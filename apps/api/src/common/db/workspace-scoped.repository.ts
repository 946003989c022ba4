import { TransactionalRepository } from './transactional.repository.js';
import type { DataSource, DeepPartial, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/**
 * The statements every workspace-owned table shares (brands, listening queries, sources): one
 * transaction for a change and its audit event, a locked read-modify-write, save and delete,
 * each scoped to one workspace. A feature's repository extends it and adds its own reads.
 */
export abstract class WorkspaceScopedRepository<T extends ObjectLiteral & { workspaceId: string; id: string }> extends TransactionalRepository {
  protected constructor(
    dataSource: DataSource,
    private readonly entity: EntityTarget<T>,
  ) {
    super(dataSource);
  }

  findInWorkspace(manager: EntityManager, workspaceId: string, id: string): Promise<T | null> {
    return manager.getRepository(this.entity).findOne({ where: this.own(workspaceId, id) });
  }

  /** Locks the row for a read-modify-write inside a transaction. */
  findInWorkspaceForUpdate(manager: EntityManager, workspaceId: string, id: string): Promise<T | null> {
    return manager.getRepository(this.entity).findOne({ where: this.own(workspaceId, id), lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, row: DeepPartial<T>): Promise<T> {
    const repo = manager.getRepository(this.entity);
    return repo.save(repo.create(row));
  }

  save(manager: EntityManager, row: T): Promise<T> {
    return manager.getRepository(this.entity).save(row);
  }

  /** True when a row was deleted. */
  async deleteInWorkspace(manager: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const res = await manager.getRepository(this.entity).delete(this.own(workspaceId, id));
    return Boolean(res.affected);
  }

  private own(workspaceId: string, id: string): FindOptionsWhere<T> {
    return { workspaceId, id } as FindOptionsWhere<T>;
  }
}
