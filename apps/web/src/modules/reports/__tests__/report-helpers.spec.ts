import { keepFiguresTogether } from '../report-format';
import { lastCompleteWeek, weekLabel, weekStartOf } from '../report-week';

describe('report weeks', () => {
  it('finds the week a day belongs to for any week start', () => {
    // Wednesday 4 Nov 2026.
    expect(weekStartOf('2026-11-04', 1)).toBe('2026-11-02');
    expect(weekStartOf('2026-11-04', 0)).toBe('2026-11-01');
    expect(weekStartOf('2026-11-04', 3)).toBe('2026-11-04');
    expect(weekStartOf('2026-11-04', 4)).toBe('2026-10-29');
    // Across a year end: Friday 1 Jan 2027 is in the Monday week of 28 Dec 2026.
    expect(weekStartOf('2027-01-01', 1)).toBe('2026-12-28');
  });

  it('offers the last week that has ended', () => {
    // On Monday 7 Dec the week of 30 Nov has just ended; on Sunday 6 Dec it has not.
    expect(lastCompleteWeek('2026-12-07', 1)).toBe('2026-11-30');
    expect(lastCompleteWeek('2026-12-06', 1)).toBe('2026-11-23');
    expect(lastCompleteWeek('2026-12-06', 0)).toBe('2026-11-29');
  });

  it('labels a week as the api does', () => {
    expect(weekLabel('2026-11-30')).toBe('30 Nov – 6 Dec 2026');
    expect(weekLabel('2026-12-07')).toBe('7 – 13 Dec 2026');
    expect(weekLabel('2026-12-28')).toBe('28 Dec 2026 – 3 Jan 2027');
    expect(weekLabel('2026-09-07')).toBe('7 – 13 Sep 2026');
  });
});

describe('report sentences on screen', () => {
  it('keeps a figure and its unit on one line', () => {
    expect(keepFiguresTogether('met the SLA on 87.4 % of mentions, −5.7 pp; 0 % answered (0 %), 18 min, −12 points')).toBe(
      'met the SLA on 87.4\u00A0% of mentions, −5.7\u00A0pp; 0\u00A0% answered (0\u00A0%), 18\u00A0min, −12\u00A0points',
    );
    expect(keepFiguresTogether('2 ppm and 3 minutes')).toBe('2 ppm and 3 minutes');
  });
});
