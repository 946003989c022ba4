import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WorkspaceScopedRepository } from '../../common/db/workspace-scoped.repository.js';
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
export class ListeningQueriesRepository extends WorkspaceScopedRepository<ListeningQueryEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, ListeningQueryEntity);
  }

  listInWorkspace(workspaceId: string): Promise<ListeningQueryEntity[]> {
    return this.dataSource.getRepository(ListeningQueryEntity).find({ where: { workspaceId }, order: { createdAt: 'ASC' } });
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
