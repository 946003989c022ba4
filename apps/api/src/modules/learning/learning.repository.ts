import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, LessThan, type DataSource, type EntityManager, type FindOptionsSelect } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import { PhraseRuleEntity } from './phrase-rule.entity.js';
import { WorkspaceModelEntity } from './workspace-model.entity.js';

/** Every column but the model itself (the list never sends it). */
const LIST_COLUMNS: FindOptionsSelect<WorkspaceModelEntity> = {
  id: true,
  workspaceId: true,
  version: true,
  status: true,
  metrics: true,
  trainedFromPosts: true,
  trainedUpTo: true,
  createdById: true,
  createdAt: true,
  activatedAt: true,
  error: true,
};

/** A user's id and name for "who trained it" (null name: a removed user). */
export interface UserName {
  id: string;
  name: string | null;
}

/** All workspace_model and phrase_rule I/O, each statement scoped to one workspace. */
@Injectable()
export class LearningRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  private models(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(WorkspaceModelEntity);
  }

  private rules(m?: EntityManager) {
    return (m ?? this.dataSource.manager).getRepository(PhraseRuleEntity);
  }

  /** Newest version first. The model data stays in the database (it is not shown). */
  listModels(workspaceId: string): Promise<WorkspaceModelEntity[]> {
    return this.models().find({
      where: { workspaceId },
      order: { version: 'DESC' },
      select: LIST_COLUMNS,
    });
  }

  findModel(workspaceId: string, id: string, m?: EntityManager): Promise<WorkspaceModelEntity | null> {
    return this.models(m).findOne({ where: { workspaceId, id } });
  }

  /** Locks the workspace's model rows (in id order) for an activation or a rollback. */
  lockModels(m: EntityManager, workspaceId: string): Promise<WorkspaceModelEntity[]> {
    return this.models(m).find({ where: { workspaceId }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  /** The active model with its data, or null (the shipped model is in use). */
  findActive(workspaceId: string, m?: EntityManager): Promise<WorkspaceModelEntity | null> {
    return this.models(m).findOne({ where: { workspaceId, status: 'active' } });
  }

  /** The newest model that trained (not failed): the nightly run trains again only after newer corrections. */
  findLatestTrained(workspaceId: string): Promise<WorkspaceModelEntity | null> {
    return this.models().findOne({
      where: { workspaceId, status: In(['training', 'ready', 'active', 'rejected', 'retired']) },
      order: { version: 'DESC' },
      select: { id: true, version: true, status: true, trainedUpTo: true, createdAt: true },
    });
  }

  findTraining(workspaceId: string, m?: EntityManager): Promise<WorkspaceModelEntity | null> {
    return this.models(m).findOne({ where: { workspaceId, status: 'training' }, select: { id: true, version: true, createdAt: true } });
  }

  /**
   * A new version in status `training`. The partial unique index on training rows makes a second
   * concurrent start fail (unique violation), whichever instance or request it comes from.
   */
  async insertTraining(
    m: EntityManager,
    row: { workspaceId: string; createdById: string | null; trainedFromPosts: number; trainedUpTo: Date | null },
  ): Promise<WorkspaceModelEntity> {
    const res = (await m.query(`SELECT COALESCE(MAX(version), 0) + 1 AS next FROM workspace_model WHERE workspace_id = $1`, [row.workspaceId])) as Array<{
      next: number | string;
    }>;
    const repo = this.models(m);
    return repo.save(repo.create({ ...row, version: Number(res[0]!.next), status: 'training', data: null, metrics: null, activatedAt: null, error: null }));
  }

  /** Training rows older than `before` (their instance died mid-run): failed, so the workspace can train again. */
  async failStaleTraining(workspaceId: string, before: Date): Promise<number> {
    const res = await this.models().update(
      { workspaceId, status: 'training', createdAt: LessThan(before) },
      { status: 'failed', error: 'The training run was interrupted (the server stopped); train again.' },
    );
    return res.affected ?? 0;
  }

  /**
   * Finishes a training row, fenced on it still being `training` (a run declared stale meanwhile
   * writes nothing). Returns false when the row was no longer training.
   */
  async finishTraining(m: EntityManager, workspaceId: string, id: string, set: Partial<WorkspaceModelEntity>): Promise<boolean> {
    const res = await this.models(m).update({ workspaceId, id, status: 'training' }, set as QueryDeepPartialEntity<WorkspaceModelEntity>);
    return (res.affected ?? 0) > 0;
  }

  async setStatus(m: EntityManager, workspaceId: string, id: string, set: Partial<WorkspaceModelEntity>): Promise<void> {
    await this.models(m).update({ workspaceId, id }, set as QueryDeepPartialEntity<WorkspaceModelEntity>);
  }

  /** Every workspace's id (the nightly run looks at each). */
  async workspaceIds(): Promise<string[]> {
    return ((await this.dataSource.query(`SELECT id FROM workspace ORDER BY id`)) as Array<{ id: string }>).map((r) => r.id);
  }

  /** Names of users, for "trained by" and "added by". */
  async userNames(ids: string[]): Promise<Map<string, string | null>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = (await this.dataSource.query(`SELECT id, name FROM "user" WHERE id = ANY($1::uuid[])`, [unique])) as UserName[];
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  listRules(workspaceId: string): Promise<PhraseRuleEntity[]> {
    return this.rules().find({ where: { workspaceId }, order: { phraseKey: 'ASC' } });
  }

  findRuleByKey(workspaceId: string, phraseKey: string): Promise<PhraseRuleEntity | null> {
    return this.rules().findOne({ where: { workspaceId, phraseKey } });
  }

  insertRule(m: EntityManager, row: Omit<PhraseRuleEntity, 'id' | 'createdAt' | 'workspace'>): Promise<PhraseRuleEntity> {
    const repo = this.rules(m);
    return repo.save(repo.create(row));
  }

  findRule(m: EntityManager, workspaceId: string, id: string): Promise<PhraseRuleEntity | null> {
    return this.rules(m).findOne({ where: { workspaceId, id } });
  }

  async deleteRule(m: EntityManager, workspaceId: string, id: string): Promise<boolean> {
    const res = await this.rules(m).delete({ workspaceId, id });
    return (res.affected ?? 0) > 0;
  }
}
