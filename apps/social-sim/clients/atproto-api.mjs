// @atproto/api (npm, unmodified; it validates every answer against the lexicons) against the
// simulator's Bluesky root: session, notifications, search, profiles, thread, reply, delete, logout.
import assert from 'node:assert/strict';
import { AtpAgent } from '@atproto/api';

const agent = new AtpAgent({ service: process.argv[2] });
await agent.login({ identifier: 'acme.bsky.social', password: 'app-pass' });
console.log('session', agent.session?.handle);
const n = await agent.listNotifications({ limit: 5 });
console.log('notifications', n.data.notifications.length, 'ratelimit-limit', n.headers['ratelimit-limit']);
const s = await agent.app.bsky.feed.searchPosts({ q: 'acme', limit: 5 });
const post = s.data.posts[0];
assert.ok(post, 'no search results');
assert.equal((await agent.getProfile({ actor: post.author.did })).data.handle, post.author.handle);
assert.equal((await agent.getProfiles({ actors: [post.author.did] })).data.profiles.length, 1);
assert.equal((await agent.getPosts({ uris: [post.uri] })).data.posts.length, 1);
const r = await agent.post({ text: 'Sorry about that!', reply: { root: { uri: post.uri, cid: post.cid }, parent: { uri: post.uri, cid: post.cid } } });
const thread = await agent.getPostThread({ uri: post.uri });
assert.deepEqual(
  thread.data.thread.replies.map((x) => x.post.uri),
  [r.uri],
);
assert.equal((await agent.getAuthorFeed({ actor: agent.session.did })).data.feed[0].post.uri, r.uri);
await agent.deletePost(r.uri);
await assert.rejects(agent.getPostThread({ uri: r.uri }), (e) => e.status === 400 && e.error === 'NotFound');
assert.equal((await agent.resolveHandle({ handle: post.author.handle })).data.did, post.author.did);
assert.equal((await agent.com.atproto.server.getSession()).data.did, agent.session.did);
await agent.logout();
console.log('OK @atproto/api');
