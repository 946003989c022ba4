import type { Server } from 'node:http';

/**
 * How long an idle keep-alive connection stays open. Node's default is 5 s, shorter than the
 * idle timeouts of the proxies and load balancers that sit in front of Earshot (nginx 60 s
 * upstream keepalive, AWS ALB 60 s) and than a busy client's gap between requests: the
 * server then closes a connection at the moment the other side reuses it, and that request
 * fails with "socket hang up" / "other side closed" (a 502 behind a proxy). Keeping idle
 * connections longer than the proxies do lets the proxy, not Earshot, end them.
 * The api answers with `Keep-Alive: timeout=65`, so clients that read it (undici) close
 * their idle sockets first.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Applies the keep-alive and header timeouts to the api's HTTP server (headers must outlast keep-alive). */
export function applyServerTimeouts(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
}
