import { createCipheriv, randomBytes } from 'node:crypto';
import request from 'supertest';
import { ConfigError, loadConfig } from '../src/config/env.js';
import { CONNECTOR_FACTORY, type ConnectorFactory } from '../src/modules/ingest/connector-factory.js';
import { PollerService } from '../src/modules/ingest/poller.service.js';
import { AuditEventEntity } from '../src/modules/audit/audit-event.entity.js';
import { SourceEntity } from '../src/modules/sources/source.entity.js';
import { SourcesService } from '../src/modules/sources/sources.service.js';
import { WorkspaceFactory, loginAs } from './factories/user.factory.js';
import { startCanary, type CanaryServer } from './utils/canary-server.js';
import { createTestApp, type TestApp } from './utils/create-test-app.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Acme news</title>
<item><guid>1</guid><title>acme launches</title><link>http://example.com/1</link><description>acme</description></item>
</channel></rss>`;

/**
 * Issue 11 items 1-3: every outbound request of the api goes through the guarded fetch; stored
 * credentials never follow a changed origin; private hosts are allowed per host:port only.
 */
describe('outbound requests and sources (integration)', () => {
  let t: TestApp;
  let admin: string;
  let workspaceId: string;
  /** Never allowed: the "metadata service" an attacker aims at. Must get 0 requests. */
  let canary: CanaryServer;
  /** Allowed (EARSHOT_ALLOWED_PRIVATE_HOSTS): a feed host whose answers each test scripts. */
  let feed: CanaryServer;
  let feedRoute: (path: string, res: import('node:http').ServerResponse) => void;
  /** Allowed: a Mastodon instance, and a second allowed host a base URL is moved to. */
  let masto: CanaryServer;
  let otherHost: CanaryServer;

  beforeAll(async () => {
    canary = await startCanary();
    feed = await startCanary((req, res) => feedRoute(req.url ?? '/', res));
    const emptyList = (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    masto = await startCanary(emptyList);
    otherHost = await startCanary(emptyList);
    t = await createTestApp({
      EARSHOT_ALLOWED_PRIVATE_HOSTS: [feed, masto, otherHost].map((s) => `127.0.0.1:${s.port}`).join(','),
      SOCIAL_SIM_URL: 'http://127.0.0.1:4100',
    });
    const ws = await WorkspaceFactory.create(t, 'Outbound');
    workspaceId = ws.id;
    admin = await loginAs(t, (await WorkspaceFactory.withAllRoles(t, ws.id)).admin.email);
  });
  afterAll(async () => {
    await t?.close();
    for (const s of [canary, feed, masto, otherHost]) await s?.close();
  });
  beforeEach(() => {
    feedRoute = (_p, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(RSS);
    for (const s of [canary, feed, masto, otherHost]) s.hits.length = 0;
  });

  const poller = () => t.app.get(PollerService);
  const source = (id: string) => t.dataSource.getRepository(SourceEntity).findOneByOrFail({ id });
  /** Polls exactly this source (every other one is made not due). */
  async function pollOnly(id: string) {
    await t.dataSource.query(`UPDATE source SET next_poll_at = now() + interval '1 day' WHERE id <> $1`, [id]);
    await t.dataSource.query(
      `UPDATE source SET next_poll_at = now() - interval '1 second', status = 'idle', lease_token = NULL, leased_until = NULL WHERE id = $1`,
      [id],
    );
    const out = await poller().runDue();
    expect(out.map((o) => o.sourceId)).toEqual([id]);
    return { outcome: out[0]!, row: await source(id) };
  }
  const createSource = (body: Record<string, unknown>) => request(t.server).post('/api/sources').set('Cookie', admin).send(body);
  /** A Mastodon notifications source at `baseUrl` (item 3 only varies the address). */
  const createMastodonAt = (name: string, baseUrl: string) =>
    createSource({ name, platform: 'mastodon', baseUrl, streamKind: 'notifications', credentials: { accessToken: 'x' } });

  describe('item 1: SSRF through an RSS source, fixed at the root', () => {
    it('refuses a feed path on another address at save time, with a 400 naming streamQuery', async () => {
      const res = await createSource({
        name: 'Feed',
        platform: 'rss',
        baseUrl: `${feed.url}/rss`,
        streamKind: 'feed',
        streamQuery: `${canary.url}/latest/meta-data/`,
      }).expect(400);
      expect(res.body.issues[0]).toMatchObject({ path: 'streamQuery', message: expect.stringMatching(/feed path on the base URL's host and port/) });
      expect(canary.hits).toHaveLength(0);
    });

    it('a stored feed path on another address (saved before the fix) is refused at poll: the canary gets 0 hits, lastError no canary text', async () => {
      const created = await createSource({ name: 'Feed', platform: 'rss', baseUrl: `${feed.url}/rss`, streamKind: 'feed' }).expect(201);
      await t.dataSource.query(`UPDATE source SET stream_query = $2 WHERE id = $1`, [created.body.id, `${canary.url}/latest/meta-data/`]);
      const { outcome, row } = await pollOnly(created.body.id);
      expect(outcome.error).toMatch(/./);
      expect(canary.hits).toHaveLength(0);
      expect(row.status).toBe('error');
      expect(row.lastError).toBe("The request to rss was not sent: rss: the feed path must stay on the base URL's host and port. Check the source's settings.");
    });

    it("a connector from the api's factory cannot reach an address that is not allowed (the guard is in the fetch itself)", async () => {
      const connector = t.app.get<ConnectorFactory>(CONNECTOR_FACTORY)('rss');
      const poll = connector.poll(
        { sourceKey: 'k', baseUrl: `${canary.url}/latest/meta-data`, credentials: {}, stream: { kind: 'feed' } },
        null,
        new AbortController().signal,
      );
      await expect(poll).rejects.toMatchObject({
        failure: 'bad_request',
        message: expect.stringMatching(/request refused: the address points to a private or local address/),
      });
      const spelled = t.app
        .get<ConnectorFactory>(CONNECTOR_FACTORY)('mastodon')
        .poll(
          { sourceKey: 'k', baseUrl: `http://2130706433:${canary.port}`, credentials: { accessToken: 'tok' }, stream: { kind: 'notifications' } },
          null,
          new AbortController().signal,
        );
      await expect(spelled).rejects.toMatchObject({ failure: 'bad_request' });
      expect(canary.hits).toHaveLength(0);
    });

    it("never shows a remote body: a 404 with the canary's text becomes status and our words", async () => {
      feedRoute = (_p, res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('CANARY-SECRET ami-id instance-id');
      const created = await createSource({ name: 'Feed 404', platform: 'rss', baseUrl: `${feed.url}/rss`, streamKind: 'feed' }).expect(201);
      const { row } = await pollOnly(created.body.id);
      expect(row.lastError).toBe("rss refused the request (404): rss 404: not found. Check the source's settings.");
      const list = await request(t.server).get('/api/sources').set('Cookie', admin).expect(200);
      expect(JSON.stringify(list.body)).not.toMatch(/CANARY/);
    });

    it('refuses a redirect to loopback and never follows it', async () => {
      feedRoute = (_p, res) => res.writeHead(302, { location: `${canary.url}/latest/meta-data/` }).end();
      const created = await createSource({ name: 'Feed redirect', platform: 'rss', baseUrl: `${feed.url}/rss`, streamKind: 'feed' }).expect(201);
      const { row } = await pollOnly(created.body.id);
      expect(canary.hits).toHaveLength(0);
      expect(row.status).toBe('error');
      expect(row.lastError).toBe(
        "Earshot refused a request of this rss source (302): redirect (302) refused: redirects are not followed. Check the source's settings.",
      );
      expect(row.lastError).not.toContain(String(canary.port));
    });

    it('refuses a feed over the body cap (RSS: 5 MB), streamed', async () => {
      let written = 0;
      feedRoute = (_p, res) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        const pump = () => {
          while (written < 64 * 1024 * 1024) {
            written += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('error', () => undefined);
        pump();
      };
      const created = await createSource({ name: 'Feed big', platform: 'rss', baseUrl: `${feed.url}/rss`, streamKind: 'feed' }).expect(201);
      const { row } = await pollOnly(created.body.id);
      expect(row.status).toBe('error');
      expect(row.lastError).toBe("Earshot refused a request of this rss source (200): response body over 5 MB, not read. Check the source's settings.");
      expect(written).toBeLessThan(32 * 1024 * 1024);
    });
  });

  describe('item 2: stored credentials never follow a changed origin', () => {
    let sourceId: string;
    beforeAll(async () => {
      const created = await createSource({
        name: 'Mastodon',
        platform: 'mastodon',
        baseUrl: masto.url,
        streamKind: 'notifications',
        credentials: { accessToken: 'tok-STORED-SECRET' },
      }).expect(201);
      sourceId = created.body.id;
    });
    const bearers = (s: CanaryServer) => s.hits.map((h) => h.headers.authorization);

    it('PATCH baseUrl to another origin without credentials: 400 on credentials; the stored token never reaches the new host', async () => {
      const res = await request(t.server).patch(`/api/sources/${sourceId}`).set('Cookie', admin).send({ baseUrl: otherHost.url }).expect(400);
      expect(res.body.issues[0]).toMatchObject({ path: 'credentials', message: expect.stringMatching(/must be given again/) });
      expect((await source(sourceId)).baseUrl).toBe(masto.url);
      await request(t.server).post(`/api/sources/${sourceId}/poll`).set('Cookie', admin).expect(202);
      await pollOnly(sourceId);
      expect(bearers(masto)).toEqual(['Bearer tok-STORED-SECRET']);
      expect(otherHost.hits).toHaveLength(0);
    });

    it('a path change on the same origin keeps the credentials', async () => {
      await request(t.server)
        .patch(`/api/sources/${sourceId}`)
        .set('Cookie', admin)
        .send({ baseUrl: `${masto.url}/` })
        .expect(200);
      await pollOnly(sourceId);
      expect(bearers(masto)).toEqual(['Bearer tok-STORED-SECRET']);
    });

    it('with new credentials the origin may change; the audit row names the old and new origin', async () => {
      await request(t.server)
        .patch(`/api/sources/${sourceId}`)
        .set('Cookie', admin)
        .send({ baseUrl: otherHost.url, credentials: { accessToken: 'tok-NEW' } })
        .expect(200);
      await pollOnly(sourceId);
      expect(bearers(otherHost)).toEqual(['Bearer tok-NEW']);
      expect(masto.hits).toHaveLength(0);
      const audit = await t.dataSource
        .getRepository(AuditEventEntity)
        .find({ where: { workspaceId, action: 'source.updated', targetId: sourceId }, order: { createdAt: 'ASC' } });
      expect(audit.at(-1)!.data).toMatchObject({ origin: { from: masto.url, to: otherHost.url } });
      expect(JSON.stringify(audit)).not.toMatch(/tok-/);
    });

    it('a base URL changed behind the api (SQL) cannot open the credentials: the other host gets no token', async () => {
      await t.dataSource.query(`UPDATE source SET base_url = $2 WHERE id = $1`, [sourceId, masto.url]);
      const { row } = await pollOnly(sourceId);
      expect(masto.hits).toHaveLength(0);
      expect(row.status).toBe('auth_required');
      expect(row.lastError).toMatch(/stored credentials do not open/);
      await t.dataSource.query(`UPDATE source SET base_url = $2 WHERE id = $1`, [sourceId, otherHost.url]);
    });

    it('ciphertext copied to another source or another workspace does not open', async () => {
      const { credentialsCiphertext } = await source(sourceId);
      const sameWs = await createSource({
        name: 'Mastodon 2',
        platform: 'mastodon',
        baseUrl: otherHost.url,
        streamKind: 'notifications',
        credentials: { accessToken: 'tok-B' },
      }).expect(201);
      const ws2 = await WorkspaceFactory.create(t, 'Outbound other');
      const admin2 = await loginAs(t, (await WorkspaceFactory.withAllRoles(t, ws2.id)).admin.email);
      const otherWs = await request(t.server)
        .post('/api/sources')
        .set('Cookie', admin2)
        .send({ name: 'M', platform: 'mastodon', baseUrl: otherHost.url, streamKind: 'notifications', credentials: { accessToken: 'tok-C' } })
        .expect(201);
      const sources = t.app.get(SourcesService);
      expect(sources.credentialsOf(await source(sourceId))).toEqual({ accessToken: 'tok-NEW' });
      for (const id of [sameWs.body.id as string, otherWs.body.id as string]) {
        await t.dataSource.query(`UPDATE source SET credentials_ciphertext = $2 WHERE id = $1`, [id, credentialsCiphertext]);
        const row = await source(id);
        expect(() => sources.credentialsOf(row)).toThrow();
        otherHost.hits.length = 0;
        await pollOnly(id);
        expect(bearers(otherHost)).not.toContain('Bearer tok-NEW');
      }
    });

    it('legacy v1 credentials (workspace-bound) still open, and are re-sealed to the source and origin', async () => {
      const created = await createSource({
        name: 'Legacy',
        platform: 'mastodon',
        baseUrl: masto.url,
        streamKind: 'notifications',
        credentials: { accessToken: 'placeholder' },
      }).expect(201);
      const key = t.config.secretKey.source === 'env' ? t.config.secretKey.key : null;
      expect(key).not.toBeNull();
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key!, iv);
      c.setAAD(Buffer.from(workspaceId, 'utf8'));
      const ct = Buffer.concat([c.update('{"accessToken":"tok-LEGACY"}', 'utf8'), c.final()]);
      const v1 = ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), ct.toString('base64url')].join('.');
      await t.dataSource.query(`UPDATE source SET credentials_ciphertext = $2 WHERE id = $1`, [created.body.id, v1]);
      const sources = t.app.get(SourcesService);
      expect(sources.credentialsOf(await source(created.body.id))).toEqual({ accessToken: 'tok-LEGACY' });
      // Re-sealed on the next write of the row…
      await request(t.server).patch(`/api/sources/${created.body.id}`).set('Cookie', admin).send({ name: 'Legacy renamed' }).expect(200);
      expect((await source(created.body.id)).credentialsCiphertext).toMatch(/^v2\./);
      expect(sources.credentialsOf(await source(created.body.id))).toEqual({ accessToken: 'tok-LEGACY' });
      // …or by the boot step.
      await t.dataSource.query(`UPDATE source SET credentials_ciphertext = $2 WHERE id = $1`, [created.body.id, v1]);
      expect(await sources.resealLegacyCredentials()).toBeGreaterThanOrEqual(1);
      const row = await source(created.body.id);
      expect(row.credentialsCiphertext).toMatch(/^v2\./);
      expect(sources.credentialsOf(row)).toEqual({ accessToken: 'tok-LEGACY' });
      await pollOnly(created.body.id);
      expect(bearers(masto)).toEqual(['Bearer tok-LEGACY']);
    });

    it('the demo sources seeded for the simulator have credentials that open', async () => {
      const demo = await t.dataSource.getRepository(SourceEntity).find({ where: { name: 'Mastodon: mentions of @acme' } });
      expect(demo).toHaveLength(1);
      expect(demo[0]!.credentialsCiphertext).toMatch(/^v2\./);
      expect(t.app.get(SourcesService).credentialsOf(demo[0]!)).toEqual({ accessToken: 'demo-mastodon-token' });
    });
  });

  describe('item 3: private hosts are host:port exact; the simulator only on its ports', () => {
    it('with SOCIAL_SIM_URL=http://127.0.0.1:4100 a Mastodon source at 127.0.0.1:5432 is refused at save', async () => {
      const res = await createMastodonAt('PG', 'http://127.0.0.1:5432').expect(400);
      expect(res.body.issues[0]).toMatchObject({ path: 'baseUrl', message: expect.stringMatching(/private or local address/) });
      await createMastodonAt('Sim+6', 'http://127.0.0.1:4106').expect(400);
    });

    it("accepts the simulator's main port and its per-platform ports P+1..P+5", async () => {
      for (const port of [4100, 4101, 4105]) {
        await createMastodonAt(`Sim ${port}`, `http://127.0.0.1:${port}/mastodon`).expect(201);
      }
    });

    it('a stored source at 127.0.0.1:5432 (or any other port of the simulator host) is refused at poll', async () => {
      const created = await createMastodonAt('Later moved', 'http://127.0.0.1:4101').expect(201);
      for (const baseUrl of ['http://127.0.0.1:5432', canary.url]) {
        await t.dataSource.query(`UPDATE source SET base_url = $2, credentials_ciphertext = NULL, credential_fields = '[]' WHERE id = $1`, [
          created.body.id,
          baseUrl,
        ]);
        const { row } = await pollOnly(created.body.id);
        expect(row.status).toBe('error');
        expect(row.lastError).toMatch(/private or local address/);
      }
      expect(canary.hits).toHaveLength(0);
    });
  });

  it('an EARSHOT_ALLOWED_PRIVATE_HOSTS entry without a port stops start-up with a clear message', () => {
    expect(() => loadConfig({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:4100,127.0.0.1' })).toThrow(ConfigError);
    expect(() => loadConfig({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1' })).toThrow(
      /EARSHOT_ALLOWED_PRIVATE_HOSTS: .*"127\.0\.0\.1" has no port: entries are host:port exact/,
    );
    expect(loadConfig({ EARSHOT_ALLOWED_PRIVATE_HOSTS: '127.0.0.1:4100, [::1]:80 ' }).allowedPrivateHosts).toEqual(['127.0.0.1:4100', '[::1]:80']);
  });
});
