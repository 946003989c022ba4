import type { ReactNode } from 'react';
import { RealtimeConnectionContext } from './realtime-connection-context';
import { useOwnRealtimeConnection } from './useRealtimeConnection';

/**
 * Opens one socket for everything under it (the signed-in shell: the pages and the alert
 * banner) and closes it when the shell goes (sign-out, session ended).
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const connection = useOwnRealtimeConnection(true);
  return <RealtimeConnectionContext value={connection}>{children}</RealtimeConnectionContext>;
}
