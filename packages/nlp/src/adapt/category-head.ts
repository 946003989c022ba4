import { LinearModel } from '../model/linear-model.js';
import { trainResidual, type ResidualExample, type ResidualOptions } from './train-residual.js';

/**
 * How the category head turns a workspace's labelled posts into per-category weights over the
 * hashed features. Every method gives a linear model (LinearModelData), added at run time to
 * prior x the taxonomy classifier's scores (workspace-model.ts), so the stored format and the
 * scorer are the same whichever method trained it.
 * - logistic: a multinomial logistic regression on top of the classifier's scores (the offset);
 * - centroid: nearest centroid by cosine: each post's vector (TF-IDF when `idf`), unit length,
 *   averaged per category and scaled to unit length; weight = idf x centroid x scale;
 * - cnb: complement naive Bayes (Rennie et al. 2003): per category, the log of the smoothed
 *   word distribution of every *other* category's posts, weight-normalised; a post scores
 *   high where it looks unlike the complement. Weight = -that x scale.
 * For centroid and cnb, each slot's mean over the categories is taken out (it moves every
 * category's logit alike), so the stored weights are the differences only.
 */
export interface CategoryHeadOptions {
  method: 'logistic' | 'centroid' | 'cnb';
  /** The learned score's weight next to prior x classifier score (centroid, cnb). */
  scale: number;
  /** Weigh each slot by its inverse document frequency (from the workspace's unlabelled posts when there are enough). */
  idf: boolean;
  /** Additive smoothing of complement naive Bayes. */
  alpha: number;
  /** The logistic method's trainer settings. */
  logistic: ResidualOptions;
}

/** Inverse document frequencies, log((N + 1) / (df + 1)) + 1, over documents' slots; 1 where a slot was never seen. */
export function inverseDocFreq(docs: readonly { idx: Int32Array }[], dim: number): Float32Array {
  const df = new Uint32Array(dim);
  const last = new Int32Array(dim).fill(-1);
  docs.forEach((d, n) => {
    for (const i of d.idx) {
      if (last[i] === n) continue;
      last[i] = n;
      df[i] = (df[i] ?? 0) + 1;
    }
  });
  const out = new Float32Array(dim).fill(1);
  const n = docs.length;
  if (n === 0) return out;
  for (let i = 0; i < dim; i += 1) if ((df[i] ?? 0) > 0) out[i] = Math.log((n + 1) / ((df[i] ?? 0) + 1)) + 1;
  return out;
}

/** A post's unfrozen slots, idf-weighted, at unit length. */
function docVector(e: ResidualExample, frozen: ReadonlySet<number> | undefined, idf: Float32Array | undefined): Map<number, number> {
  const v = new Map<number, number>();
  for (let j = 0; j < e.idx.length; j += 1) {
    const i = e.idx[j] ?? 0;
    if (frozen?.has(i)) continue;
    v.set(i, (v.get(i) ?? 0) + (e.val[j] ?? 0) * (idf ? (idf[i] ?? 1) : 1));
  }
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [i, x] of v) v.set(i, x / norm);
  return v;
}

/** Takes each slot's mean over the classes with posts out of their weights (a class without posts keeps 0). */
function centre(w: Float32Array, slots: Iterable<number>, present: readonly number[], k: number): void {
  if (present.length === 0) return;
  for (const i of slots) {
    let m = 0;
    for (const c of present) m += w[i * k + c] ?? 0;
    m /= present.length;
    for (const c of present) w[i * k + c] = (w[i * k + c] ?? 0) - m;
  }
}

/**
 * The category head's linear model from labelled posts (examples' offsets: prior x the
 * classifier's scores; only the logistic method reads them). Deterministic.
 */
export function fitCategoryLinear(
  examples: readonly ResidualExample[],
  classes: readonly string[],
  dim: number,
  o: CategoryHeadOptions,
  frozen: ReadonlySet<number> | undefined,
  idf: Float32Array | undefined,
): LinearModel {
  if (o.method === 'logistic') return trainResidual(examples, classes, dim, { ...o.logistic, ...(frozen ? { frozen } : {}) });
  const k = classes.length;
  const useIdf = o.idf ? idf : undefined;
  const sums = new Float64Array(dim * k);
  const slots = new Set<number>();
  const classTotal = new Float64Array(k);
  for (const e of examples) {
    const w = e.w;
    for (const [i, x] of docVector(e, frozen, useIdf)) {
      sums[i * k + e.y] = (sums[i * k + e.y] ?? 0) + w * x;
      slots.add(i);
    }
    classTotal[e.y] = (classTotal[e.y] ?? 0) + w;
  }
  const weights = new Float32Array(dim * k);
  if (o.method === 'centroid') {
    for (let c = 0; c < k; c += 1) {
      let norm = 0;
      for (const i of slots) norm += (sums[i * k + c] ?? 0) ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) continue;
      for (const i of slots) weights[i * k + c] = ((sums[i * k + c] ?? 0) / norm) * (useIdf ? (useIdf[i] ?? 1) : 1) * o.scale;
    }
  } else {
    // complement naive Bayes over the slots the labelled posts use
    const total = new Float64Array(slots.size);
    const list = [...slots];
    list.forEach((i, j) => {
      for (let c = 0; c < k; c += 1) total[j] = (total[j] ?? 0) + (sums[i * k + c] ?? 0);
    });
    const all = total.reduce((a, b) => a + b, 0);
    const v = list.length;
    for (let c = 0; c < k; c += 1) {
      if ((classTotal[c] ?? 0) === 0) continue;
      let classSum = 0;
      for (const i of list) classSum += sums[i * k + c] ?? 0;
      const denom = all - classSum + o.alpha * v;
      const logTheta = list.map((i, j) => Math.log(((total[j] ?? 0) - (sums[i * k + c] ?? 0) + o.alpha) / denom));
      const meanAbs = logTheta.reduce((a, b) => a + Math.abs(b), 0) / Math.max(1, v);
      list.forEach((i, j) => {
        weights[i * k + c] = (-(logTheta[j] ?? 0) / (meanAbs || 1)) * (useIdf ? (useIdf[i] ?? 1) : 1) * o.scale;
      });
    }
  }
  const present: number[] = [];
  for (let c = 0; c < k; c += 1) if ((classTotal[c] ?? 0) > 0) present.push(c);
  centre(weights, slots, present, k);
  return new LinearModel(classes, dim, weights, new Float32Array(k));
}
