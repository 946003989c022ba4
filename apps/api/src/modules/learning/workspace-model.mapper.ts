import type { PhraseRule, WorkspaceModel } from '@earshot/contracts';
import type { PhraseRuleEntity } from './phrase-rule.entity.js';
import type { WorkspaceModelEntity } from './workspace-model.entity.js';

const userRef = (id: string | null, names: Map<string, string | null>) => (id ? { id, name: names.get(id) ?? 'former user' } : null);

/** The only way a model row leaves the api: explicit fields (no workspace id, no model data). */
export function toWorkspaceModelDto(m: WorkspaceModelEntity, names: Map<string, string | null>): WorkspaceModel {
  return {
    id: m.id,
    version: m.version,
    status: m.status,
    metrics: m.metrics ? { before: m.metrics.before, after: m.metrics.after, better: m.metrics.better } : null,
    trainedOn: m.metrics?.trainedOn ?? null,
    trainedFrom: { posts: m.trainedFromPosts, upTo: m.trainedUpTo ? m.trainedUpTo.toISOString() : null },
    createdBy: userRef(m.createdById, names),
    createdAt: m.createdAt.toISOString(),
    activatedAt: m.activatedAt ? m.activatedAt.toISOString() : null,
    error: m.error,
  };
}

export function toPhraseRuleDto(r: PhraseRuleEntity, names: Map<string, string | null>): PhraseRule {
  return {
    id: r.id,
    phrase: r.phrase,
    sentiment: r.sentiment,
    urgency: r.urgency,
    category: r.category,
    createdBy: userRef(r.createdById, names),
    createdAt: r.createdAt.toISOString(),
  };
}
