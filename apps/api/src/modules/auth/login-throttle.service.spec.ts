import type { AppConfig } from '../../config/env.js';
import type { DataSource } from 'typeorm';
import { LOGIN_LIMITS, LoginThrottleService, throttleIp, type ThrottleDecision } from './login-throttle.service.js';
import type { LoginThrottleStore, ThrottleHit } from './login-throttle.repository.js';

/** The store's contract in memory (the PostgreSQL and Redis stores are tested in test/auth-throttle.int-spec.ts). */
class MemoryStore implements LoginThrottleStore {
  rows = new Map<string, { count: number; windowStart: number; blockedUntil: number }>();
  async blockedUntil(keys: string[], now: number) {
    return Math.max(0, ...keys.map((k) => this.rows.get(k)?.blockedUntil ?? 0).filter((b) => b > now));
  }
  async hit(keys: string[], now: number, windowMs: number): Promise<ThrottleHit[]> {
    return keys.map((key) => {
      let r = this.rows.get(key);
      if (!r || r.windowStart <= now - windowMs) this.rows.set(key, (r = { count: 0, windowStart: now, blockedUntil: 0 }));
      r.count += 1;
      return { key, count: r.count, windowStart: r.windowStart };
    });
  }
  async block(key: string, until: number) {
    const r = this.rows.get(key);
    if (r) r.blockedUntil = Math.max(r.blockedUntil, until);
  }
  async refund(keys: string[], reset: string[]) {
    for (const k of reset) this.rows.delete(k);
    for (const k of keys) {
      const r = this.rows.get(k);
      if (r && !r.blockedUntil && r.count > 0) r.count -= 1;
    }
  }
  async prune() {}
}

describe('LoginThrottleService', () => {
  let clock = 0;
  const make = () => {
    const t = new LoginThrottleService({ redisUrl: null } as AppConfig, { options: {} } as DataSource);
    t.useStore(new MemoryStore());
    t.now = () => clock;
    return t;
  };
  const device = { id: 'A'.repeat(22), expiresAt: Number.MAX_SAFE_INTEGER };
  const allowed = (d: ThrottleDecision) => d.allowed;
  beforeEach(() => (clock = 1_000_000));

  it('allows the per-account+IP limit, then blocks that pair for the lock time, audited once', async () => {
    const t = make();
    for (let i = 0; i < LOGIN_LIMITS.perAccountIp; i++) expect(allowed(await t.take({ email: 'a@x.test', ip: '1.1.1.1', device: null }))).toBe(true);
    const first = await t.take({ email: 'a@x.test', ip: '1.1.1.1', device: null });
    expect(first).toEqual({ allowed: false, retryAfterSeconds: LOGIN_LIMITS.lockMs / 1000, newlyBlocked: ['account_ip'] });
    const second = await t.take({ email: 'a@x.test', ip: '1.1.1.1', device: null });
    expect(second).toMatchObject({ allowed: false, newlyBlocked: [] });
    // Another IP for the same account, and the same IP for another account, still get their turns.
    expect(allowed(await t.take({ email: 'a@x.test', ip: '2.2.2.2', device: null }))).toBe(true);
    expect(allowed(await t.take({ email: 'b@x.test', ip: '1.1.1.1', device: null }))).toBe(true);
    clock += LOGIN_LIMITS.lockMs;
    expect(allowed(await t.take({ email: 'a@x.test', ip: '1.1.1.1', device: null }))).toBe(true);
  });

  it('limits failures per IP across many accounts', async () => {
    const t = make();
    let ok = 0;
    for (let i = 0; i < 200; i++) if (allowed(await t.take({ email: `u${i}@x.test`, ip: '3.3.3.3', device: null }))) ok++;
    expect(ok).toBe(LOGIN_LIMITS.perIp);
  });

  it('throttles untrusted clients once the account-wide limit is reached, but not a trusted device', async () => {
    const t = make();
    let ok = 0;
    for (let i = 0; i < 300; i++) if (allowed(await t.take({ email: 'owner@x.test', ip: `10.0.${i >> 8}.${i & 255}`, device: null }))) ok++;
    expect(ok).toBe(LOGIN_LIMITS.perAccount);
    expect(allowed(await t.take({ email: 'owner@x.test', ip: '9.9.9.9', device: null }))).toBe(false);
    expect(allowed(await t.take({ email: 'owner@x.test', ip: '9.9.9.9', device }))).toBe(true);
  });

  it("limits a trusted device's own failures", async () => {
    const t = make();
    let ok = 0;
    for (let i = 0; i < 30; i++) if (allowed(await t.take({ email: 'owner@x.test', ip: '5.5.5.5', device }))) ok++;
    expect(ok).toBe(LOGIN_LIMITS.perDevice);
    // Its failures did not use up the anonymous allowance of that IP.
    expect(allowed(await t.take({ email: 'owner@x.test', ip: '5.5.5.5', device: null }))).toBe(true);
  });

  it('gives successful sign-ins their attempt back (a team behind one NAT address)', async () => {
    const t = make();
    for (let i = 0; i < LOGIN_LIMITS.perIp * 3; i++) {
      const d = await t.take({ email: `agent${i}@x.test`, ip: '4.4.4.4', device: null });
      expect(d.allowed).toBe(true);
      if (d.allowed) await t.succeeded(d.ticket);
    }
  });

  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(throttleIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(throttleIp('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(throttleIp('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(throttleIp('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleIp('::1')).toBe('0:0:0:0::/64');
    expect(throttleIp(null)).toBeNull();
  });
});

describe('LoginThrottleService keys', () => {
  it('fits a long e-mail with a long IP into the key column (hashed), still counted per pair', async () => {
    const store = new MemoryStore();
    const t = new LoginThrottleService({ redisUrl: null } as AppConfig, { options: {} } as DataSource);
    t.useStore(store);
    const email = `${'x'.repeat(241)}@example.test`;
    const ip = 'f'.repeat(64); // whatever req.ip holds, at most 64 characters (clientIp)
    for (let i = 0; i < LOGIN_LIMITS.perAccountIp; i++) expect((await t.take({ email, ip, device: null })).allowed).toBe(true);
    expect((await t.take({ email, ip, device: null })).allowed).toBe(false);
    expect([...store.rows.keys()].some((k) => k.startsWith('ai:#'))).toBe(true);
    for (const key of store.rows.keys()) expect(key.length).toBeLessThanOrEqual(320);
  });
});
