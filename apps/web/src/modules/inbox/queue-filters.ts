import {
  INTENTS,
  MENTION_STATUSES,
  OPEN_STATUSES,
  QUEUE_SORTS,
  SENTIMENT_FILTERS,
  SPAM_FILTERS,
  SourcePlatformSchema,
  URGENCY_LEVELS,
  type Intent,
  type MentionStatus,
  type QueueSort,
  type SentimentFilter,
  type SourcePlatform,
  type SpamFilter,
  type UrgencyLevel,
} from '@earshot/contracts';

const PLATFORMS: readonly SourcePlatform[] = SourcePlatformSchema.options;

/**
 * What the inbox lists. Every field maps onto a query parameter of `GET /api/mentions`, and
 * every field lives in the page's address under the same name (see `queueFiltersFromSearch`),
 * so a view can be shared and a chart or an alert can link to exactly its mentions.
 */
export interface QueueFilters {
  /** Exactly these statuses, in MENTION_STATUSES order. Open work (new, open, pending) by default. */
  status: readonly MentionStatus[];
  urgency: 'any' | UrgencyLevel;
  /** A label, or `unscored` (no label yet). */
  sentiment: 'any' | SentimentFilter;
  platform: 'any' | SourcePlatform;
  assignee: 'any' | 'me' | 'unassigned';
  /** Received within the last N hours, counted from when the list is loaded. */
  receivedWithinHours: number | null;
  /** Full-text search (trimmed; empty means none). */
  q: string;
  sort: QueueSort;
  // The filters bar has no control for the rest: links set them, chips show and remove them.
  /** Posted at or after (an ISO instant), half-open with `postedTo`. */
  postedFrom: string | null;
  /** Posted before (an ISO instant). */
  postedTo: string | null;
  /** Mentions that matched a listening query of one of these brands. */
  brandIds: readonly string[];
  categories: readonly string[];
  topics: readonly string[];
  intents: readonly Intent[];
  spam: SpamFilter;
}

export const DEFAULT_FILTERS: QueueFilters = {
  status: OPEN_STATUSES,
  urgency: 'any',
  sentiment: 'any',
  platform: 'any',
  assignee: 'any',
  receivedWithinHours: null,
  q: '',
  sort: 'urgency',
  postedFrom: null,
  postedTo: null,
  brandIds: [],
  categories: [],
  topics: [],
  intents: [],
  spam: 'exclude',
};

export const PAGE_SIZE = 100;

/** The filters without a control in the bar (shown as chips). */
export const CHIP_FILTERS = ['posted', 'brandIds', 'categories', 'topics', 'intents', 'spam'] as const;
export type ChipFilter = (typeof CHIP_FILTERS)[number];

/** Statuses in their canonical order, without repeats. */
export function canonicalStatuses(statuses: readonly MentionStatus[]): readonly MentionStatus[] {
  return MENTION_STATUSES.filter((s) => statuses.includes(s));
}

export function sameStatuses(a: readonly MentionStatus[], b: readonly MentionStatus[]): boolean {
  const x = canonicalStatuses(a);
  const y = canonicalStatuses(b);
  return x.length === y.length && x.every((s, i) => s === y[i]);
}

export function statusesOf(filters: QueueFilters): readonly MentionStatus[] {
  return filters.status;
}

/** The earliest `receivedAt` the filters allow, as ISO, or null. */
export function receivedFrom(filters: QueueFilters, now: number): string | null {
  return filters.receivedWithinHours === null ? null : new Date(now - filters.receivedWithinHours * 3_600_000).toISOString();
}

/** Whether the list is bounded by posted time (a drill-down): the api is then asked for the total too. */
export function hasPostedBounds(filters: QueueFilters): boolean {
  return filters.postedFrom !== null || filters.postedTo !== null;
}

