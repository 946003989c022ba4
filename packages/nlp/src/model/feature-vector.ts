/**
 * The vector type shared by the feature extractor (features.ts) and the models that read it
 * (linear-model.ts, train-linear.ts); in its own file so that the models, which the extractor
 * loads through shipped-models.ts, do not import the extractor back (no import cycle).
 */

/** A sparse feature vector, reused between posts to avoid allocation. */
export interface FeatureVector {
  idx: number[];
  val: number[];
}
