/**
 * The listings a reconciling client pages through to find its own reply however many newer posts
 * the account made since (connectors.md §8.4), over plain HTTP as the real APIs take them: X's
 * `GET /2/users/:id/tweets` with `start_time` (second granularity, inclusive), `max_results` 5-100
 * and `pagination_token` = the previous page's `meta.next_token`; Reddit's
 * `/user/<name>/comments?sort=new` with `limit` (at most 100) and `after` = the previous page's
 * `data.after`, `null` at the end.
 */
import { createSocialSim, type SocialSim } from '../../src/index.js';
import { baseOf, call, VIA } from './wire.js';

const X_AUTH = { authorization: 'Bearer sim-user-token' };
const REDDIT_UA = { 'user-agent': 'script:earshot-reconcile-spec:0.1 (by /u/acme_support)' };

describe.each(VIA)('reconcile listings (%s)', (via) => {
  let sim: SocialSim;
  beforeEach(async () => {
    sim = await createSocialSim({ seed: 5, evalDir: null, rateLimits: false });
  });
  afterEach(async () => {
    await sim.close();
  });

  /** `n` tweets of the brand answering one post, each with its own text (X refuses repeated text). */
  async function tweets(base: string, n: number, tag: string): Promise<string[]> {
    const [post] = sim.control.seed({ platform: 'x', count: 1 });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = await call(base, 'POST', '/2/tweets', { headers: X_AUTH, json: { text: `${tag} answer ${i}`, reply: { in_reply_to_tweet_id: post!.id } } });
      expect(r.status).toBe(201);
      ids.push(r.json.data.id as string);
    }
    return ids;
  }

  it('X user tweets: start_time keeps only the tweets since it; pagination_token pages them 100 at a time, newest first, to the end', async () => {
    const base = baseOf(sim, 'x', via);
    const me = (await call(base, 'GET', '/2/users/me', { headers: X_AUTH })).json.data.id as string;
    const older = await tweets(base, 30, 'older');
    sim.control.advanceClock(10 * 60_000);
    const newer = await tweets(base, 130, 'newer');
    // Between the two batches, at second granularity as X documents it.
    const startTime = new Date(Math.floor((Date.now() + 5 * 60_000) / 1000) * 1000).toISOString().replace('.000Z', 'Z');
    const path = `/2/users/${me}/tweets?max_results=100&tweet.fields=referenced_tweets,created_at&start_time=${startTime}`;
    const first = await call(base, 'GET', path, { headers: X_AUTH });
    expect(first.status).toBe(200);
    expect(first.json.meta).toMatchObject({ result_count: 100, next_token: expect.any(String) });
    const second = await call(base, 'GET', `${path}&pagination_token=${encodeURIComponent(first.json.meta.next_token as string)}`, { headers: X_AUTH });
    expect(second.json.meta.result_count).toBe(30);
    expect(second.json.meta.next_token).toBeUndefined();
    const listed = [...first.json.data, ...second.json.data] as { id: string; created_at: string; referenced_tweets: { type: string }[] }[];
    expect(listed.map((t) => t.id)).toEqual([...newer].reverse());
    expect(listed.every((t) => Date.parse(t.created_at) >= Date.parse(startTime) && t.referenced_tweets[0]!.type === 'replied_to')).toBe(true);
    // Without start_time the older ones follow the newer ones.
    const all = await call(base, 'GET', `/2/users/${me}/tweets?max_results=100`, { headers: X_AUTH });
    const page2 = await call(base, 'GET', `/2/users/${me}/tweets?max_results=100&pagination_token=${all.json.meta.next_token as string}`, { headers: X_AUTH });
    expect([...all.json.data, ...page2.json.data].map((t: { id: string }) => t.id)).toEqual([...older, ...newer].reverse());
  });

  it('X user tweets: a token only continues the listing it came from; max_results outside 5-100 and a bad start_time are 400 invalid-request', async () => {
    const base = baseOf(sim, 'x', via);
    const me = (await call(base, 'GET', '/2/users/me', { headers: X_AUTH })).json.data.id as string;
    await tweets(base, 12, 'some');
    const first = await call(base, 'GET', `/2/users/${me}/tweets?max_results=5`, { headers: X_AUTH });
    const token = first.json.meta.next_token as string;
    const other = await call(base, 'GET', `/2/users/${me}/tweets?max_results=5&start_time=2026-01-01T00:00:00Z&pagination_token=${token}`, { headers: X_AUTH });
    expect(other.status).toBe(400);
    expect(other.json.type).toBe('https://api.twitter.com/2/problems/invalid-request');
    for (const q of ['max_results=4', 'max_results=101', 'max_results=100&start_time=yesterday']) {
      const r = await call(base, 'GET', `/2/users/${me}/tweets?${q}`, { headers: X_AUTH });
      expect({ q, status: r.status, type: r.json.type }).toEqual({ q, status: 400, type: 'https://api.twitter.com/2/problems/invalid-request' });
    }
  });

  it('Reddit user comments: newest first, limit at most 100, after = the last fullname of the page until data.after is null; no item twice', async () => {
    const base = baseOf(sim, 'reddit', via);
    const token = await call(base, 'POST', '/api/v1/access_token', {
      headers: { ...REDDIT_UA, authorization: `Basic ${Buffer.from('sim-client:sim-secret').toString('base64')}` },
      form: { grant_type: 'password', username: 'acme_support', password: 'pw' },
    });
    const auth = { ...REDDIT_UA, authorization: `Bearer ${token.json.access_token as string}` };
    const [post] = sim.control.seed({ platform: 'reddit', count: 1 });
    const made: string[] = [];
    for (let i = 0; i < 130; i++) {
      const r = await call(base, 'POST', '/api/comment', { headers: auth, form: { api_type: 'json', thing_id: post!.id, text: `Answer ${i}` } });
      made.push(r.json.json.data.things[0].data.name as string);
    }
    const me = (await call(base, 'GET', '/api/v1/me', { headers: auth })).json.name as string;
    const pages: { after: string | null; children: { data: { name: string; created_utc: number } }[] }[] = [];
    let after: string | null = null;
    do {
      const r = await call(base, 'GET', `/user/${me}/comments?sort=new&limit=500&raw_json=1${after ? `&after=${after}` : ''}`, { headers: auth });
      expect(r.json.kind).toBe('Listing');
      pages.push(r.json.data);
      after = r.json.data.after as string | null;
    } while (after && pages.length < 5);
    expect(pages.map((p) => p.children.length)).toEqual([100, 30]);
    expect(pages[0]!.after).toBe(pages[0]!.children[99]!.data.name);
    const listed = pages.flatMap((p) => p.children.map((c) => c.data));
    expect(listed.map((c) => c.name)).toEqual([...made].reverse());
    expect(listed.every((c, i) => i === 0 || c.created_utc <= listed[i - 1]!.created_utc)).toBe(true);
  });
});
