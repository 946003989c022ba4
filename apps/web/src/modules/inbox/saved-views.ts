import { DEFAULT_FILTERS, type QueueFilters } from './queue-filters';

export interface SavedView {
  name: string;
  filters: QueueFilters;
}

/** The built-in views: one click sets the whole filters bar. */
export const SAVED_VIEWS: readonly SavedView[] = [
  { name: 'All open', filters: DEFAULT_FILTERS },
  { name: 'My queue', filters: { ...DEFAULT_FILTERS, assignee: 'me' } },
  { name: 'Unassigned critical', filters: { ...DEFAULT_FILTERS, assignee: 'unassigned', urgency: 'critical' } },
  { name: 'Negative, last 24 h', filters: { ...DEFAULT_FILTERS, sentiment: 'negative', receivedWithinHours: 24 } },
];
