import { ROLES, type Role } from '@earshot/contracts';

/** The parts of the dashboard a role may open. The api enforces the same rules on its side. */
export type Area = 'inbox' | 'analytics' | 'reports' | 'settings' | 'users';

const AREA_ROLES: Record<Area, readonly Role[]> = {
  /** Everyone sees the inbox; viewers read only. */
  inbox: ROLES,
  analytics: ['admin', 'manager', 'viewer'],
  reports: ROLES,
  settings: ['admin', 'manager'],
  users: ['admin'],
};

export function canAccess(role: Role, area: Area): boolean {
  return AREA_ROLES[area].includes(role);
}
