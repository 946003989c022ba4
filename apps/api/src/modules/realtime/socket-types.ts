import type { ClientToServerEvents, Role, ServerToClientEvents } from '@earshot/contracts';
import type { Server, Socket } from 'socket.io';

/** What the handshake established about a socket's user; re-checked periodically. */
export interface SocketData {
  userId: string;
  name: string;
  workspaceId: string;
  role: Role;
  sessionId: string;
  /** The mention this client has open, for presence. */
  viewing: string | null;
}

export type InboxServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type InboxSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export const workspaceRoom = (id: string) => `ws:${id}`;
export const sessionRoom = (id: string) => `session:${id}`;
export const userRoom = (id: string) => `user:${id}`;
