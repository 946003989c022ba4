import request from 'supertest';
import { ShareLinkThrottleService } from '../src/modules/root-causes/share-link-throttle.service.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

/**
 * The share-link rate limit is one limit across api instances: its counters live in the sign-in
 * limiter's store (PostgreSQL, or Redis with REDIS_URL). Needs the PostgreSQL server (and Redis)
 * this machine runs, like auth-throttle.int-spec.ts.
 */
const PG = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const LIMIT = 5;

describe.each([
  ['PostgreSQL', {}],
  ['Redis', { REDIS_URL }],
] as Array<[string, Record<string, string>]>)('share-link rate limit shared by two api instances (%s)', (_store, env) => {
  const saved = process.env.TEST_DATABASE_URL;
  let one: TestApp;
  let two: TestApp;
  beforeAll(async () => {
    process.env.TEST_DATABASE_URL = PG;
    one = await createTestApp({ ...env, TRUST_PROXY: '1', EARSHOT_OWNER_DIGEST_CRON: 'off' });
    two = await createTestApp({
      ...env,
      TRUST_PROXY: '1',
      EARSHOT_OWNER_DIGEST_CRON: 'off',
      DATABASE_URL: one.config.database.engine === 'postgres' ? one.config.database.url : '',
    });
    for (const t of [one, two]) t.app.get(ShareLinkThrottleService).limit = LIMIT;
  }, 120_000);
  afterAll(async () => {
    await two?.close();
    await one?.close();
    if (saved === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = saved;
  });

  const get = (t: TestApp, ip: string) =>
    request(t.server)
      .get(`/api/share/root-causes/${'z'.repeat(43)}`)
      .set('X-Forwarded-For', ip);

  it('counts requests to either instance against one limit per IP (an IPv6 client per /64)', async () => {
    const first = await Promise.all(Array.from({ length: LIMIT }, (_, i) => get(i % 2 ? two : one, '198.51.100.10')));
    expect(first.map((r) => r.status)).toEqual(Array<number>(LIMIT).fill(404));
    for (const t of [one, two]) {
      const refused = await get(t, '198.51.100.10').expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    // Another address has its own allowance.
    await get(two, '198.51.100.11').expect(404);
    // Two addresses of one /64 are one client.
    for (let i = 0; i < LIMIT; i++) await get(i % 2 ? one : two, `2001:db8:1:2::${i + 1}`).expect(404);
    await get(one, '2001:db8:1:2:ffff::9').expect(429);
    await get(one, '2001:db8:1:3::1').expect(404);
  });
});
