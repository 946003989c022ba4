import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback HTTP server that counts the requests it gets (and their headers): a canary must stay at 0. */
export interface CanaryServer {
  port: number;
  url: string;
  hits: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }>;
  close(): Promise<void>;
}

export async function startCanary(
  handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
    res.writeHead(404, { 'content-type': 'text/plain' }).end('CANARY-SECRET metadata'),
  listen: { host?: string; port?: number } = {},
): Promise<CanaryServer> {
  const hits: CanaryServer['hits'] = [];
  const server: Server = createServer((req, res) => {
    hits.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  const host = listen.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://${host}:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
