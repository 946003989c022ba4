/**
 * Reply writes as the platforms treat repeats and failures (connectors.md §8.4), over plain HTTP:
 * Mastodon's Idempotency-Key (per account, one hour), Bluesky's putRecord on a fixed rkey, and
 * X and Reddit, which have no key, listing the reply where a reconciling client looks for it. The
 * faults act on reply writes too, before or after the write is applied, and `/_control/replies`
 * shows every post as made, duplicates included, each linked to its request in the request log.
 */
import { createSocialSim, type SimPlatform, type SocialSim } from '../../src/index.js';
import { call, type WireResponse } from './wire.js';

type Auth = Record<string, string>;

interface Writer {
  platform: Exclude<SimPlatform, 'rss'>;
  /** The reply endpoint's path (fault targeting). */
  writePath: string;
  auth(base: string): Promise<Auth>;
  /** One reply attempt; `key` is the idempotency key where the platform has one. */
  post(base: string, auth: Auth, parentId: string, text: string, key: string, signal?: AbortSignal): Promise<Response>;
  /** Whether the platform accepted the write (Reddit's errors come inside a 200). */
  accepted(status: number, body: unknown): boolean;
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const REDDIT_UA = { 'user-agent': 'script:earshot-replies-spec:0.1 (by /u/acme_support)' };

/** A deterministic TID-shaped rkey per key, as the connector derives one. */
function rkeyOf(key: string): string {
  const S32 = '234567abcdefghijklmnopqrstuvwxyz';
  let h = 0n;
  for (const ch of key) h = (h * 131n + BigInt(ch.charCodeAt(0))) & 0x7fffffffffffffffn;
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(h & 31n)] + out;
    h >>= 5n;
  }
  return out;
}

const WRITERS: Writer[] = [
  {
    platform: 'mastodon',
    writePath: '/api/v1/statuses',
    auth: async () => ({ authorization: 'Bearer sim-user-token' }),
    post: (base, auth, parentId, text, key, signal) =>
      fetch(`${base}/api/v1/statuses`, {
        ...json({ status: text, in_reply_to_id: parentId, visibility: 'public' }),
        headers: { 'content-type': 'application/json', 'idempotency-key': key, ...auth },
        signal,
      }),
    accepted: (status) => status === 200,
  },
  {
    platform: 'bluesky',
    writePath: '/xrpc/com.atproto.repo.putRecord',
    auth: async (base) => {
      const r = await call(base, 'POST', '/xrpc/com.atproto.server.createSession', { json: { identifier: 'acme.bsky.social', password: 'app-password' } });
      return { authorization: `Bearer ${r.json.accessJwt as string}`, 'x-did': r.json.did as string };
    },
    post: (base, auth, parentId, text, key, signal) =>
      fetch(`${base}/xrpc/com.atproto.repo.putRecord`, {
        ...json({
          repo: auth['x-did'],
          collection: 'app.bsky.feed.post',
          rkey: rkeyOf(key),
          record: { $type: 'app.bsky.feed.post', text, createdAt: '2026-12-05T10:00:00.000Z', reply: { root: { uri: parentId }, parent: { uri: parentId } } },
        }),
        headers: { 'content-type': 'application/json', authorization: auth['authorization']! },
        signal,
      }),
    accepted: (status) => status === 200,
  },
  {
    platform: 'reddit',
    writePath: '/api/comment',
    auth: async (base) => {
      const r = await call(base, 'POST', '/api/v1/access_token', {
        headers: { ...REDDIT_UA, authorization: `Basic ${Buffer.from('sim-client:sim-secret').toString('base64')}` },
        form: { grant_type: 'password', username: 'acme_support', password: 'pw' },
      });
      return { ...REDDIT_UA, authorization: `Bearer ${r.json.access_token as string}` };
    },
    post: (base, auth, parentId, text, _key, signal) =>
      fetch(`${base}/api/comment`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_type: 'json', thing_id: parentId, text }).toString(),
        signal,
      }),
    accepted: (status, body) => status === 200 && ((body as { json?: { errors?: unknown[] } }).json?.errors?.length ?? 1) === 0,
  },
  {
    platform: 'x',
    writePath: '/2/tweets',
    auth: async () => ({ authorization: 'Bearer sim-user-token' }),
    post: (base, auth, parentId, text, _key, signal) =>
      fetch(`${base}/2/tweets`, {
        ...json({ text, reply: { in_reply_to_tweet_id: parentId } }),
        headers: { 'content-type': 'application/json', ...auth },
        signal,
      }),
    accepted: (status) => status === 201,
  },
];

