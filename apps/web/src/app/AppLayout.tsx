import { NavLink, Outlet } from 'react-router';
import { useSession } from '../modules/auth/hooks/useSession';
import { Icon } from '../shared/ui/Icon';
import { canAccess } from '../modules/auth/access-policy';
import { AlertBanners } from '../modules/alerts/components/AlertBanners';
import { MAIN_NAV } from './navigation';
import { UserMenu } from './UserMenu';

/** Header (product, workspace, user menu), role-aware side navigation, spike alerts on every page, and the page. */
export function AppLayout() {
  const { user, workspace } = useSession();
  const items = MAIN_NAV.filter((item) => canAccess(user.role, item.area));

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__brand">
          <span className="brand">Earshot</span>
          <span className="topbar__divider" aria-hidden="true" />
          <span className="topbar__workspace" title="Workspace">
            <span className="visually-hidden">Workspace: </span>
            {workspace.name}
          </span>
        </div>
        <UserMenu />
      </header>
      <nav className="sidebar" aria-label="Main">
        <ul className="nav-list">
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} className="nav-link">
                <Icon name={item.icon} />
                <span>{item.label}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        <AlertBanners />
        <Outlet />
      </main>
    </div>
  );
}
