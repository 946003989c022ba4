import { mulberry32 } from '../model/hash.js';
import { LinearModel } from '../model/linear-model.js';

/** One training example of a residual model: frozen features, label and the base model's logits. */
export interface ResidualExample {
  idx: Int32Array;
  val: Float32Array;
  y: number;
  w: number;
  /** The base model's logits (or log-probabilities) for this post: a fixed offset, never trained. */
  offset: Float64Array;
}

export interface ResidualOptions {
  epochs: number;
  /** AdaGrad base learning rate. */
  lr: number;
  /**
   * L2 pull towards zero — towards the base model — applied to every weight an update
   * touches, bias included. Strong on purpose: a few corrections move the model a little,
   * many consistent ones move it more.
   */
  l2: number;
  seed: number;
  /** Reweight classes toward equal total weight: 0 = as labelled, 1 = fully balanced. */
  balance: number;
  /** Learn a per-class bias (false: the base model's class balance stands). */
  learnBias?: boolean;
  /** Slots the model learns no weight on (the base model's weight stands). */
  frozen?: ReadonlySet<number>;
}

/**
 * A multinomial logistic regression trained *on top of* a base model: its logits are added to
 * the base model's (the offset), so it learns only what the base gets wrong for these posts.
 * AdaGrad over seeded shuffles, averaged over the second half of the epochs (as trainLinear):
 * the same posts and seed give the same weights.
 */
// eslint-disable-next-line max-lines-per-function -- one AdaGrad loop whose steps share the accumulators (as trainLinear)
export function trainResidual(examples: readonly ResidualExample[], classes: readonly string[], dim: number, o: ResidualOptions): LinearModel {
  const k = classes.length;
  const w = new Float32Array(dim * k);
  const g2 = new Float32Array(dim * k);
  const bias = new Float64Array(k);
  const gb = new Float64Array(k);
  const avgW = new Float32Array(dim * k);
  const avgB = new Float64Array(k);
  const classWeight = new Float64Array(k).fill(1);
  if (o.balance > 0) {
    const tot = new Float64Array(k);
    let all = 0;
    for (const e of examples) {
      tot[e.y] = (tot[e.y] ?? 0) + e.w;
      all += e.w;
    }
    const present = tot.filter((t) => t > 0).length;
    for (let c = 0; c < k; c += 1) classWeight[c] = (tot[c] ?? 0) > 0 ? (all / (present * (tot[c] ?? 1))) ** o.balance : 0;
  }
  // the frozen slots are taken out of each example once; the slots learned are listed once
  const frozen = o.frozen;
  const rows = examples.map((e) => {
    if (!frozen) return e;
    const keep: number[] = [];
    for (let j = 0; j < e.idx.length; j += 1) if (!frozen.has(e.idx[j] ?? 0)) keep.push(j);
    return { ...e, idx: Int32Array.from(keep, (j) => e.idx[j] ?? 0), val: Float32Array.from(keep, (j) => e.val[j] ?? 0) };
  });
  const seen = new Uint8Array(dim);
  const slots: number[] = [];
  for (const e of rows) {
    for (const i of e.idx) {
      if (seen[i]) continue;
      seen[i] = 1;
      slots.push(i);
    }
  }
  const order = Array.from(examples.keys());
  const rand = mulberry32(o.seed);
  const z = new Float64Array(k);
  const eps = 1e-8;
  let snapshots = 0;
  for (let epoch = 0; epoch < o.epochs; epoch += 1) {
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i] ?? 0;
      order[i] = order[j] ?? 0;
      order[j] = t;
    }
    for (const ei of order) {
      const e = rows[ei];
      if (!e) continue;
      const sw = e.w * (classWeight[e.y] ?? 1);
      if (sw <= 0) continue;
      for (let c = 0; c < k; c += 1) z[c] = (e.offset[c] ?? 0) + (bias[c] ?? 0);
      for (let j = 0; j < e.idx.length; j += 1) {
        const base = (e.idx[j] ?? 0) * k;
        const v = e.val[j] ?? 0;
        for (let c = 0; c < k; c += 1) z[c] = (z[c] ?? 0) + (w[base + c] ?? 0) * v;
      }
      let max = -Infinity;
      for (let c = 0; c < k; c += 1) max = Math.max(max, z[c] ?? 0);
      let sum = 0;
      for (let c = 0; c < k; c += 1) {
        z[c] = Math.exp((z[c] ?? 0) - max);
        sum += z[c] ?? 0;
      }
      for (let c = 0; c < k; c += 1) {
        const grad = sw * ((z[c] ?? 0) / sum - (c === e.y ? 1 : 0));
        if (o.learnBias !== false) {
          const gbc = grad + o.l2 * (bias[c] ?? 0);
          gb[c] = (gb[c] ?? 0) + gbc * gbc;
          bias[c] = (bias[c] ?? 0) - (o.lr * gbc) / Math.sqrt((gb[c] ?? 0) + eps);
        }
        for (let j = 0; j < e.idx.length; j += 1) {
          const p = (e.idx[j] ?? 0) * k + c;
          const wj = w[p] ?? 0;
          const gj = grad * (e.val[j] ?? 0) + o.l2 * wj;
          if (gj === 0) continue;
          const acc = (g2[p] ?? 0) + gj * gj;
          g2[p] = acc;
          w[p] = wj - (o.lr * gj) / Math.sqrt(acc + eps);
        }
      }
    }
    if (epoch >= Math.floor(o.epochs / 2)) {
      for (const i of slots) for (let c = 0; c < k; c += 1) avgW[i * k + c] = (avgW[i * k + c] ?? 0) + (w[i * k + c] ?? 0);
      for (let c = 0; c < k; c += 1) avgB[c] = (avgB[c] ?? 0) + (bias[c] ?? 0);
      snapshots += 1;
    }
  }
  const n = Math.max(1, snapshots);
  for (const i of slots) for (let c = 0; c < k; c += 1) avgW[i * k + c] = (avgW[i * k + c] ?? 0) / n;
  return new LinearModel(
    classes,
    dim,
    avgW,
    Float32Array.from(avgB, (b) => b / n),
  );
}
