import request from 'supertest';
import { createSocialSim, type SocialSim } from '@earshot/social-sim';
import { PollerService } from '../src/modules/ingest/poller.service.js';
import { MentionEntity } from '../src/modules/mentions/mention.entity.js';
import { SourceEntity } from '../src/modules/sources/source.entity.js';
import { WorkspaceFactory, loginAs } from './factories/user.factory.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';
import { listenForAcme } from './utils/listen-for-acme.js';

/** The poller against the local simulator: leases, cursors, classified failures, health. */
describe('poller against the social simulator (integration)', () => {
  let sim: SocialSim;
  let t: TestApp;
  let admin: string;
  let workspaceId: string;
  let sourceId: string;

  beforeAll(async () => {
    sim = await createSocialSim({ scenario: 'none', evalDir: null, rateLimits: false });
    t = await createTestApp({ EARSHOT_ALLOWED_PRIVATE_HOSTS: `127.0.0.1:${sim.port}`, EARSHOT_RETRY_BASE_SECONDS: '1' });
    const ws = await WorkspaceFactory.create(t, 'Poller');
    workspaceId = ws.id;
    admin = await loginAs(t, (await WorkspaceFactory.withAllRoles(t, ws.id)).admin.email);
    await listenForAcme(t, admin);
    const src = await request(t.server)
      .post('/api/sources')
      .set('Cookie', admin)
      .send({
        name: 'Mastodon',
        platform: 'mastodon',
        baseUrl: `${sim.url}/mastodon`,
        streamKind: 'notifications',
        credentials: { accessToken: 'tok' },
        pollIntervalSeconds: 5,
      })
      .expect(201);
    sourceId = src.body.id;
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  const poller = () => t.app.get(PollerService);
  const source = () => t.dataSource.getRepository(SourceEntity).findOneByOrFail({ id: sourceId });
  const makeDue = () => t.dataSource.query(`UPDATE source SET next_poll_at = now() - interval '1 second' WHERE id = $1`, [sourceId]);
  const storedIds = async () =>
    (await t.dataSource.getRepository(MentionEntity).find({ where: { workspaceId, sourceId }, select: { externalId: true } })).map((m) => m.externalId).sort();
  /** Polls until a tick reads nothing new and fails nothing. */
  const drain = async () => {
    for (let i = 0; i < 30; i++) {
      await makeDue();
      const [o] = await poller().runDue();
      if (o && !o.error && o.inserted === 0) return;
    }
    throw new Error('the source did not drain');
  };

  it('reads the newest page first, then everything that arrives, exactly once', async () => {
    sim.control.seed({ platform: 'mastodon', count: 5 });
    await drain();
    expect((await source()).status).toBe('ok');
    const posted = sim.control.seed({ platform: 'mastodon', count: 230 }).map((p) => p.id);
    await drain();
    const stored = await storedIds();
    for (const id of posted) expect(stored).toContain(id);
    expect(new Set(stored).size).toBe(stored.length);
    const s = await source();
    expect(s.lastSuccessAt).not.toBeNull();
    expect(s.leaseToken).toBeNull();
  });

  it('waits for the reset after a 429 and shows it as throttled', async () => {
    sim.control.addFault({ kind: 'rate_limit', platform: 'mastodon', resetInSec: 120, times: 1 });
    await makeDue();
    const [o] = await poller().runDue();
    expect(o!.error).toMatch(/./);
    const s = await source();
    expect(s.status).toBe('throttled');
    expect(s.nextPollAt.getTime()).toBeGreaterThan(Date.now() + 100_000);
    expect(s.lastError).toMatch(/Rate-limited by mastodon/);
    // Not due: the next tick leaves it alone.
    expect(await poller().runDue()).toEqual([]);
  });

  it('retries after 5xx and malformed bodies with backoff, then recovers without losing posts', async () => {
    sim.control.clearFaults();
    const posted = sim.control.seed({ platform: 'mastodon', count: 50 }).map((p) => p.id);
    sim.control.addFault({ kind: 'server_error', platform: 'mastodon', status: 503, times: 1 });
    await makeDue();
    await poller().runDue();
    let s = await source();
    expect(s.status).toBe('failing');
    expect(s.consecutiveFailures).toBe(1);
    expect(s.lastError).toMatch(/503/);
    sim.control.addFault({ kind: 'malformed', platform: 'mastodon', times: 1 });
    await makeDue();
    await poller().runDue();
    s = await source();
    expect(s.consecutiveFailures).toBe(2);
    await drain();
    s = await source();
    expect(s.status).toBe('ok');
    expect(s.consecutiveFailures).toBe(0);
    expect(s.lastError).toBeNull();
    const stored = await storedIds();
    for (const id of posted) expect(stored).toContain(id);
  });

  it('stops on expired credentials with a message saying what to do, and resumes once they are replaced', async () => {
    sim.control.addFault({ kind: 'expired_token', platform: 'mastodon', times: 0 });
    await makeDue();
    await poller().runDue();
    let s = await source();
    expect(s.status).toBe('auth_required');
    expect(s.lastError).toMatch(/reconnect this source/);
    await makeDue();
    expect(await poller().runDue()).toEqual([]);
    const list = await request(t.server).get('/api/sources').set('Cookie', admin).expect(200);
    expect(list.body.items[0].health).toMatchObject({ status: 'auth_required', lastError: expect.stringMatching(/rejected the credentials/) });
    sim.control.clearFaults();
    await request(t.server)
      .patch(`/api/sources/${sourceId}`)
      .set('Cookie', admin)
      .send({ credentials: { accessToken: 'new-token' } })
      .expect(200);
    await drain();
    s = await source();
    expect(s.status).toBe('ok');
  });

  it('lets only one of two concurrent pollers take a source', async () => {
    sim.control.seed({ platform: 'mastodon', count: 20 });
    await makeDue();
    const [a, b] = await Promise.all([poller().runDue(), poller().runDue()]);
    expect([...a!, ...b!].filter((o) => o.sourceId === sourceId)).toHaveLength(1);
  });
});
