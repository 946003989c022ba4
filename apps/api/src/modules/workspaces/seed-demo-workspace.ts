import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/env.js';
import { UserEntity } from '../users/user.entity.js';
import { WorkspaceEntity } from './workspace.entity.js';
import { AuditEventEntity } from '../audit/audit-event.entity.js';

export interface SeedResult {
  created: boolean;
  email?: string;
  /** Set only when the password was generated here: it is shown once and never stored in clear. */
  generatedPassword?: string;
}

/**
 * First start on an empty database: a demo workspace and its admin. The admin's password
 * comes from EARSHOT_ADMIN_PASSWORD or is generated. Safe with several instances starting
 * at once (an advisory lock serialises the check).
 */
export async function seedDemoWorkspace(dataSource: DataSource, config: AppConfig, hashPassword: (p: string) => Promise<string>): Promise<SeedResult> {
  const generated = config.admin.password ? undefined : randomBytes(12).toString('base64url');
  const password = config.admin.password ?? generated!;
  const passwordHash = await hashPassword(password);
  return dataSource.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('earshot.seed'))`);
    if ((await m.count(WorkspaceEntity)) > 0) return { created: false };
    const workspace = await m.save(m.create(WorkspaceEntity, { name: 'Demo workspace', slug: 'demo', timeZone: 'UTC' }));
    const admin = await m.save(
      m.create(UserEntity, { workspaceId: workspace.id, email: config.admin.email, name: 'Administrator', role: 'admin', passwordHash, active: true, lastLoginAt: null }),
    );
    await m.insert(AuditEventEntity, { workspaceId: workspace.id, actorUserId: null, action: 'workspace.seeded', targetType: 'user', targetId: admin.id, data: { email: admin.email } });
    return { created: true, email: admin.email, ...(generated ? { generatedPassword: generated } : {}) };
  });
}
