import type { ServerEventName, ServerEventPayload, ServerToClientEvents, ClientToServerEvents } from '@earshot/contracts';
import { io, type Socket } from 'socket.io-client';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents> & {
  /** Every server event received, in order. */
  received: Array<{ event: ServerEventName; payload: unknown }>;
  /** Resolves when `count` events named `event` (matching `where`) have arrived. */
  waitFor<E extends ServerEventName>(
    event: E,
    count?: number,
    where?: (p: ServerEventPayload<E>) => boolean,
    timeoutMs?: number,
  ): Promise<Array<ServerEventPayload<E>>>;
};

/** A socket.io client as the dashboard opens it (websocket, session cookie), recording every event. */
export function connectSocket(baseUrl: string, opts: { cookie?: string; token?: string; origin?: string; query?: Record<string, string> } = {}): TestSocket {
  const headers: Record<string, string> = {};
  if (opts.cookie) headers.Cookie = opts.cookie;
  if (opts.origin) headers.Origin = opts.origin;
  const s = io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    extraHeaders: headers,
    auth: opts.token ? { token: opts.token } : {},
    query: opts.query,
    reconnection: false,
    forceNew: true,
  }) as TestSocket;
  s.received = [];
  s.onAny((event: ServerEventName, payload: unknown) => s.received.push({ event, payload }));
  s.waitFor = (event, count = 1, where = () => true, timeoutMs = 5000) =>
    new Promise((resolve, reject) => {
      const matching = () => s.received.filter((r) => r.event === event && where(r.payload as never)).map((r) => r.payload as never);
      const check = () => {
        const got = matching();
        if (got.length >= count) {
          clearInterval(timer);
          clearTimeout(timeout);
          resolve(got);
        }
      };
      const timer = setInterval(check, 10);
      const timeout = setTimeout(() => {
        clearInterval(timer);
        reject(new Error(`timed out waiting for ${count} × ${event}; got ${matching().length}`));
      }, timeoutMs);
      check();
    });
  return s;
}

/** Resolves on connect, rejects with the server's refusal (connect_error). */
export function connected(s: TestSocket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', (e) => reject(e));
  });
}
