import type { Mention } from '@earshot/contracts';
import { receivedFrom, statusesOf, type QueueFilters } from './queue-filters';

/** Plain words of a search, without operators: `"late refund" -spam OR fee` -> late, refund, fee. */
function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '' && w !== 'or' && !w.startsWith('-'))
    .map((w) => w.replace(/^["(]+|[")]+$/g, ''))
    .filter((w) => w !== '');
}

/**
 * Whether a mention belongs in a list with these filters, judged in the browser for
 * mentions pushed over the socket. Free-text search is approximated (every plain word
 * must appear in the text); the api's full-text search stays the truth on reload.
 */
export function mentionMatchesFilters(mention: Mention, filters: QueueFilters, context: { userId: string; now: number }): boolean {
  if (!statusesOf(filters).includes(mention.status)) return false;
  if (filters.urgency !== 'any' && mention.urgency?.level !== filters.urgency) return false;
  if (filters.sentiment !== 'any' && mention.sentiment?.label !== filters.sentiment) return false;
  if (filters.platform !== 'any' && mention.platform !== filters.platform) return false;
  if (filters.assignee === 'me' && mention.assignee?.id !== context.userId) return false;
  if (filters.assignee === 'unassigned' && mention.assignee !== null) return false;
  const from = receivedFrom(filters, context.now);
  if (from !== null && mention.receivedAt < from) return false;
  const words = searchWords(filters.q);
  if (words.length > 0) {
    const text = mention.text.toLowerCase();
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}
