import type { AnalyticsWhere } from './analytics.repository.js';

/** The team's corrected values where set, the model's otherwise (as in the other analytics reads). */
export const EFFECTIVE_CATEGORY = `COALESCE(NULLIF(m.corrected->>'category', ''), m.category, 'other')`;
export const EFFECTIVE_INTENT = `COALESCE(NULLIF(m.corrected->>'intent', ''), m.intent)`;

/**
 * `AND …` conditions on mention `m` for the analytics filters other than workspace and range
 * (spam, brands' queries, platform, topic, category), with their parameters numbered from
 * `first`: the same meaning as the volume, themes and share-of-voice reads.
 */
export function filterSql(w: AnalyticsWhere, first: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${first + params.length - 1}`;
  };
  if (!w.includeSpam) parts.push(`m.spam = false`);
  if (w.queryIds) parts.push(`m.query_ids ?| ${p(w.queryIds)}::text[]`);
  if (w.platforms) parts.push(`m.platform = ANY(${p(w.platforms)}::text[])`);
  if (w.topics) parts.push(`m.topics ?| ${p(w.topics)}::text[]`);
  if (w.categories) parts.push(`${EFFECTIVE_CATEGORY} = ANY(${p(w.categories)}::text[])`);
  return { sql: parts.map((s) => ` AND ${s}`).join(''), params };
}
