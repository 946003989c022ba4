import { decodeBase64 } from '../model/base64.js';
import { type FeatureVector } from '../model/feature-vector.js';
import { type LinearModelData } from '../model/linear-model.js';

/**
 * A workspace head at run time: the same packed format as the shipped models
 * (LinearModel.toData), decoded into a slot -> row map instead of a dense dim x K array, so
 * that a worker holding many workspaces' models keeps only the few thousand slots each one
 * learned (a dense copy would be 3 MB per head).
 */
export class SparseLinear {
  readonly k: number;
  private readonly rows = new Map<number, number>();
  private readonly weights: Float32Array;
  private readonly bias: Float32Array;
  private readonly z: Float64Array;

  constructor(readonly data: LinearModelData) {
    const k = data.classes.length;
    this.k = k;
    const slotBytes = decodeBase64(data.slots);
    const wBytes = decodeBase64(data.weights);
    const w8 = new Int8Array(wBytes.buffer, wBytes.byteOffset, wBytes.byteLength);
    this.weights = new Float32Array(w8.length);
    for (let i = 0; i < w8.length; i += 1) this.weights[i] = (w8[i] ?? 0) * data.scale;
    this.bias = Float32Array.from(data.bias);
    this.z = new Float64Array(k);
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
      this.rows.set(slot, n * k);
      n += 1;
    }
  }

  /** Number of feature slots with a weight. */
  get size(): number {
    return this.rows.size;
  }

  /** Raw scores (logits) of `fv`, written into `out`. */
  logits(fv: FeatureVector, out: Float64Array | number[]): void {
    const k = this.k;
    for (let c = 0; c < k; c += 1) out[c] = this.bias[c] ?? 0;
    const { idx, val } = fv;
    for (let j = 0; j < idx.length; j += 1) {
      const base = this.rows.get(idx[j] ?? 0);
      if (base === undefined) continue;
      const v = val[j] ?? 0;
      for (let c = 0; c < k; c += 1) out[c] = (out[c] ?? 0) + (this.weights[base + c] ?? 0) * v;
    }
  }

  /**
   * Puts this model's logits on top of a base model's probabilities, in place:
   * p ∝ p_base · exp(z), i.e. softmax(log p_base + z) — the residual model's logits added to
   * the base model's (softmax does not see the base's normalising constant).
   */
  applyTo(fv: FeatureVector, probs: number[]): void {
    const z = this.z;
    this.logits(fv, z);
    const k = this.k;
    let max = -Infinity;
    for (let c = 0; c < k; c += 1) max = Math.max(max, z[c] ?? 0);
    let sum = 0;
    for (let c = 0; c < k; c += 1) {
      const v = (probs[c] ?? 0) * Math.exp((z[c] ?? 0) - max);
      probs[c] = v;
      sum += v;
    }
    if (sum > 0) for (let c = 0; c < k; c += 1) probs[c] = (probs[c] ?? 0) / sum;
  }
}
