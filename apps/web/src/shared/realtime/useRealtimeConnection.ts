import { useContext, useEffect, useState } from 'react';
import { request } from '../http';
import { RealtimeConnection } from './realtime-connection';
import { RealtimeConnectionContext } from './realtime-connection-context';
import { SocketFactoryContext } from './socket-factory-context';

/**
 * The socket connection to listen on: the shell's shared one (`RealtimeProvider`) when there
 * is one, else a connection of its own for as long as the calling component is mounted.
 */
export function useRealtimeConnection(): RealtimeConnection {
  const shared = useContext(RealtimeConnectionContext);
  const own = useOwnRealtimeConnection(shared === null);
  return shared ?? own!;
}

/**
 * With `enabled`, a socket connection for as long as the calling component is mounted. When
 * the server closes it (the session ended elsewhere: signed out in another tab, deactivated,
 * expired), the session is asked for once: a 401 sends the user to the login page with
 * "your session has ended" instead of leaving a silently offline inbox.
 */
export function useOwnRealtimeConnection(enabled: boolean): RealtimeConnection | null {
  const factory = useContext(SocketFactoryContext);
  const [connection] = useState(() => (enabled ? new RealtimeConnection(factory()) : null));
  useEffect(() => {
    if (!connection) return;
    const stop = connection.onServerClose(() => {
      request('GET', '/api/auth/me').catch(() => {
        // A 401 was announced by the http client; anything else leaves the status badge at "offline".
      });
    });
    connection.open();
    return () => {
      stop();
      void connection.close();
    };
  }, [connection]);
  return connection;
}
