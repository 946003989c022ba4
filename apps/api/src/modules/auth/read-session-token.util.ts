import type { Request } from 'express';
import { SESSION_COOKIE } from './session-token.util.js';

/** The session token from the cookie, or from `Authorization: Bearer` for scripts. */
export function readSessionToken(req: Request): string | null {
  const cookies = req.cookies as Record<string, unknown> | undefined;
  const fromCookie = cookies?.[SESSION_COOKIE];
  if (typeof fromCookie === 'string' && fromCookie.length > 0 && fromCookie.length <= 128) return fromCookie;
  const header = req.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) {
    const t = header.slice(7).trim();
    if (t.length > 0 && t.length <= 128) return t;
  }
  return null;
}
