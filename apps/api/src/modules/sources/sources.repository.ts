import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WorkspaceScopedRepository } from '../../common/db/workspace-scoped.repository.js';
import { SourceEntity } from './source.entity.js';

/** All source I/O outside the poller's lease (see source-lease.repository.ts). Writes take the caller's transaction. */
@Injectable()
export class SourcesRepository extends WorkspaceScopedRepository<SourceEntity> {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, SourceEntity);
  }

  listInWorkspace(workspaceId: string): Promise<SourceEntity[]> {
    return this.dataSource.getRepository(SourceEntity).find({ where: { workspaceId }, order: { createdAt: 'ASC' } });
  }

  /** Sources whose credentials are still sealed in the first format (`v1.`, bound to the workspace only). */
  listWithLegacyCredentials(): Promise<SourceEntity[]> {
    return this.dataSource.getRepository(SourceEntity).createQueryBuilder('s').where(`s.credentials_ciphertext LIKE 'v1.%'`).getMany();
  }

  /** Replaces the sealed credentials only if they are still `expected` (nobody wrote meanwhile); returns the rows changed. */
  async replaceCredentialsIfUnchanged(id: string, expected: string, sealed: string): Promise<number> {
    const res = await this.dataSource
      .createQueryBuilder()
      .update(SourceEntity)
      .set({ credentialsCiphertext: sealed })
      .where('id = :id AND credentials_ciphertext = :old', { id, old: expected })
      .execute();
    return res.affected ?? 0;
  }
}
