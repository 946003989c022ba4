import { decodeBase64, encodeBase64 } from './base64.js';
import { type FeatureVector } from './feature-vector.js';

/** A linear model as shipped: sparse, 8-bit quantised, base64 (see scripts/train.ts). */
export interface LinearModelData {
  format: 'earshot-linear-1';
  classes: string[];
  dim: number;
  bias: number[];
  /** Weight = int8 * scale. */
  scale: number;
  /** Feature slots with a non-zero weight, as unsigned LEB128 deltas, base64. */
  slots: string;
  /** classes.length int8 weights per slot, base64. */
  weights: string;
}

const NO_SLOTS: readonly number[] = [];

/** Multinomial logistic regression over hashed features. */
export class LinearModel {
  private readonly k: number;
  private readonly scratch: Float64Array;

  constructor(
    readonly classes: readonly string[],
    readonly dim: number,
    /** Row-major: weights[slot * K + class]. */
    readonly weights: Float32Array,
    readonly bias: Float32Array,
  ) {
    this.k = classes.length;
    this.scratch = new Float64Array(this.k);
  }

  /** Class probabilities (softmax), written into `out`. */
  predict(fv: FeatureVector, out: number[] = []): number[] {
    return this.predictStacked(fv, NO_SLOTS, NO_SLOTS, out);
  }

  /**
   * Same as predict() over `fv` followed by the extra slots `slots` with values `vals` (as
   * withSentimentStack builds it), without copying `fv`.
   */
  predictStacked(fv: FeatureVector, slots: readonly number[], vals: readonly number[], out: number[] = []): number[] {
    const k = this.k;
    const z = this.scratch;
    for (let c = 0; c < k; c += 1) z[c] = this.bias[c] ?? 0;
    const { idx, val } = fv;
    const w = this.weights;
    for (let j = 0; j < idx.length; j += 1) {
      const base = (idx[j] ?? 0) * k;
      const v = val[j] ?? 0;
      for (let c = 0; c < k; c += 1) z[c] = (z[c] ?? 0) + (w[base + c] ?? 0) * v;
    }
    for (let j = 0; j < slots.length; j += 1) {
      const base = (slots[j] ?? 0) * k;
      const v = vals[j] ?? 0;
      for (let c = 0; c < k; c += 1) z[c] = (z[c] ?? 0) + (w[base + c] ?? 0) * v;
    }
    let max = -Infinity;
    for (let c = 0; c < k; c += 1) max = Math.max(max, z[c] ?? 0);
    let sum = 0;
    for (let c = 0; c < k; c += 1) {
      const e = Math.exp((z[c] ?? 0) - max);
      out[c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c += 1) out[c] = (out[c] ?? 0) / sum;
    out.length = k;
    return out;
  }

  static fromData(d: LinearModelData): LinearModel {
    const k = d.classes.length;
    const weights = new Float32Array(d.dim * k);
    const slotBytes = decodeBase64(d.slots);
    const wBytes = new Int8Array(decodeBase64(d.weights).buffer);
    let slot = 0;
    let p = 0;
    let n = 0;
    while (p < slotBytes.length) {
      let delta = 0;
      let shift = 0;
      for (;;) {
        const b = slotBytes[p++] ?? 0;
        delta += (b & 127) * 2 ** shift;
        shift += 7;
        if ((b & 128) === 0) break;
      }
      slot += delta;
      for (let c = 0; c < k; c += 1) weights[slot * k + c] = (wBytes[n * k + c] ?? 0) * d.scale;
      n += 1;
    }
    return new LinearModel(d.classes, d.dim, weights, Float32Array.from(d.bias));
  }

  /** Sparse, quantised form; slots whose largest weight is below `minAbs` are dropped. */
  toData(minAbs: number): LinearModelData {
    const k = this.k;
    let maxAbs = 0;
    for (const v of this.weights) maxAbs = Math.max(maxAbs, Math.abs(v));
    const scale = maxAbs / 127 || 1;
    const slots: number[] = [];
    const ws: number[] = [];
    let last = 0;
    for (let s = 0; s < this.dim; s += 1) {
      let keep = false;
      for (let c = 0; c < k; c += 1) if (Math.abs(this.weights[s * k + c] ?? 0) >= Math.max(minAbs, scale / 2)) keep = true;
      if (!keep) continue;
      let delta = s - last;
      last = s;
      do {
        let b = delta & 127;
        delta = Math.floor(delta / 128);
        if (delta > 0) b |= 128;
        slots.push(b);
      } while (delta > 0);
      for (let c = 0; c < k; c += 1) ws.push(Math.max(-127, Math.min(127, Math.round((this.weights[s * k + c] ?? 0) / scale))));
    }
    return {
      format: 'earshot-linear-1',
      classes: [...this.classes],
      dim: this.dim,
      bias: Array.from(this.bias, (b) => Math.round(b * 1e6) / 1e6),
      scale,
      slots: encodeBase64(Uint8Array.from(slots)),
      weights: encodeBase64(new Uint8Array(Int8Array.from(ws).buffer)),
    };
  }
}
