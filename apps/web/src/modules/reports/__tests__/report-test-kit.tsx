import { useEffect } from 'react';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import type { Report, ReportExample, ReportListItem, ReportSnapshot, Role, Session } from '@earshot/contracts';
import { AppRoutes } from '../../../app/AppRoutes';
import { AuthProvider } from '../../auth/components/AuthProvider';
import { SocketFactoryContext } from '../../../shared/realtime/socket-factory-context';
import { FakeSocket, fakeSocketFactory } from '../../../test/fake-socket';
import { buildSession } from '../../../test/factories';
import { mockApi, type MockApi, type MockRoutes } from '../../../test/mock-api';
import { ChartSizeContext } from '../../analytics/components/ChartFrame';

export const REPORT_ID = 'a1b2c3d4-0000-4000-8000-000000000001';
export const OLDER_ID = 'a1b2c3d4-0000-4000-8000-000000000002';

/** Mention text that must come out as text: markup, a script, a formula, right-to-left override. */
export const HOSTILE_TEXT = '<img src=x onerror="alert(1)"> <b>refund</b> me now';
export const FORMULA_TEXT = '=HYPERLINK("http://evil.example","Click")';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
let seq = 0;
function example(handle: string, platform: string, reach: number, text: string, postedAt: string, url: string | null = null): ReportExample {
  seq += 1;
  return { mentionId: id(1000 + seq), platform, authorHandle: handle, authorReach: reach, text, postedAt, url };
}

/** A week of a fictional workspace (Berlin, Monday weeks): every figure below is what the tests expect to read. */
export function snapshotFixture(): ReportSnapshot {
  seq = 0;
  return {
    version: 1,
    workspace: { id: id(1), name: 'Acme Coffee', timeZone: 'Europe/Berlin', weekStartsOn: 'monday' },
    week: { start: '2026-11-29T23:00:00.000Z', end: '2026-12-06T23:00:00.000Z', startDate: '2026-11-30', label: '30 Nov – 6 Dec 2026', hours: 168 },
    generatedAt: '2026-12-07T06:00:00.000Z',
    headline: {
      direction: 'worse',
      sentence: "Reputation fell: net sentiment −12.4 points, driven by complaints about delivery after Tuesday's outage",
      netSentiment: -3.2,
      previousNetSentiment: 9.2,
      fourWeekAverage: 7.6,
      change: -12.4,
      driver: 'delivery',
    },
    volume: {
      mentions: 1284,
      previousMentions: 1032,
      change: { absolute: 252, percent: 24.4 },
      reach: 2_480_000,
      previousReach: 1_910_000,
      sentence: '1,284 mentions, 24 % more than last week, reaching about 2.5M people.',
    },
    shareOfVoice: {
      brands: [
        { brandId: id(11), name: 'Acme Coffee', kind: 'own', count: 1284, share: 0.412, previousShare: 0.385 },
        { brandId: id(12), name: 'Globex Roasters', kind: 'competitor', count: 1002, share: 0.321, previousShare: 0.334 },
        { brandId: id(13), name: 'Initech Beans', kind: 'competitor', count: 832, share: 0.267, previousShare: 0.281 },
      ],
      ownShare: 0.412,
      previousOwnShare: 0.385,
      sentence: 'Acme Coffee had 41.2 % of the conversation, 2.7 pp more than last week.',
    },
    sentimentByDay: [
      { date: '2026-11-30', positive: 80, neutral: 60, negative: 42, netSentiment: 20.9 },
      { date: '2026-12-01', positive: 41, neutral: 70, negative: 152, netSentiment: -42.2 },
      { date: '2026-12-02', positive: 52, neutral: 66, negative: 118, netSentiment: -28 },
      { date: '2026-12-03', positive: 70, neutral: 72, negative: 66, netSentiment: 1.9 },
      { date: '2026-12-04', positive: 74, neutral: 61, negative: 44, netSentiment: 16.8 },
      { date: '2026-12-05', positive: 46, neutral: 30, negative: 21, netSentiment: 25.8 },
      { date: '2026-12-06', positive: 0, neutral: 0, negative: 0, netSentiment: null },
    ],
    themes: [
      {
        category: 'delivery',
        label: 'Delivery',
        count: 132,
        previousCount: 41,
        change: { absolute: 91, percent: 222 },
        owner: { department: 'Logistics', email: 'logistics@acme.example' },
        rootCauseStatus: 'investigating',
        examples: [
          example('@kasia_w', 'x', 1840, HOSTILE_TEXT, '2026-12-01T09:12:00.000Z', 'https://x.example/kasia/1'),
          example('@ivan_p', 'mastodon', 920, 'Заказ №4471 опаздывает на пять дней!', '2026-12-01T11:40:00.000Z', 'javascript:alert(1)'),
        ],
      },
      {
        category: 'billing',
        label: 'Billing',
        count: 58,
        previousCount: 61,
        change: { absolute: -3, percent: -4.9 },
        owner: null,
        rootCauseStatus: null,
        examples: [example('@sam', 'bluesky', 310, FORMULA_TEXT, '2026-12-02T08:05:00.000Z')],
      },
    ],
    themesSentence: 'Delivery complaints tripled after the carrier outage on Tuesday; billing held steady.',
    alerts: [
      {
        id: id(21),
        brand: 'Acme Coffee',
        category: 'delivery',
        metric: 'volume',
        ratio: 4.6,
        raisedAt: '2026-12-01T08:35:00.000Z',
        clearedAt: '2026-12-01T17:50:00.000Z',
        topTerms: ['parcel', 'courier'],
        handled: { repliesQueued: 64, statusPost: true, firstResponseMinutes: 18 },
        sentence: 'Tue 1 Dec: delivery mentions ran 4.6 times the usual rate for 9 hours.',
      },
    ],
    alertsSentence: 'One alert this week; the team answered within 18 minutes and posted a status update.',
    response: {
      slaAttainment: 0.874,
      previousSlaAttainment: 0.931,
      medianFirstResponseMinutes: 38,
      previousMedianFirstResponseMinutes: 24,
      responseRate: 0.782,
      previousResponseRate: 0.782,
      repliesSent: 412,
      previousRepliesSent: 298,
      sentence: 'The team sent 412 replies and met the SLA on 87.4 % of mentions.',
    },
    notable: {
      positive: [{ ...example('@barista_lena', 'bluesky', 184_000, 'Love the new dark mode', '2026-12-04T18:00:00.000Z'), sentiment: 'positive' }],
      negative: [{ ...example('@techcritic', 'x', 356_000, 'Acme lost my order and charged me twice.', '2026-12-01T13:00:00.000Z'), sentiment: 'negative' }],
    },
    conversation: {
      post: example('@jess_m', 'x', 2300, 'My beans were supposed to arrive Monday. Anyone around?', '2026-12-01T09:02:00.000Z'),
      waitMinutes: 23,
      reply: { body: 'Hi Jess, sorry about this: we re-sent your order by express.', sentAt: '2026-12-01T09:25:00.000Z' },
      nextPost: example('@jess_m', 'x', 2300, 'Okay, that was quick and kind. Thanks!', '2026-12-02T08:15:00.000Z'),
    },
  };
}

