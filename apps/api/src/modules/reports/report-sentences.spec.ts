import { formatMinutes, type ReportBrandShare } from '@earshot/contracts';
import {
  MINUS,
  alertSentence,
  alertsSentence,
  categoryLabel,
  directionOf,
  formatReach,
  headlineSentence,
  largestFall,
  largestRise,
  rankThemes,
  responseSentence,
  shareOfVoiceSentence,
  signed,
  themesSentence,
  volumeSentence,
} from './report-sentences.js';
import { addDays, lastCompleteWeek, localDate, reportDue, weekContaining, weekLabel, weekdayOf } from './report-week.util.js';
import { composeReportMail, escapeHtml, oneLine, reportFilename } from './report-mail.js';

describe('report sentences', () => {
  it('uses the real minus sign and whole points', () => {
    expect(signed(-12.3)).toBe('\u221212');
    expect(signed(4.6)).toBe('+5');
    expect(signed(-0.4)).toBe('0');
    expect(signed(-1234)).toBe(`${MINUS}1,234`);
    expect(signed(2.25, 1)).toBe('+2.3');
  });

  it('decides better / worse / steady on whole points with a threshold of 3', () => {
    expect(directionOf(null, 10)).toBe('no-data');
    expect(directionOf(10, null)).toBe('steady');
    expect(directionOf(13, 10)).toBe('better');
    expect(directionOf(12.4, 10)).toBe('steady'); // +2.4 → 2 points
    expect(directionOf(12.5, 10)).toBe('better'); // +2.5 → 3 points
    expect(directionOf(7.5, 10)).toBe('steady'); // −2.5 → −2 (Math.round rounds half up)
    expect(directionOf(7.4, 10)).toBe('worse'); // −2.6 → −3
    expect(directionOf(-2, 10)).toBe('worse');
  });

  it('finds the theme with the largest rise (and fall), ties by count then name', () => {
    const themes = [
      { category: 'billing', count: 10, previousCount: 6 },
      { category: 'delivery', count: 20, previousCount: 16 },
      { category: 'account', count: 3, previousCount: 9 },
      { category: 'outage', count: 1, previousCount: 1 },
    ];
    expect(largestRise(themes)).toBe('delivery'); // +4 each; delivery has more
    expect(largestFall(themes)).toBe('account');
    expect(largestRise([{ category: 'a', count: 1, previousCount: 2 }])).toBeNull();
    expect(largestFall([])).toBeNull();
  });

  it('never makes the fallback category ("other": no known cause) the driver, and lists it after the named causes', () => {
    const themes = [
      { category: 'other', count: 90, previousCount: 20 },
      { category: 'delivery', count: 30, previousCount: 25 },
      { category: 'billing', count: 5, previousCount: 30 },
      { category: 'legal', count: 0, previousCount: 2 },
    ];
    expect(largestRise(themes)).toBe('delivery');
    expect(largestFall([{ category: 'other', count: 1, previousCount: 50 }, ...themes.slice(1)])).toBe('billing');
    expect(largestRise([{ category: 'other', count: 9, previousCount: 1 }])).toBeNull();
    expect(rankThemes(themes, 5).map((t) => t.category)).toEqual(['delivery', 'billing', 'other']);
    // The same themes as by count (other is the largest: it stays), other after the named ones.
    expect(rankThemes(themes, 2).map((t) => t.category)).toEqual(['delivery', 'other']);
    expect(rankThemes([...themes, { category: 'other', count: 0, previousCount: 3 }].slice(1), 5).map((t) => t.category)).toEqual(['delivery', 'billing']);
    expect(rankThemes([{ category: 'b', count: 2, previousCount: 0 }, { category: 'a', count: 2, previousCount: 0 }], 5).map((t) => t.category)).toEqual(['a', 'b']);
  });

  it('writes the headline of a fall with its driver and the outage that preceded it', () => {
    expect(headlineSentence({ netSentiment: -7, previousNetSentiment: 5, theme: 'delivery', after: { weekday: 2, noun: 'outage' } })).toBe(
      "Reputation fell: net sentiment \u221212 points, driven by complaints about delivery after Tuesday's outage",
    );
    expect(headlineSentence({ netSentiment: -7, previousNetSentiment: 5, theme: 'late_refund', after: null })).toBe(
      'Reputation fell: net sentiment \u221212 points, driven by complaints about late refund',
    );
    expect(headlineSentence({ netSentiment: -7, previousNetSentiment: 5, theme: null, after: null })).toBe('Reputation fell: net sentiment \u221212 points');
  });

  it('writes better, steady, no-previous and no-data headlines', () => {
    expect(headlineSentence({ netSentiment: 20, previousNetSentiment: 12, theme: 'billing', after: null })).toBe(
      'Reputation improved: net sentiment +8 points, with fewer complaints about billing',
    );
    expect(headlineSentence({ netSentiment: 15, previousNetSentiment: 14, theme: null, after: null })).toBe(
      'Reputation held steady: net sentiment +15, +1 point on last week',
    );
    expect(headlineSentence({ netSentiment: -15, previousNetSentiment: -15.3, theme: null, after: null })).toBe(
      'Reputation held steady: net sentiment \u221215, the same as last week',
    );
    expect(headlineSentence({ netSentiment: 15, previousNetSentiment: null, theme: null, after: null })).toBe(
      'Net sentiment +15 this week; last week had no scored mentions to compare with',
    );
    expect(headlineSentence({ netSentiment: null, previousNetSentiment: 3, theme: null, after: null })).toBe(
      'No scored mentions this week: there is no net sentiment to report',
    );
  });

  it('describes volume with a 5 % steady band and the reach', () => {
    expect(volumeSentence({ mentions: 1234, previousMentions: 1100, percent: 12.2, reach: 2_345_678 })).toBe(
      '1,234 mentions, up 12 % on last week (1,100); their authors have 2.3 million followers',
    );
    expect(volumeSentence({ mentions: 90, previousMentions: 100, percent: -10, reach: 4500 })).toBe(
      '90 mentions, down 10 % on last week (100); their authors have 4,500 followers',
    );
    expect(volumeSentence({ mentions: 103, previousMentions: 100, percent: 3, reach: 10 })).toBe(
      '103 mentions, about as many as last week (100); their authors have 10 followers',
    );
    expect(volumeSentence({ mentions: 1, previousMentions: 0, percent: null, reach: 7 })).toBe('1 mention this week, none last week; their authors have 7 followers');
    expect(volumeSentence({ mentions: 0, previousMentions: 0, percent: null, reach: 0 })).toBe('No mentions this week or last week');
  });

  it('describes share of voice', () => {
    const b = (name: string, kind: 'own' | 'competitor', count: number, share: number | null): ReportBrandShare => ({
      brandId: '00000000-0000-4000-8000-000000000000',
      name,
      kind,
      count,
      share,
      previousShare: null,
    });
    expect(shareOfVoiceSentence({ brands: [b('Acme', 'own', 62, 0.62), b('Rival', 'competitor', 38, 0.38)], ownShare: 0.62, previousOwnShare: 0.58 })).toBe(
      'Acme had 62 % of the conversation, up from 58 % last week; the largest competitor, Rival, had 38 %',
    );
    expect(shareOfVoiceSentence({ brands: [b('Acme', 'own', 5, 1)], ownShare: 1, previousOwnShare: 1 })).toBe(
      'No competitor is tracked: add a competitor brand to compare share of voice',
    );
    expect(shareOfVoiceSentence({ brands: [b('Acme', 'own', 0, null), b('Rival', 'competitor', 0, null)], ownShare: null, previousOwnShare: null })).toBe(
      'No mentions of our brands or competitors this week',
    );
  });

  it('lists the themes with owner and changes', () => {
    expect(
      themesSentence([
        { category: 'delivery', count: 40, previousCount: 15, owner: { department: 'Logistics' } },
        { category: 'billing', count: 12, previousCount: 15, owner: null },
        { category: 'account', count: 5, previousCount: 0, owner: null },
      ]),
    ).toBe(`Most complaints were about delivery: 40, up 25 on last week (owner: Logistics). Then billing 12 (${MINUS}3) and account 5 (+5)`);
    expect(themesSentence([{ category: 'outage', count: 2, previousCount: 2, owner: null }])).toBe(
      'Most complaints were about outage: 2, as many as last week (no owner set)',
    );
    expect(themesSentence([])).toBe('No complaints this week');
    // Complaints without a known cause are named as such, last; "most" is not claimed when they outnumber the first cause.
    expect(
      themesSentence([
        { category: 'delivery', count: 40, previousCount: 15, owner: null },
        { category: 'other', count: 60, previousCount: 60, owner: null },
      ]),
    ).toBe(`Of complaints with a known cause, most were about delivery: 40, up 25 on last week (no owner set). Then other causes 60 (0)`);
    expect(themesSentence([{ category: 'other', count: 3, previousCount: 1, owner: null }])).toBe(
      'No complaint this week had a known cause: 3, up 2 on last week',
    );
  });

  it('describes an alert and how it was handled', () => {
    const a = {
      brand: 'Acme',
      category: null,
      metric: 'volume' as const,
      ratio: 3.24,
      weekday: 2,
      time: '14:05',
      topTerms: ['outage', 'app', 'down', 'login'],
      repliesQueued: 12,
      statusPost: true,
      firstResponseMinutes: 14,
    };
    expect(alertSentence(a)).toBe('Tuesday 14:05: Acme mention volume 3.2× normal (outage, app, down). The team answered 12 mentions and posted a status update, first after 14 min');
    expect(alertSentence({ ...a, metric: 'negative_share', category: 'delivery', ratio: null, repliesQueued: 0, statusPost: false, firstResponseMinutes: null, topTerms: [] })).toBe(
      'Tuesday 14:05: Acme negative share above normal (delivery). No reply or status post is recorded',
    );
    expect(alertsSentence([])).toBe('No alerts this week');
    expect(alertsSentence([{ repliesQueued: 1, statusPost: false }])).toBe('1 alert this week, answered');
    expect(alertsSentence([{ repliesQueued: 1, statusPost: false }, { repliesQueued: 0, statusPost: false }])).toBe('2 alerts this week, 1 answered');
  });

  it('describes response performance without naming anyone', () => {
    expect(
      responseSentence({
        slaAttainment: 0.923,
        previousSlaAttainment: 0.88,
        medianFirstResponseMinutes: 14,
        previousMedianFirstResponseMinutes: 125,
        responseRate: 0.85,
        previousResponseRate: null,
        repliesSent: 120,
        previousRepliesSent: 98,
      }),
    ).toBe('SLA met for 92 % (88 % last week); median first response 14 min (2 h 5 min); 85 % of complaints answered; 120 replies sent (98)');
    expect(
      responseSentence({
        slaAttainment: null,
        previousSlaAttainment: null,
        medianFirstResponseMinutes: null,
        previousMedianFirstResponseMinutes: null,
        responseRate: null,
        previousResponseRate: null,
        repliesSent: 1,
        previousRepliesSent: 0,
      }),
    ).toBe('No SLA fell due; no first responses; no complaints to answer; 1 reply sent (0)');
  });

  it('formats reach, minutes and labels', () => {
    expect(formatReach(999)).toBe('999');
    expect(formatReach(1_250_000)).toBe('1.3 million');
    expect(formatMinutes(59.6)).toBe('1 h');
    expect(formatMinutes(1600)).toBe('1 day 3 h'); // the shared formatter (@earshot/contracts): sentences and figures agree
    expect(categoryLabel('late_refund')).toBe('Late refund');
  });
});

