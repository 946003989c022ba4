import type { ReactNode } from 'react';
import { useSession } from '../modules/auth/hooks/useSession';
import { canAccess, type Area } from '../modules/auth/access-policy';
import { AccessDeniedPage } from './AccessDeniedPage';

/** Renders the page when the signed-in role may open `area`, and says so plainly when not. */
export function RequireAccess({ area, children }: { area: Area; children: ReactNode }) {
  const { user } = useSession();
  return canAccess(user.role, area) ? children : <AccessDeniedPage />;
}
