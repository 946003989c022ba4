import type { IconName } from '../shared/ui/Icon';
import type { Area } from '../modules/auth/access-policy';

export interface NavItem {
  area: Area;
  to: string;
  label: string;
  icon: IconName;
}

/** The main navigation, in order. Items a role may not open are left out. */
export const MAIN_NAV: readonly NavItem[] = [
  { area: 'inbox', to: '/inbox', label: 'Inbox', icon: 'inbox' },
  { area: 'approvals', to: '/approvals', label: 'Approvals', icon: 'approvals' },
  { area: 'analytics', to: '/analytics', label: 'Analytics', icon: 'analytics' },
  { area: 'alerts', to: '/alerts', label: 'Alerts', icon: 'bell' },
  { area: 'rootCauses', to: '/root-causes', label: 'Root causes', icon: 'target' },
  { area: 'reports', to: '/reports', label: 'Reports', icon: 'reports' },
  { area: 'settings', to: '/settings', label: 'Settings', icon: 'settings' },
];
