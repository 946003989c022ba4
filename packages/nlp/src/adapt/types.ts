import { type Intent, type SentimentLabel, type Taxonomy, type UrgencyLevel } from '../types.js';

/**
 * One post a workspace labelled: an agent's correction of the model, or a post labelled on
 * purpose. Every field but `text` is optional: a correction of the sentiment says nothing about
 * the category.
 */
export interface LabelledPost {
  text: string;
  sentiment?: SentimentLabel;
  intent?: Intent;
  /** A category id of the workspace's taxonomy. */
  category?: string;
  urgency?: UrgencyLevel;
  /** Example weight (default 1). */
  weight?: number;
}

/**
 * A workspace's rule for a phrase the data cannot teach quickly: "war zone" is neutral for a
 * game brand. Matched case-insensitively on word boundaries.
 */
export interface PhraseRule {
  phrase: string;
  /** The sentiment a post with the phrase takes, or 'ignore': the phrase itself carries none. */
  sentiment?: SentimentLabel | 'ignore';
  /** 'ignore': the phrase raises no urgency reason (e.g. "killer feature"). */
  urgency?: 'ignore';
  /** A category id the phrase puts a complaint in. */
  category?: string;
}

/** A trained workspace model, as stored (jsonb) and sent to the scorer's worker thread. Opaque to callers. */
export interface WorkspaceModelData {
  format: 'earshot-workspace-1';
  /** What it learned, for display: how many labelled posts per head. */
  trainedOn: { sentiment: number; intent: number; category: number; urgency: number };
  [key: string]: unknown;
}

/** Scores of a model on held-out labelled posts (macro-F1 per head; null where no held-out post has that label). */
export interface WorkspaceModelMetrics {
  sentimentMacroF1: number | null;
  intentMacroF1: number | null;
  categoryMacroF1: number | null;
  /** Share of held-out posts whose corrected label the model now gets right, over every labelled field. */
  agreement: number | null;
  heldOut: number;
}

export interface TrainWorkspaceOptions {
  taxonomy?: Taxonomy;
  /** The model in use now (undefined: the shipped one), to compare against. */
  current?: WorkspaceModelData;
  /** Share of the posts held out for evaluation (default 0.2). */
  heldOutShare?: number;
  seed?: number;
  /**
   * A sample of the workspace's recent mention texts, unlabelled (a desk sees every mention).
   * Used to adapt the sentiment head's class prior to the workspace (EM) and for one round of
   * self-training on the posts the adapted model is confident about. At most 5,000 are read.
   */
  unlabelled?: string[];
}

export interface TrainWorkspaceResult {
  model: WorkspaceModelData;
  /** The current model and the new one, on the same held-out posts. */
  before: WorkspaceModelMetrics;
  after: WorkspaceModelMetrics;
  /** True when the new model is at least as good as the current one on the held-out posts. */
  better: boolean;
}
