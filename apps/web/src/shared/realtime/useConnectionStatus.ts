import { useSyncExternalStore } from 'react';
import type { ConnectionStatus, RealtimeConnection } from './realtime-connection';

export function useConnectionStatus(connection: RealtimeConnection): ConnectionStatus {
  return useSyncExternalStore(connection.subscribeStatus, connection.getStatus, connection.getStatus);
}
