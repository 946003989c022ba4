import { buildMention } from '../../../test/factories';
import { formatPostedRange } from '../format-posted-range';
import { mentionMatchesFilters } from '../mention-matches-filters';
import { DEFAULT_FILTERS, queueFiltersFromSearch, queueFiltersToSearch, sameFilters, toQueueQuery, withoutChip, type QueueFilters } from '../queue-filters';

const BRAND = '5b0c2a7e-1f1e-4c57-9a52-7d2f0b6f3a11';
const RIVAL = '7c1d3b8f-2a2f-4d68-8b63-8e3a1c7a4b22';
const ctx = { userId: '00000000-0000-4000-8000-0000000000ee', now: Date.parse('2026-11-20T12:00:00Z') };

describe('inbox filters in the address', () => {
  it('reads the shared link of the contracts: every status, brand, posted bounds, category, sentiment, platform, topic, spam, intent', () => {
    const link =
      `?status=all&brandId=${BRAND}&postedFrom=2026-11-12T10:00:00.000Z&postedTo=2026-11-12T11:00:00.000Z` +
      '&category=delivery&sentiment=negative&platform=x&topic=support&spam=include&intent=suggestion';
    const { filters, problems } = queueFiltersFromSearch(link);
    expect(problems).toEqual([]);
    expect(filters).toEqual({
      ...DEFAULT_FILTERS,
      status: ['new', 'open', 'pending', 'resolved', 'ignored'],
      brandIds: [BRAND],
      postedFrom: '2026-11-12T10:00:00.000Z',
      postedTo: '2026-11-12T11:00:00.000Z',
      categories: ['delivery'],
      sentiment: 'negative',
      platform: 'x',
      topics: ['support'],
      spam: 'include',
      intents: ['suggestion'],
    });
    // Written back the same way (commas and colons readable), and asked of the api with the total.
    expect(queueFiltersToSearch(filters)).toBe(
      `?status=all&sentiment=negative&platform=x&postedFrom=2026-11-12T10:00:00.000Z&postedTo=2026-11-12T11:00:00.000Z&brandId=${BRAND}` +
        '&category=delivery&topic=support&intent=suggestion&spam=include',
    );
    const query = toQueueQuery(filters, ctx.now);
    expect(Object.fromEntries(query)).toEqual({
      status: 'new,open,pending,resolved,ignored',
      sentiment: 'negative',
      platform: 'x',
      postedFrom: '2026-11-12T10:00:00.000Z',
      postedTo: '2026-11-12T11:00:00.000Z',
      brandId: BRAND,
      category: 'delivery',
      topic: 'support',
      intent: 'suggestion',
      spam: 'include',
      sort: 'urgency',
      limit: '100',
      withTotal: 'true',
    });
    // The next page does not count again.
    expect(toQueueQuery(filters, ctx.now, 'c1').get('withTotal')).toBeNull();
  });

  it.each<[string, Partial<QueueFilters>]>([
    ['the defaults', {}],
    ['open work is the default status', { status: ['new', 'open', 'pending'] }],
    ['one status (open alone, not open work)', { status: ['open'] }],
    ['a list of statuses', { status: ['resolved', 'ignored'] }],
    [
      'every filter of the bar',
      { urgency: 'critical', sentiment: 'unscored', platform: 'bluesky', assignee: 'unassigned', receivedWithinHours: 24, sort: 'sla' },
    ],
    ['search with operators', { q: '"late refund" -spam OR fee & more=1' }],
    [
      'two brands, categories, topics, intents',
      { brandIds: [BRAND, RIVAL], categories: ['delivery', 'billing'], topics: ['a b', 'c,d'.split(',')[0]!], intents: ['complaint', 'question'] },
    ],
    ['posted since, only spam', { postedFrom: '2026-11-12T10:00:00.000Z', spam: 'only' }],
    ['posted before', { postedTo: '2026-11-13T00:00:00.000Z' }],
  ])('round-trips %s', (_name, change) => {
    const filters = { ...DEFAULT_FILTERS, ...change };
    const search = queueFiltersToSearch(filters);
    const back = queueFiltersFromSearch(search);
    expect(back.problems).toEqual([]);
    expect(back.filters).toEqual(filters);
    expect(sameFilters(back.filters, filters)).toBe(true);
  });

  it('writes nothing for the defaults and keeps an offset instant as the same instant', () => {
    expect(queueFiltersToSearch(DEFAULT_FILTERS)).toBe('');
    const { filters } = queueFiltersFromSearch('?postedFrom=2026-11-12T11:00:00%2B01:00&postedTo=2026-11-12T12:00+01:00');
    expect([filters.postedFrom, filters.postedTo]).toEqual(['2026-11-12T10:00:00.000Z', '2026-11-12T11:00:00.000Z']);
  });

  it('leaves out what it cannot read and names each part, so a link never narrows the list silently wrong', () => {
    const { filters, problems } = queueFiltersFromSearch(
      '?status=closed&sentiment=mixed&brandId=acme&postedFrom=yesterday&postedTo=2026-11-12&spam=maybe&sort=random&utm_source=mail&receivedWithinHours=-2&intent=rant',
    );
    expect(filters).toEqual(DEFAULT_FILTERS);
    expect(problems).toEqual([
      'utm_source (not a filter of the inbox)',
      'status=closed (all or a list of new, open, pending, resolved, ignored)',
      'sentiment=mixed (one of negative, neutral, positive, unscored)',
      'spam=maybe (one of exclude, include, only)',
      'sort=random (one of urgency, newest, waiting, sla)',
      'receivedWithinHours=-2 (a whole number of hours)',
      'postedFrom=yesterday (an ISO 8601 date-time with offset)',
      'postedTo=2026-11-12 (an ISO 8601 date-time with offset)',
      'brandId=acme (brand ids)',
      'intent=rant (a list of complaint, question, praise, suggestion, other)',
    ]);
    const reversed = queueFiltersFromSearch('?postedFrom=2026-11-12T11:00:00Z&postedTo=2026-11-12T10:00:00Z');
    expect(reversed.filters.postedTo).toBeNull();
    expect(reversed.problems).toEqual(['postedTo=2026-11-12T10:00:00.000Z (must be after postedFrom)']);
  });

  it('takes a chip off: posted bounds together, spam back to excluded, a list emptied', () => {
    const filters: QueueFilters = { ...DEFAULT_FILTERS, postedFrom: 'a', postedTo: 'b', spam: 'only', topics: ['x'], brandIds: [BRAND] };
    expect(withoutChip(filters, 'posted')).toMatchObject({ postedFrom: null, postedTo: null, spam: 'only' });
    expect(withoutChip(filters, 'spam').spam).toBe('exclude');
    expect(withoutChip(filters, 'topics').topics).toEqual([]);
    expect(withoutChip(filters, 'brandIds').brandIds).toEqual([]);
  });
});

