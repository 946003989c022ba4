import { useContext, useEffect, useState } from 'react';
import { request } from '../http';
import { RealtimeConnection } from './realtime-connection';
import { SocketFactoryContext } from './socket-factory-context';

/**
 * A socket connection for as long as the calling component is mounted. When the server
 * closes it (the session ended elsewhere: signed out in another tab, deactivated,
 * expired), the session is asked for once: a 401 sends the user to the login page with
 * "your session has ended" instead of leaving a silently offline inbox.
 */
export function useRealtimeConnection(): RealtimeConnection {
  const factory = useContext(SocketFactoryContext);
  const [connection] = useState(() => new RealtimeConnection(factory()));
  useEffect(() => {
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
