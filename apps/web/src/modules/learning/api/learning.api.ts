import {
  LearningStateSchema,
  PhraseRuleListSchema,
  PhraseRuleSchema,
  WorkspaceModelSchema,
  type CreatePhraseRuleRequest,
  type LearningState,
  type PhraseRule,
  type WorkspaceModel,
} from '@earshot/contracts';
import { http } from '../../../shared/http';

/** Model versions, which is active, and the labelled posts counts. */
export function getLearningState(signal?: AbortSignal): Promise<LearningState> {
  return http.get('/api/learning/models', LearningStateSchema, signal ? { signal } : {});
}

/** Starts a training run (answers at once with the version in status training). */
export function trainModel(): Promise<WorkspaceModel> {
  return http.post('/api/learning/models', undefined, WorkspaceModelSchema);
}

export function activateModel(id: string): Promise<LearningState> {
  return http.post(`/api/learning/models/${encodeURIComponent(id)}/activate`, undefined, LearningStateSchema);
}

/** Back to the version used before the current one (or the shipped model). */
export function rollbackModel(to: 'previous' | 'shipped' = 'previous'): Promise<LearningState> {
  return http.post('/api/learning/rollback', { to }, LearningStateSchema);
}

export async function listPhraseRules(signal?: AbortSignal): Promise<PhraseRule[]> {
  return (await http.get('/api/learning/phrase-rules', PhraseRuleListSchema, signal ? { signal } : {})).items;
}

export function createPhraseRule(request: CreatePhraseRuleRequest): Promise<PhraseRule> {
  return http.post('/api/learning/phrase-rules', request, PhraseRuleSchema);
}

export function deletePhraseRule(id: string): Promise<void> {
  return http.send('DELETE', `/api/learning/phrase-rules/${encodeURIComponent(id)}`);
}
