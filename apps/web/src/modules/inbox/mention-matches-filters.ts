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
 * must appear in the text), and so are brands: the mention's own brand (that of its first
 * matching query) must be one of them, while the api also lists a mention under every other
 * brand whose queries it matched. The api stays the truth on reload.
 */
export function mentionMatchesFilters(mention: Mention, filters: QueueFilters, context: { userId: string; now: number }): boolean {
  if (!statusesOf(filters).includes(mention.status)) return false;
  if (filters.urgency !== 'any' && mention.urgency?.level !== filters.urgency) return false;
  if (filters.sentiment !== 'any') {
    const label = mention.corrected?.sentiment ?? mention.sentiment?.label ?? 'unscored';
    if (label !== filters.sentiment) return false;
  }
  if (filters.platform !== 'any' && mention.platform !== filters.platform) return false;
  if (filters.assignee === 'me' && mention.assignee?.id !== context.userId) return false;
  if (filters.assignee === 'unassigned' && mention.assignee !== null) return false;
  const from = receivedFrom(filters, context.now);
  if (from !== null && mention.receivedAt < from) return false;
  if (filters.postedFrom !== null && Date.parse(mention.postedAt) < Date.parse(filters.postedFrom)) return false;
  if (filters.postedTo !== null && Date.parse(mention.postedAt) >= Date.parse(filters.postedTo)) return false;
  if (filters.brandIds.length > 0 && (mention.brandId === null || !filters.brandIds.includes(mention.brandId))) return false;
  if (filters.topics.length > 0 && !mention.topics.some((t) => filters.topics.includes(t))) return false;
  if (filters.categories.length > 0 && !filters.categories.includes(mention.corrected?.category ?? mention.category ?? 'other')) return false;
  if (filters.intents.length > 0) {
    const intent = mention.corrected?.intent ?? mention.intent;
    if (intent === null || !(filters.intents as readonly string[]).includes(intent)) return false;
  }
  if (filters.spam === 'exclude' && mention.spam) return false;
  if (filters.spam === 'only' && !mention.spam) return false;
  const words = searchWords(filters.q);
  if (words.length > 0) {
    const text = mention.text.toLowerCase();
    if (!words.every((w) => text.includes(w))) return false;
  }
  return true;
}
