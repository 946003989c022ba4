import { defaultFirstName, defaultSignature, type User } from '@earshot/contracts';
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

export { defaultFirstName, defaultSignature };
