import type { PhraseRule, WorkspaceModelData } from '@earshot/nlp';

/**
 * What a workspace's posts are scored with beyond the shipped model: its active model and its
 * phrase rules. `key` names this exact combination (the model's id and the rules' content): the
 * scorer's worker thread builds one analyzer per key and keeps it, so a model is sent to the
 * worker once, not with every page. null (no model, no rules): the shipped analyzer, as before.
 */
export interface ScoringProfile {
  key: string;
  model: WorkspaceModelData | null;
  rules: PhraseRule[];
}

/** Finds a workspace's scoring profile (cached; LearningProfilesModule provides it). */
export interface ScoringProfileSource {
  forWorkspace(workspaceId: string): ScoringProfile | null | Promise<ScoringProfile | null>;
}

export const SCORING_PROFILES = Symbol('SCORING_PROFILES');
