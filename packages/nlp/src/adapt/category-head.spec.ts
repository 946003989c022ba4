import { FEATURE_DIM } from '../model/features.js';
import { fitCategoryLinear, inverseDocFreq, type CategoryHeadOptions } from './category-head.js';
import { type ResidualExample } from './train-residual.js';

const CLASSES = ['a', 'b', 'c'];

function ex(slots: number[], y: number): ResidualExample {
  const v = 1 / Math.sqrt(slots.length);
  return { idx: Int32Array.from(slots), val: Float32Array.from(slots, () => v), y, w: 1, offset: new Float64Array(CLASSES.length) };
}

/** Class a uses slots 1-2, class b slots 3-4; slot 9 is in every post; class c has no post. */
const posts = [ex([1, 2, 9], 0), ex([1, 9], 0), ex([3, 4, 9], 1), ex([4, 9], 1)];

function logits(m: ReturnType<typeof fitCategoryLinear>, slots: number[]): number[] {
  return CLASSES.map((_, c) => slots.reduce((s, i) => s + (m.weights[i * CLASSES.length + c] ?? 0), 0));
}

const base: Omit<CategoryHeadOptions, 'method'> = {
  scale: 2,
  idf: false,
  alpha: 1,
  logistic: { epochs: 6, lr: 0.3, l2: 0.01, seed: 3, balance: 0.5 },
};

describe('fitCategoryLinear', () => {
  it.each(['centroid', 'cnb'] as const)("%s: a post with a class's words scores that class highest; a class without posts stays at 0", (method) => {
    const m = fitCategoryLinear(posts, CLASSES, FEATURE_DIM, { ...base, method }, undefined, undefined);
    const za = logits(m, [1, 9]);
    expect(za[0]).toBeGreaterThan(za[1] ?? 0);
    const zb = logits(m, [4, 9]);
    expect(zb[1]).toBeGreaterThan(zb[0] ?? 0);
    for (const i of [1, 2, 3, 4, 9]) expect(m.weights[i * 3 + 2]).toBe(0);
    // the slot every post has carries no difference between the classes
    expect(Math.abs((m.weights[9 * 3] ?? 0) - (m.weights[9 * 3 + 1] ?? 0))).toBeLessThan(0.2);
    expect(m.bias.every((b) => b === 0)).toBe(true);
  });

  it('leaves frozen slots out and is deterministic', () => {
    const o = { ...base, method: 'centroid' as const };
    const m = fitCategoryLinear(posts, CLASSES, FEATURE_DIM, o, new Set([1]), undefined);
    expect(m.weights[1 * 3]).toBe(0);
    expect(Array.from(fitCategoryLinear(posts, CLASSES, FEATURE_DIM, o, undefined, undefined).weights.slice(0, 40))).toEqual(
      Array.from(fitCategoryLinear(posts, CLASSES, FEATURE_DIM, o, undefined, undefined).weights.slice(0, 40)),
    );
  });
});

describe('inverseDocFreq', () => {
  it('weighs rare slots above common ones, and unseen slots 1', () => {
    const idf = inverseDocFreq(posts, FEATURE_DIM);
    expect(idf[2]).toBeGreaterThan(idf[1] ?? 0);
    expect(idf[1]).toBeGreaterThan(idf[9] ?? 0);
    expect(idf[9]).toBeCloseTo(1);
    expect(idf[100]).toBe(1);
  });
});
