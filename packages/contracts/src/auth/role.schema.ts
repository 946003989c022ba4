import { z } from 'zod';

/**
 * Roles, most powerful first. A role may do everything the roles after it may do,
 * except where a feature says otherwise (trainees need approval to publish).
 */
export const ROLES = ['admin', 'manager', 'agent', 'trainee', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES, {
  message: `must be one of ${ROLES.join(', ')}`,
});
export type Role = z.infer<typeof RoleSchema>;

/** Rank of a role: lower is more powerful. */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** True when `role` is `minimum` or more powerful than it. */
export function hasRoleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) <= roleRank(minimum);
}
