/**
 * Bluesky (AT Protocol XRPC) as an unmodified client (@atproto/api) calls it: the session, the
 * thread, posts and profiles, reply and delete, with CIDs the client's lexicon validation accepts
 * and the documented error bodies and headers, under the prefix and at the root of the
 * platform's own port.
 */
import { createSocialSim, type SocialSim } from '../../src/index.js';
import { baseOf, call, VIA } from './wire.js';

const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Decodes a multibase base32 (`b…`) string; null unless it is the canonical encoding. */
function decodeBase32(s: string): Uint8Array | null {
  if (!s.startsWith('b')) return null;
  let bits = 0;
  let acc = 0;
  const out: number[] = [];
  for (const ch of s.slice(1)) {
    const v = B32.indexOf(ch);
    if (v < 0) return null;
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((acc >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  if (bits >= 5 || (acc & ((1 << bits) - 1)) !== 0) return null; // leftover bits must be zero padding
  return Uint8Array.from(out);
}

/** A CIDv1 as multiformats parses it: version 1, dag-cbor (0x71), sha2-256 (0x12) with a 32-byte digest. */
function isCidV1(s: string): boolean {
  const b = decodeBase32(s);
  return !!b && b.length === 36 && b[0] === 0x01 && b[1] === 0x71 && b[2] === 0x12 && b[3] === 0x20;
}

describe.each(VIA)('Bluesky wire (%s)', (via) => {
  let sim: SocialSim;
  let base: string;
  let auth: Record<string, string>;
  let session: { did: string; handle: string; accessJwt: string; refreshJwt: string };
  beforeEach(async () => {
    sim = await createSocialSim({ seed: 5, evalDir: null });
    base = baseOf(sim, 'bluesky', via);
    const r = await call(base, 'POST', '/xrpc/com.atproto.server.createSession', { json: { identifier: 'acme.bsky.social', password: 'app-password' } });
    session = r.json;
    auth = { authorization: `Bearer ${session.accessJwt}` };
  });
  afterEach(async () => {
    await sim.close();
  });

  it('every CID is a well-formed CIDv1 (the client validates them: a lookalike is refused)', async () => {
    const posts = sim.control.seed({ platform: 'bluesky', count: 8 });
    const found = await call(base, 'GET', '/xrpc/app.bsky.feed.searchPosts?q=acme&limit=25', { headers: auth });
    const cids = (found.json.posts as { cid: string }[]).map((p) => p.cid);
    expect(cids).toHaveLength(posts.length);
    for (const cid of cids) expect({ cid, valid: isCidV1(cid) }).toEqual({ cid, valid: true });
    const reply = await call(base, 'POST', '/xrpc/com.atproto.repo.createRecord', {
      headers: auth,
      json: { repo: session.did, collection: 'app.bsky.feed.post', record: { $type: 'app.bsky.feed.post', text: 'hi', createdAt: new Date().toISOString() } },
    });
    expect(isCidV1(reply.json.cid as string)).toBe(true);
    expect(isCidV1(reply.json.commit.cid as string)).toBe(true);
  });

  it('getSession and resolveHandle answer for the signed-in account', async () => {
    const s = await call(base, 'GET', '/xrpc/com.atproto.server.getSession', { headers: auth });
    expect(s.status).toBe(200);
    expect(s.json).toMatchObject({ did: session.did, handle: session.handle, active: true });
    expect((await call(base, 'GET', `/xrpc/com.atproto.identity.resolveHandle?handle=${session.handle}`, { headers: auth })).json).toEqual({
      did: session.did,
    });
    const unknown = await call(base, 'GET', '/xrpc/com.atproto.identity.resolveHandle?handle=nobody.example', { headers: auth });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ error: 'InvalidRequest', message: 'Unable to resolve handle' });
    const missing = await call(base, 'GET', '/xrpc/com.atproto.server.getSession');
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ error: 'AuthMissing', message: 'Authentication Required' });
  });

  it("the author's profile (getProfile by DID or handle), posts by URI (getPosts)", async () => {
    sim.control.seed({ platform: 'bluesky', count: 2 });
    const [a, b] = (await call(base, 'GET', '/xrpc/app.bsky.feed.searchPosts?q=acme', { headers: auth })).json.posts as {
      uri: string;
      author: { did: string; handle: string };
    }[];
    const byDid = await call(base, 'GET', `/xrpc/app.bsky.actor.getProfile?actor=${a!.author.did}`, { headers: auth });
    expect(byDid.json).toMatchObject({ did: a!.author.did, handle: a!.author.handle, followersCount: expect.any(Number) });
    expect((await call(base, 'GET', `/xrpc/app.bsky.actor.getProfile?actor=${a!.author.handle}`, { headers: auth })).json.did).toBe(a!.author.did);
    const none = await call(base, 'GET', '/xrpc/app.bsky.actor.getProfile?actor=did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', { headers: auth });
    expect(none.status).toBe(400);
    expect(none.json).toEqual({ error: 'InvalidRequest', message: 'Profile not found' });
    const got = await call(base, 'GET', `/xrpc/app.bsky.feed.getPosts?uris=${encodeURIComponent(a!.uri)}&uris=${encodeURIComponent(b!.uri)}`, {
      headers: auth,
    });
    expect(got.json.posts.map((p: { uri: string }) => p.uri)).toEqual([a!.uri, b!.uri]);
  });

  it('reply, read the thread (getPostThread), delete the own reply (deleteRecord)', async () => {
    sim.control.seed({ platform: 'bluesky', count: 1 });
    const [post] = (await call(base, 'GET', '/xrpc/app.bsky.notification.listNotifications?reasons=mention', { headers: auth })).json.notifications as {
      uri: string;
      cid: string;
    }[];
    const ref = { uri: post!.uri, cid: post!.cid };
    const reply = await call(base, 'POST', '/xrpc/com.atproto.repo.createRecord', {
      headers: auth,
      json: {
        repo: session.did,
        collection: 'app.bsky.feed.post',
        record: { $type: 'app.bsky.feed.post', text: 'Sorry, DM us?', createdAt: new Date().toISOString(), reply: { root: ref, parent: ref } },
      },
    });
    expect(reply.status).toBe(200);
    const thread = await call(base, 'GET', `/xrpc/app.bsky.feed.getPostThread?uri=${encodeURIComponent(post!.uri)}`, { headers: auth });
    expect(thread.status).toBe(200);
    expect(thread.json.thread).toMatchObject({ $type: 'app.bsky.feed.defs#threadViewPost', post: { uri: post!.uri } });
    expect(thread.json.thread.replies.map((r: { post: { uri: string } }) => r.post.uri)).toEqual([reply.json.uri]);
    const up = await call(base, 'GET', `/xrpc/app.bsky.feed.getPostThread?uri=${encodeURIComponent(reply.json.uri as string)}`, { headers: auth });
    expect(up.json.thread.parent.post.uri).toBe(post!.uri);
    const feed = await call(base, 'GET', `/xrpc/app.bsky.feed.getAuthorFeed?actor=${session.did}`, { headers: auth });
    expect(feed.json.feed.map((f: { post: { uri: string } }) => f.post.uri)).toEqual([reply.json.uri]);

    const rkey = (reply.json.uri as string).split('/').pop()!;
    const del = await call(base, 'POST', '/xrpc/com.atproto.repo.deleteRecord', {
      headers: auth,
      json: { repo: session.did, collection: 'app.bsky.feed.post', rkey },
    });
    expect(del.status).toBe(200);
    expect(del.json.commit).toEqual({ cid: expect.any(String), rev: expect.stringMatching(/^[a-z2-7]{13}$/) });
    const gone = await call(base, 'GET', `/xrpc/app.bsky.feed.getPostThread?uri=${encodeURIComponent(reply.json.uri as string)}`, { headers: auth });
    expect(gone.status).toBe(400);
    expect(gone.json).toEqual({ error: 'NotFound', message: `Post not found: ${reply.json.uri as string}` });
    expect((await call(base, 'GET', `/xrpc/app.bsky.feed.getPostThread?uri=${encodeURIComponent(post!.uri)}`, { headers: auth })).json.thread.replies).toEqual(
      [],
    );
    expect(sim.control.replies('bluesky')[0]!.deletedAt).toEqual(expect.any(String));
    // Deleting it again is a no-op without a commit.
    expect(
      (await call(base, 'POST', '/xrpc/com.atproto.repo.deleteRecord', { headers: auth, json: { repo: session.did, collection: 'app.bsky.feed.post', rkey } }))
        .json,
    ).toEqual({});
  });

  it('deleteSession ends the session: its refresh token is refused afterwards', async () => {
    const refresh = { authorization: `Bearer ${session.refreshJwt}` };
    expect((await call(base, 'POST', '/xrpc/com.atproto.server.deleteSession', { headers: refresh })).status).toBe(200);
    const again = await call(base, 'POST', '/xrpc/com.atproto.server.refreshSession', { headers: refresh });
    expect(again.status).toBe(400);
    expect(again.json.error).toBe('ExpiredToken');
  });

  it('rate-limit headers (RateLimit-Reset in epoch seconds, policy) on every answer; unknown methods 501', async () => {
    const r = await call(base, 'GET', '/xrpc/com.atproto.server.getSession', { headers: auth });
    expect(r.headers['ratelimit-limit']).toBe('3000');
    expect(r.headers['ratelimit-policy']).toBe('3000;w=300');
    expect(Number(r.headers['ratelimit-reset'])).toBeGreaterThan(Date.now() / 1000);
    const unknown = await call(base, 'GET', '/xrpc/app.bsky.unknown.method', { headers: auth });
    expect(unknown.status).toBe(501);
    expect(unknown.json).toEqual({ error: 'MethodNotImplemented', message: 'Method Not Implemented' });
  });
});
