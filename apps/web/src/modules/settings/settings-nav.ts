import type { Role } from '@earshot/contracts';
import { canAccess, type Area } from '../auth/access-policy';

export const SETTINGS_NAV: readonly { area: Area; to: string; label: string }[] = [
  { area: 'workspace', to: '/settings/workspace', label: 'Workspace' },
  { area: 'users', to: '/settings/users', label: 'Users' },
  { area: 'sources', to: '/settings/sources', label: 'Sources' },
  { area: 'listening', to: '/settings/listening', label: 'Brands & queries' },
  { area: 'templates', to: '/settings/templates', label: 'Templates' },
  { area: 'voice', to: '/settings/voice', label: 'Voice guide' },
  { area: 'learning', to: '/settings/learning', label: 'Learning' },
  { area: 'reportSettings', to: '/settings/reports', label: 'Reports' },
];

/** Where `/settings` leads a role: its first tab (agents, who only read templates and the voice guide, land on Templates). */
export function firstSettingsPage(role: Role): string | null {
  return SETTINGS_NAV.find((item) => canAccess(role, item.area))?.to ?? null;
}
