import type { Role, Session, User, Workspace } from '@earshot/contracts';

let sequence = 0;
/** A valid v4-shaped UUID, different on each call. */
export function nextId(): string {
  sequence += 1;
  return `00000000-0000-4000-8000-${sequence.toString(16).padStart(12, '0')}`;
}

export const WORKSPACE: Workspace = {
  id: '11111111-1111-4111-8111-111111111111',
  name: 'Acme Support',
  slug: 'acme',
  timeZone: 'Europe/Berlin',
};

export function buildUser(overrides: Partial<User> = {}): User {
  const id = overrides.id ?? nextId();
  return {
    id,
    workspaceId: WORKSPACE.id,
    email: `user-${id.slice(-4)}@example.com`,
    name: 'Someone',
    role: 'agent',
    active: true,
    lastLoginAt: null,
    createdAt: '2026-11-01T09:00:00.000Z',
    ...overrides,
  };
}

export function buildSession(role: Role, overrides: Partial<User> = {}): Session {
  return {
    user: buildUser({ name: `Pat ${role}`, email: `${role}@example.com`, role, ...overrides }),
    workspace: WORKSPACE,
    expiresAt: '2099-01-01T00:00:00.000Z',
  };
}