describe('report weeks', () => {
  it('finds week starts and the last complete week in the zone', () => {
    expect(weekdayOf('2026-11-30')).toBe(1);
    expect(weekContaining('2026-12-06', 1)).toBe('2026-11-30');
    expect(weekContaining('2026-12-06', 0)).toBe('2026-12-06');
    // Monday 7 Dec 2026 00:30 in Berlin is still Sunday 23:30 UTC: the last complete Berlin week starts 30 Nov.
    expect(lastCompleteWeek(new Date('2026-12-06T23:30:00Z'), 'Europe/Berlin', 1)).toBe('2026-11-30');
    expect(lastCompleteWeek(new Date('2026-12-06T23:30:00Z'), 'UTC', 1)).toBe('2026-11-23');
    expect(localDate(new Date('2026-10-25T22:59:59Z'), 'Europe/Berlin')).toBe('2026-10-25');
    expect(addDays('2026-10-19', 7)).toBe('2026-10-26');
  });

  it('is due from the first time the cron fires in the zone after the week ends', () => {
    // The Berlin week of 30 Nov ends Mon 7 Dec 00:00 CET = 6 Dec 23:00Z; Monday 07:00 CET = 06:00Z.
    const end = new Date('2026-12-06T23:00:00Z');
    expect(reportDue('0 7 * * 1', 'Europe/Berlin', end, new Date('2026-12-07T05:59:59Z'))).toBe(false);
    expect(reportDue('0 7 * * 1', 'Europe/Berlin', end, new Date('2026-12-07T06:00:00Z'))).toBe(true);
    // Summer time: the week of 12 Oct ends Mon 19 Oct 00:00 CEST (18 Oct 22:00Z); 07:00 CEST = 05:00Z.
    expect(reportDue('0 7 * * 1', 'Europe/Berlin', new Date('2026-10-18T22:00:00Z'), new Date('2026-10-19T04:59:00Z'))).toBe(false);
    expect(reportDue('0 7 * * 1', 'Europe/Berlin', new Date('2026-10-18T22:00:00Z'), new Date('2026-10-19T05:00:00Z'))).toBe(true);
    // Kolkata (+05:30): Monday 07:00 IST = 01:30Z.
    expect(reportDue('0 7 * * 1', 'Asia/Kolkata', new Date('2026-12-06T18:30:00Z'), new Date('2026-12-07T01:29:00Z'))).toBe(false);
    expect(reportDue('0 7 * * 1', 'Asia/Kolkata', new Date('2026-12-06T18:30:00Z'), new Date('2026-12-07T01:30:00Z'))).toBe(true);
    // A Sunday week (ends Sun 6 Dec 00:00): Monday 07:00 by default, Sunday 07:00 with a daily cron.
    const sundayEnd = new Date('2026-12-05T23:00:00Z');
    expect(reportDue('0 7 * * 1', 'Europe/Berlin', sundayEnd, new Date('2026-12-06T06:00:00Z'))).toBe(false);
    expect(reportDue('0 7 * * *', 'Europe/Berlin', sundayEnd, new Date('2026-12-06T06:00:00Z'))).toBe(true);
  });

  it('labels weeks', () => {
    expect(weekLabel('2026-11-30')).toBe('30 Nov – 6 Dec 2026');
    expect(weekLabel('2026-12-07')).toBe('7 – 13 Dec 2026');
    expect(weekLabel('2026-12-28')).toBe('28 Dec 2026 – 3 Jan 2027');
  });
});

