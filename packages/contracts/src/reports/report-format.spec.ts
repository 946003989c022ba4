import {
  dayLabel,
  dayLabelParts,
  formatCompact,
  formatCount,
  formatCountChange,
  formatDateTime,
  formatDayTime,
  formatMinutes,
  formatMinutesChange,
  formatNet,
  formatPercentChange,
  formatPoints,
  formatShare,
  formatShareChange,
  handleLabel,
  MINUS,
  NO_FIGURE,
  platformName,
  plural,
  signed,
  toneOf,
} from './report-format.js';

const M = '\u2212';

describe('the weekly report: figures (the PDF and the page alike)', () => {
  it('writes signs with the real minus, rounds half away from zero and never shows a negative zero', () => {
    expect(MINUS).toBe(M);
    expect(NO_FIGURE).toBe('\u2013');
    expect(signed(-3)).toBe(`${M}3`);
    expect(signed(4.5)).toBe('+4.5');
    expect(signed(2.5, 0)).toBe('+3');
    expect(signed(-2.5, 0)).toBe(`${M}3`);
    expect(formatNet(-12.5)).toBe(`${M}12.5`);
    expect(formatNet(-12.45)).toBe(`${M}12.5`);
    expect(formatNet(8)).toBe('+8');
    expect(formatNet(0)).toBe('0');
    expect(formatNet(-0.04)).toBe('0');
    expect(formatNet(null)).toBe(NO_FIGURE);
  });

  it('writes a change of net sentiment in points', () => {
    expect(formatPoints(-12.44)).toBe(`${M}12.4 points`);
    expect(formatPoints(3.25)).toBe('+3.3 points');
    expect(formatPoints(1)).toBe('+1 point');
    expect(formatPoints(-1)).toBe(`${M}1 point`);
    expect(formatPoints(0.04)).toBe('no change');
  });

  it('writes shares in percent and their changes in percentage points', () => {
    expect(formatShare(0.4231)).toBe('42.3 %');
    expect(formatShare(0.08)).toBe('8 %');
    expect(formatShare(null)).toBe(NO_FIGURE);
    expect(formatShareChange(0.874, 0.931)).toBe(`${M}5.7 pp`);
    expect(formatShareChange(0.412, 0.385)).toBe('+2.7 pp');
    expect(formatShareChange(0.5, 0.5)).toBe('no change');
    expect(formatShareChange(null, 0.5)).toBeNull();
    expect(formatShareChange(0.5, null)).toBeNull();
  });

  it('writes counts, compact reach and counted nouns', () => {
    expect(formatCount(1284)).toBe('1,284');
    expect(formatCount(-1284)).toBe(`${M}1,284`);
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(12_400)).toBe('12.4K');
    expect(formatCompact(2_480_000)).toBe('2.5M');
    expect(plural(1, 'reply', 'replies')).toBe('1 reply');
    expect(plural(0, 'reply', 'replies')).toBe('0 replies');
    expect(plural(1200, 'complaint')).toBe('1,200 complaints');
  });

  it('writes percent changes and the change of a count on last week', () => {
    expect(formatPercentChange(24.4)).toBe('+24 %');
    expect(formatPercentChange(-4.9)).toBe(`${M}5 %`);
    expect(formatPercentChange(0.4)).toBe('no change');
    expect(formatPercentChange(null)).toBeNull();
    expect(formatCountChange(412, 298)).toBe('+38 %');
    expect(formatCountChange(132, 41)).toBe('+222 %');
    expect(formatCountChange(9, 0)).toBe('+9 (none last week)');
    expect(formatCountChange(5, 5)).toBe('no change');
    // 0.1 % fewer rounds to no change rather than "−0 %".
    expect(formatCountChange(1000, 1001)).toBe('no change');
  });

  it('writes durations and their changes', () => {
    expect(formatMinutes(38)).toBe('38 min');
    expect(formatMinutes(185)).toBe('3 h 5 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(1370)).toBe('22 h 50 min');
    expect(formatMinutes(1440)).toBe('1 day');
    expect(formatMinutes(1500)).toBe('1 day 1 h');
    expect(formatMinutes(4000)).toBe('2 days 19 h');
    expect(formatMinutes(2850)).toBe('2 days');
    expect(formatMinutes(2849)).toBe('1 day 23 h');
    expect(formatMinutes(1600)).toBe('1 day 3 h');
    expect(formatMinutes(-5)).toBe('0 min');
    expect(formatMinutes(null)).toBe(NO_FIGURE);
    expect(formatMinutesChange(38, 24)).toBe('+14 min');
    expect(formatMinutesChange(30, 42)).toBe(`${M}12 min`);
    expect(formatMinutesChange(90, 30)).toBe('+1 h');
    expect(formatMinutesChange(30, 95)).toBe(`${M}1 h 5 min`);
    expect(formatMinutesChange(30.2, 29.8)).toBe('no change');
    expect(formatMinutesChange(30, null)).toBeNull();
    expect(formatMinutesChange(null, 30)).toBeNull();
  });

  it('judges whether a change is good news, for its colour', () => {
    expect(toneOf(-12.4, true)).toBe('worse');
    expect(toneOf(3, true)).toBe('better');
    expect(toneOf(14, false)).toBe('worse');
    expect(toneOf(-14, false)).toBe('better');
    expect(toneOf(-0.057, true)).toBe('worse');
    expect(toneOf(252, null)).toBe('neutral');
    expect(toneOf(0, true)).toBe('flat');
    expect(toneOf(0.0001, true)).toBe('flat');
    expect(toneOf(null, true)).toBe('flat');
  });
});

