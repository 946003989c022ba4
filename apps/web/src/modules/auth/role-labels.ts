import type { Role } from '@earshot/contracts';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  manager: 'Manager',
  agent: 'Agent',
  trainee: 'Trainee',
  viewer: 'Viewer',
};
