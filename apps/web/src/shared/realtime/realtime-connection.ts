import {
  CLIENT_EVENT_SCHEMAS,
  SERVER_EVENT_SCHEMAS,
  type ClientEventName,
  type ClientEventPayload,
  type ServerEventName,
  type ServerEventPayload,
} from '@earshot/contracts';
import type { Socket } from 'socket.io-client';
import type { InboxSocket } from './inbox-socket';
import { trackClosed, trackOpen } from './open-connections';

/** connecting: first attempt · connected · reconnecting: lost, socket.io retries · offline: closed or refused. */
export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

type Listener = (payload: unknown) => void;

const SERVER_EVENTS = Object.keys(SERVER_EVENT_SCHEMAS) as ServerEventName[];

/**
 * One socket with typed, validated events. Every server payload is parsed with its
 * contracts schema before any listener sees it; a payload that does not parse is dropped
 * (REST catch-up fills the gap). Tracks the connection status for the header and tells
 * listeners about every (re)connect, where they catch up through REST.
 */
export class RealtimeConnection {
  private current: ConnectionStatus = 'connecting';
  private readonly statusListeners = new Set<() => void>();
  private readonly connectListeners = new Set<() => void>();
  private readonly serverCloseListeners = new Set<() => void>();
  private readonly eventListeners = new Map<ServerEventName, Set<Listener>>();

  constructor(
    private readonly socket: InboxSocket,
    private readonly reportInvalid: (event: string, error: unknown) => void = (event, error) => console.warn(`Ignored a malformed "${event}" event`, error),
  ) {
    socket.on('connect', () => {
      this.setStatus('connected');
      for (const listener of [...this.connectListeners]) listener();
    });
    socket.on('disconnect', (reason: string) => {
      this.setStatus(socket.active ? 'reconnecting' : 'offline');
      if (reason === 'io server disconnect') this.serverClosed();
    });
    socket.on('connect_error', (err: Error & { data?: unknown }) => {
      this.setStatus(socket.active ? 'reconnecting' : 'offline');
      // Refused by the server's handshake check (a reconnect after the session ended): socket.io gives up.
      if (!socket.active && err.data !== undefined) this.serverClosed();
    });
    // Registered through the untyped view on purpose: the payload is `unknown` until parsed.
    const untyped = socket as unknown as Socket;
    for (const event of SERVER_EVENTS) untyped.on(event, (payload: unknown) => this.dispatch(event, payload));
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  open(): void {
    if (this.socket.connected || this.socket.active) return;
    if (this.current === 'offline') this.setStatus('reconnecting');
    trackOpen(this);
    this.socket.connect();
  }

  /**
   * Closes the socket (no reconnect). Resolves once its last packets are on their way
   * (at once over WebSocket; over polling when the close request was sent, at most
   * CLOSE_WAIT_MS), so a sign-out that follows cannot end the session under it.
   */
  close(): Promise<void> {
    trackClosed(this);
    const sent = closeSent(this.socket);
    this.socket.disconnect();
    this.setStatus('offline');
    return sent;
  }

  /** For `useSyncExternalStore`. */
  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  getStatus = (): ConnectionStatus => this.current;

  /** Called after every connect and reconnect. */
  onConnect(listener: () => void): () => void {
    this.connectListeners.add(listener);
    return () => this.connectListeners.delete(listener);
  }

  /**
   * Called when the server closed the socket or refused to reconnect it (its session ended:
   * signed out elsewhere, deactivated, expired). socket.io does not retry after either.
   */
  onServerClose(listener: () => void): () => void {
    this.serverCloseListeners.add(listener);
    return () => this.serverCloseListeners.delete(listener);
  }

  on<E extends ServerEventName>(event: E, listener: (payload: ServerEventPayload<E>) => void): () => void {
    const set = this.eventListeners.get(event) ?? new Set<Listener>();
    this.eventListeners.set(event, set);
    const wrapped = listener as Listener;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /** Sends a client event when connected (nothing is queued: callers re-send on connect). */
  emit<E extends ClientEventName>(event: E, payload: ClientEventPayload<E>): void {
    if (!this.socket.connected) return;
    const parsed = CLIENT_EVENT_SCHEMAS[event].parse(payload);
    (this.socket as unknown as Socket).emit(event, parsed);
  }

  private serverClosed(): void {
    trackClosed(this);
    for (const listener of [...this.serverCloseListeners]) listener();
  }

  private dispatch(event: ServerEventName, payload: unknown): void {
    const listeners = this.eventListeners.get(event);
    if (!listeners || listeners.size === 0) return;
    const parsed = SERVER_EVENT_SCHEMAS[event].safeParse(payload);
    if (!parsed.success) {
      this.reportInvalid(event, parsed.error);
      return;
    }
    for (const listener of [...listeners]) listener(parsed.data);
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.current) return;
    this.current = status;
    for (const listener of [...this.statusListeners]) listener();
  }
}

/** The longest `close()` waits for a polling transport to send its goodbye. */
export const CLOSE_WAIT_MS = 1_000;

interface EngineLike {
  transport?: { name?: string; writable?: boolean; once?(event: 'drain', fn: () => void): unknown };
  readyState?: string;
  once?(event: 'close', fn: () => void): unknown;
}

/**
 * Resolves when the engine under `socket` has closed and, on the polling transport, its
 * close request was answered. A fake socket (tests) or one that never opened resolves at once.
 */
function closeSent(socket: InboxSocket): Promise<void> {
  const engine = (socket as unknown as { io?: { engine?: EngineLike } }).io?.engine;
  if (!engine?.once || engine.readyState === 'closed') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, CLOSE_WAIT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    engine.once?.('close', () => {
      const transport = engine.transport;
      if (transport?.name === 'polling' && transport.writable === false && transport.once) transport.once('drain', done);
      else done();
    });
  });
}
