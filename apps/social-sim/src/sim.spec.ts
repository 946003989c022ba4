import { createSocialSim, type SocialSim } from './sim.js';
import { loadCorpus } from './data/corpus.js';
import { createHistoryModel } from './history.js';

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

describe('the live stream after a history', () => {
  const HOUR = 3_600_000;
  // A Wednesday, 07:00 UTC: the history's month ends here, the live stream starts here.
  const T0 = Date.parse('2026-11-18T07:00:00Z');
  let sim: SocialSim;
  beforeEach(async () => {
    sim = await createSocialSim({ seed: 3 });
    sim.control.setClock(T0);
  });
  afterEach(async () => {
    await sim.close();
  });

  const visible = (): Record<string, number> => Object.fromEntries(Object.entries(sim.control.state().posts).map(([p, x]) => [p, x.visible]));
  const sum = (r: Record<string, number>): number => Object.values(r).reduce((n, x) => n + x, 0);
  /** Moves the sim clock and waits until the stream has filled the skipped time (it looks at the clock every second). */
  async function advance(ms: number): Promise<void> {
    sim.control.advanceClock(ms);
    const target = Date.parse((await clockNow()).now);
    for (let i = 0; i < 100; i++) {
      const live = sim.control.scenario().live;
      if (live?.kind === 'history' && Date.parse(live.through) >= target) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the live stream did not catch up with the clock within 10 s');
  }
  const clockNow = async (): Promise<{ now: string }> =>
    (await (await fetch(`${sim.url}/_control/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as {
      now: string;
    };

  it("continues the history's rhythm and level on the sim clock: no initial burst, the history's platforms, more at the afternoon peak", async () => {
    const options = { days: 7, perDay: 600, seed: 5 };
    sim.control.history(options);
    const history = visible();
    sim.control.setScenario('steady');
    const live = sim.control.scenario().live;
    // The model's posts an hour at 07:00 on that Wednesday: 0.55 of the weekday rhythm × 600 / 19.65 × the day's wobble.
    const model = createHistoryModel(loadCorpus({ handle: 'acme', name: 'Acme' }), options);
    expect(live).toMatchObject({ kind: 'history', perDay: 600, postsPerHourNow: Math.round(model.postsPerHour(T0) * 10) / 10 });
    expect(model.level(T0)).toBeCloseTo((0.55 * 600) / 19.65, 9);
    expect(sum(visible())).toBe(sum(history)); // no initial posts: the history is the recent past

    const counts: number[] = [];
    for (let h = 0; h < 10; h++) {
      const before = sum(visible());
      await advance(HOUR);
      counts.push(sum(visible()) - before);
    }
    // Expected posts per hour, 07:00–17:00 UTC, from the same model the history was made with.
    const expected = counts.map((_, h) => model.postsPerHour(T0 + h * HOUR + HOUR / 2));
    const total = counts.reduce((n, x) => n + x, 0);
    const mean = expected.reduce((n, x) => n + x, 0);
    process.stdout.write(`live after history: ${counts.join(', ')} posts an hour from 07:00 UTC (model ${expected.map((x) => x.toFixed(0)).join(', ')})\n`);
    expect(Math.abs(total - mean)).toBeLessThan(4 * Math.sqrt(mean));
    // The 07:00 hour against the 14:00–16:00 peak (0.55 vs 1.55–1.6 of the rhythm).
    expect((counts[7]! + counts[8]!) / 2).toBeGreaterThan(counts[0]! * 1.5);
    const now = visible();
    expect(now['rss']).toBe(0);
    for (const p of ['mastodon', 'bluesky', 'reddit', 'x']) expect(now[p]!).toBeGreaterThan(history[p] ?? 0);
    // Each post at its own time on the sim clock, after the history's end.
    const newest = sim.control.seed({ platform: 'mastodon', count: 1 })[0]!;
    expect(Date.parse(newest.createdAt)).toBeGreaterThanOrEqual(T0 + 10 * HOUR);
  }, 60_000);

  it('keeps the flat stream for an explicit intervalMs, and after a reset; a crisis still bursts over the rhythm', async () => {
    sim.control.history({ days: 2, perDay: 200, seed: 5 });
    sim.control.setScenario({ name: 'steady', intervalMs: 50, initialPosts: 0 });
    expect(sim.control.scenario().live).toEqual({ kind: 'interval', intervalMs: 50 });
    sim.control.setScenario({ name: 'crisis', crisisDelayMs: 0, crisisCount: 5, crisisDurationMs: 50, topic: 'nope' });
    expect(sim.control.scenario().live).toMatchObject({ kind: 'history', perDay: 200 });
    await new Promise((r) => setTimeout(r, 400));
    expect(sim.control.scenario().crisisEmitted).toBe(5);
    expect(visible()['rss']).toBe(0);
    sim.control.reset();
    expect(sim.control.scenario().live).toBeNull();
    sim.control.setScenario('steady');
    expect(sim.control.scenario().live).toEqual({ kind: 'interval', intervalMs: 4000 });
    sim.control.setScenario('none');
  });

  it('a history seeded while the steady scenario plays re-paces its stream', () => {
    sim.control.setScenario({ name: 'steady', initialPosts: 0 });
    expect(sim.control.scenario().live).toEqual({ kind: 'interval', intervalMs: 4000 });
    sim.control.history({ days: 1, perDay: 300 });
    expect(sim.control.scenario().live).toMatchObject({ kind: 'history', perDay: 300 });
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

describe('a competitor (opt-in: SOCIAL_SIM_COMPETITOR under the CLI)', () => {
  const globex = { handle: 'globex', name: 'Globex' };
  const names = (text: string): 'brand' | 'competitor' | 'both' | 'neither' => {
    const [a, g] = [/acme/i.test(text), /globex/i.test(text)];
    return a && g ? 'both' : a ? 'brand' : g ? 'competitor' : 'neither';
  };
  const get = async <T>(url: string, headers: Record<string, string> = { authorization: 'Bearer t' }): Promise<T> => {
    const res = await fetch(url, { headers });
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it('is off in-process by default: every post names the brand alone', async () => {
    const sim = await createSocialSim({ seed: 9 });
    try {
      expect(sim.control.state().competitor).toBeNull();
      // (Reddit's short submissions keep their text in the title.)
      const posts = (['mastodon', 'bluesky', 'x', 'rss'] as const).flatMap((platform) => sim.control.seed({ platform, count: 100 }));
      expect(new Set(posts.map((p) => names(p.text)))).toEqual(new Set(['brand']));
    } finally {
      await sim.close();
    }
  });

  it('names the competitor instead of the brand in about 25 % of posts and both in about 4 %; otherwise the same posts as the same seed without it', async () => {
    const plain = await createSocialSim({ seed: 9 });
    const rival = await createSocialSim({ seed: 9, competitor: globex });
    try {
      expect(rival.control.state().competitor).toEqual(globex);
      const a = plain.control.seed({ platform: 'x', count: 2000 });
      const b = rival.control.seed({ platform: 'x', count: 2000 });
      const count = { brand: 0, competitor: 0, both: 0, neither: 0 };
      b.forEach((p, i) => {
        const who = names(p.text);
        count[who]++;
        const before = a[i]!.text;
        // The same text as without a competitor; only the brand it names differs.
        if (who === 'brand') expect(p.text).toBe(before);
        if (who === 'competitor') expect(p.text.replace(/globex/gi, 'acme').toLowerCase()).toBe(before.toLowerCase());
        if (who === 'both') expect(p.text.replace(' @globex', '')).toBe(before);
      });
      process.stdout.write(`competitor: ${JSON.stringify(count)} of 2000 posts\n`);
      expect(count.neither).toBe(0);
      expect(count.competitor / 2000).toBeGreaterThan(0.22);
      expect(count.competitor / 2000).toBeLessThan(0.28);
      expect(count.both / 2000).toBeGreaterThan(0.025);
      expect(count.both / 2000).toBeLessThan(0.06);
      // A given text is not rewritten.
      expect(rival.control.seed({ platform: 'x', count: 50, text: '@acme hello' }).every((p) => p.text === '@acme hello')).toBe(true);
    } finally {
      await plain.close();
      await rival.close();
    }
  });

  it("history and live stream name it too; the brand's notifications and mentions carry only posts that name the brand, searches find the competitor's", async () => {
    const sim = await createSocialSim({ seed: 4, competitor: globex, rateLimits: false });
    try {
      const T0 = Date.parse('2026-11-18T07:00:00Z');
      sim.control.setClock(T0);
      const history = sim.control.history({ days: 3, perDay: 300, seed: 4, incident: null });
      const x = sim.baseUrls.x;
      const pageAll = async (path: string, tokenParam: string): Promise<string[]> => {
        const texts: string[] = [];
        let next: string | undefined;
        do {
          const body = await get<{ data?: Array<{ text: string }>; meta?: { next_token?: string } }>(
            `${x}${path}&max_results=100${next ? `&${tokenParam}=${next}` : ''}`,
          );
          texts.push(...(body.data ?? []).map((t) => t.text));
          next = body.meta?.next_token;
        } while (next);
        return texts;
      };
      const search = (q: string): Promise<string[]> => pageAll(`/2/tweets/search/recent?query=${encodeURIComponent(q)}`, 'next_token');
      const historyGlobex = (await search('globex')).length;
      expect(historyGlobex).toBeGreaterThan(0);
      sim.control.setScenario('steady');
      sim.control.advanceClock(6 * 3_600_000);
      for (let i = 0; i < 100 && Date.parse((sim.control.scenario().live as { through: string }).through) < T0 + 6 * 3_600_000; i++)
        await new Promise((r) => setTimeout(r, 100));
      sim.control.setScenario('none');

      // X: recent search for either brand lists every post; the mentions timeline only those naming @acme.
      const xAll = await search('acme OR globex');
      expect(xAll.length).toBe(sim.control.state().posts.x.visible);
      const xWho = xAll.map(names);
      const share = xWho.filter((w) => w === 'competitor').length / xAll.length;
      process.stdout.write(`competitor on X (history ${history.byPlatform.x} + live): ${xAll.length} posts, ${(share * 100).toFixed(1)} % competitor only\n`);
      expect(share).toBeGreaterThan(0.15);
      expect(share).toBeLessThan(0.35);
      expect(xWho.filter((w) => w === 'both').length).toBeGreaterThan(0);
      const brandId = (await get<{ data: { id: string } }>(`${x}/2/users/by/username/acme`)).data.id;
      const mentions = await pageAll(`/2/users/${brandId}/mentions?tweet.fields=text`, 'pagination_token');
      expect(mentions.length).toBe(xWho.filter((w) => w === 'brand' || w === 'both').length);
      expect(mentions.every((t) => /@acme\b/i.test(t))).toBe(true);
      // Live posts (after T0) name it as well.
      expect(xWho.filter((w) => w === 'competitor' || w === 'both').length).toBeGreaterThan(historyGlobex);

      // Mastodon: notifications are the brand's mentions only (a post naming only @globex is not one).
      const m = sim.baseUrls.mastodon;
      const notes = (await get(`${m}/api/v1/notifications?limit=80`)) as Array<{
        status: { content: string; mentions: unknown[]; tags: Array<{ name: string }> };
      }>;
      expect(notes.length).toBeGreaterThan(0);
      for (const n of notes) expect(n.status.content).toMatch(/acme/i);
      const mastodonIds = sim.control.ids('mastodon');
      expect(mastodonIds.length).toBeLessThan(sim.control.state().posts.mastodon.visible);
      const found = (await get(`${m}/api/v2/search?q=globex&type=statuses&limit=40`)) as {
        statuses: Array<{ content: string; mentions: unknown[]; tags: Array<{ name: string }> }>;
      };
      expect(found.statuses.length).toBeGreaterThan(0);
      for (const s of found.statuses) {
        expect(s.tags.map((t) => t.name)).toContain('globex');
        if (!/acme/i.test(s.content)) expect(s.mentions).toEqual([]);
      }

      // Reddit: search finds the competitor's submissions.
      const r = sim.baseUrls.reddit;
      const ua = { 'user-agent': 'earshot-test/1.0' };
      const tokenRes = await fetch(`${r}/api/v1/access_token`, {
        method: 'POST',
        headers: { ...ua, authorization: `Basic ${Buffer.from('id:secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      });
      const token = ((await tokenRes.json()) as { access_token: string }).access_token;
      const reddit = (await get(`${r}/search?q=globex&limit=100&sort=new`, { ...ua, authorization: `bearer ${token}` })) as {
        data: { children: Array<{ data: { title: string; selftext: string } }> };
      };
      expect(reddit.data.children.length).toBeGreaterThan(0);
      for (const c of reddit.data.children) expect(`${c.data.title} ${c.data.selftext}`).toMatch(/globex/i);
    } finally {
      await sim.close();
    }
  }, 60_000);
});
