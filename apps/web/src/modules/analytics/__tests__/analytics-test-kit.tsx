import { useEffect } from 'react';
import { render, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import type { Brand, ShareOfVoiceReport, TeamReport, ThemesReport, TopReport, VolumeReport } from '@earshot/contracts';
import { AppRoutes } from '../../../app/AppRoutes';
import { AuthProvider } from '../../auth/components/AuthProvider';
import { SocketFactoryContext } from '../../../shared/realtime/socket-factory-context';
import { FakeSocket, fakeSocketFactory } from '../../../test/fake-socket';
import { buildMention, buildSession } from '../../../test/factories';
import { mockApi, type MockApi, type MockReply, type RecordedCall } from '../../../test/mock-api';
import { ChartSizeContext } from '../components/ChartFrame';

export const ACME = '5b0c2a7e-1f1e-4c57-9a52-7d2f0b6f3a11';
export const RIVAL = '7c1d3b8f-2a2f-4d68-8b63-8e3a1c7a4b22';

export const BRANDS: Brand[] = [
  { id: ACME, name: 'Acme Air', kind: 'own', handles: [], createdAt: '2026-11-01T09:00:00.000Z' },
  { id: RIVAL, name: 'Rival Jet', kind: 'competitor', handles: [], createdAt: '2026-11-01T09:00:00.000Z' },
];

/** Berlin: 10 and 11 November 2026 are whole CET days. */
export const RANGE = { from: '2026-11-09T23:00:00.000Z', to: '2026-11-11T23:00:00.000Z', timeZone: 'Europe/Berlin' };

const sentiment = (negative: number, neutral: number, positive: number, unscored = 0) => ({ negative, neutral, positive, unscored });

export function volumeReport(over: Partial<VolumeReport> = {}): VolumeReport {
  return {
    range: RANGE,
    bucket: 'day',
    points: [
      {
        start: '2026-11-09T23:00:00.000Z',
        end: '2026-11-10T23:00:00.000Z',
        label: '2026-11-10',
        hours: 24,
        total: 10,
        sentiment: sentiment(4, 3, 2, 1),
        averageScore: -0.1,
        netSentiment: -22.2,
      },
      {
        start: '2026-11-10T23:00:00.000Z',
        end: '2026-11-11T23:00:00.000Z',
        label: '2026-11-11',
        hours: 24,
        total: 5,
        sentiment: sentiment(0, 1, 4),
        averageScore: 0.4,
        netSentiment: 80,
      },
    ],
    totals: { total: 15, sentiment: sentiment(4, 4, 6, 1), averageScore: 0.05, netSentiment: 14.3 },
    ...over,
  };
}

export const THEMES: ThemesReport = {
  range: RANGE,
  previous: { from: '2026-11-07T23:00:00.000Z', to: '2026-11-09T23:00:00.000Z' },
  totalComplaints: 4,
  previousTotalComplaints: 3,
  themes: [
    { category: 'delivery', count: 3, share: 0.75, previousCount: 1, change: { absolute: 2, percent: 200 } },
    { category: 'billing', count: 1, share: 0.25, previousCount: 0, change: { absolute: 1, percent: null } },
    { category: 'outage', count: 0, share: 0, previousCount: 2, change: { absolute: -2, percent: -100 } },
  ],
};

export const VOICE: ShareOfVoiceReport = {
  range: RANGE,
  bucket: 'day',
  brands: [
    { brandId: ACME, name: 'Acme Air', kind: 'own', count: 12, share: 0.75 },
    { brandId: RIVAL, name: 'Rival Jet', kind: 'competitor', count: 4, share: 0.25 },
  ],
  ownShare: 0.75,
  points: [
    {
      start: '2026-11-09T23:00:00.000Z',
      end: '2026-11-10T23:00:00.000Z',
      label: '2026-11-10',
      hours: 24,
      brands: [
        { brandId: ACME, count: 8, share: 0.8 },
        { brandId: RIVAL, count: 2, share: 0.2 },
      ],
    },
    {
      start: '2026-11-10T23:00:00.000Z',
      end: '2026-11-11T23:00:00.000Z',
      label: '2026-11-11',
      hours: 24,
      brands: [
        { brandId: ACME, count: 4, share: 0.667 },
        { brandId: RIVAL, count: 2, share: 0.333 },
      ],
    },
  ],
};

export const TOP: TopReport = {
  range: RANGE,
  terms: [
    { term: 'refund', count: 6 },
    { term: 'delay', count: 4 },
  ],
  hashtags: [{ tag: 'acmefail', count: 3 }],
  authors: [{ authorId: '00000000-0000-4000-8000-00000000a001', handle: 'casey', displayName: 'Casey', platform: 'mastodon', reach: 12400, mentions: 3 }],
  basis: { mentions: 15, sampled: 15, sampledFrom: '2026-11-10T06:00:00.000Z' },
};

const figures = {
  firstResponse: { medianMinutes: 42.5, p90Minutes: 130, count: 8 },
  resolution: { medianMinutes: 300, p90Minutes: 3000, count: 6 },
  slaAttainment: 0.875,
  responseRate: 0.5,
  reopenRate: 0.1,
  repliesSent: 9,
  sentimentRecovery: { authors: 4, improved: 3, share: 0.75, averageDelta: 0.4 },
};
export const TEAM: TeamReport = { range: RANGE, team: figures, agents: [{ userId: '00000000-0000-4000-8000-00000000b001', name: 'Dana', ...figures }] };

/**
 * Clicks the `index`th bar or point with `testId` in `container` as a pointer would: recharts
 * re-creates an item's element when the pointer first enters it, so it is found again after the
 * hover (the page takes the click on the chart, where the pointer is).
 */
export async function clickChartItem(user: ReturnType<typeof userEvent.setup>, container: HTMLElement, testId: string, index: number): Promise<void> {
  await user.hover((await within(container).findAllByTestId(testId))[index]!);
  await user.click(within(container).getAllByTestId(testId)[index]!);
}

let where = '';
/** The router's address (path and query), as the browser's bar would show it. */
export const currentAddress = () => where;
function LocationProbe() {
  const location = useLocation();
  useEffect(() => {
    where = `${location.pathname}${location.search}`;
  });
  return null;
}

export interface AnalyticsApiOptions {
  /** Whether the workspace has any mention at all. */
  anyMention?: boolean;
  volume?: (call: RecordedCall) => VolumeReport;
  team?: MockReply;
}

/** The whole dashboard at `path` with a fake api serving the analytics routes, charts at a fixed size. */
export function openAnalytics(path: string, o: AnalyticsApiOptions = {}): { api: MockApi; user: ReturnType<typeof userEvent.setup> } {
  const api = mockApi({
    'GET /api/auth/me': { status: 200, body: buildSession('agent') },
    'GET /api/mentions': (call) => ({
      status: 200,
      body: {
        items: call.query.get('limit') === '1' && o.anyMention !== false ? [buildMention()] : [],
        nextCursor: null,
        seq: 10,
        ...(call.query.get('withTotal') === 'true' ? { total: 4 } : {}),
      },
    }),
    'GET /api/mentions/changes': (call) => ({ status: 200, body: { items: [], seq: Number(call.query.get('since')), hasMore: false } }),
    'GET /api/brands': { status: 200, body: { items: BRANDS } },
    'GET /api/analytics/volume': (call) => ({ status: 200, body: o.volume ? o.volume(call) : volumeReport() }),
    'GET /api/analytics/themes': { status: 200, body: THEMES },
    'GET /api/analytics/share-of-voice': { status: 200, body: VOICE },
    'GET /api/analytics/top': { status: 200, body: TOP },
    'GET /api/analytics/team': o.team ?? { status: 200, body: TEAM },
  });
  const user = userEvent.setup();
  render(
    <SocketFactoryContext value={fakeSocketFactory(new FakeSocket())}>
      <ChartSizeContext value={{ width: 720, height: 300 }}>
        <MemoryRouter initialEntries={[path]}>
          <AuthProvider>
            <AppRoutes />
            <LocationProbe />
          </AuthProvider>
        </MemoryRouter>
      </ChartSizeContext>
    </SocketFactoryContext>,
  );
  return { api, user };
}
