/**
 * Each platform at the root of its own port, for clients that take only a host (masto,
 * @atproto/api and PRAW resolve their paths against the host and drop a path prefix).
 * Port scheme of main.ts: P keeps the path-prefix layout, P+1 mastodon, P+2 bluesky, P+3 reddit,
 * P+4 x, P+5 rss.
 */
import {
  createBlueskyConnector,
  createMastodonConnector,
  createRedditConnector,
  createRssConnector,
  createXConnector,
  type Connector,
  type SourceConfig,
} from '@earshot/connectors';
import { startupBanner } from '../../src/banner.js';
import { createSocialSim, ROOT_PORT_OFFSETS, SIM_PLATFORMS, type SimPlatform, type SocialSim, type SocialSimOptions } from '../../src/index.js';
import { call } from './wire.js';

/** A sim on a fixed main port P with P+1..P+5 free too (retries another P when one is taken). */
async function simOnFixedPort(o: SocialSimOptions = {}): Promise<SocialSim> {
  for (let attempt = 0; ; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    try {
      return await createSocialSim({ ...o, port, evalDir: null });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 20) throw err;
    }
  }
}

describe('each platform at the root of its own port', () => {
  let sim: SocialSim;
  afterEach(async () => {
    await sim?.close();
  });

  it('in-process (port 0): one root URL per platform on its own ephemeral port, listed in the state', async () => {
    sim = await createSocialSim({ evalDir: null });
    const roots = SIM_PLATFORMS.map((p) => sim.rootUrls[p]);
    for (const u of roots) expect(u).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ports = new Set([sim.port, ...roots.map((u) => Number(new URL(u!).port))]);
    expect(ports.size).toBe(6);
    expect(sim.control.state().rootUrls).toEqual(sim.rootUrls);
    expect((await call(sim.url, 'GET', '/_control')).json.rootUrls).toEqual(sim.rootUrls);
  });

  it('a fixed main port P: P+1 mastodon, P+2 bluesky, P+3 reddit, P+4 x, P+5 rss; the banner prints one line per platform', async () => {
    sim = await simOnFixedPort();
    const expected = Object.fromEntries(SIM_PLATFORMS.map((p) => [p, `http://127.0.0.1:${sim.port + ROOT_PORT_OFFSETS[p]}`]));
    expect(sim.rootUrls).toEqual(expected);
    expect(ROOT_PORT_OFFSETS).toEqual({ mastodon: 1, bluesky: 2, reddit: 3, x: 4, rss: 5 });
    const lines = startupBanner(sim, 'none');
    for (const p of SIM_PLATFORMS) expect(lines).toContain(`${p} ${expected[p]!}`);
    expect(lines.filter((l) => /^(mastodon|bluesky|reddit|x|rss) http:\/\/\S+$/.test(l))).toHaveLength(5);
  });

  it('rootPorts: a platform set to null gets no root server', async () => {
    sim = await createSocialSim({ evalDir: null, rootPorts: { rss: null } });
    expect(Object.keys(sim.rootUrls).sort()).toEqual(['bluesky', 'mastodon', 'reddit', 'x']);
  });

  it('the root serves the same platform as the prefix: same answers, one request log, one set of faults', async () => {
    sim = await createSocialSim({ evalDir: null });
    const m = sim.rootUrls.mastodon!;
    sim.control.seed({ platform: 'mastodon', count: 3 });
    const viaRoot = await call(m, 'GET', '/api/v1/notifications?limit=2', { headers: { authorization: 'Bearer t' } });
    const viaPrefix = await call(sim.baseUrls.mastodon, 'GET', '/api/v1/notifications?limit=2', { headers: { authorization: 'Bearer t' } });
    expect(viaRoot.json).toEqual(viaPrefix.json);
    // Links point where the client asked: no prefix at the root.
    expect(viaRoot.headers['link']).toContain(`<${m}/api/v1/notifications?`);
    expect(viaPrefix.headers['link']).toContain(`<${sim.baseUrls.mastodon}/api/v1/notifications?`);
    // One rate-limit window per platform, whichever way it is reached.
    expect(Number(viaPrefix.headers['x-ratelimit-remaining'])).toBe(Number(viaRoot.headers['x-ratelimit-remaining']) - 1);
    expect(sim.control.requests('mastodon').map((r) => [r.via, r.path])).toEqual([
      ['root', '/api/v1/notifications'],
      ['prefix', '/api/v1/notifications'],
    ]);
    sim.control.addFault({ kind: 'server_error', platform: 'mastodon', path: '/api/v1/instance', status: 502 });
    expect((await call(m, 'GET', '/api/v1/instance')).status).toBe(502);
    expect((await call(m, 'GET', '/api/v1/instance')).status).toBe(200);
    // The control API stays on the main port.
    expect((await call(m, 'GET', '/_control')).status).toBe(404);
    const x = await call(sim.rootUrls.x!, 'GET', '/2/users/me', { headers: { authorization: 'Bearer t' } });
    expect(x.json.data.username).toBe('acme');
    const feed = await call(sim.rootUrls.rss!, 'GET', '/feed.xml');
    expect(feed.headers['content-type']).toMatch(/^application\/rss\+xml/);
    expect((await call(sim.rootUrls.rss!, 'GET', '/feed.xml', { headers: { 'if-none-match': feed.headers['etag']! } })).status).toBe(304);
  });

  const connectors: Record<SimPlatform, { make(): Connector<unknown>; source(base: string): SourceConfig; seed(sim: SocialSim): string[] }> = {
    mastodon: {
      make: () => createMastodonConnector(),
      source: (baseUrl) => ({
        sourceKey: 'mastodon:notifications',
        baseUrl,
        credentials: { accessToken: 't' },
        stream: { kind: 'notifications' },
        pageSize: 40,
      }),
      seed: (s) => s.control.seed({ platform: 'mastodon', count: 3 }).map((p) => p.id),
    },
    bluesky: {
      make: () => createBlueskyConnector(),
      source: (baseUrl) => ({
        sourceKey: 'bluesky:search:acme',
        baseUrl,
        credentials: { identifier: 'acme.bsky.social', password: 'app-password' },
        stream: { kind: 'search', query: 'acme' },
        pageSize: 50,
      }),
      seed: (s) => s.control.seed({ platform: 'bluesky', count: 3 }).map((p) => p.id),
    },
    reddit: {
      make: () => createRedditConnector(),
      source: (baseUrl) => ({
        sourceKey: 'reddit:search:acme',
        baseUrl,
        credentials: { clientId: 'c', clientSecret: 's', username: 'acme_support', password: 'pw', userAgent: 'web:earshot-roots:0.1.0 (by /u/acme_support)' },
        stream: { kind: 'search', query: 'acme' },
        pageSize: 50,
      }),
      seed: (s) => s.control.seed({ platform: 'reddit', count: 3, kind: 't3' }).map((p) => p.id),
    },
    x: {
      make: () => createXConnector(),
      source: (baseUrl) => ({
        sourceKey: 'x:search:acme',
        baseUrl,
        credentials: { bearerToken: 'a', userAccessToken: 'u' },
        stream: { kind: 'search', query: 'acme' },
        pageSize: 50,
      }),
      seed: (s) => s.control.seed({ platform: 'x', count: 3 }).map((p) => p.id),
    },
    rss: {
      make: () => createRssConnector(),
      source: (baseUrl) => ({ sourceKey: 'rss:blogs', baseUrl, credentials: {}, stream: { kind: 'feed', query: 'feed.xml' } }),
      seed: (s) => s.control.seed({ platform: 'rss', count: 3 }).map((p) => p.id),
    },
  };

  it.each(SIM_PLATFORMS)('our %s connector polls the root URL as its base URL', async (platform) => {
    sim = await createSocialSim({ evalDir: null });
    const c = connectors[platform];
    const seeded = c.seed(sim);
    const r = await c.make().poll(c.source(sim.rootUrls[platform]!), null, AbortSignal.timeout(10_000));
    expect(r.mentions.map((m) => m.externalId).sort()).toEqual([...seeded].sort());
  });
});
