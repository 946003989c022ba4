import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WorkspaceScopedRepository } from '../../common/db/workspace-scoped.repository.js';
import { BrandEntity } from './brand.entity.js';

/** All brand I/O, each statement scoped to one workspace. Writes take the caller's transaction. */
@Injectable()
export class BrandsRepository extends WorkspaceScopedRepository<BrandEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, BrandEntity);
  }

  /** Own brands first, then by name. */
  listInWorkspace(workspaceId: string): Promise<BrandEntity[]> {
    return this.dataSource.getRepository(BrandEntity).find({ where: { workspaceId }, order: { kind: 'DESC', name: 'ASC' } });
  }
}
