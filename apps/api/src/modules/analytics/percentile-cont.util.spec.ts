import { percentileCont } from './percentile-cont.util.js';

describe('percentileCont (as PostgreSQL percentile_cont)', () => {
  it('interpolates between neighbours', () => {
    expect(percentileCont([20, 30, 120], 0.5)).toBe(30);
    expect(percentileCont([20, 30, 120], 0.9)).toBeCloseTo(102, 10); // 30 + 0.8 · 90
    expect(percentileCont([20, 120], 0.5)).toBe(70);
    expect(percentileCont([20, 120], 0.9)).toBeCloseTo(110, 10);
    expect(percentileCont([7], 0.9)).toBe(7);
    expect(percentileCont([1, 2, 3, 4], 0)).toBe(1);
    expect(percentileCont([1, 2, 3, 4], 1)).toBe(4);
  });

  it('is null without values', () => {
    expect(percentileCont([], 0.5)).toBeNull();
  });
});
