import type { Mention } from '../core/connector.js';
import { bool, idStr, isObject, isoOrNull, numOrNull, obj, str, type Json } from '../core/json.js';
import { safeHttpUrl } from '../core/safe-url.js';
import { stripHtml } from '../core/strip-html.js';

/** Maps a Mastodon Status (reblogs unwrapped) to a Mention; null when it lacks an id or date. */
export function normalizeMastodonStatus(input: Json, sourceKey: string, raw?: unknown): Mention | null {
  const status = isObject(input['reblog']) ? input['reblog'] : input;
  const id = idStr(status['id']);
  const createdAt = isoOrNull(status['created_at']);
  if (!id || !createdAt) return null;
  const account = obj(status['account']);
  const acct = str(account['acct']) ?? str(account['username']) ?? '';
  const spoiler = str(status['spoiler_text']) ?? '';
  const body = stripHtml(str(status['content']) ?? '');
  const lang = str(status['language']);
  return {
    platform: 'mastodon',
    externalId: id,
    sourceKey,
    url: safeHttpUrl(status['url']) ?? safeHttpUrl(status['uri']),
    author: {
      externalId: idStr(account['id']) ?? acct,
      handle: acct,
      displayName: str(account['display_name']) || null,
      followers: numOrNull(account['followers_count']),
      avatarUrl: safeHttpUrl(account['avatar']),
      verified: false,
      bot: bool(account['bot']),
    },
    text: spoiler ? `${spoiler}\n\n${body}` : body,
    lang: lang ? lang.toLowerCase() : null,
    createdAt,
    editedAt: isoOrNull(status['edited_at']),
    thread: { rootId: null, parentId: idStr(status['in_reply_to_id']) },
    engagement: {
      replies: numOrNull(status['replies_count']),
      reposts: numOrNull(status['reblogs_count']),
      likes: numOrNull(status['favourites_count']),
    },
    replyTarget: { platform: 'mastodon', statusId: id, acct, visibility: str(status['visibility']) ?? 'public' },
    raw: raw ?? input,
  };
}
