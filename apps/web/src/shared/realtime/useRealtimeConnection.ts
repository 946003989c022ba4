import { useContext, useEffect, useState } from 'react';
import { RealtimeConnection } from './realtime-connection';
import { SocketFactoryContext } from './socket-factory-context';

/** A socket connection for as long as the calling component is mounted. */
export function useRealtimeConnection(): RealtimeConnection {
  const factory = useContext(SocketFactoryContext);
  const [connection] = useState(() => new RealtimeConnection(factory()));
  useEffect(() => {
    connection.open();
    return () => connection.close();
  }, [connection]);
  return connection;
}
