import type { Mention } from '../core/connector.js';
import { arr, isObject, isoOrNull, numOrNull, obj, str, type Json } from '../core/json.js';
import { safeHttpUrl } from '../core/safe-url.js';

/** `at://did/app.bsky.feed.post/<rkey>` → rkey (null for other shapes). */
export function rkeyOf(uri: string): string | null {
  const m = /^at:\/\/[^/]+\/[^/]+\/([^/?#]+)$/.exec(uri);
  return m?.[1] ?? null;
}

/**
 * Maps an `app.bsky.feed.defs#postView` (or a notification, which has the same
 * uri/cid/author/record/indexedAt fields but no counts) to a Mention.
 * `followers` comes from a separate getProfiles call (profileViewBasic has no count).
 */
export function normalizeBlueskyPost(view: Json, sourceKey: string, followers: ReadonlyMap<string, number> = new Map()): Mention | null {
  const uri = str(view['uri']);
  const cid = str(view['cid']);
  const author = obj(view['author']);
  const did = str(author['did']);
  const record = obj(view['record']);
  if (!uri || !cid || !did) return null;
  const handle = str(author['handle']) ?? did;
  const createdAt = isoOrNull(record['createdAt']) ?? isoOrNull(view['indexedAt']);
  if (!createdAt) return null;
  const reply = isObject(record['reply']) ? record['reply'] : null;
  const root = reply ? obj(reply['root']) : {};
  const parent = reply ? obj(reply['parent']) : {};
  const langs = arr(record['langs']).filter((l): l is string => typeof l === 'string');
  const rkey = rkeyOf(uri);
  const labels = arr(author['labels']).map((l) => str(obj(l)['val']));
  const verification = obj(author['verification']);
  return {
    platform: 'bluesky',
    externalId: uri,
    sourceKey,
    url: rkey ? safeHttpUrl(`https://bsky.app/profile/${encodeURIComponent(handle)}/post/${encodeURIComponent(rkey)}`) : null,
    author: {
      externalId: did,
      handle,
      displayName: str(author['displayName']) || null,
      followers: followers.get(did) ?? numOrNull(author['followersCount']),
      avatarUrl: safeHttpUrl(author['avatar']),
      verified: verification['verifiedStatus'] === 'valid',
      bot: labels.includes('bot'),
    },
    text: str(record['text']) ?? '',
    lang: langs[0]?.toLowerCase() ?? null,
    createdAt,
    editedAt: null,
    thread: { rootId: str(root['uri']), parentId: str(parent['uri']) },
    engagement: {
      replies: numOrNull(view['replyCount']),
      reposts: numOrNull(view['repostCount']),
      likes: numOrNull(view['likeCount']),
    },
    replyTarget: {
      platform: 'bluesky',
      uri,
      cid,
      rootUri: str(root['uri']) ?? uri,
      rootCid: str(root['cid']) ?? cid,
      did,
      handle,
    },
    raw: view,
  };
}
