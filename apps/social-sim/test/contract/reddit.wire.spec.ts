/**
 * Reddit as an unmodified client (PRAW, snoowrap) calls it on oauth.reddit.com: subreddit search,
 * r/all listings, a submission with its comments, the inbox, the author, reply and delete, with the
 * documented bodies and headers, under the prefix and at the root of the platform's own port.
 */
import { createSocialSim, type SocialSim } from '../../src/index.js';
import { baseOf, call, VIA } from './wire.js';

const UA = { 'user-agent': 'script:earshot-wire-spec:0.1 (by /u/acme_support)' };

async function token(base: string, grant: Record<string, string>): Promise<Record<string, string>> {
  const r = await call(base, 'POST', '/api/v1/access_token', {
    headers: { ...UA, authorization: `Basic ${Buffer.from('sim-client:sim-secret').toString('base64')}` },
    form: grant,
  });
  expect(r.json).toMatchObject({ access_token: expect.any(String), token_type: 'bearer', expires_in: expect.any(Number) });
  return { ...UA, authorization: `Bearer ${r.json.access_token as string}` };
}

type Listing = { kind: string; data: { after: string | null; children: { kind: string; data: Record<string, unknown> }[] } };
const names = (l: Listing): string[] => l.data.children.map((c) => c.data['name'] as string);