export function reportFixture(over: Partial<Report> = {}): Report {
  return {
    id: REPORT_ID,
    weekStart: '2026-11-30',
    snapshot: snapshotFixture(),
    generatedAt: '2026-12-07T06:00:00.000Z',
    generatedBy: null,
    emailedAt: '2026-12-07T06:01:00.000Z',
    ...over,
  };
}

export const LIST: ReportListItem[] = [
  {
    id: REPORT_ID,
    weekStart: '2026-11-30',
    label: '30 Nov – 6 Dec 2026',
    headline: "Reputation fell: net sentiment −12.4 points, driven by complaints about delivery after Tuesday's outage",
    direction: 'worse',
    generatedAt: '2026-12-07T06:00:00.000Z',
    emailedAt: '2026-12-07T06:01:00.000Z',
  },
  {
    id: OLDER_ID,
    weekStart: '2026-11-23',
    label: '23 – 29 Nov 2026',
    headline: 'Reputation improved: net sentiment +4.1 points',
    direction: 'better',
    generatedAt: '2026-11-30T06:00:00.000Z',
    emailedAt: null,
  },
];

/** Where the router is, for tests that follow a navigation. */
export const location = { current: '' };
function LocationProbe() {
  const here = useLocation();
  useEffect(() => {
    location.current = here.pathname;
  }, [here]);
  return null;
}

let api: MockApi | undefined;
export function currentApi(): MockApi {
  if (!api) throw new Error('no mock api: call openReports first');
  return api;
}

afterEach(() => {
  expect(api?.unhandled ?? []).toEqual([]);
  api?.restore();
  api = undefined;
});

/** The whole dashboard at `path`, signed in as `role`, with the api answering `routes` (charts drawn at a fixed size). */
export function openReports(role: Role, routes: MockRoutes, path = '/reports', session: Session = buildSession(role)) {
  api = mockApi({ 'GET /api/auth/me': { status: 200, body: session }, ...routes });
  const user = userEvent.setup();
  const view = render(
    <SocketFactoryContext value={fakeSocketFactory(new FakeSocket())}>
      <ChartSizeContext value={{ width: 480, height: 200 }}>
        <MemoryRouter initialEntries={[path]}>
          <AuthProvider>
            <AppRoutes />
            <LocationProbe />
          </AuthProvider>
        </MemoryRouter>
      </ChartSizeContext>
    </SocketFactoryContext>,
  );
  return { api, user, ...view };
}
