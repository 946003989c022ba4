/**
 * X API v2 as an unmodified client (twitter-api-v2, tweepy) calls it: expansions that put their
 * field in `data`, tweet and user lookups with partial errors in a 200, the thread by
 * `conversation_id:`, reply and delete, with the documented problem bodies and headers, under the
 * prefix and at the root of the platform's own port.
 */
import { createSocialSim, type SocialSim } from '../../src/index.js';
import { baseOf, call, VIA } from './wire.js';

const AUTH = { authorization: 'Bearer sim-user-token' };
const NOT_FOUND_TYPE = 'https://api.twitter.com/2/problems/resource-not-found';

describe.each(VIA)('X wire (%s)', (via) => {
  let sim: SocialSim;
  let base: string;
  beforeEach(async () => {
    sim = await createSocialSim({ seed: 5, evalDir: null });
    base = baseOf(sim, 'x', via);
  });
  afterEach(async () => {
    await sim.close();
  });

  it('expansions=author_id puts author_id in every tweet, so a client can join includes.users', async () => {
    sim.control.seed({ platform: 'x', count: 12 });
    for (const path of [
      '/2/tweets/search/recent?query=acme&max_results=10&expansions=author_id',
      '/2/users/783214/mentions?expansions=author_id&user.fields=public_metrics',
    ]) {
      const r = await call(base, 'GET', path, { headers: AUTH });
      expect(r.status).toBe(200);
      const users = new Map((r.json.includes.users as { id: string; username: string }[]).map((u) => [u.id, u]));
      expect(r.json.data.length).toBeGreaterThan(0);
      for (const t of r.json.data as { author_id?: string }[]) {
        expect(t.author_id).toEqual(expect.any(String));
        expect(users.get(t.author_id!)?.username).toEqual(expect.any(String));
      }
    }
    // Without the expansion (and without tweet.fields=author_id), the default fields only.
    const plain = await call(base, 'GET', '/2/tweets/search/recent?query=acme', { headers: AUTH });
    expect(Object.keys(plain.json.data[0] as object).sort()).toEqual(['edit_history_tweet_ids', 'id', 'text']);
    expect(plain.json.includes).toBeUndefined();
  });

  it('a tweet by id (with expansions), and the not-found partial error inside a 200', async () => {
    const [post] = sim.control.seed({ platform: 'x', count: 1 });
    const one = await call(base, 'GET', `/2/tweets/${post!.id}?expansions=author_id&tweet.fields=created_at`, { headers: AUTH });
    expect(one.status).toBe(200);
    expect(one.json.data).toMatchObject({ id: post!.id, author_id: expect.any(String), created_at: post!.createdAt });
    expect(one.json.includes.users[0].id).toBe(one.json.data.author_id);
    const missing = await call(base, 'GET', '/2/tweets/1460323737035677698', { headers: AUTH });
    expect(missing.status).toBe(200);
    expect(missing.json).toEqual({
      errors: [
        {
          value: '1460323737035677698',
          detail: 'Could not find tweet with id: [1460323737035677698].',
          title: 'Not Found Error',
          resource_type: 'tweet',
          parameter: 'id',
          resource_id: '1460323737035677698',
          type: NOT_FOUND_TYPE,
        },
      ],
    });
    const many = await call(base, 'GET', `/2/tweets?ids=${post!.id},1460323737035677698`, { headers: AUTH });
    expect(many.json.data.map((t: { id: string }) => t.id)).toEqual([post!.id]);
    expect(many.json.errors[0]).toMatchObject({ resource_id: '1460323737035677698', parameter: 'ids', type: NOT_FOUND_TYPE });
    const bad = await call(base, 'GET', '/2/tweets?ids=', { headers: AUTH });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ title: 'Invalid Request', type: 'https://api.twitter.com/2/problems/invalid-request' });
  });

  it('the author: /2/users/:id and /2/users/by/username/:username with user.fields; the signed-in user with /2/users/me', async () => {
    const [post] = sim.control.seed({ platform: 'x', count: 1 });
    const authorId = (await call(base, 'GET', `/2/tweets/${post!.id}?tweet.fields=author_id`, { headers: AUTH })).json.data.author_id as string;
    const user = await call(base, 'GET', `/2/users/${authorId}?user.fields=public_metrics,profile_image_url`, { headers: AUTH });
    expect(user.json.data).toMatchObject({
      id: authorId,
      username: expect.any(String),
      public_metrics: { followers_count: expect.any(Number) },
      profile_image_url: expect.any(String),
    });
    const byName = await call(base, 'GET', `/2/users/by/username/${user.json.data.username as string}`, { headers: AUTH });
    expect(byName.json.data.id).toBe(authorId);
    const gone = await call(base, 'GET', '/2/users/by/username/nobody_here', { headers: AUTH });
    expect(gone.json.errors[0]).toMatchObject({ title: 'Not Found Error', resource_type: 'user', parameter: 'username', value: 'nobody_here' });
    const me = await call(base, 'GET', '/2/users/me?user.fields=public_metrics', { headers: AUTH });
    expect(me.json.data).toMatchObject({ id: '783214', username: 'acme', public_metrics: { followers_count: expect.any(Number) } });
  });

  it('reply, read the thread (conversation_id: search, referenced_tweets.id expansion), delete the own reply', async () => {
    const [post] = sim.control.seed({ platform: 'x', count: 1 });
    const reply = await call(base, 'POST', '/2/tweets', {
      headers: AUTH,
      json: { text: 'Sorry about that, DM us?', reply: { in_reply_to_tweet_id: post!.id } },
    });
    expect(reply.status).toBe(201);
    const id = reply.json.data.id as string;
    const thread = await call(
      base,
      'GET',
      `/2/tweets/search/recent?query=${encodeURIComponent(`conversation_id:${post!.id}`)}&tweet.fields=in_reply_to_user_id,author_id&expansions=referenced_tweets.id`,
      { headers: AUTH },
    );
    const replyTweet = (thread.json.data as { id: string }[]).find((t) => t.id === id);
    expect(replyTweet).toMatchObject({ author_id: '783214', referenced_tweets: [{ type: 'replied_to', id: post!.id }] });
    expect(thread.json.includes.tweets.map((t: { id: string }) => t.id)).toContain(post!.id);
    const mine = await call(base, 'GET', `/2/tweets/search/recent?query=${encodeURIComponent('from:acme')}`, { headers: AUTH });
    expect(mine.json.data.map((t: { id: string }) => t.id)).toEqual([id]);

    const del = await call(base, 'DELETE', `/2/tweets/${id}`, { headers: AUTH });
    expect(del.status).toBe(200);
    expect(del.json).toEqual({ data: { deleted: true } });
    expect((await call(base, 'GET', `/2/tweets/${id}`, { headers: AUTH })).json.errors[0].type).toBe(NOT_FOUND_TYPE);
    expect(sim.control.replies('x')[0]!.deletedAt).toEqual(expect.any(String));
    const other = await call(base, 'DELETE', `/2/tweets/${post!.id}`, { headers: AUTH });
    expect(other.status).toBe(403);
    expect(other.json).toMatchObject({ title: 'Forbidden', status: 403, type: 'about:blank' });
  });

  it('a deleted referenced tweet becomes a partial error next to data', async () => {
    const [post] = sim.control.seed({ platform: 'x', count: 1 });
    const reply = await call(base, 'POST', '/2/tweets', { headers: AUTH, json: { text: 'We are on it', reply: { in_reply_to_tweet_id: post!.id } } });
    sim.control.deletePosts('x', { ids: [post!.id] });
    const r = await call(base, 'GET', `/2/tweets/${reply.json.data.id as string}?expansions=referenced_tweets.id`, { headers: AUTH });
    expect(r.status).toBe(200);
    expect(r.json.data.referenced_tweets).toEqual([{ type: 'replied_to', id: post!.id }]);
    expect(r.json.errors).toEqual([expect.objectContaining({ resource_id: post!.id, parameter: 'referenced_tweets.id', title: 'Not Found Error' })]);
  });

  it('401 problem body without a token; rate-limit headers in epoch seconds on every answer', async () => {
    const no = await call(base, 'GET', '/2/users/me');
    expect(no.status).toBe(401);
    expect(no.json).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    const ok = await call(base, 'GET', '/2/users/me', { headers: AUTH });
    expect(ok.headers['x-rate-limit-limit']).toBe('450');
    expect(Number(ok.headers['x-rate-limit-reset'])).toBeGreaterThan(Date.now() / 1000);
  });
});
