import { type ReportExample, type ReportSnapshot } from '@earshot/contracts';

/**
 * A week of a fictional workspace for the PDF renderer's tests and the review PNG: realistic numbers, and
 * mention text that tries everything (Cyrillic, Greek, Polish, Vietnamese, a spreadsheet formula, a bidi
 * override, emoji, Japanese, a 600-character rant).
 */

export const HOSTILE_FORMULA = '=HYPERLINK("http://evil.example/x","Click for refund") refund me now';
export const BIDI_TEXT = 'Great app \u202Eyllaer ton\u202C honestly';
export const CYRILLIC_TEXT = 'Заказ №4471 опаздывает на пять дней!';
export const GREEK_TEXT = 'Η παράδοση άργησε τρεις μέρες.';
export const JAPANESE_TEXT = '配送が遅すぎる。三日待っている。';
export const EMOJI_TEXT = 'Love the new app 😍🔥👍🏽 the dark mode is 🇩🇪 perfect';
export const LONG_TEXT =
  'I have been a customer for nine years and I have never been treated like this. The parcel was marked as delivered on Tuesday ' +
  'but nothing arrived, the courier says it was left with a neighbour who does not exist, the chat bot sends me in circles, ' +
  'the phone line hangs up after forty minutes on hold and nobody answers e-mail. I want my money back and I want someone to ' +
  'call me. I will tell everyone I know about this. Seriously, the worst week of service I have ever had from any company, ' +
  'and I used to recommend you to everyone at work.';

