import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import { CategoryOwnerEntity } from './category-owner.entity.js';
import { OwnerDigestEntity } from './owner-digest.entity.js';
import { OwnerShareLinkEntity } from './owner-share-link.entity.js';
import { RootCauseStatusEntity, RootCauseStatusHistoryEntity } from './root-cause-status.entity.js';

export type OwnerFields = Pick<CategoryOwnerEntity, 'department' | 'email' | 'webhookUrl'>;
export type StatusFields = Omit<RootCauseStatusEntity, 'id' | 'workspaceId' | 'category'>;

/** Owners, statuses (with history), share links and digest rows: every statement scoped to one workspace. */
@Injectable()
export class RootCausesRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  // ---- owners

  listOwners(workspaceId: string): Promise<CategoryOwnerEntity[]> {
    return this.dataSource.getRepository(CategoryOwnerEntity).find({ where: { workspaceId }, order: { category: 'ASC' } });
  }

  findOwner(workspaceId: string, category: string, m: EntityManager = this.dataSource.manager): Promise<CategoryOwnerEntity | null> {
    return m.getRepository(CategoryOwnerEntity).findOne({ where: { workspaceId, category } });
  }

  async upsertOwner(m: EntityManager, workspaceId: string, category: string, fields: OwnerFields): Promise<CategoryOwnerEntity> {
    await m
      .createQueryBuilder()
      .insert()
      .into(CategoryOwnerEntity)
      .values({ workspaceId, category, ...fields })
      .orUpdate(['department', 'email', 'webhook_url', 'updated_at'], ['workspace_id', 'category'])
      .execute();
    return (await this.findOwner(workspaceId, category, m))!;
  }

  async deleteOwner(m: EntityManager, workspaceId: string, category: string): Promise<boolean> {
    const res = await m.getRepository(CategoryOwnerEntity).delete({ workspaceId, category });
    return Boolean(res.affected);
  }

  /** Workspaces with at least one owner (the digest's round). */
  async workspacesWithOwners(): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(CategoryOwnerEntity)
      .createQueryBuilder('o')
      .select('DISTINCT o.workspace_id', 'id')
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  // ---- status

  listStatuses(workspaceId: string, categories?: string[]): Promise<RootCauseStatusEntity[]> {
    return this.dataSource.getRepository(RootCauseStatusEntity).find({ where: { workspaceId, ...(categories ? { category: In(categories) } : {}) } });
  }

  findStatus(workspaceId: string, category: string, m: EntityManager = this.dataSource.manager): Promise<RootCauseStatusEntity | null> {
    return m.getRepository(RootCauseStatusEntity).findOne({ where: { workspaceId, category } });
  }

  /** Serialises status changes of one category (the row may not exist yet). */
  async lockCategory(m: EntityManager, workspaceId: string, category: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`root-cause:${workspaceId}:${category}`]);
  }

  async putStatus(m: EntityManager, workspaceId: string, category: string, fields: StatusFields): Promise<void> {
    const repo = m.getRepository(RootCauseStatusEntity);
    const row = await repo.findOne({ where: { workspaceId, category } });
    await repo.save(row ? Object.assign(row, fields) : repo.create({ workspaceId, category, ...fields }));
  }

  async addHistory(m: EntityManager, row: Omit<RootCauseStatusHistoryEntity, 'id'>): Promise<string> {
    const repo = m.getRepository(RootCauseStatusHistoryEntity);
    return (await repo.save(repo.create(row))).id;
  }

  history(workspaceId: string, category: string): Promise<RootCauseStatusHistoryEntity[]> {
    return this.dataSource.getRepository(RootCauseStatusHistoryEntity).find({ where: { workspaceId, category }, order: { setAt: 'ASC', id: 'ASC' } });
  }

  // ---- share links

  async insertShareLink(
    m: EntityManager,
    row: Pick<OwnerShareLinkEntity, 'workspaceId' | 'tokenHash' | 'categories' | 'createdById' | 'expiresAt'>,
  ): Promise<OwnerShareLinkEntity> {
    const repo = m.getRepository(OwnerShareLinkEntity);
    return repo.save(repo.create({ ...row, revokedAt: null }));
  }

  listShareLinks(workspaceId: string): Promise<OwnerShareLinkEntity[]> {
    return this.dataSource.getRepository(OwnerShareLinkEntity).find({ where: { workspaceId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  findShareLink(workspaceId: string, id: string, m: EntityManager = this.dataSource.manager): Promise<OwnerShareLinkEntity | null> {
    return m.getRepository(OwnerShareLinkEntity).findOne({ where: { workspaceId, id } });
  }

  /** By the token's hash, any workspace (the token is the credential). */
  findShareLinkByHash(tokenHash: string): Promise<OwnerShareLinkEntity | null> {
    return this.dataSource.getRepository(OwnerShareLinkEntity).findOne({ where: { tokenHash } });
  }

  async revokeShareLink(m: EntityManager, workspaceId: string, id: string, at: Date): Promise<boolean> {
    const res = await m
      .createQueryBuilder()
      .update(OwnerShareLinkEntity)
      .set({ revokedAt: at })
      .where('workspace_id = :workspaceId AND id = :id AND revoked_at IS NULL', { workspaceId, id })
      .execute();
    return Boolean(res.affected);
  }

  async userNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, name FROM "user" WHERE id = ANY($1::uuid[])`, [ids])) as Array<{ id: string; name: string }>;
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  // ---- digest

  /** Claims this week's digest for an owner: true for exactly one caller, even across api instances. */
  async claimDigest(workspaceId: string, ownerEmail: string, week: string): Promise<string | null> {
    const res = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(OwnerDigestEntity)
      .values({ workspaceId, ownerEmail, week })
      .orIgnore()
      .returning('id')
      .execute();
    const row = (res.raw as Array<{ id: string }>)[0];
    return row?.id ?? null;
  }

  async finishDigest(id: string, sentAt: Date | null, error: string | null): Promise<void> {
    await this.dataSource.getRepository(OwnerDigestEntity).update({ id }, { sentAt, error });
  }
}
