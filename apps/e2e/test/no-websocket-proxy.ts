import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NoWebSocketProxy {
  url: string;
  /** WebSocket upgrades it refused. */
  refusedUpgrades: number;
  close(): Promise<void>;
}

/**
 * A reverse proxy like some corporate ones: plain HTTP passes (long-polls included), every
 * WebSocket upgrade is answered 403. The Host header is passed on unchanged, as a proxy
 * for the public name would.
 */
export async function startNoWebSocketProxy(target: string): Promise<NoWebSocketProxy> {
  const to = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const upstream = http.request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const proxy: NoWebSocketProxy = {
    url: '',
    refusedUpgrades: 0,
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      agent.destroy();
    },
  };
  server.on('upgrade', (_req, socket) => {
    proxy.refusedUpgrades += 1;
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