let sequence = 0;
function id(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

function example(handle: string, platform: string, reach: number, text: string, postedAt = '2026-12-02T10:00:00.000Z'): ReportExample {
  sequence += 1;
  return { mentionId: id(1000 + sequence), platform, authorHandle: handle, authorReach: reach, text, postedAt, url: null };
}

export function reportSnapshotFixture(): ReportSnapshot {
  sequence = 0;
  return {
    version: 1,
    workspace: { id: id(1), name: 'Acme Coffee', timeZone: 'Europe/Berlin', weekStartsOn: 'monday' },
    week: {
      start: '2026-11-29T23:00:00.000Z',
      end: '2026-12-06T23:00:00.000Z',
      startDate: '2026-11-30',
      label: '30 Nov \u2013 6 Dec 2026',
      hours: 168,
    },
    generatedAt: '2026-12-07T06:00:00.000Z',
    headline: {
      direction: 'worse',
      sentence: "Reputation fell: net sentiment \u221212.4 points, driven by complaints about delivery after Tuesday's outage",
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
      sentence: '1,284 mentions (24 % more than last week) reached about 2.5M people; most of the rise came on Tuesday and Wednesday.',
    },
    shareOfVoice: {
      brands: [
        { brandId: id(11), name: 'Acme Coffee', kind: 'own', count: 1284, share: 0.412, previousShare: 0.385 },
        { brandId: id(12), name: 'Globex Roasters', kind: 'competitor', count: 1002, share: 0.321, previousShare: 0.334 },
        { brandId: id(13), name: 'Initech Beans', kind: 'competitor', count: 583, share: 0.187, previousShare: 0.2 },
        { brandId: id(14), name: 'Umbrella Café', kind: 'competitor', count: 249, share: 0.08, previousShare: 0.081 },
      ],
      ownShare: 0.412,
      previousOwnShare: 0.385,
      sentence: 'Acme Coffee had 41.2 % of the conversation, 2.7 pp more than last week, mostly from complaints.',
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
          example('@kasia_w', 'x', 1840, 'Zamówienie przyszło uszkodzone, żółć wszędzie. Third time this month!', '2026-12-01T09:12:00.000Z'),
          example('@ivan_p', 'x', 920, CYRILLIC_TEXT, '2026-12-01T11:40:00.000Z'),
        ],
      },
      {
        category: 'billing',
        label: 'Billing',
        count: 58,
        previousCount: 61,
        change: { absolute: -3, percent: -4.9 },
        owner: { department: 'Finance', email: 'billing-team@acme.example' },
        rootCauseStatus: 'fix_shipped',
        examples: [
          example('@spreadsheet_sam', 'x', 310, HOSTILE_FORMULA, '2026-12-02T08:05:00.000Z'),
          example('@maria.k', 'bluesky', 2200, 'Charged twice for the same subscription again, and the refund takes 10 days?', '2026-12-03T14:30:00.000Z'),
        ],
      },
      {
        category: 'app',
        label: 'App and website',
        count: 37,
        previousCount: 22,
        change: { absolute: 15, percent: 68.2 },
        owner: null,
        rootCauseStatus: null,
        examples: [
          example('@nikos', 'mastodon', 150, GREEK_TEXT, '2026-12-02T19:00:00.000Z'),
          example('@rtl_tester', 'reddit', 80, BIDI_TEXT, '2026-12-04T10:10:00.000Z'),
        ],
      },
      {
        category: 'service',
        label: 'Customer service',
        count: 21,
        previousCount: 18,
        change: { absolute: 3, percent: 16.7 },
        owner: { department: 'Customer care', email: 'care-leads@acme.example' },
        rootCauseStatus: 'open',
        examples: [
          example('@longwinded', 'x', 5400, LONG_TEXT, '2026-12-01T16:45:00.000Z'),
          example('@yuki', 'x', 640, JAPANESE_TEXT, '2026-12-02T02:20:00.000Z'),
        ],
      },
      {
        category: 'quality',
        label: 'Product quality',
        count: 9,
        previousCount: 0,
        change: { absolute: 9, percent: null },
        owner: { department: 'Roastery', email: 'roastery@acme.example' },
        rootCauseStatus: null,
        examples: [
          example('@thu.nguyen', 'bluesky', 410, 'Giao hàng chậm quá, cà phê bị ẩm.', '2026-12-04T07:30:00.000Z'),
          example('@bean_nerd', 'reddit', 1200, 'The new Ethiopia blend tastes burnt, like it sat on the hot plate.', '2026-12-05T12:00:00.000Z'),
        ],
      },
    ],
    themesSentence: 'Delivery complaints tripled (132, up from 41) after the carrier outage on Tuesday; billing held steady.',
    alerts: [
      {
        id: id(21),
        brand: 'Acme Coffee',
        category: 'delivery',
        metric: 'volume',
        ratio: 4.6,
        raisedAt: '2026-12-01T08:35:00.000Z',
        clearedAt: '2026-12-01T17:50:00.000Z',
        topTerms: ['parcel', 'courier', 'late'],
        handled: { repliesQueued: 64, statusPost: true, firstResponseMinutes: 18 },
        sentence: 'Tue 1 Dec: delivery mentions ran 4.6 times the usual rate for 9 hours (parcel, courier, late).',
      },
      {
        id: id(22),
        brand: 'Acme Coffee',
        category: null,
        metric: 'negative_share',
        ratio: 2.1,
        raisedAt: '2026-12-02T13:10:00.000Z',
        clearedAt: '2026-12-02T15:00:00.000Z',
        topTerms: ['charged', 'twice'],
        handled: { repliesQueued: 12, statusPost: false, firstResponseMinutes: 41 },
        sentence: 'Wed 2 Dec: the share of negative mentions doubled for 2 hours (charged, twice).',
      },
    ],
    alertsSentence: 'Two alerts this week; the team answered both within an hour and posted a status update for the delivery outage.',
    response: {
      slaAttainment: 0.874,
      previousSlaAttainment: 0.931,
      medianFirstResponseMinutes: 38,
      previousMedianFirstResponseMinutes: 24,
      responseRate: 0.782,
      previousResponseRate: 0.805,
      repliesSent: 412,
      previousRepliesSent: 298,
      sentence: 'The team sent 412 replies (38 % more) and met the SLA on 87.4 % of mentions, down 5.7 pp under the extra load.',
    },
    notable: {
      positive: [
        { ...example('@barista_lena', 'bluesky', 184_000, EMOJI_TEXT, '2026-12-04T18:00:00.000Z'), sentiment: 'positive' },
        { ...example('@coffee_weekly', 'x', 42_000, 'Acme replied to every single delivery complaint within the hour. That is how you handle a bad day.', '2026-12-02T10:00:00.000Z'), sentiment: 'positive' },
        { ...example('@morningbrew', 'mastodon', 9_800, 'Still the best decaf I have had.', '2026-12-05T07:00:00.000Z'), sentiment: 'positive' },
      ],
      negative: [
        { ...example('@techcritic', 'x', 356_000, 'Acme Coffee lost my order, charged me twice and their bot told me to “try again later”. Impressive.', '2026-12-01T13:00:00.000Z'), sentiment: 'negative' },
        { ...example('@dave_r', 'reddit', 12_500, LONG_TEXT, '2026-12-02T21:00:00.000Z'), sentiment: 'negative' },
        { ...example('@anon', 'x', 3_100, 'Never again.', '2026-12-03T09:00:00.000Z'), sentiment: 'negative' },
      ],
    },
    conversation: {
      post: example('@jess_m', 'x', 2300, 'My beans were supposed to arrive Monday, tracking says "exception" since yesterday. Anyone from @AcmeCoffee around?', '2026-12-01T09:02:00.000Z'),
      waitMinutes: 23,
      reply: {
        body: 'Hi Jess, sorry about this: our carrier had an outage on Tuesday. I have re-sent your order by express, it arrives tomorrow, and refunded the shipping. – Priya',
        sentAt: '2026-12-01T09:25:00.000Z',
      },
      nextPost: example('@jess_m', 'x', 2300, 'Okay, that was quick and kind. Thanks @AcmeCoffee, beans arrived this morning.', '2026-12-02T08:15:00.000Z'),
    },
  };
}

