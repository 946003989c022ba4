import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@earshot/contracts';

/** The dashboard's socket: event names and payload types come from the contracts' event map. */
export type InboxSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Makes a socket; the realtime context holds one so tests can hand in a fake. */
export type SocketFactory = () => InboxSocket;

/**
 * A socket to the api on the same origin. The session cookie authenticates the handshake
 * (no token in the URL); socket.io reconnects on its own with backoff. It does not connect
 * until `connect()` is called (see `RealtimeConnection.open`).
 */
export const createInboxSocket: SocketFactory = () =>
  io({
    path: '/socket.io',
    withCredentials: true,
    autoConnect: false,
    reconnection: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
  });
