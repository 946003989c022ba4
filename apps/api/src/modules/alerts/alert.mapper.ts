import type { AlertEvent, AlertRule } from '@earshot/contracts';
import type { DetectorJson } from '@earshot/signals';
import type { AlertEventEntity } from './alert-event.entity.js';
import type { AlertRuleEntity } from './alert-rule.entity.js';

const MINUTE = 60_000;

/**
 * The inbox filtered to exactly the alert's mentions (every status, spam left out as the inbox does by default). While
 * the alert is raised the link has no end (`postedTo` left out), so a link sent in a notification keeps showing the
 * incident's new mentions.
 */
export function alertInboxPath(f: { brandId: string; category: string | null; postedFrom: string; postedTo: string | null }): string {
  const q = new URLSearchParams({ status: 'all', brandId: f.brandId, postedFrom: f.postedFrom });
  if (f.postedTo) q.set('postedTo', f.postedTo);
  if (f.category) q.set('category', f.category);
  return `/inbox?${q.toString()}`;
}

export const alertIncidentPath = (id: string): string => `/alerts/${id}`;

const number = (v: string | number | null): number | null => (v === null ? null : Number(v));

/**
 * The alert as the API and the socket show it. Its mentions run from the surge's start to the clear, or to `now`
 * while it is raised (never before the raise, so the list is not empty while the runner catches up).
 */
export function toAlertDto(a: AlertEventEntity, brandName: string, now: Date): AlertEvent {
  const to = a.clearedAt ?? new Date(Math.max(now.getTime(), a.raisedAt.getTime()));
  const mentions = { brandId: a.brandId, category: a.category, postedFrom: a.surgeStart.toISOString(), postedTo: to.toISOString() };
  return {
    id: a.id,
    seq: Number(a.seq),
    ruleId: a.ruleId,
    brandId: a.brandId,
    brandName,
    category: a.category,
    metric: a.metric,
    status: a.status,
    surgeStart: a.surgeStart.toISOString(),
    raisedAt: a.raisedAt.toISOString(),
    detectedAt: a.detectedAt.toISOString(),
    clearedAt: a.clearedAt?.toISOString() ?? null,
    windowMinutes: a.windowMinutes,
    observed: Number(a.observed),
    expected: Number(a.expected),
    ratio: number(a.ratio),
    z: Number(a.z),
    topTerms: a.topTerms,
    mentionCount: a.mentionCount,
    historical: a.historical,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    mentions,
    inboxPath: alertInboxPath({ ...mentions, postedTo: a.clearedAt ? mentions.postedTo : null }),
    incidentPath: alertIncidentPath(a.id),
  };
}

/** Whether the detector is still in its warm-up (it raises nothing before a week of history). */
function learning(state: DetectorJson | null): boolean {
  if (!state) return true;
  const { firstBucket, lastBucket } = state.state;
  return firstBucket === null || lastBucket === null || lastBucket - firstBucket < state.options.warmupMs;
}

export function toAlertRuleDto(r: AlertRuleEntity, brand: { name: string; kind: 'own' | 'competitor' }): AlertRule {
  const s = r.detectorState;
  return {
    id: r.id,
    brandId: r.brandId,
    brandName: brand.name,
    brandKind: brand.kind,
    category: r.category,
    enabled: r.enabled,
    metrics: r.metrics,
    webhookUrl: r.webhookUrl,
    email: r.email,
    state: {
      learning: learning(s),
      learnedFrom: s?.state.firstBucket !== null && s?.state.firstBucket !== undefined ? new Date(s.state.firstBucket).toISOString() : null,
      watermark: r.watermark?.toISOString() ?? null,
      raised: s?.state.incident !== null && s?.state.incident !== undefined,
      lateMinutes: s?.state.lateBuckets ?? 0,
      lastRunAt: r.lastRunAt?.toISOString() ?? null,
      lastError: r.lastError,
    },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export const floorMinute = (ms: number): number => Math.floor(ms / MINUTE) * MINUTE;