/** What the client saw: an answer, or the connection reset / its own timeout. */
type Outcome = { status: number; body: unknown } | { error: 'reset' | 'timeout' };

async function attempt(p: Promise<Response>): Promise<Outcome> {
  try {
    const res = await p;
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body };
  } catch (err) {
    const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
    return { error: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'reset' };
  }
}

describe.each(WRITERS)('$platform reply writes under faults', (w) => {
  let sim: SocialSim;
  let base: string;
  let auth: Auth;
  let parent: string;
  beforeEach(async () => {
    sim = await createSocialSim({ seed: 5, evalDir: null });
    base = sim.baseUrls[w.platform];
    auth = await w.auth(base);
    parent = sim.control.seed({ platform: w.platform, count: 1 })[0]!.id;
  });
  afterEach(async () => {
    await sim.close();
  });

  const replies = () => sim.control.replies(w.platform);
  const send = (text: string, key: string, signal?: AbortSignal) => attempt(w.post(base, auth, parent, text, key, signal ?? AbortSignal.timeout(10_000)));

  it('a clean reply is accepted, listed once and linked to the request that made it', async () => {
    const out = await send('Sorry about that, a teammate is on it.', 'k-clean');
    expect('status' in out && w.accepted(out.status, out.body)).toBe(true);
    expect(replies()).toHaveLength(1);
    const request = sim.control.requests(w.platform).find((r) => r.id === replies()[0]!.requestId);
    expect(request).toMatchObject({ method: 'POST', path: w.writePath, status: 'status' in out ? out.status : null });
  });

  it('lost_response: the write is applied, then the socket is destroyed', async () => {
    sim.control.addFault({ kind: 'lost_response', platform: w.platform, path: w.writePath });
    expect(await send('Thanks for flagging this.', 'k-lost')).toEqual({ error: 'reset' });
    expect(replies()).toHaveLength(1);
    expect(sim.control.requests(w.platform).find((r) => r.id === replies()[0]!.requestId)).toMatchObject({ fault: 'lost_response', status: -1 });
  });

  it('a 5xx before the write posts nothing; a 5xx after it (afterWrite) leaves the reply posted', async () => {
    sim.control.addFault({ kind: 'server_error', platform: w.platform, path: w.writePath, status: 503 });
    expect(await send('First try.', 'k-5xx-a')).toMatchObject({ status: 503 });
    expect(replies()).toHaveLength(0);
    sim.control.addFault({ kind: 'server_error', platform: w.platform, path: w.writePath, status: 502, afterWrite: true });
    expect(await send('Second try.', 'k-5xx-b')).toMatchObject({ status: 502 });
    expect(replies().map((r) => r.text)).toEqual([expect.stringContaining('Second try.')]);
  });

  it('a 429 posts nothing', async () => {
    sim.control.addFault({ kind: 'rate_limit', platform: w.platform, path: w.writePath, resetInSec: 30 });
    expect(await send('Rate limited.', 'k-429')).toMatchObject({ status: 429 });
    expect(replies()).toHaveLength(0);
  });

  it('hang before the write: the client times out and nothing is posted; after it (afterWrite): the reply is there', async () => {
    sim.control.addFault({ kind: 'hang', platform: w.platform, path: w.writePath });
    expect(await send('Hung before.', 'k-hang-a', AbortSignal.timeout(300))).toEqual({ error: 'timeout' });
    expect(replies()).toHaveLength(0);
    sim.control.addFault({ kind: 'hang', platform: w.platform, path: w.writePath, afterWrite: true });
    expect(await send('Hung after.', 'k-hang-b', AbortSignal.timeout(300))).toEqual({ error: 'timeout' });
    expect(replies().map((r) => r.text)).toEqual([expect.stringContaining('Hung after.')]);
  });

  it('slow with afterWrite: the reply is posted at once and the answer comes late (a client that gave up never hears)', async () => {
    sim.control.addFault({ kind: 'slow', platform: w.platform, path: w.writePath, delayMs: 60_000, afterWrite: true });
    expect(await send('Slow answer.', 'k-slow', AbortSignal.timeout(300))).toEqual({ error: 'timeout' });
    expect(replies()).toHaveLength(1);
    sim.control.addFault({ kind: 'slow', platform: w.platform, path: w.writePath, delayMs: 50, afterWrite: true });
    const late = await send('Slow but answered.', 'k-slow-2');
    expect('status' in late && w.accepted(late.status, late.body)).toBe(true);
    expect(replies()).toHaveLength(2);
  });

  it('an afterWrite fault never matches a read', async () => {
    sim.control.addFault({ kind: 'server_error', platform: w.platform, afterWrite: true, times: 0 });
    const readPath = { mastodon: '/api/v1/instance', bluesky: '/xrpc/com.atproto.server.getSession', reddit: '/api/v1/me', x: '/2/users/me' }[w.platform];
    expect((await call(base, 'GET', readPath, { headers: auth })).status).toBe(200);
  });
});