describe('the weekly report: dates, in the workspace zone', () => {
  it('writes a day and time, across a daylight-saving change', () => {
    expect(formatDayTime('2026-12-01T09:02:00.000Z', 'Europe/Berlin')).toBe('Tue 1 Dec, 10:02');
    expect(formatDayTime('2026-10-25T00:30:00.000Z', 'Europe/Berlin')).toBe('Sun 25 Oct, 02:30');
    expect(formatDayTime('2026-10-25T01:30:00.000Z', 'Europe/Berlin')).toBe('Sun 25 Oct, 02:30');
  });

  it('writes a full date and time', () => {
    expect(formatDateTime('2026-12-07T06:00:00.000Z', 'America/New_York')).toBe('7 Dec 2026, 01:00');
    expect(formatDateTime('2026-12-07T06:00:00.000Z', 'Europe/London')).toBe('7 Dec 2026, 06:00');
  });

  it('falls back to UTC for a zone the runtime does not know, and to a dash for a date that is not one', () => {
    expect(formatDayTime('2026-12-01T09:02:00.000Z', 'Not/AZone')).toBe('Tue 1 Dec, 09:02');
    expect(formatDateTime('2026-12-01T09:02:00.000Z', 'Not/AZone')).toBe('1 Dec 2026, 09:02');
    expect(formatDayTime('not a date', 'Europe/Berlin')).toBe(NO_FIGURE);
    expect(formatDateTime('', 'Europe/Berlin')).toBe(NO_FIGURE);
  });

  it('labels a calendar day by its own weekday, in one piece or two', () => {
    expect(dayLabelParts('2026-11-30')).toEqual(['Mon', '30']);
    expect(dayLabel('2026-11-30')).toBe('Mon 30');
    expect(dayLabel('2027-01-03')).toBe('Sun 3');
    expect(dayLabelParts('someday')).toEqual(['someday', '']);
    expect(dayLabel('someday')).toBe('someday');
  });
});

describe('the weekly report: authors and platforms', () => {
  it('names platforms as they name themselves', () => {
    expect(platformName('bluesky')).toBe('Bluesky');
    expect(platformName('x')).toBe('X');
    expect(platformName('Twitter')).toBe('X');
    expect(platformName('youtube')).toBe('YouTube');
    expect(platformName('threads')).toBe('Threads');
  });

  it('writes an author as their platform does', () => {
    expect(handleLabel('jess_m', 'x')).toBe('@jess_m');
    expect(handleLabel('@jess_m', 'x')).toBe('@jess_m');
    expect(handleLabel('bean_nerd', 'reddit')).toBe('u/bean_nerd');
    expect(handleLabel('u/bean_nerd', 'reddit')).toBe('u/bean_nerd');
    expect(handleLabel('me@mastodon.social', 'mastodon')).toBe('@me@mastodon.social');
    expect(handleLabel('  ', 'x')).toBe('');
  });
});
