import { jest } from '@jest/globals';
import request from 'supertest';
import { AuditEventEntity } from '../src/modules/audit/audit-event.entity.js';
import { DEVICE_COOKIE } from '../src/modules/auth/device-cookie.util.js';
import { LoginThrottleEntity } from '../src/modules/auth/login-throttle.entity.js';
import { LOGIN_LIMITS } from '../src/modules/auth/login-throttle.service.js';
import { PasswordService } from '../src/modules/users/password.service.js';
import { UserFactory, WorkspaceFactory, TEST_PASSWORD } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The sign-in limiter (issue 11 item 4): slow the attacker, not the owner. This app runs
 * behind one trusted proxy (TRUST_PROXY=1), so each test can play clients at many addresses
 * through X-Forwarded-For, the way the proxy would report them.
 */
const WRONG = 'not-the-password-at-all';

function setCookies(res: request.Response): string[] {
  return ([] as string[]).concat(res.headers['set-cookie'] ?? []);
}
function deviceCookieOf(res: request.Response): string {
  const c = setCookies(res).find((s) => s.startsWith(`${DEVICE_COOKIE}=`));
  if (!c) throw new Error(`no device cookie in ${JSON.stringify(setCookies(res))}`);
  return c.split(';')[0]!;
}

describe('sign-in throttling (integration)', () => {
  let t: TestApp;
  let ws: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: '1' });
    ws = (await WorkspaceFactory.create(t)).id;
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip: string, cookie?: string) => {
    const r = request(t.server).post('/api/auth/login').set('X-Forwarded-For', ip);
    if (cookie) r.set('Cookie', cookie);
    return r.send({ email, password });
  };
  const auditRows = (action: string, email: string) =>
    t.dataSource
      .getRepository(AuditEventEntity)
      .createQueryBuilder('a')
      .where('a.action = :action', { action })
      .andWhere(`a.data->>'email' = :email`, { email })
      .getMany();

  it('issues a signed, httpOnly device cookie on a successful sign-in, sent back only to the sign-in route', async () => {
    const u = await UserFactory.create(t, { workspaceId: ws });
    const res = await login(u.email, TEST_PASSWORD, '203.0.113.1').expect(200);
    const raw = setCookies(res).find((s) => s.startsWith(`${DEVICE_COOKIE}=`))!;
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Strict/);
    expect(raw).toMatch(/Path=\/api\/auth\/login/);
    expect(raw).toMatch(/Expires=/);
    // The login name is not in it.
    expect(decodeURIComponent(raw)).not.toContain(u.email);
  });

  it('checks at most the limit of 30 parallel wrong passwords (counted before the hash is checked)', async () => {
    const victim = await UserFactory.create(t, { workspaceId: ws });
    const verify = jest.spyOn(t.app.get(PasswordService), 'verify');
    verify.mockClear();
    const results = await Promise.all(Array.from({ length: 30 }, () => login(victim.email, WRONG, '198.51.100.7')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perAccountIp);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30 - LOGIN_LIMITS.perAccountIp);
    expect(verify).toHaveBeenCalledTimes(LOGIN_LIMITS.perAccountIp);
    verify.mockRestore();
    const limited = results.find((r) => r.status === 429)!;
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.message).toMatch(/Too many sign-in attempts/);
    expect(await auditRows('auth.login_failed', victim.email)).toHaveLength(LOGIN_LIMITS.perAccountIp);
  });

  it('writes one audit row per throttled burst, not one per attempt (200 attempts)', async () => {
    const victim = await UserFactory.create(t, { workspaceId: ws });
    let throttled = 0;
    for (let batch = 0; batch < 10; batch++) {
      const results = await Promise.all(Array.from({ length: 20 }, () => login(victim.email, WRONG, '198.51.100.8')));
      throttled += results.filter((r) => r.status === 429).length;
    }
    const rows = await auditRows('auth.login_throttled', victim.email);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(3);
    expect(throttled).toBe(200 - LOGIN_LIMITS.perAccountIp);
    expect(rows[0]!.data).toMatchObject({ email: victim.email, blocked: expect.arrayContaining(['account_ip']) });
  });

  it("lets the owner's browser (device cookie) in while that account and IP are locked to everyone else", async () => {
    const owner = await UserFactory.create(t, { workspaceId: ws });
    const other = await UserFactory.create(t, { workspaceId: ws });
    const ip = '192.0.2.44';
    const device = deviceCookieOf(await login(owner.email, TEST_PASSWORD, ip).expect(200));
    const otherDevice = deviceCookieOf(await login(other.email, TEST_PASSWORD, ip).expect(200));
    // An attacker at the same address (the office NAT) guesses until the account+IP key blocks.
    const attack = await Promise.all(Array.from({ length: 25 }, () => login(owner.email, WRONG, ip)));
    expect(attack.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    // A browser without the cookie, even with the right password, waits...
    await login(owner.email, TEST_PASSWORD, ip).expect(429);
    // ...as does one with a forged cookie, or with a cookie another account's sign-in set.
    const [name, value] = device.split('=') as [string, string];
    const forged = `${name}=${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`;
    await login(owner.email, TEST_PASSWORD, ip, forged).expect(429);
    await login(owner.email, TEST_PASSWORD, ip, otherDevice).expect(429);
    // The owner's own browser gets in, and gets its cookie renewed.
    const res = await login(owner.email, TEST_PASSWORD, ip, device).expect(200);
    expect(deviceCookieOf(res).split('.')[0]).toBe(device.split('.')[0]);
  });

  it("limits a trusted device's own wrong passwords too", async () => {
    const owner = await UserFactory.create(t, { workspaceId: ws });
    const device = deviceCookieOf(await login(owner.email, TEST_PASSWORD, '192.0.2.45').expect(200));
    const results = await Promise.all(Array.from({ length: 20 }, () => login(owner.email, WRONG, '192.0.2.45', device)));
    expect(results.filter((r) => r.status === 401)).toHaveLength(LOGIN_LIMITS.perDevice);
    await login(owner.email, TEST_PASSWORD, '192.0.2.45', device).expect(429);
  });

  it('throttles untrusted clients after the large account-wide limit (a distributed attack), while a trusted device still gets in', async () => {
    const owner = await UserFactory.create(t, { workspaceId: ws });
    const device = deviceCookieOf(await login(owner.email, TEST_PASSWORD, '192.0.2.46').expect(200));
    const total = LOGIN_LIMITS.perAccount + 20;
    const statuses: number[] = [];
    for (let batch = 0; batch < total; batch += 20) {
      const rs = await Promise.all(Array.from({ length: 20 }, (_, i) => login(owner.email, WRONG, `100.64.${(batch + i) >> 8}.${(batch + i) & 255}`)));
      statuses.push(...rs.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(LOGIN_LIMITS.perAccount);
    // A fresh address, never used: the account-wide key refuses untrusted clients.
    await login(owner.email, TEST_PASSWORD, '100.65.0.1').expect(429);
    await login(owner.email, TEST_PASSWORD, '100.65.0.1', device).expect(200);
    // One row for the account-wide block (the per-address keys never filled).
    const rows = await auditRows('auth.login_throttled', owner.email);
    expect(rows.map((r) => (r.data as { blocked: string[] }).blocked)).toEqual([['account']]);
  });

  it('keeps the counters in the database table', async () => {
    const rows = await t.dataSource.getRepository(LoginThrottleEntity).find();
    expect(rows.some((r) => r.key.startsWith('a:') && r.count > 0)).toBe(true);
    expect(rows.some((r) => r.blockedUntil !== null && r.blockedUntil.getTime() > Date.now())).toBe(true);
  });

  it('with TRUST_PROXY=1 takes the right-most X-Forwarded-For hop (the one the proxy added), not what the client wrote', async () => {
    const u = await UserFactory.create(t, { workspaceId: ws });
    await login(u.email, WRONG, '6.6.6.6, 198.51.100.99').expect(401);
    const [row] = await auditRows('auth.login_failed', u.email);
    expect(row!.ip).toBe('198.51.100.99');
    // The client cannot reset its allowance by writing another left-hand address.
    const rs = await Promise.all(Array.from({ length: 15 }, (_, i) => login(u.email, WRONG, `7.7.7.${i}, 198.51.100.99`)));
    expect(rs.filter((r) => r.status === 401)).toHaveLength(LOGIN_LIMITS.perAccountIp - 1);
  });
});

/**
 * Several api instances enforce one limit: the counters live in PostgreSQL, or in Redis when
 * REDIS_URL is set. Needs the PostgreSQL server (and Redis) this machine runs, like
 * realtime-redis.int-spec.ts.
 */
const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each([
  ['PostgreSQL', {}],
  ['Redis', { REDIS_URL }],
] as Array<[string, Record<string, string>]>)('sign-in limits shared by two api instances (%s)', (store, env) => {
  const saved = process.env.TEST_DATABASE_URL;
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    process.env.TEST_DATABASE_URL = PG;
    one = await createTestApp({ ...env, TRUST_PROXY: '1' });
    two = await createTestApp({ ...env, TRUST_PROXY: '1', DATABASE_URL: one.config.database.engine === 'postgres' ? one.config.database.url : '' });
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    if (saved === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = saved;
  });

  it('counts wrong passwords sent to either instance against one limit', async () => {
    const ws = await WorkspaceFactory.create(one);
    const victim = await UserFactory.create(one, { workspaceId: ws.id });
    const send = (t: TestApp, password = WRONG) =>
      request(t.server).post('/api/auth/login').set('X-Forwarded-For', '198.51.100.200').send({ email: victim.email, password });
    // The limit used up on instance one...
    const first = await Promise.all(Array.from({ length: LOGIN_LIMITS.perAccountIp }, () => send(one)));
    expect(first.map((r) => r.status)).toEqual(Array<number>(LOGIN_LIMITS.perAccountIp).fill(401));
    // ...is used up on instance two as well.
    const second = await Promise.all(Array.from({ length: 5 }, () => send(two)));
    expect(second.map((r) => r.status)).toEqual(Array<number>(5).fill(429));
    await send(one, TEST_PASSWORD).expect(429);
    await send(two, TEST_PASSWORD).expect(429);
    // Alternating instances, 30 in parallel, on a fresh account: still only the limit is checked in all.
    const other = await UserFactory.create(one, { workspaceId: ws.id });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        request((i % 2 ? two : one).server)
          .post('/api/auth/login')
          .set('X-Forwarded-For', '198.51.100.201')
          .send({ email: other.email, password: WRONG }),
      ),
    );
    expect(results.filter((r) => r.status === 401)).toHaveLength(LOGIN_LIMITS.perAccountIp);
    const rows = await one.dataSource.getRepository(LoginThrottleEntity).count();
    if (store === 'Redis') expect(rows).toBe(0);
    else expect(rows).toBeGreaterThan(0);
  });
});
