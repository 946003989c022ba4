import type { AlertEvent } from './api/alert-schemas';

/**
 * The inbox filtered to exactly the alert's mentions: the brand's (and category's) mentions
 * of any status posted from the surge's start until it cleared, or without an end while it
 * lasts (so a link opened later still brings the newest). The api's `inboxPath` says the same.
 */
export function alertInboxHref(alert: Pick<AlertEvent, 'brandId' | 'category' | 'surgeStart' | 'clearedAt'>): string {
  const query = new URLSearchParams({ status: 'all', brandId: alert.brandId, postedFrom: alert.surgeStart });
  if (alert.clearedAt) query.set('postedTo', alert.clearedAt);
  if (alert.category) query.set('category', alert.category);
  return `/inbox?${query.toString()}`;
}

export function incidentHref(alertId: string): string {
  return `/alerts/${encodeURIComponent(alertId)}`;
}
