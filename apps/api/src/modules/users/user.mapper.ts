import type { User } from '@earshot/contracts';
import type { UserEntity } from './user.entity.js';

/** The only way a user leaves the api: no password hash, explicit fields. */
export function toUserDto(u: UserEntity): User {
  return {
    id: u.id,
    workspaceId: u.workspaceId,
    email: u.email,
    name: u.name,
    firstName: u.firstName ?? defaultFirstName(u.name),
    signature: u.signature ?? defaultSignature(u.name),
    role: u.role,
    active: u.active,
    lastLoginAt: u.lastLoginAt ? u.lastLoginAt.toISOString() : null,
    createdAt: u.createdAt.toISOString(),
  };
}

/** `{{agent.first_name}}` until the user sets one: the first word of their name. */
export function defaultFirstName(name: string): string {
  return name.trim().split(/\s+/u)[0] || name;
}

/** `{{agent.signature}}` until the user sets one: their initials, upper case ("Dana Reyes" → "DR"). */
export function defaultSignature(name: string): string {
  const initials = name
    .trim()
    .split(/[\s-]+/u)
    .map((w) => [...w][0] ?? '')
    .join('')
    .toUpperCase();
  return initials || name;
}
