/**
 * The one training recipe, shared by scripts/train.ts (shipped weights) and scripts/eval.ts
 * (models retrained per fold), so that what is measured is what ships.
 */
import { FEATURE_DIM, STACK_SLOTS } from '../../src/model/features.js';
import { LinearModel } from '../../src/model/linear-model.js';
import { trainLinear, type TrainExample, type TrainOptions } from '../../src/model/train-linear.js';
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
export function sentimentExamples(sets: ReadonlyArray<{ data: Featurized<SentimentRow>; weight: number; keep?: (r: SentimentRow) => boolean }>): TrainExample[] {
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

export function trainSentiment(examples: readonly TrainExample[]): LinearModel {
  return finish(trainLinear(examples, SENTIMENT_CLASSES, FEATURE_DIM, SENTIMENT_TRAIN), examples);
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
