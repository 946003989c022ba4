import { createServer, request, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyServerTimeouts, KEEP_ALIVE_TIMEOUT_MS } from './server-timeouts.js';

describe('applyServerTimeouts', () => {
  it('keeps idle connections longer than the proxies in front (60 s) and headers longer still', () => {
    const server = createServer();
    applyServerTimeouts(server);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    expect(server.keepAliveTimeout).toBeGreaterThan(60_000);
    expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout);
  });

  it("serves a second request on a connection that idled past Node's 5 s default", async () => {
    const server = createServer((_req, res) => res.end('ok'));
    applyServerTimeouts(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const get = () =>
      new Promise<{ body: string; socket: unknown; keepAlive: string | undefined }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/', agent }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ body, socket: req.socket, keepAlive: res.headers['keep-alive']?.toString() }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      const first = await get();
      expect(first.keepAlive).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
      await new Promise((r) => setTimeout(r, 5_500));
      const second = await get();
      expect(second.body).toBe('ok');
      expect(second.socket).toBe(first.socket); // the same connection, still open
    } finally {
      agent.destroy();
      await new Promise((r) => server.close(r));
    }
  }, 20_000);
});