describe('report mail', () => {
  it('keeps the subject on one line and escapes the HTML', () => {
    expect(oneLine('a\r\nBcc: x@y.z\u2028b')).toBe('a Bcc: x@y.z b');
    expect(escapeHtml(`<b>"A&B's"</b>`)).toBe('&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt;');
    expect(reportFilename('2026-11-30')).toBe('earshot-report-2026-11-30.pdf');
    const snapshot = {
      workspace: { name: 'Acme <Corp>\r\nBcc: evil@example.com' },
      week: { label: '30 Nov – 6 Dec 2026', startDate: '2026-11-30' },
      headline: { sentence: 'Reputation fell: net sentiment \u221212 points\r\nBcc: evil@example.com' },
      volume: { sentence: 'v' },
      shareOfVoice: { sentence: 's' },
      themesSentence: 't <script>',
      alertsSentence: 'a',
      response: { sentence: 'r' },
    } as unknown as Parameters<typeof composeReportMail>[0];
    const mail = composeReportMail(snapshot, 'https://earshot.example/reports/1');
    expect(mail.subject).toBe('Weekly reputation report, 30 Nov – 6 Dec 2026: Reputation fell: net sentiment \u221212 points Bcc: evil@example.com');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).toContain('t &lt;script&gt;.');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Acme &lt;Corp&gt; Bcc: evil@example.com');
    expect(mail.text.split('\n')[0]).toBe('Reputation fell: net sentiment \u221212 points Bcc: evil@example.com.');
  });
});
