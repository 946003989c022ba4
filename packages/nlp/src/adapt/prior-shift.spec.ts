import { balancedPrior, estimatePrior, priorShiftBias } from './prior-shift.js';

describe('estimatePrior (Saerens EM)', () => {
  // a two-class model trained at 50/50, nearly sure of each post's class
  const post = (y: number): number[] => (y === 0 ? [0.99, 0.01] : [0.01, 0.99]);

  it('recovers a shifted prior from unlabelled posts alone', () => {
    const posteriors = [...Array.from({ length: 700 }, () => post(0)), ...Array.from({ length: 300 }, () => post(1))];
    const prior = estimatePrior({ posteriors, trainPrior: [0.5, 0.5] });
    expect(prior[0]).toBeCloseTo(0.7, 1);
    const bias = priorShiftBias(prior, [0.5, 0.5], 2);
    expect(bias[0]).toBeCloseTo(Math.log((prior[0] ?? 0) / 0.5), 6);
  });

  it('leaves the prior where the posts match it, and weighs the labelled anchor', () => {
    const even = [...Array.from({ length: 500 }, () => post(0)), ...Array.from({ length: 500 }, () => post(1))];
    expect(estimatePrior({ posteriors: even, trainPrior: [0.5, 0.5] })[0]).toBeCloseTo(0.5, 3);
    const anchored = estimatePrior({ posteriors: even, trainPrior: [0.5, 0.5], labelledCounts: [1000, 0] });
    expect(anchored[0]).toBeGreaterThan(0.7);
  });

  it('clips the bias and derives a balanced training prior', () => {
    expect(priorShiftBias([0.999, 0.001], [0.5, 0.5], 1)).toEqual([Math.log(0.999 / 0.5), -1]);
    const p = balancedPrior([900, 100], 0.5);
    expect(p[0]).toBeCloseTo(30 / 40, 6);
  });
});
