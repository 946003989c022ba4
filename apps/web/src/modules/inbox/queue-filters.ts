import { OPEN_STATUSES, type MentionStatus, type QueueSort, type SentimentLabel, type SourcePlatform, type UrgencyLevel } from '@earshot/contracts';

/** What the filters bar can ask for. Every field maps onto a query parameter of `GET /api/mentions`. */
export interface QueueFilters {
  /** `open`: new, open and pending (the api's default) · `all`: every status · or one status. */
  status: 'open' | 'all' | MentionStatus;
  urgency: 'any' | UrgencyLevel;
  sentiment: 'any' | SentimentLabel;
  platform: 'any' | SourcePlatform;
  assignee: 'any' | 'me' | 'unassigned';
  /** Received within the last N hours, counted from when the list is loaded. */
  receivedWithinHours: number | null;
  /** Full-text search (trimmed; empty means none). */
  q: string;
  sort: QueueSort;
}

export const DEFAULT_FILTERS: QueueFilters = {
  status: 'open',
  urgency: 'any',
  sentiment: 'any',
  platform: 'any',
  assignee: 'any',
  receivedWithinHours: null,
  q: '',
  sort: 'urgency',
};

export const PAGE_SIZE = 100;

const ALL_STATUSES: readonly MentionStatus[] = ['new', 'open', 'pending', 'resolved', 'ignored'];

export function statusesOf(filters: QueueFilters): readonly MentionStatus[] {
  if (filters.status === 'open') return OPEN_STATUSES;
  if (filters.status === 'all') return ALL_STATUSES;
  return [filters.status];
}

/** The earliest `receivedAt` the filters allow, as ISO, or null. */
export function receivedFrom(filters: QueueFilters, now: number): string | null {
  return filters.receivedWithinHours === null ? null : new Date(now - filters.receivedWithinHours * 3_600_000).toISOString();
}

/** The query string of `GET /api/mentions` for these filters. */
export function toQueueQuery(filters: QueueFilters, now: number, cursor?: string): URLSearchParams {
  const query = new URLSearchParams();
  query.set('status', statusesOf(filters).join(','));
  if (filters.urgency !== 'any') query.set('urgency', filters.urgency);
  if (filters.sentiment !== 'any') query.set('sentiment', filters.sentiment);
  if (filters.platform !== 'any') query.set('platform', filters.platform);
  if (filters.assignee === 'me') query.set('assignee', 'me');
  if (filters.assignee === 'unassigned') query.set('unassigned', 'true');
  const from = receivedFrom(filters, now);
  if (from) query.set('from', from);
  const q = filters.q.trim();
  if (q) query.set('q', q);
  query.set('sort', filters.sort);
  query.set('limit', String(PAGE_SIZE));
  if (cursor) query.set('cursor', cursor);
  return query;
}

export function sameFilters(a: QueueFilters, b: QueueFilters): boolean {
  return (Object.keys(a) as (keyof QueueFilters)[]).every((key) => a[key] === b[key]);
}
