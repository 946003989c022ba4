import { extractFeatures, newFeatureVector } from '../../src/model/features.js';
import { freeze, type TrainExample } from '../../src/model/train-linear.js';
import { detectSarcasm } from '../../src/sentiment/detect-sarcasm.js';
import { readSignals } from '../../src/text/signals.js';

/** Features of each text, computed once and reused by every fold. */
export function featurize(texts: readonly string[]): TrainExample[] {
  const fv = newFeatureVector();
  return texts.map((t) => {
    const sig = readSignals(t);
    extractFeatures(sig, fv, detectSarcasm(sig) !== undefined);
    return freeze(fv, 0, 1);
  });
}

export function withLabel(e: TrainExample, y: number, w: number): TrainExample {
  return { idx: e.idx, val: e.val, y, w };
}