describe('exactly-once semantics of each platform', () => {
  let sim: SocialSim;
  beforeEach(async () => {
    sim = await createSocialSim({ seed: 5, evalDir: null });
  });
  afterEach(async () => {
    await sim.close();
  });
  const writer = (p: Writer['platform']): Writer => WRITERS.find((w) => w.platform === p)!;

  it('Mastodon: the same Idempotency-Key within the hour gives the same status for any token of the account; after an hour it posts again', async () => {
    const w = writer('mastodon');
    const base = sim.baseUrls.mastodon;
    const [post] = sim.control.seed({ platform: 'mastodon', count: 1 });
    const a = await attempt(w.post(base, { authorization: 'Bearer token-one' }, post!.id, 'We are on it.', 'key-1'));
    const b = await attempt(w.post(base, { authorization: 'Bearer token-two' }, post!.id, 'We are on it.', 'key-1'));
    expect(a).toMatchObject({ status: 200 });
    expect(b).toEqual(a);
    expect(sim.control.replies('mastodon')).toHaveLength(1);
    // No key: every request is a new post.
    await attempt(w.post(base, { authorization: 'Bearer token-one' }, post!.id, 'Again.', ''));
    await attempt(w.post(base, { authorization: 'Bearer token-one' }, post!.id, 'Again.', ''));
    expect(sim.control.replies('mastodon')).toHaveLength(3);
    // The key is kept one hour: past it, the same key posts a second status (a visible duplicate).
    sim.control.advanceClock(3_600_001);
    await attempt(w.post(base, { authorization: 'Bearer token-one' }, post!.id, 'We are on it.', 'key-1'));
    expect(sim.control.replies('mastodon').filter((r) => r.idempotencyKey === 'key-1')).toHaveLength(2);
  });

  it('Mastodon: a key whose status was deleted answers 404 (the remembered status is looked up), not a new post', async () => {
    const w = writer('mastodon');
    const base = sim.baseUrls.mastodon;
    const auth = { authorization: 'Bearer sim-user-token' };
    const [post] = sim.control.seed({ platform: 'mastodon', count: 1 });
    const a = await attempt(w.post(base, auth, post!.id, 'Sorry!', 'key-del'));
    const id = (a as { body: { id: string } }).body.id;
    expect((await call(base, 'DELETE', `/api/v1/statuses/${id}`, { headers: auth })).status).toBe(200);
    expect(await attempt(w.post(base, auth, post!.id, 'Sorry!', 'key-del'))).toEqual({ status: 404, body: { error: 'Record not found' } });
    expect(sim.control.replies('mastodon')).toHaveLength(1);
  });

  it('Bluesky: putRecord on the same rkey is one record (a no-op, or an update); createRecord onto it fails', async () => {
    const w = writer('bluesky');
    const base = sim.baseUrls.bluesky;
    const auth = await w.auth(base);
    const [post] = sim.control.seed({ platform: 'bluesky', count: 1 });
    const a = await attempt(w.post(base, auth, post!.id, 'On it.', 'key-b'));
    const b = await attempt(w.post(base, auth, post!.id, 'On it.', 'key-b'));
    expect(a).toMatchObject({ status: 200 });
    expect((b as { body: { uri: string; cid: string } }).body).toMatchObject({
      uri: (a as { body: { uri: string } }).body.uri,
      cid: (a as { body: { cid: string } }).body.cid,
    });
    expect(await attempt(w.post(base, auth, post!.id, 'On it, edited.', 'key-b'))).toMatchObject({ status: 200 });
    const create = await call(base, 'POST', '/xrpc/com.atproto.repo.createRecord', {
      headers: { authorization: auth['authorization']! },
      json: { repo: auth['x-did'], collection: 'app.bsky.feed.post', rkey: rkeyOf('key-b'), record: { $type: 'app.bsky.feed.post', text: 'dup' } },
    });
    expect(create.status).toBe(500);
    expect(sim.control.replies('bluesky')).toHaveLength(1);
    const got = await call(
      base,
      'GET',
      `/xrpc/com.atproto.repo.getRecord?repo=${encodeURIComponent(auth['x-did']!)}&collection=app.bsky.feed.post&rkey=${rkeyOf('key-b')}`,
      {
        headers: auth,
      },
    );
    expect(got.json.uri).toBe((a as { body: { uri: string } }).body.uri);
  });

  it('X: no key; the reply is listed in the account’s tweets as replied_to (what findExistingReply reads); the same text again is refused', async () => {
    const w = writer('x');
    const base = sim.baseUrls.x;
    const auth = await w.auth(base);
    const [post] = sim.control.seed({ platform: 'x', count: 1 });
    const a = await attempt(w.post(base, auth, post!.id, 'We are looking into it & will reply.', ''));
    const id = (a as { body: { data: { id: string } } }).body.data.id;
    const me = (await call(base, 'GET', '/2/users/me', { headers: auth })).json.data.id as string;
    const mine: WireResponse = await call(base, 'GET', `/2/users/${me}/tweets?max_results=100&tweet.fields=referenced_tweets,conversation_id,created_at`, {
      headers: auth,
    });
    expect(mine.json.data).toEqual([
      expect.objectContaining({ id, text: 'We are looking into it &amp; will reply.', referenced_tweets: [{ type: 'replied_to', id: post!.id }] }),
    ]);
    const again = await attempt(w.post(base, auth, post!.id, 'We are looking into it & will reply.', ''));
    expect(again).toMatchObject({ status: 403, body: { detail: 'You are not allowed to create a Tweet with duplicate content.' } });
    // A blind resend with other words is a second public reply, and the control API shows both.
    await attempt(w.post(base, auth, post!.id, 'We are looking into it, will reply.', ''));
    expect(sim.control.replies('x').map((r) => r.inReplyTo)).toEqual([post!.id, post!.id]);
  });

  it('X with xRefusesDuplicates: false takes the same text again as a second post (a blind resend doubles)', async () => {
    const strict = await createSocialSim({ seed: 5, evalDir: null, xRefusesDuplicates: false });
    try {
      const w = writer('x');
      const auth = await w.auth(strict.baseUrls.x);
      const [post] = strict.control.seed({ platform: 'x', count: 1 });
      expect(await attempt(w.post(strict.baseUrls.x, auth, post!.id, 'Same words.', ''))).toMatchObject({ status: 201 });
      expect(await attempt(w.post(strict.baseUrls.x, auth, post!.id, 'Same words.', ''))).toMatchObject({ status: 201 });
      expect(strict.control.replies('x')).toHaveLength(2);
    } finally {
      await strict.close();
    }
  });

  it('Reddit: no key; /user/<me>/comments lists the reply with parent and body; a resend is a second comment, listed as made', async () => {
    const w = writer('reddit');
    const base = sim.baseUrls.reddit;
    const auth = await w.auth(base);
    const [post] = sim.control.seed({ platform: 'reddit', count: 1 });
    await attempt(w.post(base, auth, post!.id, 'Sorry about that, DM us?', ''));
    const me = (await call(base, 'GET', '/api/v1/me', { headers: auth })).json.name as string;
    const mine = await call(base, 'GET', `/user/${me}/comments?limit=100&sort=new&raw_json=1`, { headers: auth });
    expect(mine.json.data.children).toEqual([
      expect.objectContaining({ kind: 't1', data: expect.objectContaining({ parent_id: post!.id, body: 'Sorry about that, DM us?' }) }),
    ]);
    await attempt(w.post(base, auth, post!.id, 'Sorry about that, DM us?', ''));
    const http = await call(sim.url, 'GET', '/_control/replies?platform=reddit');
    expect(http.json.replies.map((r: { inReplyTo: string; text: string }) => [r.inReplyTo, r.text])).toEqual([
      [post!.id, 'Sorry about that, DM us?'],
      [post!.id, 'Sorry about that, DM us?'],
    ]);
  });

  it('Reddit: the posting limit comes inside a 200 (rate_limit variant in_body) and posts nothing', async () => {
    const w = writer('reddit');
    const base = sim.baseUrls.reddit;
    const auth = await w.auth(base);
    const [post] = sim.control.seed({ platform: 'reddit', count: 1 });
    sim.control.addFault({ kind: 'rate_limit', platform: 'reddit', path: '/api/comment', variant: 'in_body', resetInSec: 300 });
    const out = await attempt(w.post(base, auth, post!.id, 'Hello', ''));
    expect(out).toEqual({
      status: 200,
      body: { json: { errors: [['RATELIMIT', "Looks like you've been doing that a lot. Take a break for 5 minutes before trying again.", 'ratelimit']] } },
    });
    expect(sim.control.replies('reddit')).toHaveLength(0);
  });

  it('afterWrite is refused for faults it cannot follow a write with', () => {
    expect(() => sim.control.addFault({ kind: 'rate_limit', afterWrite: true })).toThrow(/afterWrite/);
  });
});
