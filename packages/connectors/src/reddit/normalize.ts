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
    kind === 't3' ? selfPostText(decodeEntities(str(d['title']) ?? ''), decodeEntities(str(d['selftext']) ?? '')) : decodeEntities(str(d['body']) ?? '');
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

/**
 * A submission's text: its title, then its body only where the body adds something. Many self
 * posts repeat the title as the body's first line (or as the whole body): that shows the title
 * once. A title cut short with an ellipsis is the body's opening: the body alone is shown.
 * Comparison ignores case, runs of spaces and the punctuation between the repeat and the rest.
 */
export function selfPostText(title: string, body: string): string {
  if (!title || !body) return title || body;
  const end = endOfRepeat(body, title);
  if (end >= 0) {
    const rest = body.slice(skipJoiners(body, end)).trimEnd();
    return rest ? `${title}\n\n${rest}` : title;
  }
  const stem = ellipsisStem(title);
  if (stem && endOfRepeat(body, stem, false) >= 0) return body;
  return `${title}\n\n${body}`;
}

const isSpace = (c: string | undefined): boolean => c !== undefined && c.trim() === '';
/** Letters, digits and marks: a repeat must not end inside a word ("Acme" is not repeated by "Acmeville"). */
const WORDY = /[\p{L}\p{N}\p{M}]/u;

/**
 * Where `title` ends when `body` starts with it (case-insensitively, any run of spaces equal to
 * any other, spaces around either ignored), at a word's end unless `wholeWord` is false; -1
 * otherwise. One forward pass.
 */
function endOfRepeat(body: string, title: string, wholeWord = true): number {
  let i = 0;
  let j = 0;
  while (isSpace(body[i])) i++;
  while (isSpace(title[j])) j++;
  let tEnd = title.length;
  while (tEnd > j && isSpace(title[tEnd - 1])) tEnd--;
  if (j >= tEnd) return -1;
  while (j < tEnd) {
    if (isSpace(title[j])) {
      if (!isSpace(body[i])) return -1;
      while (isSpace(title[j])) j++;
      while (isSpace(body[i])) i++;
      continue;
    }
    if (i >= body.length || body[i]!.toLowerCase() !== title[j]!.toLowerCase()) return -1;
    i++;
    j++;
  }
  if (wholeWord && i < body.length && WORDY.test(body[i - 1]!) && WORDY.test(body[i]!)) return -1;
  return i;
}

/** Index of the body's rest after the repeat: spaces and the punctuation that closed the title (. : ! ? - , ; …) skipped. */
function skipJoiners(body: string, i: number): number {
  while (i < body.length && (isSpace(body[i]) || '.:!?-,;\u2026\u2013\u2014'.includes(body[i]!))) i++;
  return i;
}

/** The title without its trailing ellipsis ("..." or "…"), or null when it has none. */
function ellipsisStem(title: string): string | null {
  const t = title.trimEnd();
  const stem = t.endsWith('...') ? t.slice(0, -3) : t.endsWith('\u2026') ? t.slice(0, -1) : null;
  return stem && stem.trim() ? stem : null;
}
