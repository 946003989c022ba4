import { decodeBase64, encodeBase64 } from './base64.js';
import { crudeStem } from './features.js';
import { LinearModel } from './linear-model.js';
import { trainLinear, type TrainExample } from './train-linear.js';

describe('linear model', () => {
  it('base64 round-trips', () => {
    for (const n of [0, 1, 2, 3, 4, 255, 1000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37) % 256);
      expect(decodeBase64(encodeBase64(bytes))).toEqual(bytes);
    }
  });

  it('folds a per-class input scale into the weights', () => {
    const ex: TrainExample[] = [];
    for (let i = 0; i < 200; i += 1) {
      const y = i % 2;
      ex.push({ idx: Int32Array.from([y === 1 ? 3 : 5, 7]), val: Float32Array.from([1, 1]), y, w: 1 });
    }
    const scale = new Float32Array(16 * 2).fill(1);
    scale[3 * 2 + 1] = 3; // slot 3 for class b learns three times faster
    const m = trainLinear(ex, ['a', 'b'], 16, { epochs: 3, scale });
    const plain = trainLinear(ex, ['a', 'b'], 16, { epochs: 3 });
    expect(m.predict({ idx: [3, 7], val: [1, 1] })[1]).toBeGreaterThan(plain.predict({ idx: [3, 7], val: [1, 1] })[1] ?? 1);
  });

  it('strips common suffixes for the stem feature', () => {
    expect(crudeStem('delayed')).toBe('delay');
    expect(crudeStem('delays')).toBe('delay');
    expect(crudeStem('delaying')).toBe('delay');
    expect(crudeStem('flies')).toBe('fly');
    expect(crudeStem('class')).toBe('class');
    expect(crudeStem('bag')).toBe('bag');
  });

  it('learns a separable toy problem, deterministically, and survives serialisation', () => {
    const ex: TrainExample[] = [];
    for (let i = 0; i < 200; i += 1) {
      const y = i % 2;
      ex.push({ idx: Int32Array.from([y === 1 ? 3 : 5, 7]), val: Float32Array.from([1, 1]), y, w: 1 });
    }
    const a = trainLinear(ex, ['a', 'b'], 16, { epochs: 3 });
    const b = trainLinear(ex, ['a', 'b'], 16, { epochs: 3 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    const p = a.predict({ idx: [3, 7], val: [1, 1] });
    expect(p[1]).toBeGreaterThan(0.8);
    const back = LinearModel.fromData(a.toData(0));
    const q = back.predict({ idx: [3, 7], val: [1, 1] });
    expect(q[1]).toBeCloseTo(p[1] ?? 0, 1);
  });
});
