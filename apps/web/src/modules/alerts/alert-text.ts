import { categoryLabel } from '../templates/complaint-categories';
import type { AlertEvent } from './api/alert-schemas';

type AlertLike = Pick<AlertEvent, 'metric' | 'category' | 'ratio' | 'observed' | 'expected' | 'topTerms'>;

/** "6.2×": one decimal below 10, whole numbers above; null (nothing was expected) reads "new". */
export function formatRatio(ratio: number | null): string {
  if (ratio === null || !Number.isFinite(ratio)) return 'new';
  return `${ratio >= 10 ? Math.round(ratio) : (Math.round(ratio * 10) / 10).toFixed(1)}×`;
}

/** A count or a share as the metric measures it: "42" mentions, "68 %" negative. */
export function formatMetricValue(metric: AlertEvent['metric'], value: number): string {
  if (metric === 'negative_share') return `${Math.round(value * 100)} %`;
  return value >= 10 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
}

/** What rose: "complaints about delivery", "mentions", "negative share". */
export function metricSubject(alert: Pick<AlertEvent, 'metric' | 'category'>): string {
  const about = alert.category ? ` about ${categoryLabel(alert.category).toLowerCase()}` : '';
  if (alert.metric === 'negative_share') return `negative share${about}`;
  return alert.category ? `complaints${about}` : 'mentions';
}

/** The surge's top terms, "delivery, late, refund" (at most `n`). */
export function topTermsText(alert: Pick<AlertEvent, 'topTerms'>, n = 3): string {
  return alert.topTerms
    .slice(0, n)
    .map((t) => t.term)
    .join(', ');
}

/** "Spike: Acme complaints about delivery 6.2× normal — delivery, late, refund". */
export function alertHeadline(alert: AlertLike, brandName: string): string {
  const terms = topTermsText(alert);
  return `Spike: ${brandName} ${metricSubject(alert)} ${jumpWords(alert.ratio)}${terms ? ` — ${terms}` : ''}`;
}

/** "6.2× normal", or "where none are usual" when nothing was expected. */
export function jumpWords(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? 'where none are usual' : `${formatRatio(ratio)} normal`;
}

/** "42 in 15 min against 6.8 expected". */
export function jumpText(alert: Pick<AlertEvent, 'metric' | 'observed' | 'expected' | 'windowMinutes'>): string {
  const observed = formatMetricValue(alert.metric, alert.observed);
  const expected = formatMetricValue(alert.metric, alert.expected);
  return `${observed} in ${alert.windowMinutes} min against ${expected} expected`;
}
