import { randomBytes } from 'node:crypto';
import type { SimPlatform } from './sim-model.js';

interface BskySession {
  did: string;
  handle: string;
  expired: boolean;
}

function b64url(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}

/** Token state: Bluesky sessions, Reddit OAuth tokens, and which platforms' credentials are revoked. */
export class AuthState {
  private readonly bskyAccess = new Map<string, BskySession>();
  private readonly bskyRefresh = new Map<string, BskySession & { used: boolean }>();
  private readonly redditTokens = new Map<string, { expired: boolean; user: string | null }>();
  private readonly revoked = new Set<SimPlatform>();
  /** Mastodon/X tokens refused until the fault is cleared (they have no refresh). */
  private readonly refusedBearer = new Set<SimPlatform>();

  isRevoked(p: SimPlatform): boolean {
    return this.revoked.has(p);
  }

  revoke(p: SimPlatform): void {
    this.revoked.add(p);
  }

  /** Invalidates every issued access token of the platform (an expiry). */
  expire(p: SimPlatform, revoke: boolean): void {
    if (p === 'bluesky') for (const s of this.bskyAccess.values()) s.expired = true;
    if (p === 'reddit') for (const t of this.redditTokens.values()) t.expired = true;
    if (revoke) {
      this.revoked.add(p);
      if (p === 'mastodon' || p === 'x') this.refusedBearer.add(p);
      if (p === 'bluesky') for (const r of this.bskyRefresh.values()) r.used = true;
    }
  }

  restore(): void {
    this.revoked.clear();
    this.refusedBearer.clear();
  }

  reset(): void {
    this.restore();
    this.bskyAccess.clear();
    this.bskyRefresh.clear();
    this.redditTokens.clear();
  }

  bearerOk(p: SimPlatform, token: string | null): boolean {
    return !!token && !this.refusedBearer.has(p);
  }

  issueBluesky(did: string, handle: string): { accessJwt: string; refreshJwt: string } {
    const now = Math.floor(Date.now() / 1000);
    const head = b64url({ typ: 'at+jwt', alg: 'ES256K' });
    const accessJwt = `${head}.${b64url({ scope: 'com.atproto.appPass', sub: did, iat: now, exp: now + 7200, aud: 'did:web:sim.bsky' })}.${randomBytes(24).toString('base64url')}`;
    const refreshJwt = `${b64url({ typ: 'refresh+jwt', alg: 'ES256K' })}.${b64url({ scope: 'com.atproto.refresh', sub: did, jti: randomBytes(12).toString('base64url'), iat: now, exp: now + 60 * 86400 })}.${randomBytes(24).toString('base64url')}`;
    this.bskyAccess.set(accessJwt, { did, handle, expired: false });
    this.bskyRefresh.set(refreshJwt, { did, handle, expired: false, used: false });
    return { accessJwt, refreshJwt };
  }

  /** `ok` | `missing` | `invalid` | `expired` for an access token. */
  checkBluesky(token: string | null): { state: 'ok' | 'missing' | 'invalid' | 'expired'; session?: BskySession } {
    if (!token) return { state: 'missing' };
    const s = this.bskyAccess.get(token);
    if (!s) return { state: this.bskyRefresh.has(token) ? 'invalid' : 'invalid' };
    if (s.expired) return { state: 'expired' };
    return { state: 'ok', session: s };
  }

  /** Rotates both tokens; a used or revoked refresh token is refused. */
  refreshBluesky(refreshJwt: string | null): { accessJwt: string; refreshJwt: string; did: string; handle: string } | 'revoked' | 'invalid' {
    if (!refreshJwt) return 'invalid';
    const r = this.bskyRefresh.get(refreshJwt);
    if (!r) return 'invalid';
    if (r.used || this.revoked.has('bluesky')) return 'revoked';
    r.used = true;
    return { ...this.issueBluesky(r.did, r.handle), did: r.did, handle: r.handle };
  }

  /** deleteSession: the refresh token (and its session) stop working. */
  endBlueskySession(refreshJwt: string | null): boolean {
    const r = refreshJwt ? this.bskyRefresh.get(refreshJwt) : undefined;
    if (!r || r.used) return false;
    r.used = true;
    return true;
  }

  issueReddit(user: string | null): string {
    const token = `${Date.now().toString(36)}-${randomBytes(18).toString('base64url')}`;
    this.redditTokens.set(token, { expired: false, user });
    return token;
  }

  checkReddit(token: string | null): { ok: boolean; user: string | null } {
    const t = token ? this.redditTokens.get(token) : undefined;
    return t && !t.expired ? { ok: true, user: t.user } : { ok: false, user: null };
  }
}

export function bearerOf(header: string | string[] | undefined): string | null {
  const v = Array.isArray(header) ? header[0] : header;
  const m = v ? /^Bearer\s+(.+)$/i.exec(v.trim()) : null;
  return m?.[1]?.trim() || null;
}
