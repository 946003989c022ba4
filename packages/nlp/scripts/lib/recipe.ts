/**
 * The one training recipe, shared by scripts/train.ts (shipped weights) and scripts/eval.ts
 * (models retrained per fold), so that what is measured is what ships.
 */
import { denseSlots, FEATURE_DIM, STACK_SLOTS } from '../../src/model/features.js';
import { LinearModel } from '../../src/model/linear-model.js';
import { trainLinear, type TrainExample, type TrainOptions } from '../../src/model/train-linear.js';
import { RULE_LISTS } from '../../src/rules/rule-lexicons.js';
import { SENTIMENT_CLASSES } from '../../src/sentiment/score-sentiment.js';
import { type Polarity, type SentimentRow } from './datasets.js';
import { withLabel } from './featurize.js';

/** Hyper-parameters (chosen once; see README "How the figures were obtained"). */
export const SENTIMENT_TRAIN: Partial<TrainOptions> = { epochs: 4, lr: 0.1, l2: 1e-5, balance: 0.5, average: true, seed: 20260101 };
export const COMPLAINT_TRAIN: Partial<TrainOptions> = { epochs: 4, lr: 0.1, l2: 1e-5, balance: 1, average: true, seed: 20260102 };
/** Weight of the brand / general sentiment sets next to the airline tweets (weight 1). */
export const AUX_WEIGHT = 0.3;
export const COMPLAINT_CLASSES = ['not-complaint', 'complaint'] as const;

export interface Featurized<R> {
  rows: R[];
  x: TrainExample[];
}

export function labelIndex(p: Polarity): number {
  return SENTIMENT_CLASSES.indexOf(p);
}

/** Sentiment training examples: label confidence x source weight. */
export function sentimentExamples(
  sets: ReadonlyArray<{ data: Featurized<SentimentRow>; weight: number; keep?: (r: SentimentRow) => boolean }>,
): TrainExample[] {
  const out: TrainExample[] = [];
  for (const s of sets) {
    s.data.rows.forEach((r, i) => {
      if (s.keep && !s.keep(r)) return;
      const e = s.data.x[i];
      if (e) out.push(withLabel(e, labelIndex(r.label), s.weight * r.confidence));
    });
  }
  return out;
}

/** A feature slot must occur in at least this many training posts to ship (drops one-off words: smaller, less memorisation). */
export const MIN_DOC_FREQ = Number(process.env['EARSHOT_MIN_DF'] ?? '2');
/** Weights below this are dropped when the model is packed (see LinearModel.toData). */
export const PRUNE = Number(process.env['EARSHOT_PRUNE'] ?? '0.004');

/**
 * Zeroes the weights of rare slots and packs the model as it ships (8-bit, pruned), so that
 * every model the eval measures is exactly what the shipped file would hold.
 */
function finish(model: LinearModel, examples: readonly TrainExample[]): LinearModel {
  const df = new Uint16Array(model.dim);
  for (const e of examples) for (const i of e.idx) if (df[i]! < 65535) df[i] = df[i]! + 1;
  const k = model.classes.length;
  for (let s = 0; s < model.dim; s += 1) {
    if (df[s]! >= MIN_DOC_FREQ || STACK_SLOTS.includes(s as never)) continue;
    for (let c = 0; c < k; c += 1) model.weights[s * k + c] = 0;
  }
  return LinearModel.fromData(model.toData(PRUNE));
}

/**
 * Naive-Bayes input scaling for the sentiment model (in the spirit of NBSVM, Wang & Manning 2012):
 * class c sees a word slot scaled by 1 + |log-count ratio of the slot for c against the other
 * classes| (capped at 3), so that words that separate the classes in the training posts learn
 * faster than words that occur everywhere. Dense slots (lexicon, style, rules) keep scale 1.
 * The scale is folded into the weights, so the shipped model is an ordinary linear model.
 * Not used for the complaint model: there it hurt leave-one-domain-out (0.749 -> 0.705-0.710).
 */
export const NB_SCALE = { floor: 1, max: 3, alpha: 1 } as const;
export function nbScale(examples: readonly TrainExample[], k: number, dim: number): Float32Array {
  const cnt = new Float64Array(dim * k);
  const tot = new Float64Array(k);
  for (const e of examples) {
    for (const i of e.idx) cnt[i * k + e.y] = (cnt[i * k + e.y] ?? 0) + e.w;
    tot[e.y] = (tot[e.y] ?? 0) + e.w;
  }
  const all = tot.reduce((a, b) => a + b, 0);
  const scale = new Float32Array(dim * k).fill(1);
  const a = NB_SCALE.alpha;
  for (let s = 0; s < dim; s += 1) {
    let sum = 0;
    for (let c = 0; c < k; c += 1) sum += cnt[s * k + c] ?? 0;
    if (sum === 0) continue;
    for (let c = 0; c < k; c += 1) {
      const p = cnt[s * k + c] ?? 0;
      const tc = tot[c] ?? 0;
      const r = Math.log((a + p) / (a + tc)) - Math.log((a + sum - p) / (a + all - tc));
      scale[s * k + c] = Math.min(NB_SCALE.max, NB_SCALE.floor + Math.abs(r));
    }
  }
  for (const s of [...denseSlots(Object.keys(RULE_LISTS)), ...STACK_SLOTS]) for (let c = 0; c < k; c += 1) scale[s * k + c] = 1;
  return scale;
}

export function trainSentiment(examples: readonly TrainExample[]): LinearModel {
  const scale = nbScale(examples, SENTIMENT_CLASSES.length, FEATURE_DIM);
  return finish(trainLinear(examples, SENTIMENT_CLASSES, FEATURE_DIM, { ...SENTIMENT_TRAIN, scale }), examples);
}

/** Appends the sentiment model's probabilities (the complaint model's stacked inputs). */
export function stack(e: TrainExample, sentiment: LinearModel): TrainExample {
  const p = sentiment.predict({ idx: Array.from(e.idx), val: Array.from(e.val) });
  const idx = new Int32Array(e.idx.length + 3);
  const val = new Float32Array(e.val.length + 3);
  idx.set(e.idx);
  val.set(e.val);
  for (let c = 0; c < 3; c += 1) {
    idx[e.idx.length + c] = STACK_SLOTS[c] ?? 0;
    val[e.val.length + c] = p[c] ?? 0;
  }
  return { idx, val, y: e.y, w: e.w };
}

export function trainComplaint(examples: readonly TrainExample[]): LinearModel {
  return finish(trainLinear(examples, COMPLAINT_CLASSES, FEATURE_DIM, COMPLAINT_TRAIN), examples);
}