/** The query string of `GET /api/mentions` for these filters. */
export function toQueueQuery(filters: QueueFilters, now: number, cursor?: string): URLSearchParams {
  const query = new URLSearchParams();
  query.set('status', canonicalStatuses(filters.status).join(','));
  if (filters.urgency !== 'any') query.set('urgency', filters.urgency);
  if (filters.sentiment !== 'any') query.set('sentiment', filters.sentiment);
  if (filters.platform !== 'any') query.set('platform', filters.platform);
  if (filters.assignee === 'me') query.set('assignee', 'me');
  if (filters.assignee === 'unassigned') query.set('unassigned', 'true');
  const from = receivedFrom(filters, now);
  if (from) query.set('from', from);
  if (filters.postedFrom) query.set('postedFrom', filters.postedFrom);
  if (filters.postedTo) query.set('postedTo', filters.postedTo);
  if (filters.brandIds.length) query.set('brandId', filters.brandIds.join(','));
  if (filters.categories.length) query.set('category', filters.categories.join(','));
  if (filters.topics.length) query.set('topic', filters.topics.join(','));
  if (filters.intents.length) query.set('intent', filters.intents.join(','));
  if (filters.spam !== 'exclude') query.set('spam', filters.spam);
  const q = filters.q.trim();
  if (q) query.set('q', q);
  query.set('sort', filters.sort);
  query.set('limit', String(PAGE_SIZE));
  if (cursor) query.set('cursor', cursor);
  else if (hasPostedBounds(filters)) query.set('withTotal', 'true');
  return query;
}

/** The address's query for these filters: only what differs from the defaults, commas and colons left readable. */
export function queueFiltersToSearch(filters: QueueFilters): string {
  const parts: Array<[string, string]> = [];
  const status = canonicalStatuses(filters.status);
  if (!sameStatuses(status, OPEN_STATUSES)) parts.push(['status', sameStatuses(status, MENTION_STATUSES) ? 'all' : status.join(',')]);
  if (filters.urgency !== 'any') parts.push(['urgency', filters.urgency]);
  if (filters.sentiment !== 'any') parts.push(['sentiment', filters.sentiment]);
  if (filters.platform !== 'any') parts.push(['platform', filters.platform]);
  if (filters.assignee !== 'any') parts.push(['assignee', filters.assignee]);
  if (filters.receivedWithinHours !== null) parts.push(['receivedWithinHours', String(filters.receivedWithinHours)]);
  if (filters.postedFrom) parts.push(['postedFrom', filters.postedFrom]);
  if (filters.postedTo) parts.push(['postedTo', filters.postedTo]);
  if (filters.brandIds.length) parts.push(['brandId', filters.brandIds.join(',')]);
  if (filters.categories.length) parts.push(['category', filters.categories.join(',')]);
  if (filters.topics.length) parts.push(['topic', filters.topics.join(',')]);
  if (filters.intents.length) parts.push(['intent', filters.intents.join(',')]);
  if (filters.spam !== 'exclude') parts.push(['spam', filters.spam]);
  const q = filters.q.trim();
  if (q) parts.push(['q', q]);
  if (filters.sort !== DEFAULT_FILTERS.sort) parts.push(['sort', filters.sort]);
  if (parts.length === 0) return '';
  const encode = (v: string) => encodeURIComponent(v).replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  return `?${parts.map(([k, v]) => `${k}=${encode(v)}`).join('&')}`;
}

