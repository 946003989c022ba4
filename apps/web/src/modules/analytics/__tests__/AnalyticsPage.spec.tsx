import { screen, waitFor, within } from '@testing-library/react';
import type { MockApi } from '../../../test/mock-api';
import { ACME, RIVAL, clickChartItem, currentAddress, openAnalytics, volumeReport } from './analytics-test-kit';

let api: MockApi | undefined;
afterEach(() => {
  expect(api?.unhandled ?? []).toEqual([]);
  api?.restore();
  api = undefined;
});

const PATH = '/analytics?from=2026-11-10&to=2026-11-11&bucket=day';
const card = (id: string) => screen.findByTestId(`chart-${id}`);

describe('Analytics › charts and drill-down', () => {
  it('asks every report for the same period and draws each chart with a title, its figures in words and a CSV button', async () => {
    const view = openAnalytics(PATH);
    api = view.api;
    const volume = await card('volume');
    await within(volume).findAllByTestId('volume-bar');
    const asked = api.callsTo('GET /api/analytics/volume')[0]!.query;
    expect(Object.fromEntries(asked)).toEqual({ from: '2026-11-10', to: '2026-11-12', bucket: 'day' });
    expect(Object.fromEntries(api.callsTo('GET /api/analytics/themes')[0]!.query)).toEqual({ from: '2026-11-10', to: '2026-11-12' });
    expect(Object.fromEntries(api.callsTo('GET /api/analytics/top')[0]!.query)).toEqual({ from: '2026-11-10', to: '2026-11-12', limit: '10' });

    expect(within(volume).getByRole('heading', { name: 'Mentions and sentiment' })).toBeInTheDocument();
    expect(within(volume).getByRole('img').getAttribute('aria-label')).toBe(
      '15 mentions from 10 Nov – 11 Nov 2026: 4 negative, 4 neutral, 6 positive, 1 not scored; net sentiment +14.3.',
    );
    // One rect per non-empty segment (series by series), each saying its bucket and count.
    const bars = within(volume).getAllByTestId('volume-bar');
    expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual([
      '10 Nov 2026: 4 negative mentions',
      '10 Nov 2026: 3 neutral mentions',
      '11 Nov 2026: 1 neutral mention',
      '10 Nov 2026: 2 positive mentions',
      '11 Nov 2026: 4 positive mentions',
      '10 Nov 2026: 1 not scored mention',
    ]);
    // The CSV route with the very query of the chart.
    expect(within(volume).getByRole('link', { name: 'CSV of Mentions and sentiment' })).toHaveAttribute(
      'href',
      '/api/analytics/volume.csv?from=2026-11-10&to=2026-11-12&bucket=day',
    );
    expect(within(await card('top')).getByRole('link', { name: 'CSV of Top terms, hashtags and authors' })).toHaveAttribute(
      'href',
      '/api/analytics/top.csv?from=2026-11-10&to=2026-11-12&limit=10',
    );

    const themes = await card('themes');
    expect(await within(themes).findAllByTestId('theme-bar')).toHaveLength(2);
    expect(within(themes).getByRole('img').getAttribute('aria-label')).toBe(
      '4 complaints from 10 Nov – 11 Nov 2026 (3 the period before): Delivery and delays 3 (+2 (+200 %)), Billing and refunds 1 (+1 (new)).',
    );
    expect(within(themes).getByText('None any more: Outage or technical fault (2 before).')).toBeInTheDocument();

    const voice = await card('share-of-voice');
    expect((await within(voice).findAllByTestId('voice-total')).map((b) => b.getAttribute('aria-label'))).toEqual([
      'Acme Air: 12 mentions, 75 % (open them in the inbox)',
      'Rival Jet: 4 mentions, 25 % (open them in the inbox)',
    ]);
    expect(
      within(voice)
        .getAllByTestId('voice-point')
        .map((p) => p.getAttribute('data-count')),
    ).toEqual(['8', '4', '2', '2']);

    const top = await card('top');
    expect(await within(top).findByRole('table', { name: 'Terms' })).toHaveTextContent('refund6delay4');
    expect(within(top).getByRole('table', { name: 'Authors by reach' })).toHaveTextContent('Casey (@casey)12.4K followers · Mastodon3');

    const team = await card('team');
    expect(await within(team).findByText('42.5 min')).toBeInTheDocument();
    expect(within(team).getAllByText('SLA met')[0]!.nextElementSibling).toHaveTextContent('87.5 %');
    expect(within(team).getByText('3 of 4 authors friendlier after our reply')).toBeInTheDocument();
    expect(within(team).getByRole('row', { name: /Dana/ })).toHaveTextContent('5 h 0 min (p90 2 d 2 h)');
  });

  it('opens the inbox with exactly a segment’s mentions: every status, the bucket, the sentiment, the page’s brands and platform', async () => {
    const view = openAnalytics(`${PATH}&brandId=${ACME}&platform=x`);
    api = view.api;
    const volume = await card('volume');
    await clickChartItem(view.user, volume, 'volume-bar', 0);
    await waitFor(() => expect(currentAddress().startsWith('/inbox?')).toBe(true));
    expect(currentAddress()).toBe(
      `/inbox?status=all&sentiment=negative&platform=x&postedFrom=2026-11-09T23:00:00.000Z&postedTo=2026-11-10T23:00:00.000Z&brandId=${ACME}`,
    );
    // The inbox asks for the same mentions and says how many there are.
    await waitFor(() => expect(api!.callsTo('GET /api/mentions').some((c) => c.query.get('withTotal') === 'true')).toBe(true));
    const call = api.callsTo('GET /api/mentions').find((c) => c.query.get('withTotal') === 'true')!;
    expect(call.query.get('status')).toBe('new,open,pending,resolved,ignored');
    expect(call.query.get('spam')).toBeNull(); // left out, as analytics counts
    expect(await screen.findByTestId('queue-total')).toHaveTextContent('4 mentions');
  });

  it('gives the keyboard the same links in each chart’s figures table, and clips a bucket that overhangs the range', async () => {
    // A week bucket starting on Monday 9 Nov, before the range's first day (Tuesday 10 Nov).
    const view = openAnalytics(PATH, {
      volume: () =>
        volumeReport({
          bucket: 'week',
          points: [
            {
              start: '2026-11-08T23:00:00.000Z',
              end: '2026-11-15T23:00:00.000Z',
              label: '2026-11-09',
              hours: 168,
              total: 15,
              sentiment: { negative: 4, neutral: 4, positive: 6, unscored: 1 },
              averageScore: 0.05,
              netSentiment: 14.3,
            },
          ],
        }),
    });
    api = view.api;
    const volume = await card('volume');
    await within(volume).findAllByTestId('volume-bar');
    await view.user.click(within(volume).getByText('Figures and links to the mentions'));
    const table = within(volume).getByRole('table', { name: 'Mentions and sentiment per week' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(within(row).getByRole('rowheader')).toHaveTextContent('10 Nov – 11 Nov 2026');
    const negative = within(row).getAllByRole('link', { name: '4' })[0]!;
    expect(negative).toHaveAttribute('href', '/inbox?status=all&sentiment=negative&postedFrom=2026-11-09T23:00:00.000Z&postedTo=2026-11-11T23:00:00.000Z');
    negative.focus();
    await view.user.keyboard('{Enter}');
    await waitFor(() => expect(currentAddress()).toContain('/inbox?status=all&sentiment=negative'));
  });

  it('drills into a complaint theme over the whole range', async () => {
    const view = openAnalytics(PATH);
    api = view.api;
    const themes = await card('themes');
    await clickChartItem(view.user, themes, 'theme-bar', 0);
    await waitFor(() =>
      expect(currentAddress()).toBe(
        '/inbox?status=all&postedFrom=2026-11-09T23:00:00.000Z&postedTo=2026-11-11T23:00:00.000Z&category=delivery&intent=complaint',
      ),
    );
  });

  it('drills into a brand’s share-of-voice point: that brand alone, that bucket', async () => {
    const view = openAnalytics(PATH);
    api = view.api;
    const voice = await card('share-of-voice');
    // Points in series order: Acme's two days, then Rival's.
    await clickChartItem(view.user, voice, 'voice-point', 2);
    await waitFor(() =>
      expect(currentAddress()).toBe(`/inbox?status=all&postedFrom=2026-11-09T23:00:00.000Z&postedTo=2026-11-10T23:00:00.000Z&brandId=${RIVAL}`),
    );
  });

  it('drills into a brand’s total share of voice', async () => {
    const view = openAnalytics(PATH);
    api = view.api;
    const voice = await card('share-of-voice');
    await view.user.click((await within(voice).findAllByTestId('voice-total'))[0]!);
    await waitFor(() =>
      expect(currentAddress()).toBe(`/inbox?status=all&postedFrom=2026-11-09T23:00:00.000Z&postedTo=2026-11-11T23:00:00.000Z&brandId=${ACME}`),
    );
  });

  it('compares the brands’ sentiment, one read per brand, and opens a segment with that brand alone', async () => {
    const view = openAnalytics(`${PATH}&brandId=${ACME},${RIVAL}`);
    api = view.api;
    const brandSentiment = await card('brand-sentiment');
    const segments = await within(brandSentiment).findAllByTestId('brand-sentiment-segment');
    // One volume read per compared brand, each with that brand alone.
    expect(api.callsTo('GET /api/analytics/volume').map((c) => c.query.get('brandId'))).toEqual(expect.arrayContaining([`${ACME},${RIVAL}`, ACME, RIVAL]));
    expect(within(brandSentiment).getByRole('link', { name: 'CSV of Sentiment by brand' })).toHaveAttribute('download', 'sentiment-by-brand.csv');
    await view.user.click(segments[0]!);
    await waitFor(() =>
      expect(currentAddress()).toBe(
        `/inbox?status=all&sentiment=negative&postedFrom=2026-11-09T23:00:00.000Z&postedTo=2026-11-11T23:00:00.000Z&brandId=${ACME}`,
      ),
    );
  });
});

describe('Analytics › filters in the address', () => {
  it('reads the period, bucket, brands and platform from the address and writes every change back', async () => {
    const view = openAnalytics('/analytics?range=7d&bucket=hour&platform=mastodon');
    api = view.api;
    await within(await card('volume')).findAllByTestId('volume-bar');
    const first = api.callsTo('GET /api/analytics/volume')[0]!.query;
    expect(first.get('bucket')).toBe('hour');
    expect(first.get('platform')).toBe('mastodon');
    // 7 local days ending today in Berlin.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
    expect(first.get('to')).toBe(new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
    expect(first.get('from')).toBe(new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10));
    expect(screen.getByLabelText('Period')).toHaveValue('7d');
    expect(screen.getByLabelText('Per')).toHaveValue('hour');

    await view.user.click(await screen.findByLabelText('Rival Jet (competitor)'));
    await waitFor(() => expect(currentAddress()).toBe(`/analytics?range=7d&bucket=hour&brandId=${RIVAL}&platform=mastodon`));
    await waitFor(() => expect(api!.callsTo('GET /api/analytics/volume').at(-1)!.query.get('brandId')).toBe(RIVAL));

    await view.user.selectOptions(screen.getByLabelText('Period'), '90d');
    await waitFor(() => expect(currentAddress()).toBe(`/analytics?range=90d&brandId=${RIVAL}&platform=mastodon`));
    expect(screen.getByLabelText('Per')).toHaveValue('day');
    expect(within(screen.getByLabelText('Per')).queryByRole('option', { name: 'Hour' })).not.toBeInTheDocument();

    await view.user.selectOptions(screen.getByLabelText('Period'), 'custom');
    await view.user.clear(screen.getByLabelText('From'));
    await view.user.type(screen.getByLabelText('From'), '2026-11-01');
    await view.user.clear(screen.getByLabelText('To (inclusive)'));
    await view.user.type(screen.getByLabelText('To (inclusive)'), '2026-11-03');
    await view.user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(currentAddress()).toBe(`/analytics?from=2026-11-01&to=2026-11-03&brandId=${RIVAL}&platform=mastodon`));
    await waitFor(() => expect(api!.callsTo('GET /api/analytics/volume').at(-1)!.query.get('to')).toBe('2026-11-04'));
  });
});

describe('Analytics › states', () => {
  it('shows the empty state only when the workspace has no mention at all', async () => {
    const view = openAnalytics(PATH, { anyMention: false });
    api = view.api;
    expect(await screen.findByRole('heading', { name: 'Analytics appear once mentions start arriving' })).toBeInTheDocument();
  });

  it('draws zero-filled charts, not the empty state, for a period without mentions', async () => {
    const view = openAnalytics(PATH, {
      volume: () =>
        volumeReport({
          points: volumeReport().points.map((p) => ({ ...p, total: 0, sentiment: { negative: 0, neutral: 0, positive: 0, unscored: 0 }, netSentiment: null })),
          totals: { total: 0, sentiment: { negative: 0, neutral: 0, positive: 0, unscored: 0 }, averageScore: null, netSentiment: null },
        }),
    });
    api = view.api;
    const volume = await card('volume');
    await waitFor(() => expect(within(volume).getByRole('img')).toHaveAttribute('aria-label', expect.stringMatching(/^0 mentions from/)));
    expect(screen.queryByRole('heading', { name: 'Analytics appear once mentions start arriving' })).not.toBeInTheDocument();
  });

  it('keeps the other charts when one report fails, and says why', async () => {
    const view = openAnalytics(PATH, { team: { status: 404, body: { statusCode: 404, error: 'Not Found', message: 'Cannot GET /api/analytics/team' } } });
    api = view.api;
    const team = await card('team');
    expect(await within(team).findByText('This server does not provide these figures yet.')).toBeInTheDocument();
    expect(await within(await card('volume')).findAllByTestId('volume-bar')).not.toHaveLength(0);
  });
});
