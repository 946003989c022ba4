import {
  DEFAULT_TAXONOMY,
  trainWorkspaceModel,
  type LabelledPost,
  type PhraseRule,
  type Taxonomy,
  type TrainWorkspaceResult,
  type WorkspaceModelData,
} from '@earshot/nlp';

/**
 * What a training run gets: the workspace's labelled posts, its taxonomy, the model in use now
 * (none: the shipped one), its phrase rules (both models are evaluated with them, as ingest scores)
 * and a sample of its recent mentions, unlabelled.
 */
export interface TrainRequest {
  posts: LabelledPost[];
  taxonomy?: Taxonomy;
  current?: WorkspaceModelData;
  phraseRules?: PhraseRule[];
  /** A sample of the workspace's recent mention texts (word rarity for the category head). */
  unlabelled?: string[];
}

/** One training run, pure and synchronous: on the training worker thread, or in-process where no worker file exists (ts-jest). */
export function runTraining(req: TrainRequest): TrainWorkspaceResult {
  return trainWorkspaceModel(req.posts, {
    taxonomy: req.taxonomy ?? DEFAULT_TAXONOMY,
    ...(req.current ? { current: req.current } : {}),
    ...(req.phraseRules && req.phraseRules.length > 0 ? { phraseRules: req.phraseRules } : {}),
    ...(req.unlabelled && req.unlabelled.length > 0 ? { unlabelled: req.unlabelled } : {}),
  });
}
