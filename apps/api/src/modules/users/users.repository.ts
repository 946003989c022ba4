import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionalRepository } from '../../common/db/transactional.repository.js';
import type { DataSource, EntityManager } from 'typeorm';
import { UserEntity } from './user.entity.js';

/** All user I/O. Every read that serves a request is scoped to one workspace. */
@Injectable()
export class UsersRepository extends TransactionalRepository {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource);
  }

  listInWorkspace(workspaceId: string): Promise<UserEntity[]> {
    return this.dataSource.getRepository(UserEntity).find({ where: { workspaceId }, order: { name: 'ASC', email: 'ASC' } });
  }

  findInWorkspace(workspaceId: string, id: string, manager: EntityManager = this.dataSource.manager): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOne({ where: { workspaceId, id } });
  }

  /** Lock the row for a read-modify-write inside a transaction. */
  findInWorkspaceForUpdate(manager: EntityManager, workspaceId: string, id: string): Promise<UserEntity | null> {
    return manager.getRepository(UserEntity).findOne({ where: { workspaceId, id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Login looks users up by e-mail across the installation (e-mails are unique). */
  findByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOne({ where: { email: email.toLowerCase() } });
  }

  countActiveAdmins(manager: EntityManager, workspaceId: string): Promise<number> {
    return manager.getRepository(UserEntity).count({ where: { workspaceId, role: 'admin', active: true } });
  }

  async insert(manager: EntityManager, user: Pick<UserEntity, 'workspaceId' | 'email' | 'name' | 'role' | 'passwordHash'>): Promise<UserEntity> {
    const repo = manager.getRepository(UserEntity);
    return repo.save(repo.create({ ...user, active: true, lastLoginAt: null }));
  }

  save(manager: EntityManager, user: UserEntity): Promise<UserEntity> {
    return manager.getRepository(UserEntity).save(user);
  }

  async touchLastLogin(id: string, at: Date): Promise<void> {
    await this.dataSource.getRepository(UserEntity).update({ id }, { lastLoginAt: at });
  }

  /** Active users of a workspace as teammates: id, name and role only. */
  async listMembers(workspaceId: string): Promise<Array<Pick<UserEntity, 'id' | 'name' | 'role'>>> {
    return this.dataSource
      .getRepository(UserEntity)
      .find({ select: { id: true, name: true, role: true }, where: { workspaceId, active: true }, order: { name: 'ASC', id: 'ASC' } });
  }
}
