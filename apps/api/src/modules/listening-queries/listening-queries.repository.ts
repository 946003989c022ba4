import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { BrandEntity } from '../brands/brand.entity.js';
import { ListeningQueryEntity } from './listening-query.entity.js';

/** An enabled query as the matcher needs it, with its brand's kind. */
export interface EnabledQueryRow {
  id: string;
  brand_id: string;
  topic: string | null;
  query: string;
  kind: string;
}

/** All listening-query I/O, each statement scoped to one workspace. Writes take the caller's transaction. */
@Injectable()
export class ListeningQueriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction (the change and its audit event commit together). */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  listInWorkspace(workspaceId: string): Promise<ListeningQueryEntity[]> {
    return this.dataSource.getRepository(ListeningQueryEntity).find({ where: { workspaceId }, order: { createdAt: 'ASC' } });
  }

  /** Locks the row for a read-modify-write inside a transaction. */
  findInWorkspaceForUpdate(manager: EntityManager, workspaceId: string, id: string): Promise<ListeningQueryEntity | null> {
    return manager.getRepository(ListeningQueryEntity).findOne({ where: { workspaceId, id }, lock: { mode: 'pessimistic_write' } });
  }

  insert(manager: EntityManager, query: Pick<ListeningQueryEntity, 'workspaceId' | 'brandId' | 'name' | 'query' | 'topic' | 'enabled'>): Promise<ListeningQueryEntity> {
    const repo = manager.getRepository(ListeningQueryEntity);
    return repo.save(repo.create(query));
  }

  save(manager: EntityManager, query: ListeningQueryEntity): Promise<ListeningQueryEntity> {
    return manager.getRepository(ListeningQueryEntity).save(query);
  }

  /** True when a row was deleted. */
  async deleteInWorkspace(manager: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const res = await manager.getRepository(ListeningQueryEntity).delete({ workspaceId, id });
    return Boolean(res.affected);
  }

  /** The workspace's enabled queries with their brand's kind: own brands first, then oldest first. */
  listEnabledWithBrandKind(workspaceId: string): Promise<EnabledQueryRow[]> {
    return this.dataSource
      .getRepository(ListeningQueryEntity)
      .createQueryBuilder('q')
      .innerJoin(BrandEntity, 'b', 'b.id = q.brand_id')
      .select(['q.id AS id', 'q.brand_id AS brand_id', 'q.topic AS topic', 'q.query AS query', 'b.kind AS kind'])
      .where('q.workspace_id = :workspaceId AND q.enabled = true', { workspaceId })
      .orderBy('b.kind', 'DESC')
      .addOrderBy('q.created_at', 'ASC')
      .getRawMany<EnabledQueryRow>();
  }
}