/** A week with no mentions at all: what a brand-new workspace gets. */
export function emptyWeekSnapshotFixture(): ReportSnapshot {
  const full = reportSnapshotFixture();
  return {
    ...full,
    headline: {
      direction: 'no-data',
      sentence: 'No mentions this week, so there is nothing to compare yet',
      netSentiment: null,
      previousNetSentiment: null,
      fourWeekAverage: null,
      change: null,
      driver: null,
    },
    volume: { mentions: 0, previousMentions: 0, change: { absolute: 0, percent: null }, reach: 0, previousReach: 0, sentence: 'No mentions this week.' },
    shareOfVoice: {
      brands: full.shareOfVoice.brands.map((b) => ({ ...b, count: 0, share: null, previousShare: null })),
      ownShare: null,
      previousOwnShare: null,
      sentence: 'No brand was mentioned this week.',
    },
    sentimentByDay: full.sentimentByDay.map((d) => ({ ...d, positive: 0, neutral: 0, negative: 0, netSentiment: null })),
    themes: [],
    themesSentence: 'No complaints this week.',
    alerts: [],
    alertsSentence: 'No alerts this week.',
    response: {
      slaAttainment: null,
      previousSlaAttainment: null,
      medianFirstResponseMinutes: null,
      previousMedianFirstResponseMinutes: null,
      responseRate: null,
      previousResponseRate: null,
      repliesSent: 0,
      previousRepliesSent: 0,
      sentence: 'No replies were needed this week.',
    },
    notable: { positive: [], negative: [] },
    conversation: null,
  };
}

/** Everything at its largest: long names and sentences, many brands, alerts and examples. Must still be one page. */
export function hugeWeekSnapshotFixture(): ReportSnapshot {
  const full = reportSnapshotFixture();
  const long = (n: number) => `${LONG_TEXT} ${LONG_TEXT}`.slice(0, n);
  return {
    ...full,
    workspace: { ...full.workspace, name: 'The Extremely Long Workspace Name of a Multinational Coffee Conglomerate GmbH & Co. KG' },
    headline: { ...full.headline, sentence: long(400) },
    volume: { ...full.volume, sentence: long(400) },
    shareOfVoice: {
      ...full.shareOfVoice,
      sentence: long(400),
      brands: Array.from({ length: 20 }, (_, i) => ({
        brandId: id(100 + i),
        name: `Brand with a very long name number ${i + 1}`,
        kind: i < 2 ? ('own' as const) : ('competitor' as const),
        count: 100 - i,
        share: (100 - i) / 1810,
        previousShare: (90 - i) / 1700,
      })),
    },
    themes: Array.from({ length: 5 }, (_, i) => ({
      ...full.themes[i % full.themes.length]!,
      label: `A very long complaint theme label number ${i + 1} that goes on`,
      owner: { department: 'Department of Very Long Names and Titles', email: 'a-very-long-address-for-the-owner@department.acme.example' },
      examples: [0, 1, 2].map((k) => example(`@${'x'.repeat(40)}${k}`, 'mastodon', 1000, long(600))),
    })),
    themesSentence: long(400),
    alerts: Array.from({ length: 30 }, (_, i) => ({ ...full.alerts[0]!, id: id(200 + i), sentence: long(300) })),
    alertsSentence: long(400),
    response: { ...full.response, sentence: long(400) },
    notable: {
      positive: [0, 1, 2].map(() => ({ ...example('@p', 'x', 1_000_000, long(600)), sentiment: 'positive' as const })),
      negative: [0, 1, 2].map(() => ({ ...example('@n', 'x', 1_000_000, long(600)), sentiment: 'negative' as const })),
    },
    conversation: {
      post: example('@c', 'x', 10, long(600)),
      waitMinutes: 4000,
      reply: { body: long(600), sentAt: '2026-12-03T09:00:00.000Z' },
      nextPost: example('@c', 'x', 10, long(600)),
    },
  };
}
