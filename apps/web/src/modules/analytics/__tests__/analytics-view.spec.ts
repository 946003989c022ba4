import { csvCell, toCsv } from '../csv';
import { drillDownHref } from '../drill-down';
import { analyticsQuery, analyticsViewFromSearch, analyticsViewToSearch, bucketsFor, localHourStart, rangeQuery, type AnalyticsView } from '../analytics-view';
import { queueFiltersFromSearch } from '../../inbox/queue-filters';

const ACME = '5b0c2a7e-1f1e-4c57-9a52-7d2f0b6f3a11';
const RIVAL = '7c1d3b8f-2a2f-4d68-8b63-8e3a1c7a4b22';

describe('the Analytics page’s address', () => {
  it.each<[string, string]>([
    ['the default (30 days by day)', ''],
    ['a preset with its own bucket', '?range=24h'],
    ['a preset with a chosen bucket', '?range=7d&bucket=hour'],
    ['custom days, brands and a platform', `?from=2026-11-01&to=2026-11-14&bucket=week&brandId=${ACME},${RIVAL}&platform=reddit`],
  ])('round-trips %s', (_name, search) => {
    const view = analyticsViewFromSearch(search);
    expect(analyticsViewToSearch(view)).toBe(search);
    expect(analyticsViewFromSearch(analyticsViewToSearch(view))).toEqual(view);
  });

  it('falls back on what it cannot read: a bucket the range cannot have, reversed days, unknown brands and platforms', () => {
    expect(analyticsViewFromSearch('?range=90d&bucket=hour').bucket).toBe('day');
    expect(analyticsViewFromSearch('?from=2026-11-14&to=2026-11-01').range).toEqual({ kind: 'preset', preset: '30d' });
    expect(analyticsViewFromSearch('?range=1y').range).toEqual({ kind: 'preset', preset: '30d' });
    expect(analyticsViewFromSearch(`?brandId=acme,${ACME.toUpperCase()}&platform=myspace`)).toMatchObject({ brandIds: [ACME], platform: 'any' });
    expect(bucketsFor({ kind: 'preset', preset: '24h' })).toEqual(['hour', 'day']);
    expect(bucketsFor({ kind: 'preset', preset: '90d' })).toEqual(['day', 'week']);
    expect(bucketsFor({ kind: 'custom', from: '2026-11-01', to: '2026-12-01' })).toEqual(['hour', 'day', 'week']);
  });

  it('counts presets in the workspace’s zone: whole local days, and 24 whole local hours (half-hour zones too)', () => {
    // 2026-11-20 23:30 UTC is already the 21st in Berlin and 05:00 on the 21st in Kolkata.
    const now = Date.parse('2026-11-20T23:30:12.345Z');
    expect(rangeQuery({ kind: 'preset', preset: '7d' }, 'Europe/Berlin', now)).toEqual({ from: '2026-11-15', to: '2026-11-22' });
    expect(rangeQuery({ kind: 'preset', preset: '7d' }, 'America/New_York', now)).toEqual({ from: '2026-11-14', to: '2026-11-21' });
    expect(rangeQuery({ kind: 'custom', from: '2026-11-01', to: '2026-11-03' }, 'UTC', now)).toEqual({ from: '2026-11-01', to: '2026-11-04' });
    expect(new Date(localHourStart('Europe/Berlin', now)).toISOString()).toBe('2026-11-20T23:00:00.000Z');
    expect(new Date(localHourStart('Asia/Kolkata', now)).toISOString()).toBe('2026-11-20T23:30:00.000Z');
    expect(rangeQuery({ kind: 'preset', preset: '24h' }, 'Asia/Kolkata', now)).toEqual({ from: '2026-11-20T00:30:00.000Z', to: '2026-11-21T00:30:00.000Z' });
    const view: AnalyticsView = { range: { kind: 'preset', preset: '24h' }, bucket: 'hour', brandIds: [ACME], platform: 'x' };
    expect(Object.fromEntries(analyticsQuery(view, 'UTC', now))).toEqual({
      from: '2026-11-20T00:00:00.000Z',
      to: '2026-11-21T00:00:00.000Z',
      bucket: 'hour',
      brandId: ACME,
      platform: 'x',
    });
  });
});

describe('drill-down links', () => {
  const range = { from: '2026-11-09T23:00:00.000Z', to: '2026-11-11T23:00:00.000Z', timeZone: 'Europe/Berlin' };
  const view: AnalyticsView = {
    range: { kind: 'custom', from: '2026-11-10', to: '2026-11-11' },
    bucket: 'week',
    brandIds: [ACME, RIVAL],
    platform: 'mastodon',
  };

  it('asks the inbox for every status, the bucket clipped to the range, the page’s filters and the series', () => {
    const href = drillDownHref(view, range, { start: '2026-11-08T23:00:00.000Z', end: '2026-11-15T23:00:00.000Z', sentiment: 'unscored' });
    expect(href).toBe(
      `/inbox?status=all&sentiment=unscored&platform=mastodon&postedFrom=2026-11-09T23:00:00.000Z&postedTo=2026-11-11T23:00:00.000Z&brandId=${ACME},${RIVAL}`,
    );
    // The inbox reads back exactly that.
    const { filters, problems } = queueFiltersFromSearch(href.slice('/inbox'.length));
    expect(problems).toEqual([]);
    expect(filters).toMatchObject({
      status: ['new', 'open', 'pending', 'resolved', 'ignored'],
      sentiment: 'unscored',
      platform: 'mastodon',
      postedFrom: range.from,
      postedTo: range.to,
      brandIds: [ACME, RIVAL],
      spam: 'exclude',
    });
    const theme = drillDownHref(view, range, { start: range.from, end: range.to, intents: ['complaint'], categories: ['delivery'], brandIds: [RIVAL] });
    expect(queueFiltersFromSearch(theme.slice('/inbox'.length)).filters).toMatchObject({ intents: ['complaint'], categories: ['delivery'], brandIds: [RIVAL] });
  });
});

describe('CSV made in the browser', () => {
  it('keeps numbers, quotes text that needs it and neutralises formulas', () => {
    expect(['=SUM(A1)', '+1', '-x', '@cmd', '\tx', 'Acme, Inc', 'say "hi"', 'plain'].map(csvCell)).toEqual([
      "'=SUM(A1)",
      "'+1",
      "'-x",
      "'@cmd",
      "'\tx",
      '"Acme, Inc"',
      '"say ""hi"""',
      'plain',
    ]);
    expect(
      toCsv(
        ['brand', 'net'],
        [
          ['=evil', -12.5],
          ['Acme', null],
        ],
      ),
    ).toBe("brand,net\r\n'=evil,-12.5\r\nAcme,\r\n");
  });
});
