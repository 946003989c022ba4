export { analyze, analyzeBatch, createAnalyzer, type Analyzer, type AnalyzerOptions } from './analyzer.js';
export { DEFAULT_TAXONOMY } from './category/default-taxonomy.js';
export { CATEGORY_WEIGHTS } from './category/classify-category.js';
export { URGENCY_THRESHOLDS, URGENCY_WEIGHTS } from './urgency/urgency-weights.js';
export { COMPLAINT_THRESHOLD } from './intent/detect-intent.js';
export { LinearModel, type LinearModelData } from './model/linear-model.js';
export {
  evaluateWorkspaceModel,
  shippedFingerprint,
  trainWorkspaceModel,
  type AdaptBaseOptions,
  type EvaluateWorkspaceOptions,
} from './adapt/train-workspace.js';
export { validatePhraseRule } from './adapt/phrase-rules.js';
export type { LabelledPost, PhraseRule, TrainWorkspaceOptions, TrainWorkspaceResult, WorkspaceModelData, WorkspaceModelMetrics } from './adapt/types.js';
export type {
  Analysis,
  AnalyzeContext,
  BatchItem,
  CategoryResult,
  Entities,
  Intent,
  LanguageResult,
  SentimentLabel,
  SentimentResult,
  SpamResult,
  Taxonomy,
  TaxonomyCategory,
  UrgencyLevel,
  UrgencyReason,
  UrgencyResult,
} from './types.js';
