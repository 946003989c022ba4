import { AuditEventEntity } from '../modules/audit/audit-event.entity.js';
import { SessionEntity } from '../modules/auth/session.entity.js';
import { UserEntity } from '../modules/users/user.entity.js';
import { WorkspaceEntity } from '../modules/workspaces/workspace.entity.js';

/** Every entity, listed once: used by the app, the migration CLI and the drift check. */
export const ENTITIES = [WorkspaceEntity, UserEntity, SessionEntity, AuditEventEntity];
