import { LinearModel } from './linear-model.js';
import { COMPLAINT_MODEL, SENTIMENT_MODEL } from './weights.data.js';
import { WordClusters } from './word-clusters.js';
import { WORD_CLUSTERS } from './word-clusters.data.js';

let sentiment: LinearModel | undefined;
let complaint: LinearModel | undefined;

/** The models trained by scripts/train.ts, decoded from the package on first use. */
export function shippedSentimentModel(): LinearModel {
  sentiment ??= LinearModel.fromData(SENTIMENT_MODEL);
  return sentiment;
}

export function shippedComplaintModel(): LinearModel {
  complaint ??= LinearModel.fromData(COMPLAINT_MODEL);
  return complaint;
}

let clusters: WordClusters | undefined;

/** The shipped word clusters (scripts/build-clusters.ts), decoded on first use. */
export function shippedWordClusters(): WordClusters {
  clusters ??= new WordClusters(WORD_CLUSTERS);
  return clusters;
}
