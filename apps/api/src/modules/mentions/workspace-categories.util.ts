import { DEFAULT_TAXONOMY } from '@earshot/nlp';

/**
 * The complaint category ids a workspace's mentions may carry: the shipped taxonomy's ids and its
 * fallback (`other`). Workspaces have no taxonomy of their own yet; when they do, this is the one
 * place that reads it (corrections validate against it).
 */
export function workspaceCategoryIds(): string[] {
  const ids = [...DEFAULT_TAXONOMY.categories.map((c) => c.id), DEFAULT_TAXONOMY.fallback];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id.length > 0))];
}
