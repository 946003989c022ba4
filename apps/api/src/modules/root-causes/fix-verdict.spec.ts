import { FIX_VERDICT_THRESHOLDS, fixVerdict } from './fix-verdict.js';

const recovery = (wroteAgain: number, noLonger: number) => ({
  authorsBefore: 11,
  authorsWroteAgain: wroteAgain,
  noLongerNegative: noLonger,
  before: { negativeShare: 1, meanSentiment: -0.6 },
  after: { negativeShare: 0.3, meanSentiment: 0.1 },
});

describe('fixVerdict', () => {
  it('says the fix worked when complaints fell enough and most complainers recovered', () => {
    const v = fixVerdict('delivery', 9, { beforePerDay: 12.1, afterPerDay: 4.4, changePercent: -63.6 }, recovery(11, 7));
    expect(v).toEqual({
      verdict: 'worked',
      sentence:
        'Complaints about delivery fell 64 % in the 9 days after the fix (12.1 → 4.4 a day), and 7 of the 11 authors who complained and wrote again were no longer negative: the fix looks like it worked.',
    });
  });

  it('is mixed when complaints fell but the complainers stayed negative', () => {
    expect(fixVerdict('delivery', 9, { beforePerDay: 10, afterPerDay: 2, changePercent: -80 }, recovery(10, 2)).verdict).toBe('mixed');
  });

  it('has not fallen below the threshold, and says so with the numbers', () => {
    const v = fixVerdict('billing', 20, { beforePerDay: 5, afterPerDay: 4, changePercent: -20 }, null);
    expect(v.verdict).toBe('not_fallen');
    expect(v.sentence).toBe('Complaints about billing have not fallen: they fell only 20 % in the 14 days after the fix (5.0 → 4.0 a day).');
  });

  it('is too early before the minimum days, and has no data without complaints before', () => {
    expect(fixVerdict('x', FIX_VERDICT_THRESHOLDS.minDaysAfterFix - 1, { beforePerDay: 1, afterPerDay: 0, changePercent: -100 }, null)).toEqual({
      verdict: 'too_early',
      sentence: 'Too early to tell: 2 days since the fix (the board needs 3 full days after it).',
    });
    expect(fixVerdict('x', 5, { beforePerDay: 0, afterPerDay: 1, changePercent: null }, null).verdict).toBe('no_data');
  });
});
