import { createInboxSocket, pollingFirstAfterTimeout } from '../inbox-socket';

type Handler = (err: Error & { data?: unknown }) => void;

/** Just enough of a socket for `pollingFirstAfterTimeout`: its connect_error handler and the manager's options. */
function socketWithTransports(transports: string[]) {
  let handler: Handler = () => undefined;
  const socket = {
    io: { opts: { transports } },
    on(event: string, fn: Handler) {
      if (event === 'connect_error') handler = fn;
      return socket;
    },
  };
  pollingFirstAfterTimeout(socket as unknown as Parameters<typeof pollingFirstAfterTimeout>[0]);
  return { socket, fail: (err: Error & { data?: unknown }) => handler(err) };
}

describe('the inbox socket', () => {
  it('connects over WebSocket first and may fall back to polling (no polling requests when WebSocket works)', () => {
    const socket = createInboxSocket();
    expect(socket.io.opts.transports).toEqual(['websocket', 'polling']);
    expect(socket.io.opts.tryAllTransports).toBe(true);
    expect(socket.io.opts.autoConnect).toBe(false);
    socket.close();
  });

  it('starts with polling after a WebSocket attempt timed out (a proxy that lets WebSockets hang)', () => {
    const { socket, fail } = socketWithTransports(['websocket', 'polling']);
    fail(new Error('timeout'));
    expect(socket.io.opts.transports).toEqual(['polling', 'websocket']);
  });

  it('keeps WebSocket first when the server refused the handshake or was down', () => {
    const refused = socketWithTransports(['websocket', 'polling']);
    refused.fail(Object.assign(new Error('unauthenticated'), { data: { message: 'Sign in again' } }));
    expect(refused.socket.io.opts.transports).toEqual(['websocket', 'polling']);
    const down = socketWithTransports(['websocket', 'polling']);
    down.fail(new Error('xhr poll error'));
    expect(down.socket.io.opts.transports).toEqual(['websocket', 'polling']);
  });
});
