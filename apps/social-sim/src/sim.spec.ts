import { createSocialSim, type SocialSim } from './sim.js';
import { loadCorpus } from './data/corpus.js';

async function call(sim: SocialSim, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('social-sim control API', () => {
  let sim: SocialSim;
  beforeEach(async () => {
    sim = await createSocialSim({ seed: 3 });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('listens on loopback and documents the base URLs', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { json } = await call(sim, 'GET', '/_control');
    expect(json['baseUrls']).toEqual({
      mastodon: `${sim.url}/mastodon`,
      bluesky: `${sim.url}/bluesky`,
      reddit: `${sim.url}/reddit`,
      x: `${sim.url}/x`,
      rss: `${sim.url}/rss`,
    });
  });

  it('seeds realistic posts with the brand rewritten, lists and deletes them', async () => {
    const { status, json } = await call(sim, 'POST', '/_control/posts', { platform: 'x', count: 20 });
    expect(status).toBe(201);
    const posts = json['posts'] as { id: string; text: string }[];
    expect(posts).toHaveLength(20);
    for (const p of posts) {
      expect(p.id).toMatch(/^\d{19}$/);
      expect(p.text.toLowerCase()).toContain('acme');
      expect(p.text).not.toMatch(/lorem/i);
    }
    const ids = (await call(sim, 'GET', '/_control/posts?platform=x')).json['ids'] as string[];
    expect(ids).toEqual(posts.map((p) => p.id));
    const del = await call(sim, 'POST', '/_control/posts/delete', { platform: 'x', ids: [posts[0]!.id] });
    expect(del.json['deleted']).toEqual([posts[0]!.id]);
    expect((await call(sim, 'GET', '/_control/posts?platform=x')).json['ids']).toHaveLength(19);
  });

  it('injects a fault for the next N matching requests, then clears', async () => {
    const added = await call(sim, 'POST', '/_control/faults', { kind: 'server_error', platform: 'x', path: '/2/tweets/search/recent', times: 2, status: 502 });
    expect(added.status).toBe(201);
    const get = (): Promise<Response> => fetch(`${sim.url}/x/2/tweets/search/recent?query=acme`, { headers: { authorization: 'Bearer t' } });
    expect((await get()).status).toBe(502);
    expect((await get()).status).toBe(502);
    expect((await get()).status).toBe(200);
    await call(sim, 'POST', '/_control/faults', { kind: 'rate_limit', platform: 'x', times: 0 });
    expect((await get()).status).toBe(429);
    await call(sim, 'DELETE', '/_control/faults');
    expect((await get()).status).toBe(200);
    const log = (await call(sim, 'GET', '/_control/requests?platform=x')).json['requests'] as { status: number; fault: string | null }[];
    expect(log.map((e) => e.status)).toEqual([502, 502, 200, 429, 200]);
  });

  it('rejects unknown control input', async () => {
    expect((await call(sim, 'POST', '/_control/scenario', { name: 'party' })).status).toBe(400);
    expect((await call(sim, 'POST', '/_control/faults', { kind: 'meteor' })).status).toBe(400);
    expect((await call(sim, 'GET', '/_control/posts')).status).toBe(400);
  });

  it('plays the steady scenario and resets', async () => {
    await call(sim, 'POST', '/_control/scenario', { name: 'steady', intervalMs: 50, initialPosts: 2 });
    const state = (await call(sim, 'GET', '/_control/state')).json as { posts: Record<string, { visible: number }> };
    expect(state.posts['mastodon']!.visible).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 400));
    const total = (s: { posts: Record<string, { visible: number }> }): number => Object.values(s.posts).reduce((n, p) => n + p.visible, 0);
    const later = (await call(sim, 'GET', '/_control/state')).json as { posts: Record<string, { visible: number }> };
    expect(total(later)).toBeGreaterThan(10);
    await call(sim, 'POST', '/_control/reset');
    expect(total((await call(sim, 'GET', '/_control/state')).json as { posts: Record<string, { visible: number }> })).toBe(0);
  });

  it('crisis: a burst of negative posts about one topic', () => {
    sim.control.setScenario({ name: 'crisis', initialPosts: 0, intervalMs: 60_000, crisisDelayMs: 0, crisisCount: 3, crisisDurationMs: 30 });
    expect(sim.control.scenario()).toMatchObject({ name: 'crisis' });
    sim.control.setScenario('none');
  });

  it('same seed, same posts', async () => {
    const other = await createSocialSim({ seed: 3 });
    try {
      expect(other.control.seed({ platform: 'mastodon', count: 5 }).map((p) => p.text)).toEqual(
        sim.control.seed({ platform: 'mastodon', count: 5 }).map((p) => p.text),
      );
    } finally {
      await other.close();
    }
  });
});

describe('corpus', () => {
  it('falls back to the bundled real posts when shared/eval is absent', () => {
    const c = loadCorpus({ handle: 'acme', name: 'Acme' }, '/nonexistent');
    expect(c.origin).toBe('bundled');
    expect(c.posts).toHaveLength(200);
    expect(c.posts.every((p) => /acme/i.test(p.text) && !/amazon/i.test(p.text))).toBe(true);
  });
});
