import { useEffect, useState } from 'react';
import type { ServerEventPayload } from '@earshot/contracts';
import type { RealtimeConnection } from '../../../shared/realtime/realtime-connection';

export type PresenceUser = ServerEventPayload<'presence.changed'>['users'][number];

/** Who of the workspace is connected and which mention each has open (from `presence.changed`). */
export function usePresence(connection: RealtimeConnection): PresenceUser[] {
  const [users, setUsers] = useState<PresenceUser[]>([]);
  useEffect(() => connection.on('presence.changed', (e) => setUsers(e.users)), [connection]);
  return users;
}

/** Tells the team which mention this client has open, again after every reconnect, and null when it closes. */
export function useViewingPresence(connection: RealtimeConnection, mentionId: string | null): void {
  useEffect(() => {
    const send = () => connection.emit('presence.viewing', { mentionId });
    send();
    const off = connection.onConnect(send);
    return () => {
      off();
      if (mentionId !== null) connection.emit('presence.viewing', { mentionId: null });
    };
  }, [connection, mentionId]);
}
