import type { Session } from '@earshot/contracts';
import { useAuth } from './useAuth';

/** The current session, for components that only render behind <RequireAuth>. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession needs a signed-in user (render it behind <RequireAuth>)');
  return session;
}
