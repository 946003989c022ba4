import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import type { TrustedDevice } from './device-cookie.util.js';
import { installationNamespace, RedisLoginThrottleStore } from './login-throttle.redis-store.js';
import { PgLoginThrottleRepository, type LoginThrottleStore } from './login-throttle.repository.js';

/**
 * Sign-in limits, each counted per 15-minute window (OWASP Authentication and Credential
 * Stuffing cheat sheets: slow the attacker, not the owner; no hard account lockout).
 *
 * - A browser holding a valid device cookie for the account (it signed in there before)
 *   counts only against its own allowance: `perDevice` wrong passwords, then that cookie
 *   waits. Attacks from elsewhere never lock it out.
 * - Every other attempt (an untrusted client) counts against three keys, and is refused
 *   while any of them is past its limit:
 *   - `perAccountIp`: one account from one IP, the tightest: a single attacker is slowed
 *     to 10 guesses per 15 minutes;
 *   - `perIp`: wrong passwords from one IP over all accounts (credential stuffing); successes
 *     give their attempt back, so a team behind one NAT address can all sign in;
 *   - `perAccount`: one account from all IPs together, large: only a distributed attack
 *     reaches it, and then untrusted clients wait while trusted devices still get in.
 * - Once a key passes its limit it is blocked for `lockMs`; blocked attempts are refused
 *   before any counting or password check, and only the attempt that blocked the key is
 *   audited (`auth.login_throttled`), so a flood of attempts writes a handful of rows.
 * - Counting happens before the password is verified and is atomic in the shared store, so
 *   N parallel wrong passwords get at most the limit checked (Mattermost CVE-2024-48872).
 */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
  perAccountIp: 10,
  perIp: 50,
  perAccount: 100,
  perDevice: 10,
  /** Wrong current passwords on the change-password form, per user. */
  perPasswordChange: 10,
} as const;

export type ThrottleScope = 'account' | 'account_ip' | 'ip' | 'device' | 'password_change';

interface KeySpec {
  key: string;
  limit: number;
  scope: ThrottleScope;
}

/** What an allowed attempt counted, to give back when it succeeds. */
export interface ThrottleTicket {
  keys: KeySpec[];
}

export type ThrottleDecision = { allowed: true; ticket: ThrottleTicket } | { allowed: false; retryAfterSeconds: number; newlyBlocked: ThrottleScope[] };

/**
 * The IP as the limiter counts it: an IPv4-mapped IPv6 address as IPv4, and an IPv6 address
 * as its /64 (one subscriber usually holds a whole /64, so per-address limits would be free).
 */
export function throttleIp(ip: string | null): string | null {
  if (!ip) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('%')[0]!.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

@Injectable()
export class LoginThrottleService implements OnModuleDestroy {
  private store: LoginThrottleStore;
  private takes = 0;

  /** The clock; tests replace it. */
  now: () => number = Date.now;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @InjectDataSource() dataSource: DataSource) {
    this.store = config.redisUrl ? new RedisLoginThrottleStore(config.redisUrl, installationNamespace(dataSource)) : new PgLoginThrottleRepository(dataSource);
  }

  /** Swaps the store (unit tests use an in-memory one). */
  useStore(store: LoginThrottleStore): void {
    this.store = store;
  }

  /** Checks and counts one sign-in attempt; a refused attempt is not counted and must not be checked. */
  take(attempt: { email: string; ip: string | null; device: TrustedDevice | null }): Promise<ThrottleDecision> {
    const email = attempt.email.toLowerCase();
    const ip = throttleIp(attempt.ip);
    const specs: KeySpec[] = attempt.device
      ? [{ key: `d:${attempt.device.id}`, limit: LOGIN_LIMITS.perDevice, scope: 'device' }]
      : [
          { key: `a:${email}`, limit: LOGIN_LIMITS.perAccount, scope: 'account' },
          ...(ip
            ? [
                { key: `ai:${ip}|${email}`, limit: LOGIN_LIMITS.perAccountIp, scope: 'account_ip' as const },
                { key: `i:${ip}`, limit: LOGIN_LIMITS.perIp, scope: 'ip' as const },
              ]
            : []),
        ];
    return this.takeKeys(specs);
  }

  /** Checks and counts one current-password check of the change-password form. */
  takePasswordChange(userId: string): Promise<ThrottleDecision> {
    return this.takeKeys([{ key: `p:${userId}`, limit: LOGIN_LIMITS.perPasswordChange, scope: 'password_change' }]);
  }

  /**
   * The attempt succeeded: it gives its attempt back (the limits count failures), and the
   * account+IP or device counter starts afresh. The account-wide counter is not reset: one
   * success by the owner must not hand an ongoing attack a fresh allowance.
   */
  async succeeded(ticket: ThrottleTicket): Promise<void> {
    const reset = ticket.keys.filter((k) => k.scope === 'account_ip' || k.scope === 'device' || k.scope === 'password_change').map((k) => k.key);
    const refund = ticket.keys.filter((k) => !reset.includes(k.key)).map((k) => k.key);
    await this.store.refund(refund, reset);
  }

  private async takeKeys(input: KeySpec[]): Promise<ThrottleDecision> {
    // Keys stay readable in the table; one that would not fit its column (a 254-character
    // e-mail with a long IP) is stored as a hash.
    const specs = input.map((s) => (s.key.length <= 300 ? s : { ...s, key: `${s.key.split(':')[0]}:#${createHash('sha256').update(s.key).digest('hex')}` }));
    const now = this.now();
    if (++this.takes % 200 === 0) void this.store.prune(now, LOGIN_LIMITS.windowMs).catch(() => undefined);
    const keys = specs.map((s) => s.key);
    const until = await this.store.blockedUntil(keys, now);
    if (until > now) return { allowed: false, retryAfterSeconds: Math.ceil((until - now) / 1000), newlyBlocked: [] };
    const hits = await this.store.hit(keys, now, LOGIN_LIMITS.windowMs);
    const limitOf = new Map(specs.map((s) => [s.key, s]));
    const over = hits.filter((h) => h.count > limitOf.get(h.key)!.limit);
    if (over.length === 0) return { allowed: true, ticket: { keys: specs } };
    // Only the attempt that took a key past its limit blocks it (and is audited); parallel
    // attempts that also landed past it are refused quietly.
    const newly = over.filter((h) => h.count === limitOf.get(h.key)!.limit + 1);
    // A refused attempt is not evaluated, so it gives back what it counted on the other keys.
    const notOver = hits.filter((h) => !over.includes(h)).map((h) => h.key);
    if (notOver.length > 0) await this.store.refund(notOver, []);
    const blockUntil = now + LOGIN_LIMITS.lockMs;
    for (const h of newly) await this.store.block(h.key, blockUntil, now);
    return { allowed: false, retryAfterSeconds: Math.ceil(LOGIN_LIMITS.lockMs / 1000), newlyBlocked: newly.map((h) => limitOf.get(h.key)!.scope) };
  }

  async onModuleDestroy(): Promise<void> {
    await this.store.close?.();
  }
}
