import { ROLES } from '@earshot/contracts';
import { ROLE_LABELS } from '../auth/role-labels';

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
