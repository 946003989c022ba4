/**
 * Class-prior adaptation by EM (Saerens, Latinne & Decaestecker 2002, "Adjusting the outputs of
 * a classifier to new a priori probabilities: a simple procedure"). A classifier trained where
 * the classes occur with prior π_t gives posteriors p(y|x); on a workspace whose posts follow
 * another prior π, the posteriors are p(y|x)·π(y)/π_t(y), renormalised. π is unknown, but it is
 * the fixed point of π ← mean over the workspace's unlabelled posts of those adjusted
 * posteriors, reached by EM from π_t (it maximises the unlabelled posts' likelihood).
 *
 * The workspace's labelled posts are an anchor: they enter the mean with their known label (a
 * labelled post's adjusted posterior is its label), weighted by `anchorWeight`.
 */
export interface PriorShiftInput {
  /** The model's posteriors on the workspace's unlabelled posts (each sums to 1). */
  posteriors: readonly (readonly number[])[];
  /** The prior the model was trained under (the classes' share of its weighted training posts). */
  trainPrior: readonly number[];
  /** Per class, the (weighted) number of labelled posts of the workspace. */
  labelledCounts?: readonly number[];
  /** Weight of one labelled post next to one unlabelled post (default 1). */
  anchorWeight?: number;
  /** Most EM iterations (default 100; stops when the prior moves less than 1e-6). */
  iterations?: number;
}

/** The estimated prior of the workspace's posts (sums to 1). */
export function estimatePrior(input: PriorShiftInput): number[] {
  const k = input.trainPrior.length;
  const t = normalise(input.trainPrior.map((x) => Math.max(x, 1e-6)));
  const counts = input.labelledCounts ?? new Array<number>(k).fill(0);
  const a = input.anchorWeight ?? 1;
  let labelled = 0;
  for (let c = 0; c < k; c += 1) labelled += a * (counts[c] ?? 0);
  const n = input.posteriors.length + labelled;
  if (n <= 0) return t;
  let prior = [...t];
  const r = new Float64Array(k);
  for (let it = 0; it < (input.iterations ?? 100); it += 1) {
    const acc = Array.from({ length: k }, (_, c) => a * (counts[c] ?? 0));
    for (const p of input.posteriors) {
      let sum = 0;
      for (let c = 0; c < k; c += 1) {
        r[c] = (p[c] ?? 0) * ((prior[c] ?? 0) / (t[c] ?? 1));
        sum += r[c] ?? 0;
      }
      if (sum <= 0) continue;
      for (let c = 0; c < k; c += 1) acc[c] = (acc[c] ?? 0) + (r[c] ?? 0) / sum;
    }
    const next = normalise(acc.map((x) => Math.max(x, 1e-6)));
    let moved = 0;
    for (let c = 0; c < k; c += 1) moved = Math.max(moved, Math.abs((next[c] ?? 0) - (prior[c] ?? 0)));
    prior = next;
    if (moved < 1e-6) break;
  }
  return prior;
}

/** The log-ratio log(π/π_t) per class, each clipped to ±maxShift: a bias added to the model's logits. */
export function priorShiftBias(prior: readonly number[], trainPrior: readonly number[], maxShift: number): number[] {
  const t = normalise(trainPrior.map((x) => Math.max(x, 1e-6)));
  return prior.map((p, c) => Math.max(-maxShift, Math.min(maxShift, Math.log(Math.max(p, 1e-6) / (t[c] ?? 1)))));
}

/**
 * The prior a model trained with class balancing `balance` (0 = as sampled, 1 = equal; as
 * trainLinear) was trained under, from its training posts' weighted class totals.
 */
export function balancedPrior(classTotals: readonly number[], balance: number): number[] {
  return normalise(classTotals.map((x) => (x > 0 ? x ** (1 - balance) : 0)));
}

function normalise(x: readonly number[]): number[] {
  const s = x.reduce((a, b) => a + b, 0);
  return s > 0 ? x.map((v) => v / s) : x.map(() => 1 / x.length);
}
