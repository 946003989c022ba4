import type { Mention } from '../core/connector.js';
import { idStr, isoFromMs, numOrNull, obj, str, type Json } from '../core/json.js';
import { safeHttpUrl } from '../core/safe-url.js';
import { decodeEntities } from '../core/strip-html.js';

const GONE = new Set(['[deleted]', '[removed]']);

/** True for a comment/submission that was deleted or removed (kept in listings as a tombstone). */
export function isRedditTombstone(data: Json): boolean {
  const text = str(data['body']) ?? str(data['selftext']) ?? '';
  return str(data['author']) === '[deleted]' && (GONE.has(text) || text === '');
}

/** Maps a Listing child (`{kind: "t1"|"t3", data}`) to a Mention; null for other kinds or broken items. */
export function normalizeRedditThing(thing: Json, sourceKey: string): Mention | null {
  const kind = str(thing['kind']);
  const d = obj(thing['data']);
  const fullname = str(d['name']) ?? (idStr(d['id']) && kind ? `${kind}_${idStr(d['id'])}` : null);
  const created = numOrNull(d['created_utc']);
  // A time outside years 1-9999 counts as missing (new Date(...).toISOString() would throw).
  const createdAt = created === null ? null : isoFromMs(created * 1000);
  if ((kind !== 't1' && kind !== 't3') || !fullname || createdAt === null) return null;
  const author = str(d['author']) ?? '[deleted]';
  const permalink = str(d['permalink']);
  const text =
    kind === 't3'
      ? [decodeEntities(str(d['title']) ?? ''), decodeEntities(str(d['selftext']) ?? '')].filter(Boolean).join('\n\n')
      : decodeEntities(str(d['body']) ?? '');
  const edited = numOrNull(d['edited']);
  return {
    platform: 'reddit',
    externalId: fullname,
    sourceKey,
    url: permalink ? safeHttpUrl(`https://www.reddit.com${permalink.startsWith('/') ? permalink : `/${permalink}`}`) : null,
    author: {
      externalId: str(d['author_fullname']) ?? author,
      handle: author,
      displayName: null,
      // Listings carry no follower count (user/about has karma only).
      followers: null,
      avatarUrl: null,
      verified: false,
      bot: false,
    },
    text,
    lang: null,
    createdAt,
    editedAt: edited !== null && edited > 0 ? isoFromMs(edited * 1000) : null,
    thread: kind === 't1' ? { rootId: str(d['link_id']), parentId: str(d['parent_id']) } : { rootId: null, parentId: null },
    engagement: {
      replies: numOrNull(d['num_comments']),
      reposts: null,
      likes: numOrNull(d['score']),
    },
    replyTarget: { platform: 'reddit', fullname },
    raw: thing,
  };
}
