import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@earshot/contracts';

/** The dashboard's socket: event names and payload types come from the contracts' event map. */
export type InboxSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Makes a socket; the realtime context holds one so tests can hand in a fake. */
export type SocketFactory = () => InboxSocket;

/**
 * WebSocket first. socket.io's default (HTTP long-polling, then an upgrade) keeps HTTP
 * requests in flight that carry the engine's session id; when that session closes (the
 * inbox is left mid-upgrade, the user signs out, the server ends the session) a request
 * already on its way is answered "400 Session ID unknown". One WebSocket has no such
 * requests. Behind a proxy that refuses WebSockets the connection falls back to polling
 * (`tryAllTransports`); see `pollingFirstAfterTimeout` for one that lets them hang.
 */
export const SOCKET_TRANSPORTS = ['websocket', 'polling'] as const;

/**
 * A socket to the api on the same origin. The session cookie authenticates the handshake
 * (no token in the URL); socket.io reconnects on its own with backoff. It does not connect
 * until `connect()` is called (see `RealtimeConnection.open`).
 */
export const createInboxSocket: SocketFactory = () => {
  const socket: InboxSocket = io({
    path: '/socket.io',
    withCredentials: true,
    autoConnect: false,
    reconnection: true,
    reconnectionDelay: 1_000,
    reconnectionDelayMax: 10_000,
    transports: [...SOCKET_TRANSPORTS],
    tryAllTransports: true,
  });
  pollingFirstAfterTimeout(socket);
  return socket;
};

/**
 * A proxy that neither passes nor refuses a WebSocket leaves the attempt hanging until
 * the connect timeout, and every retry would hang the same way. After such a timeout the
 * next attempts start with polling and upgrade when they can (socket.io's classic order).
 * Refusals by the server (`err.data`, e.g. an ended session) and a server that is down
 * (an immediate error on both transports) keep WebSocket first.
 */
export function pollingFirstAfterTimeout(socket: Pick<InboxSocket, 'on' | 'io'>): void {
  socket.on('connect_error', (err: Error & { data?: unknown }) => {
    if (err.data === undefined && err.message === 'timeout' && socket.io.opts.transports?.[0] === 'websocket') {
      socket.io.opts.transports = ['polling', 'websocket'];
    }
  });
}
