import type { Area } from '../auth/access-policy';

export const SETTINGS_NAV: readonly { area: Area; to: string; label: string }[] = [
  { area: 'settings', to: '/settings/workspace', label: 'Workspace' },
  { area: 'users', to: '/settings/users', label: 'Users' },
  { area: 'sources', to: '/settings/sources', label: 'Sources' },
  { area: 'listening', to: '/settings/listening', label: 'Brands & queries' },
];
