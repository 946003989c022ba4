import { formatChange } from '../components/ThemesChart';

describe('the complaint themes change label', () => {
  it('signs counts and percents with the real minus sign, and says "new" without a previous count', () => {
    expect(formatChange(3, 25)).toBe('+3 (+25 %)');
    expect(formatChange(-2, -40)).toBe('−2 (−40 %)');
    expect(formatChange(-1, -12.5)).toBe('−1 (−12.5 %)');
    expect(formatChange(4, null)).toBe('+4 (new)');
    expect(formatChange(0, 0)).toBe('0');
  });

  it('groups thousands and drops the decimals of percents from 100 on (a month against a nearly empty one)', () => {
    expect(formatChange(2596, 28844.4)).toBe('+2,596 (+28,844 %)');
    expect(formatChange(1311, 43700)).toBe('+1,311 (+43,700 %)');
    expect(formatChange(-1200, -99.6)).toBe('−1,200 (−99.6 %)');
  });
});
