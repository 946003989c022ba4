import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'earshot_session';

/** A new random session token (256 bits) for the cookie. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores instead of the token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
