import { Navigate } from 'react-router';
import { DEFAULT_PAGE } from '../../auth/default-page';
import { useSession } from '../../auth/hooks/useSession';
import { firstSettingsPage } from '../settings-nav';

/** `/settings` opens the first tab the signed-in role may open (every role may read Templates). */
export function SettingsIndex() {
  const { user } = useSession();
  return <Navigate to={firstSettingsPage(user.role) ?? DEFAULT_PAGE} replace />;
}