export interface ParsedQueueSearch {
  filters: QueueFilters;
  /** Parameters of the address that were left out, each with why (shown, so a link never narrows silently wrong). */
  problems: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const KNOWN = new Set([
  'status',
  'urgency',
  'sentiment',
  'platform',
  'assignee',
  'receivedWithinHours',
  'postedFrom',
  'postedTo',
  'brandId',
  'category',
  'topic',
  'intent',
  'spam',
  'q',
  'sort',
]);

const list = (v: string) => [...new Set(v.split(',').map((s) => s.trim()))].filter((s) => s.length > 0);
const oneOf = <T extends string>(options: readonly T[], v: string): v is T => (options as readonly string[]).includes(v);

/**
 * The filters an address asks for (`?status=all&brandId=…&postedFrom=…`): the names of
 * `GET /api/mentions`. `status` is `all` or a list of statuses (open work when absent). A value
 * that cannot be read is left out and named in `problems`.
 */
export function queueFiltersFromSearch(search: string | URLSearchParams): ParsedQueueSearch {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const filters: QueueFilters = { ...DEFAULT_FILTERS };
  const problems: string[] = [];
  const bad = (name: string, value: string, expected: string) => problems.push(`${name}=${value} (${expected})`);
  for (const name of new Set(params.keys())) if (!KNOWN.has(name)) problems.push(`${name} (not a filter of the inbox)`);
  const get = (name: string) => {
    const v = params.get(name);
    return v === null || v.trim() === '' ? null : v.trim();
  };

  const status = get('status');
  if (status !== null) {
    const statuses = status === 'all' ? [...MENTION_STATUSES] : list(status);
    if (statuses.every((s) => oneOf(MENTION_STATUSES, s))) filters.status = canonicalStatuses(statuses);
    else bad('status', status, `all or a list of ${MENTION_STATUSES.join(', ')}`);
  }
  const single = <T extends string>(name: string, options: readonly T[], apply: (v: T) => void) => {
    const v = get(name);
    if (v === null) return;
    if (oneOf(options, v)) apply(v);
    else bad(name, v, `one of ${options.join(', ')}`);
  };
  single('urgency', URGENCY_LEVELS, (v) => (filters.urgency = v));
  single('sentiment', SENTIMENT_FILTERS, (v) => (filters.sentiment = v));
  single('platform', PLATFORMS, (v) => (filters.platform = v));
  single('assignee', ['me', 'unassigned'] as const, (v) => (filters.assignee = v));
  single('spam', SPAM_FILTERS, (v) => (filters.spam = v));
  single('sort', QUEUE_SORTS, (v) => (filters.sort = v));

  const hours = get('receivedWithinHours');
  if (hours !== null) {
    const n = Number(hours);
    if (Number.isInteger(n) && n > 0 && n <= 24 * 400) filters.receivedWithinHours = n;
    else bad('receivedWithinHours', hours, 'a whole number of hours');
  }
  for (const name of ['postedFrom', 'postedTo'] as const) {
    // An offset's `+` that a link did not encode arrives as a space.
    const v = get(name)?.replace(' ', '+') ?? null;
    if (v === null) continue;
    if (INSTANT.test(v) && !Number.isNaN(Date.parse(v))) filters[name] = new Date(v).toISOString();
    else bad(name, v, 'an ISO 8601 date-time with offset');
  }
  if (filters.postedFrom && filters.postedTo && filters.postedFrom >= filters.postedTo) {
    bad('postedTo', filters.postedTo, 'must be after postedFrom');
    filters.postedTo = null;
  }
  const brands = get('brandId');
  if (brands !== null) {
    const ids = list(brands).map((id) => id.toLowerCase());
    if (ids.length > 0 && ids.every((id) => UUID.test(id))) filters.brandIds = ids;
    else bad('brandId', brands, 'brand ids');
  }
  const category = get('category');
  if (category !== null) filters.categories = list(category).filter((c) => c.length <= 64);
  const topic = get('topic');
  if (topic !== null) filters.topics = list(topic).filter((c) => c.length <= 80);
  const intent = get('intent');
  if (intent !== null) {
    const intents = list(intent);
    if (intents.every((i) => oneOf(INTENTS, i))) filters.intents = intents as Intent[];
    else bad('intent', intent, `a list of ${INTENTS.join(', ')}`);
  }
  const q = get('q');
  if (q !== null) filters.q = q.slice(0, 200);
  return { filters, problems };
}

/** The filters with one chip's filter taken off. */
export function withoutChip(filters: QueueFilters, chip: ChipFilter): QueueFilters {
  switch (chip) {
    case 'posted':
      return { ...filters, postedFrom: null, postedTo: null };
    case 'spam':
      return { ...filters, spam: 'exclude' };
    default:
      return { ...filters, [chip]: [] };
  }
}

export function sameFilters(a: QueueFilters, b: QueueFilters): boolean {
  return queueFiltersToSearch(a) === queueFiltersToSearch(b);
}
