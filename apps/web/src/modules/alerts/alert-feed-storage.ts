import { DISMISSED_KEPT } from './alert-feed-state';

export interface SavedFeed {
  cursor: number | null;
  dismissed: string[];
}

const key = (userId: string) => `earshot.alerts.v1.${userId}`;

/**
 * What this browser remembers of the user's alert banner across reloads: where the last
 * catch-up ended (so a client that was away is shown what it missed) and what was dismissed.
 * Nothing when storage is unavailable (private mode, blocked): then a reload shows the raised alerts again.
 */
export function loadFeed(userId: string): SavedFeed | null {
  try {
    const raw = globalThis.localStorage?.getItem(key(userId));
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<SavedFeed>;
    return {
      cursor: typeof parsed.cursor === 'number' && Number.isSafeInteger(parsed.cursor) ? parsed.cursor : null,
      dismissed: Array.isArray(parsed.dismissed) ? parsed.dismissed.filter((d): d is string => typeof d === 'string').slice(-DISMISSED_KEPT) : [],
    };
  } catch {
    return null;
  }
}

export function saveFeed(userId: string, feed: SavedFeed): void {
  try {
    globalThis.localStorage?.setItem(key(userId), JSON.stringify(feed));
  } catch {
    // Storage full or blocked: the banner still works for this page's life.
  }
}
