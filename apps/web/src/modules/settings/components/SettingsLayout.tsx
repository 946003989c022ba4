import { NavLink, Outlet } from 'react-router';
import { useSession } from '../../auth/hooks/useSession';
import { canAccess } from '../../auth/access-policy';
import { SETTINGS_NAV } from '../settings-nav';
import { PageHeader } from '../../../shared/ui/PageHeader';

export function SettingsLayout() {
  const { user } = useSession();
  const items = SETTINGS_NAV.filter((item) => canAccess(user.role, item.area));
  return (
    <div className="page">
      <PageHeader title="Settings" />
      <nav className="tabs" aria-label="Settings">
        {items.map((item) => (
          <NavLink key={item.to} to={item.to} className="tabs__link">
            {item.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
