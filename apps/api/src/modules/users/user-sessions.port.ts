import type { EntityManager } from 'typeorm';

/**
 * What users need from sign-in sessions: ending a user's sessions in the caller's transaction
 * (a new password or a deactivation). Auth provides it (bound to its sessions repository), so
 * users never import auth's internals and auth depends on users, not the other way round.
 */
export interface UserSessions {
  revokeAllForUser(manager: EntityManager, userId: string, keepSessionId: string | null): Promise<void>;
}

export const USER_SESSIONS = Symbol('USER_SESSIONS');
