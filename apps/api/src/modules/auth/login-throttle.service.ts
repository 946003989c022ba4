import { Injectable } from '@nestjs/common';

/** Sign-in attempts allowed per window: per e-mail address, and failed ones per client IP. */
export const LOGIN_LIMITS = { perEmail: 5, perIp: 20, windowMs: 15 * 60_000 } as const;

interface Bucket {
  count: number;
  resetAt: number;
}

/**
 * Counts sign-in attempts. `take()` checks and counts in one synchronous step, before any
 * password is verified, so parallel requests cannot slip past the limit (Mattermost
 * CVE-2024-48872). Kept in memory: with several api instances each enforces its own limit.
 */
@Injectable()
export class LoginThrottleService {
  private readonly buckets = new Map<string, Bucket>();

  /** The clock; tests replace it. */
  now: () => number = Date.now;

  /** Returns 0 when the attempt may go ahead (and counts it), else seconds to wait. */
  take(email: string, ip: string | null): number {
    const t = this.now();
    const keys: Array<[string, number]> = [[`e:${email}`, LOGIN_LIMITS.perEmail]];
    if (ip) keys.push([`i:${ip}`, LOGIN_LIMITS.perIp]);
    let wait = 0;
    for (const [key, limit] of keys) {
      const b = this.bucket(key, t);
      if (b.count >= limit) wait = Math.max(wait, Math.ceil((b.resetAt - t) / 1000));
    }
    if (wait > 0) return wait;
    for (const [key] of keys) this.bucket(key, t).count += 1;
    return 0;
  }

  /**
   * A successful sign-in clears the e-mail's count and gives the IP its attempt back, so
   * the IP limit counts failures: a team behind one NAT address can all sign in.
   */
  succeeded(email: string, ip: string | null): void {
    this.buckets.delete(`e:${email}`);
    const b = ip ? this.buckets.get(`i:${ip}`) : undefined;
    if (b && b.count > 0) b.count -= 1;
  }

  private bucket(key: string, t: number): Bucket {
    let b = this.buckets.get(key);
    if (!b || b.resetAt <= t) {
      b = { count: 0, resetAt: t + LOGIN_LIMITS.windowMs };
      this.buckets.set(key, b);
      if (this.buckets.size > 50_000) this.prune(t);
    }
    return b;
  }

  private prune(t: number): void {
    for (const [k, b] of this.buckets) if (b.resetAt <= t) this.buckets.delete(k);
  }
}
