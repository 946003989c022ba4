import type { Role } from '@earshot/contracts';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import type { TestApp } from '../utils/create-test-app.js';
import { PasswordService } from '../../src/modules/users/password.service.js';
import { UserEntity } from '../../src/modules/users/user.entity.js';
import { WorkspaceEntity } from '../../src/modules/workspaces/workspace.entity.js';

export const TEST_PASSWORD = 'a-long-test-password';

export interface SeededUser {
  id: string;
  email: string;
  role: Role;
  workspaceId: string;
}

/** Builds workspaces and users straight into the database for a test. */
export class WorkspaceFactory {
  private static hash: Promise<string> | null = null;

  static async create(t: TestApp, name = `WS ${randomBytes(3).toString('hex')}`): Promise<WorkspaceEntity> {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    return t.dataSource.getRepository(WorkspaceEntity).save({ name, slug, timeZone: 'UTC' });
  }

  /** One user of each role in the workspace, all with TEST_PASSWORD. */
  static async withAllRoles(t: TestApp, workspaceId: string): Promise<Record<Role, SeededUser>> {
    const roles: Role[] = ['admin', 'manager', 'agent', 'trainee', 'viewer'];
    const out = {} as Record<Role, SeededUser>;
    for (const role of roles) out[role] = await UserFactory.create(t, { workspaceId, role });
    return out;
  }

  static passwordHash(t: TestApp): Promise<string> {
    return (WorkspaceFactory.hash ??= t.app.get(PasswordService).hash(TEST_PASSWORD));
  }
}

export class UserFactory {
  static async create(t: TestApp, over: { workspaceId: string; role?: Role; email?: string; active?: boolean }): Promise<SeededUser> {
    const role = over.role ?? 'agent';
    const email = over.email ?? `${role}-${randomBytes(4).toString('hex')}@example.test`;
    const u = await t.dataSource.getRepository(UserEntity).save({
      workspaceId: over.workspaceId,
      email,
      name: `${role} user`,
      role,
      passwordHash: await WorkspaceFactory.passwordHash(t),
      active: over.active ?? true,
      lastLoginAt: null,
    });
    return { id: u.id, email, role, workspaceId: over.workspaceId };
  }
}

/** Signs in through the real endpoint; returns the session cookie header value. */
export async function loginAs(t: TestApp, email: string, password = TEST_PASSWORD): Promise<string> {
  const res = await request(t.server).post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('earshot_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}
