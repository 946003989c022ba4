import { PGlite } from '@electric-sql/pglite';
import { createSocialSim, type SimPlatform, type SocialSim } from '@earshot/social-sim';
import pg from 'pg';
import { createTestDatabase, startEarshot, type EarshotServer, type TestDatabase } from './earshot-server.js';

const PLATFORMS: SimPlatform[] = ['mastodon', 'bluesky', 'reddit', 'x'];
const PER_PLATFORM = 1250;
const ADMIN = { email: 'restart-admin@earshot.test', password: 'restart-admin-password' };

/**
 * Issue 5's acceptance test: the simulator serves 5,000 matching mentions over many pages
 * with faults injected, the api is killed (SIGKILL) mid-run and started again on the same
 * database, and afterwards the database holds exactly those 5,000: none missing, none twice.
 */
describe('ingest survives faults and a crash mid-run', () => {
  let sim: SocialSim;
  let db: TestDatabase;
  let api: EarshotServer | null = null;

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none', rateLimits: false, seed: 7 });
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await api?.stop({ keepDatabase: true });
    await db?.drop();
    await sim?.close();
  });

  const env = () => ({ SOCIAL_SIM_URL: sim.url, EARSHOT_RETRY_BASE_SECONDS: '0.5', LOG_LEVEL: 'error' });

  async function session(server: EarshotServer): Promise<string> {
    const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
    if (!res.ok) throw new Error(`login failed: ${res.status}`);
    return res.headers.getSetCookie()[0]!.split(';')[0]!;
  }

  async function sources(
    server: EarshotServer,
    cookie: string,
  ): Promise<Array<{ id: string; platform: string; health: { status: string; mentionsToday: number } }>> {
    const res = await fetch(`${server.url}/api/sources`, { headers: { cookie } });
    return ((await res.json()) as { items: Array<{ id: string; platform: string; health: { status: string; mentionsToday: number } }> }).items;
  }

  async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  async function storedIds(): Promise<Array<{ platform: string; external_id: string }>> {
    const sql = 'SELECT platform, external_id FROM mention';
    if (db.env.DATABASE_URL) {
      const c = new pg.Client({ connectionString: db.env.DATABASE_URL });
      await c.connect();
      try {
        return (await c.query<{ platform: string; external_id: string }>(sql)).rows;
      } finally {
        await c.end();
      }
    }
    const lite = await PGlite.create({ dataDir: `${db.env.EARSHOT_DATA_DIR}/pgdata` });
    try {
      return (await lite.query<{ platform: string; external_id: string }>(sql)).rows;
    } finally {
      await lite.close();
    }
  }

  it('stores exactly the 5,000 posts after faults and a SIGKILL', async () => {
    // First start: the demo workspace is wired to the simulator; let every source set its cursor.
    api = await startEarshot({ database: db, env: env(), admin: ADMIN });
    let cookie = await session(api);
    for (const s of await sources(api, cookie)) {
      await fetch(`${api.url}/api/sources/${s.id}`, {
        method: 'PATCH',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ pollIntervalSeconds: 5 }),
      });
    }
    await waitFor('every source to poll once', async () => (await sources(api!, cookie)).every((s) => s.health.status === 'ok'), 60_000);

    // 5,000 matching posts arrive, while the platforms misbehave.
    const expected = new Set<string>();
    for (const p of PLATFORMS) for (const post of sim.control.seed({ platform: p, count: PER_PLATFORM })) expected.add(`${p}:${post.id}`);
    expect(expected.size).toBe(PLATFORMS.length * PER_PLATFORM);
    sim.control.addFault({ kind: 'server_error', probability: 0.08, times: 0 });
    sim.control.addFault({ kind: 'malformed', probability: 0.04, times: 0 });
    sim.control.addFault({ kind: 'duplicates', probability: 0.2, times: 0, count: 5 });
    sim.control.addFault({ kind: 'out_of_order', probability: 0.2, times: 0 });
    sim.control.addFault({ kind: 'slow', probability: 0.1, times: 0, delayMs: 300 });
    sim.control.addFault({ kind: 'rate_limit', platform: 'mastodon', times: 2, resetInSec: 2 });

    // Crash mid-run.
    const total = async () => (await sources(api!, cookie)).reduce((n, s) => n + s.health.mentionsToday, 0);
    await waitFor('about a third of the posts', async () => (await total()) >= 1500, 120_000);
    const atCrash = await total();
    await api.kill();
    expect(atCrash).toBeLessThan(expected.size);

    // Restart on the same database; faults continue for a while, then the platforms recover.
    api = await startEarshot({ database: db, env: env(), admin: ADMIN });
    cookie = await session(api);
    await waitFor('more progress after the restart', async () => (await total()) > atCrash + 500, 120_000);
    sim.control.clearFaults();
    try {
      await waitFor('all 5,000', async () => (await total()) >= expected.size, 180_000);
    } catch (e) {
      console.log(JSON.stringify(await sources(api, cookie), null, 1));
      throw e;
    }
    // One more round of polls must add nothing.
    await new Promise((r) => setTimeout(r, 6_000));
    await api.stop({ keepDatabase: true });
    api = null;

    const rows = await storedIds();
    const stored = rows.map((r) => `${r.platform}:${r.external_id}`);
    const missing = [...expected].filter((k) => !stored.includes(k));
    const unexpected = stored.filter((k) => !expected.has(k));
    expect({ stored: stored.length, distinct: new Set(stored).size, missing: missing.length, unexpected: unexpected.length }).toEqual({
      stored: expected.size,
      distinct: expected.size,
      missing: 0,
      unexpected: 0,
    });
  }, 600_000);
});
