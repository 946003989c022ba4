import type { Mention } from '../core/connector.js';
import { arr, bool, idStr, isoOrNull, numOrNull, obj, str, type Json } from '../core/json.js';
import { safeHttpUrl } from '../core/safe-url.js';
import { decodeEntities } from '../core/strip-html.js';

/** `includes.users` by id. */
export function xUsersById(includes: unknown): Map<string, Json> {
  const map = new Map<string, Json>();
  for (const u of arr(obj(includes)['users'])) {
    const id = idStr(obj(u)['id']);
    if (id) map.set(id, obj(u));
  }
  return map;
}

/** Maps an X API v2 Tweet object (+ its expanded author) to a Mention. */
export function normalizeXTweet(tweet: Json, users: ReadonlyMap<string, Json>, sourceKey: string): Mention | null {
  const id = idStr(tweet['id']);
  const createdAt = isoOrNull(tweet['created_at']);
  if (!id || !createdAt) return null;
  const authorId = idStr(tweet['author_id']) ?? '';
  const user = users.get(authorId) ?? {};
  const username = str(user['username']) ?? authorId;
  const userMetrics = obj(user['public_metrics']);
  const metrics = obj(tweet['public_metrics']);
  const repliedTo = arr(tweet['referenced_tweets'])
    .map(obj)
    .find((r) => r['type'] === 'replied_to');
  const conversationId = idStr(tweet['conversation_id']);
  const lang = str(tweet['lang']);
  return {
    platform: 'x',
    externalId: id,
    sourceKey,
    url: username ? safeHttpUrl(`https://x.com/${encodeURIComponent(username)}/status/${id}`) : null,
    author: {
      externalId: authorId,
      handle: username,
      displayName: str(user['name']) || null,
      followers: numOrNull(userMetrics['followers_count']),
      avatarUrl: safeHttpUrl(user['profile_image_url']),
      verified: bool(user['verified']),
      bot: false,
    },
    // v2 returns &, < and > HTML-escaped in `text`.
    text: decodeEntities(str(tweet['text']) ?? ''),
    lang: lang && lang !== 'und' && lang !== 'zxx' ? lang.toLowerCase() : null,
    createdAt,
    // An edit is a new tweet id (edit_history_tweet_ids[0] is the original).
    editedAt: null,
    thread: { rootId: conversationId && conversationId !== id ? conversationId : null, parentId: repliedTo ? idStr(repliedTo['id']) : null },
    engagement: {
      replies: numOrNull(metrics['reply_count']),
      reposts: numOrNull(metrics['retweet_count']),
      likes: numOrNull(metrics['like_count']),
    },
    replyTarget: { platform: 'x', tweetId: id, username },
    raw: { tweet, author: users.get(authorId) ?? null },
  };
}
