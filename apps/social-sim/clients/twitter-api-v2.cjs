// twitter-api-v2 (npm, unmodified) against the simulator's X root. Its prefix is https://api.x.com/2/
// in code: setPrefix() points it at the simulator and an http.Agent lets it speak plain HTTP.
const assert = require('node:assert/strict');
const http = require('node:http');
const { TwitterApi } = require('twitter-api-v2');

(async () => {
  const v2 = new TwitterApi('sim-user-token', { httpAgent: new http.Agent() }).v2;
  v2.setPrefix(`${process.argv[2]}/2/`);
  const me = await v2.me({ 'user.fields': ['public_metrics'] });
  console.log('me', me.data.username);
  const s = await v2.search('acme', { expansions: ['author_id'], 'user.fields': ['public_metrics'], 'tweet.fields': ['created_at'] });
  const t = s.tweets[0];
  assert.ok(s.includes.author(t)?.username, 'cannot join a tweet to includes.users'); // item 8 (c)
  console.log('search', s.tweets.length, 'rate limit', s.rateLimit?.limit);
  const ment = await v2.userMentionTimeline(me.data.id, { expansions: ['author_id'] });
  assert.ok(ment.includes.author(ment.tweets[0])?.username);
  const one = await v2.singleTweet(t.id, { expansions: ['author_id'] });
  assert.equal(one.includes.users[0].id, one.data.author_id);
  const u = await v2.user(t.author_id);
  assert.equal((await v2.userByUsername(u.data.username)).data.id, t.author_id);
  const reply = await v2.reply('Sorry about that, DM us?', t.id);
  const thread = await v2.search(`conversation_id:${t.id}`, { 'tweet.fields': ['in_reply_to_user_id', 'author_id'] });
  assert.ok(thread.tweets.some((x) => x.id === reply.data.id));
  assert.equal((await v2.deleteTweet(reply.data.id)).data.deleted, true);
  assert.equal((await v2.singleTweet(reply.data.id)).errors?.[0]?.title, 'Not Found Error');
  await assert.rejects(v2.deleteTweet(t.id), (e) => e.code === 403);
  console.log('OK twitter-api-v2');
})().catch((e) => {
  console.error('FAIL', e.code ?? '', e.message, e.data ?? '');
  process.exit(1);
});
