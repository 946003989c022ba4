import { MENTION_STATUSES, type AnalyticsRange, type Intent, type SentimentFilter } from '@earshot/contracts';
import { DEFAULT_FILTERS, queueFiltersToSearch, type QueueFilters } from '../inbox/queue-filters';
import type { AnalyticsView } from './analytics-view';

/** What a clicked bar or point stands for, on top of the page's own filters. */
export interface DrillDown {
  /** The bucket (or the whole range), as instants; clipped to the range, which a first or last bucket may overhang. */
  start: string;
  end: string;
  sentiment?: SentimentFilter;
  categories?: readonly string[];
  intents?: readonly Intent[];
  /** One brand's series (share of voice, sentiment by brand): instead of the page's brands. */
  brandIds?: readonly string[];
}

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);
const earlier = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

/**
 * The inbox address listing exactly the mentions a bar or point counts: every status, posted
 * in the bucket [start, end) within the range, spam left out (as analytics counts), with the
 * page's brands and platform and the series' sentiment, intent or category.
 */
export function drillDownHref(view: AnalyticsView, range: AnalyticsRange, d: DrillDown): string {
  const filters: QueueFilters = {
    ...DEFAULT_FILTERS,
    status: MENTION_STATUSES,
    postedFrom: new Date(later(d.start, range.from)).toISOString(),
    postedTo: new Date(earlier(d.end, range.to)).toISOString(),
    brandIds: d.brandIds ?? view.brandIds,
    platform: view.platform,
    sentiment: d.sentiment ?? 'any',
    categories: d.categories ?? [],
    intents: d.intents ?? [],
    spam: 'exclude',
  };
  return `/inbox${queueFiltersToSearch(filters)}`;
}
