import type { AlertEvent } from './api/alert-schemas';

/**
 * The inbox filtered to exactly the alert's mentions: the brand's (and category's) mentions
 * of any status posted from the surge's start until it cleared (or now, while it lasts).
 * The api sends the same as `inboxPath` with the answer's time as the end; while the alert
 * is raised the link is built here, so a page left open still reaches the newest mentions.
 */
export function alertInboxHref(alert: Pick<AlertEvent, 'brandId' | 'category' | 'surgeStart' | 'clearedAt'>, now: Date = new Date()): string {
  const query = new URLSearchParams({
    status: 'all',
    brandId: alert.brandId,
    postedFrom: alert.surgeStart,
    postedTo: alert.clearedAt ?? new Date(Math.ceil(now.getTime() / 60_000) * 60_000).toISOString(),
  });
  if (alert.category) query.set('category', alert.category);
  return `/inbox?${query.toString()}`;
}

export function incidentHref(alertId: string): string {
  return `/alerts/${encodeURIComponent(alertId)}`;
}
