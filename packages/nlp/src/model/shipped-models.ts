import { LinearModel } from './linear-model.js';
import { COMPLAINT_MODEL, SENTIMENT_MODEL } from './weights.data.js';

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
