import {
  dayLabel,
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
  platformName,
} from './report-pdf-format.js';

const M = '\u2212';

describe('report PDF number formats (as the web shows them)', () => {
  it('net sentiment: real minus sign, plus for a rise, an en dash for none', () => {
    expect(formatNet(-12.5)).toBe(`${M}12.5`);
    expect(formatNet(8)).toBe('+8');
    expect(formatNet(0)).toBe('0');
    expect(formatNet(-0.04)).toBe('0');
    expect(formatNet(null)).toBe('\u2013');
  });

  it('points, pp and percent changes', () => {
    expect(formatPoints(-12.44)).toBe(`${M}12.4 points`);
    expect(formatPoints(1)).toBe('+1 point');
    expect(formatPoints(0.02)).toBe('no change');
    expect(formatShare(0.4123)).toBe('41.2 %');
    expect(formatShare(0.08)).toBe('8 %');
    expect(formatShare(null)).toBe('\u2013');
    expect(formatShareChange(0.874, 0.931)).toBe(`${M}5.7 pp`);
    expect(formatShareChange(0.412, 0.385)).toBe('+2.7 pp');
    expect(formatShareChange(0.5, 0.5)).toBe('no change');
    expect(formatShareChange(null, 0.5)).toBeNull();
    expect(formatPercentChange(24.4)).toBe('+24 %');
    expect(formatPercentChange(-4.9)).toBe(`${M}5 %`);
    expect(formatPercentChange(null)).toBeNull();
  });

  it('counts and their changes', () => {
    expect(formatCount(1284)).toBe('1,284');
    expect(formatCompact(2_480_000)).toBe('2.5M');
    expect(formatCompact(950)).toBe('950');
    expect(formatCountChange(412, 298)).toBe('+38 %');
    expect(formatCountChange(9, 0)).toBe('+9 (none last week)');
    expect(formatCountChange(5, 5)).toBe('no change');
  });

  it('durations', () => {
    expect(formatMinutes(38)).toBe('38 min');
    expect(formatMinutes(185)).toBe('3 h 5 min');
    expect(formatMinutes(120)).toBe('2 h');
    expect(formatMinutes(1370)).toBe('22 h 50 min');
    expect(formatMinutes(4000)).toBe('2 days 19 h');
    expect(formatMinutes(null)).toBe('\u2013');
    expect(formatMinutesChange(38, 24)).toBe('+14 min');
    expect(formatMinutesChange(30, 95)).toBe(`${M}1 h 5 min`);
    expect(formatMinutesChange(30, null)).toBeNull();
  });

  it('dates in the workspace zone, across a daylight-saving change', () => {
    expect(formatDayTime('2026-12-01T09:02:00.000Z', 'Europe/Berlin')).toBe('Tue 1 Dec, 10:02');
    expect(formatDayTime('2026-10-25T00:30:00.000Z', 'Europe/Berlin')).toBe('Sun 25 Oct, 02:30');
    expect(formatDayTime('2026-10-25T01:30:00.000Z', 'Europe/Berlin')).toBe('Sun 25 Oct, 02:30');
    expect(formatDateTime('2026-12-07T06:00:00.000Z', 'America/New_York')).toBe('7 Dec 2026, 01:00');
    expect(formatDayTime('2026-12-01T09:02:00.000Z', 'Not/AZone')).toBe('Tue 1 Dec, 09:02');
    expect(dayLabel('2026-11-30')).toEqual(['Mon', '30']);
  });

  it('authors and platforms', () => {
    expect(handleLabel('jess_m', 'x')).toBe('@jess_m');
    expect(handleLabel('@jess_m', 'x')).toBe('@jess_m');
    expect(handleLabel('bean_nerd', 'reddit')).toBe('u/bean_nerd');
    expect(handleLabel('me@mastodon.social', 'mastodon')).toBe('@me@mastodon.social');
    expect(platformName('bluesky')).toBe('Bluesky');
    expect(platformName('x')).toBe('X');
    expect(platformName('threads')).toBe('Threads');
  });
});
