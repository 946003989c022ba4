import type { IncomingMessage } from 'node:http';
import { SESSION_COOKIE } from '../auth/session-token.util.js';

/**
 * The session token of a socket handshake: the same httpOnly cookie as REST (browsers), or
 * `auth: { token }` in the handshake payload (scripts). Never from the query string, which
 * ends up in access logs.
 */
export function readSocketToken(req: IncomingMessage, auth: unknown): string | null {
  const cookieHeader = req.headers.cookie;
  if (typeof cookieHeader === 'string') {
    for (const part of cookieHeader.split(';')) {
      const eq = part.indexOf('=');
      if (eq < 0) continue;
      if (part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
      let v = part.slice(eq + 1).trim();
      try {
        v = decodeURIComponent(v);
      } catch {
        continue;
      }
      if (v.length > 0 && v.length <= 128) return v;
    }
  }
  const t = (auth as { token?: unknown } | null | undefined)?.token;
  return typeof t === 'string' && t.length > 0 && t.length <= 128 ? t : null;
}