describe('a pushed mention against the new filters', () => {
  const drill: QueueFilters = {
    ...DEFAULT_FILTERS,
    status: ['new', 'open', 'pending', 'resolved', 'ignored'],
    postedFrom: '2026-11-12T10:00:00.000Z',
    postedTo: '2026-11-12T11:00:00.000Z',
  };
  const at = (postedAt: string, over: Parameters<typeof buildMention>[0] = {}) => buildMention({ postedAt, status: 'resolved', ...over });

  it('is in the list when posted in [postedFrom, postedTo), not spam, and of the brand, topic, category, intent and sentiment asked for', () => {
    expect(mentionMatchesFilters(at('2026-11-12T10:00:00.000Z'), drill, ctx)).toBe(true);
    expect(mentionMatchesFilters(at('2026-11-12T10:59:59.999Z'), drill, ctx)).toBe(true);
    expect(mentionMatchesFilters(at('2026-11-12T11:00:00.000Z'), drill, ctx)).toBe(false);
    expect(mentionMatchesFilters(at('2026-11-12T09:59:59.999Z'), drill, ctx)).toBe(false);
    expect(mentionMatchesFilters(at('2026-11-12T10:30:00.000Z', { spam: true }), drill, ctx)).toBe(false);
    expect(mentionMatchesFilters(at('2026-11-12T10:30:00.000Z', { spam: true }), { ...drill, spam: 'only' }, ctx)).toBe(true);
    expect(mentionMatchesFilters(at('2026-11-12T10:30:00.000Z'), { ...drill, spam: 'only' }, ctx)).toBe(false);
    const branded = at('2026-11-12T10:30:00.000Z', { brandId: BRAND, topics: ['support'], intent: 'complaint', category: null });
    expect(
      mentionMatchesFilters(branded, { ...drill, brandIds: [RIVAL, BRAND], topics: ['support'], intents: ['complaint'], categories: ['other'] }, ctx),
    ).toBe(true);
    expect(mentionMatchesFilters(branded, { ...drill, brandIds: [RIVAL] }, ctx)).toBe(false);
    expect(mentionMatchesFilters(branded, { ...drill, topics: ['sales'] }, ctx)).toBe(false);
    // The team's correction wins, as in the api and analytics.
    const corrected = { ...branded, corrected: { category: 'billing', sentiment: 'positive' as const } };
    expect(mentionMatchesFilters(corrected, { ...drill, categories: ['billing'], sentiment: 'positive' }, ctx)).toBe(true);
    expect(mentionMatchesFilters({ ...branded, sentiment: null }, { ...drill, sentiment: 'unscored' }, ctx)).toBe(true);
  });
});

describe('the posted chip', () => {
  it('reads a bucket in the workspace’s zone: an hour, a whole day, whole days, open ends', () => {
    expect(formatPostedRange('2026-11-12T10:00:00.000Z', '2026-11-12T11:00:00.000Z', 'UTC')).toBe('12 Nov 2026 10:00–11:00');
    expect(formatPostedRange('2026-11-12T09:00:00.000Z', '2026-11-12T10:00:00.000Z', 'Europe/Berlin')).toBe('12 Nov 2026 10:00–11:00');
    expect(formatPostedRange('2026-11-12T23:00:00.000Z', '2026-11-13T00:00:00.000Z', 'UTC')).toBe('12 Nov 2026 23:00–24:00');
    // 25 October 2026 in Berlin has 25 hours.
    expect(formatPostedRange('2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 'Europe/Berlin')).toBe('25 Oct 2026');
    expect(formatPostedRange('2026-11-08T23:00:00.000Z', '2026-11-15T23:00:00.000Z', 'Europe/Berlin')).toBe('9 Nov – 15 Nov 2026');
    expect(formatPostedRange('2026-11-12T10:00:00.000Z', '2026-11-13T09:30:00.000Z', 'UTC')).toBe('12 Nov 2026 10:00 – 13 Nov 2026 09:30');
    expect(formatPostedRange('2026-11-12T10:00:00.000Z', null, 'UTC')).toBe('since 12 Nov 2026 10:00');
    expect(formatPostedRange(null, '2026-11-12T10:00:00.000Z', 'UTC')).toBe('before 12 Nov 2026 10:00');
  });
});
