import { ROLES, type Role } from '@earshot/contracts';

/** The parts of the dashboard a role may open. The api enforces the same rules on its side. */
export type Area = 'inbox' | 'analytics' | 'reports' | 'settings' | 'users' | 'sources' | 'listening';

const AREA_ROLES: Record<Area, readonly Role[]> = {
  /** Everyone sees the inbox; viewers read only. */
  inbox: ROLES,
  analytics: ['admin', 'manager', 'viewer'],
  reports: ROLES,
  settings: ['admin', 'manager'],
  users: ['admin'],
  /** Connected sources and their health; only admins change them (see `manageSources`). */
  sources: ['admin', 'manager'],
  /** Brands and listening queries: everyone who may open Settings. */
  listening: ['admin', 'manager'],
};

export function canAccess(role: Role, area: Area): boolean {
  return AREA_ROLES[area].includes(role);
}

/** What a role may change inside an area it can open. */
export type Capability = 'manageSources' | 'editListening' | 'triage' | 'assignOthers';

const CAPABILITY_ROLES: Record<Capability, readonly Role[]> = {
  /** Add, edit, delete and "Poll now" for sources (credentials are admin business). */
  manageSources: ['admin'],
  /** Add, edit and delete brands and listening queries. */
  editListening: ['admin', 'manager'],
  /** Inbox work: status, notes, claiming to reply, assigning (trainees only to themselves). */
  triage: ['admin', 'manager', 'agent', 'trainee'],
  /** Assign a mention to any teammate (trainees may take work, not hand it out). */
  assignOthers: ['admin', 'manager', 'agent'],
};

export function can(role: Role, capability: Capability): boolean {
  return CAPABILITY_ROLES[capability].includes(role);
}
