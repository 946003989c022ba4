import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';
import { WorkspaceEntity } from '../workspaces/workspace.entity.js';
import { SessionEntity } from './session.entity.js';

export interface ActiveSession {
  session: SessionEntity;
  user: UserEntity;
  workspace: WorkspaceEntity;
}

@Injectable()
export class SessionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(input: Pick<SessionEntity, 'tokenHash' | 'userId' | 'workspaceId' | 'expiresAt' | 'ip' | 'userAgent'>): Promise<SessionEntity> {
    const repo = this.dataSource.getRepository(SessionEntity);
    return repo.save(repo.create({ ...input, revokedAt: null }));
  }

  /** The live session for a token hash with its (active) user and workspace, or null. */
  findActive(tokenHash: string, now: Date): Promise<ActiveSession | null> {
    return this.findLive('s.token_hash = :tokenHash', { tokenHash }, now);
  }

  /** The same by session id. */
  findActiveById(id: string, now: Date): Promise<ActiveSession | null> {
    return this.findLive('s.id = :id', { id }, now);
  }

  /** The live sessions among `ids` (the socket gateway's periodic re-check), the same rule as findActive. */
  async findActiveByIds(ids: string[], now: Date): Promise<ActiveSession[]> {
    if (ids.length === 0) return [];
    const rows = await this.liveQuery('s.id IN (:...ids)', { ids }, now).getMany();
    return rows.map(toActive).filter((a): a is ActiveSession => a !== null);
  }

  /** Sessions not revoked or expired, of an active user, with their workspace: the one definition of "live". */
  private liveQuery(where: string, params: Record<string, string | string[]>, now: Date) {
    return this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.user', 'u')
      .innerJoinAndMapOne('s.workspace', WorkspaceEntity, 'w', 'w.id = s.workspace_id')
      .where(where, params)
      .andWhere('s.revoked_at IS NULL')
      .andWhere('s.expires_at > :now', { now })
      .andWhere('u.active = true');
  }

  private async findLive(where: string, params: Record<string, string>, now: Date): Promise<ActiveSession | null> {
    return toActive(await this.liveQuery(where, params, now).getOne());
  }

  async revoke(id: string, at = new Date()): Promise<void> {
    await this.dataSource.getRepository(SessionEntity).update({ id, revokedAt: IsNull() }, { revokedAt: at });
  }

  /** Ends every session of a user, except `keepSessionId` when given (the caller's own). */
  async revokeAllForUser(manager: EntityManager, userId: string, keepSessionId: string | null): Promise<void> {
    await manager
      .getRepository(SessionEntity)
      .update(keepSessionId ? { userId, revokedAt: IsNull(), id: Not(keepSessionId) } : { userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  /** Drops sessions that ended more than a day ago. */
  async purgeEnded(now: Date): Promise<number> {
    const cutoff = new Date(now.getTime() - 86_400_000);
    const res = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(SessionEntity)
      .where('expires_at < :cutoff OR revoked_at < :cutoff', { cutoff })
      .execute();
    return res.affected ?? 0;
  }
}

/** A live session row as an ActiveSession; null when its user belongs to another workspace. */
function toActive(row: SessionEntity | null): ActiveSession | null {
  if (!row?.user) return null;
  const workspace = (row as SessionEntity & { workspace?: WorkspaceEntity }).workspace;
  if (!workspace || row.user.workspaceId !== row.workspaceId) return null;
  return { session: row, user: row.user, workspace };
}
