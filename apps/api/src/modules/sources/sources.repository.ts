import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { WorkspaceScopedRepository } from '../../common/db/workspace-scoped.repository.js';
import { MentionEntity } from '../mentions/mention.entity.js';
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

  /** Mentions stored today (UTC) per source of the workspace. */
  async countMentionsTodayBySource(workspaceId: string): Promise<Map<string, number>> {
    const since = new Date();
    since.setUTCHours(0, 0, 0, 0);
    const rows = await this.dataSource
      .getRepository(MentionEntity)
      .createQueryBuilder('m')
      .select('m.source_id', 'source_id')
      .addSelect('count(*)::int', 'n')
      .where('m.workspace_id = :workspaceId AND m.created_at >= :since', { workspaceId, since })
      .groupBy('m.source_id')
      .getRawMany<{ source_id: string | null; n: number }>();
    return new Map(rows.filter((r) => r.source_id).map((r) => [r.source_id!, Number(r.n)]));
  }
}