describe.each(VIA)('Reddit wire (%s)', (via) => {
  let sim: SocialSim;
  let base: string;
  let user: Record<string, string>;
  beforeEach(async () => {
    sim = await createSocialSim({ seed: 5, evalDir: null });
    base = baseOf(sim, 'reddit', via);
    user = await token(base, { grant_type: 'password', username: 'acme_support', password: 'pw' });
  });
  afterEach(async () => {
    await sim.close();
  });

  it('GET /r/{sub}/search: restrict_sr keeps to the subreddit, without it the search is site-wide', async () => {
    const gadgets = sim.control.seed({ platform: 'reddit', count: 3, kind: 't3', subreddit: 'gadgets' }).map((p) => p.id);
    const tech = sim.control.seed({ platform: 'reddit', count: 2, kind: 't3', subreddit: 'tech' }).map((p) => p.id);
    const r = await call(base, 'GET', '/r/gadgets/search?q=acme&restrict_sr=1&sort=new&raw_json=1', { headers: user });
    expect(r.status).toBe(200);
    expect(r.json.kind).toBe('Listing');
    expect(names(r.json as Listing).sort()).toEqual([...gadgets].sort());
    // PRAW sends restrict_sr=True.
    expect(names((await call(base, 'GET', '/r/tech/search?q=acme&restrict_sr=True', { headers: user })).json as Listing).sort()).toEqual([...tech].sort());
    expect(names((await call(base, 'GET', '/r/tech/search?q=acme', { headers: user })).json as Listing)).toHaveLength(5);
    expect(names((await call(base, 'GET', '/r/gadgets+tech/search?q=acme&restrict_sr=on', { headers: user })).json as Listing)).toHaveLength(5);
    expect(r.headers['x-ratelimit-remaining']).toMatch(/^\d+\.0$/);
  });

  it('GET /r/all/new and /r/all/comments list every subreddit, newest first; /r/a+b/new both', async () => {
    const a = sim.control.seed({ platform: 'reddit', count: 2, kind: 't3', subreddit: 'gadgets' }).map((p) => p.id);
    const b = sim.control.seed({ platform: 'reddit', count: 2, kind: 't3', subreddit: 'tech' }).map((p) => p.id);
    const c = sim.control.seed({ platform: 'reddit', count: 2, kind: 't1', subreddit: 'tech' }).map((p) => p.id);
    const all = await call(base, 'GET', '/r/all/new?limit=100', { headers: user });
    expect(all.status).toBe(200);
    expect(names(all.json as Listing).filter((n) => [...a, ...b].includes(n))).toEqual([...b.reverse(), ...a.reverse()]);
    expect(names((await call(base, 'GET', '/r/all/comments', { headers: user })).json as Listing)).toEqual([...c].reverse());
    expect(names((await call(base, 'GET', '/r/gadgets+tech/new', { headers: user })).json as Listing)).toHaveLength(4 + 1); // + the weekly thread the comments hang under
    expect((await call(base, 'GET', '/r/all/hot', { headers: user })).status).toBe(200);
  });

  it('a submission with its comment tree (/comments/{id}), reply into it, delete the reply (/api/del)', async () => {
    const [post] = sim.control.seed({ platform: 'reddit', count: 1, kind: 't3' });
    const id = post!.id.slice(3);
    const before = await call(base, 'GET', `/comments/${id}?raw_json=1`, { headers: user });
    expect(before.status).toBe(200);
    expect(before.json).toHaveLength(2);
    expect(names(before.json[0] as Listing)).toEqual([post!.id]);
    expect((before.json[1] as Listing).data.children).toEqual([]);

    const reply = await call(base, 'POST', '/api/comment', { headers: user, form: { api_type: 'json', thing_id: post!.id, text: 'Sorry about that, DM us?' } });
    expect(reply.json.json.errors).toEqual([]);
    const comment = reply.json.json.data.things[0].data as { name: string; id: string; parent_id: string };
    expect(comment.parent_id).toBe(post!.id);
    const permalinkPath = `/r/gadgets/comments/${id}/slug/${comment.id}`;
    const after = await call(base, 'GET', `/r/gadgets/comments/${id}`, { headers: user });
    expect(names(after.json[1] as Listing)).toEqual([comment.name]);
    expect((after.json[1] as Listing).data.children[0]!.data).toMatchObject({ body: 'Sorry about that, DM us?', depth: 0, replies: '' });
    const focused = await call(base, 'GET', permalinkPath, { headers: user });
    expect(names(focused.json[1] as Listing)).toEqual([comment.name]);

    const del = await call(base, 'POST', '/api/del', { headers: user, form: { id: comment.name } });
    expect(del.status).toBe(200);
    expect(del.json).toEqual({});
    const info = await call(base, 'GET', `/api/info?id=${comment.name}`, { headers: user });
    expect((info.json as Listing).data.children[0]!.data).toMatchObject({ author: '[deleted]', body: '[deleted]' });
    expect(sim.control.replies('reddit')[0]!.deletedAt).toEqual(expect.any(String));
    // Someone else's submission: answered {} and left alone.
    expect((await call(base, 'POST', '/api/del', { headers: user, form: { id: post!.id } })).json).toEqual({});
    expect((await call(base, 'GET', `/api/info?id=${post!.id}`, { headers: user })).json.data.children[0].data.author).not.toBe('[deleted]');
    const missing = await call(base, 'GET', '/comments/zzzzzz', { headers: user });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ message: 'Not Found', error: 404 });
  });

  it('the inbox: /message/mentions lists comments mentioning the account (user context only)', async () => {
    const comments = sim.control.seed({ platform: 'reddit', count: 2, kind: 't1' }).map((p) => p.id);
    const r = await call(base, 'GET', '/message/mentions?raw_json=1', { headers: user });
    expect(r.status).toBe(200);
    expect(names(r.json as Listing)).toEqual([...comments].reverse());
    expect((r.json as Listing).data.children[0]).toMatchObject({
      kind: 't1',
      data: { type: 'username_mention', was_comment: true, dest: 'acme_support', new: true },
    });
    const app = await token(base, { grant_type: 'client_credentials' });
    const denied = await call(base, 'GET', '/message/mentions', { headers: app });
    expect(denied.status).toBe(403);
    expect(denied.json).toEqual({ message: 'Forbidden', error: 403 });
  });

  it("the author's profile (/user/{name}/about) and the signed-in account (/api/v1/me)", async () => {
    const [post] = sim.control.seed({ platform: 'reddit', count: 1, kind: 't3' });
    const author = (await call(base, 'GET', `/api/info?id=${post!.id}`, { headers: user })).json.data.children[0].data.author as string;
    const about = await call(base, 'GET', `/user/${author}/about`, { headers: user });
    expect(about.status).toBe(200);
    expect(about.json).toMatchObject({ kind: 't2', data: { name: author, total_karma: expect.any(Number), created_utc: expect.any(Number) } });
    expect((await call(base, 'GET', '/user/nobody_at_all/about', { headers: user })).json).toEqual({ message: 'Not Found', error: 404 });
    expect((await call(base, 'GET', '/api/v1/me', { headers: user })).json).toMatchObject({ name: 'acme_support' });
  });

  it('401 without a token, the HTML 429 for a default User-Agent', async () => {
    const no = await call(base, 'GET', '/r/all/new', { headers: UA });
    expect(no.status).toBe(401);
    expect(no.json).toEqual({ message: 'Unauthorized', error: 401 });
    const bot = await call(base, 'GET', '/r/all/new', { headers: { 'user-agent': 'python-requests/2.31' } });
    expect(bot.status).toBe(429);
    expect(bot.headers['content-type']).toMatch(/^text\/html/);
  });
});
