import { ANALYTICS_MAX_HOUR_BUCKET_DAYS, SourcePlatformSchema, type AnalyticsBucket, type SourcePlatform } from '@earshot/contracts';

/** The presets of the range picker; custom ranges are whole local days. */
export const RANGE_PRESETS = ['24h', '7d', '30d', '90d'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export type AnalyticsRangeChoice = { kind: 'preset'; preset: RangePreset } | { kind: 'custom'; from: string; to: string };

/** What the Analytics page shows; all of it lives in the page's address. */
export interface AnalyticsView {
  range: AnalyticsRangeChoice;
  bucket: AnalyticsBucket;
  /** Brands to compare (and to count mentions of); none: every brand. */
  brandIds: readonly string[];
  platform: 'any' | SourcePlatform;
}

export const DEFAULT_RANGE: AnalyticsRangeChoice & { kind: 'preset' } = { kind: 'preset', preset: '30d' };

const PRESET_DAYS: Record<Exclude<RangePreset, '24h'>, number> = { '7d': 7, '30d': 30, '90d': 90 };
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `date` plus `days`, calendar arithmetic on `YYYY-MM-DD` (no zone can shift it). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Today (`YYYY-MM-DD`) in `timeZone` (the browser's when it does not know the zone). */
export function todayIn(timeZone: string, now: number): string {
  const format = (zone?: string) =>
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(zone ? { timeZone: zone } : {}) }).format(now);
  try {
    return format(timeZone);
  } catch {
    return format();
  }
}

/** The instant the local hour of `now` began in `timeZone` (zones with half-hour offsets included). */
export function localHourStart(timeZone: string, now: number): number {
  const parts = (zone?: string) =>
    new Intl.DateTimeFormat('en-GB', { minute: '2-digit', second: '2-digit', ...(zone ? { timeZone: zone } : {}) }).formatToParts(now);
  let p: Intl.DateTimeFormatPart[];
  try {
    p = parts(timeZone);
  } catch {
    p = parts();
  }
  const minute = Number(p.find((x) => x.type === 'minute')?.value ?? 0);
  const second = Number(p.find((x) => x.type === 'second')?.value ?? 0);
  return now - ((minute * 60 + second) * 1000 + (now % 1000));
}

/** How many days the range covers (for the hour-bucket limit and the default bucket). */
export function rangeDays(range: AnalyticsRangeChoice): number {
  if (range.kind === 'custom') return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
  return range.preset === '24h' ? 1 : PRESET_DAYS[range.preset];
}

/** The buckets a range may be cut into: hours only up to the api's limit, weeks from two weeks on. */
export function bucketsFor(range: AnalyticsRangeChoice): AnalyticsBucket[] {
  const days = rangeDays(range);
  return [...(days <= ANALYTICS_MAX_HOUR_BUCKET_DAYS ? (['hour'] as const) : []), 'day', ...(days >= 14 ? (['week'] as const) : [])];
}

export function defaultBucket(range: AnalyticsRangeChoice): AnalyticsBucket {
  const days = rangeDays(range);
  return days <= 2 ? 'hour' : days <= 92 ? 'day' : 'week';
}

/** The api's `from` and `to` (half-open): local days for whole days, instants for the last 24 hours (whole local hours). */
export function rangeQuery(range: AnalyticsRangeChoice, timeZone: string, now: number): { from: string; to: string } {
  if (range.kind === 'custom') return { from: range.from, to: addDays(range.to, 1) };
  if (range.preset === '24h') {
    const to = localHourStart(timeZone, now) + 3_600_000;
    return { from: new Date(to - 24 * 3_600_000).toISOString(), to: new Date(to).toISOString() };
  }
  const today = todayIn(timeZone, now);
  return { from: addDays(today, -(PRESET_DAYS[range.preset] - 1)), to: addDays(today, 1) };
}

/** The query of every analytics route for this view. */
export function analyticsQuery(view: AnalyticsView, timeZone: string, now: number): URLSearchParams {
  const q = new URLSearchParams(rangeQuery(view.range, timeZone, now));
  q.set('bucket', view.bucket);
  if (view.brandIds.length) q.set('brandId', view.brandIds.join(','));
  if (view.platform !== 'any') q.set('platform', view.platform);
  return q;
}

/** The view an address asks for; anything unreadable falls back to the default. */
export function analyticsViewFromSearch(search: string): AnalyticsView {
  const params = new URLSearchParams(search);
  const from = params.get('from');
  const to = params.get('to');
  const preset = params.get('range');
  let range: AnalyticsRangeChoice = DEFAULT_RANGE;
  if (from && to && DAY.test(from) && DAY.test(to) && from <= to && !Number.isNaN(Date.parse(from)) && !Number.isNaN(Date.parse(to)))
    range = { kind: 'custom', from, to };
  else if (preset && (RANGE_PRESETS as readonly string[]).includes(preset)) range = { kind: 'preset', preset: preset as RangePreset };
  const allowed = bucketsFor(range);
  const asked = params.get('bucket');
  const bucket = allowed.find((b) => b === asked) ?? (allowed.includes(defaultBucket(range)) ? defaultBucket(range) : 'day');
  const brandIds = [...new Set((params.get('brandId') ?? '').split(',').map((s) => s.trim().toLowerCase()))].filter((s) => UUID.test(s));
  const platform = params.get('platform');
  return {
    range,
    bucket,
    brandIds,
    platform: platform && (SourcePlatformSchema.options as readonly string[]).includes(platform) ? (platform as SourcePlatform) : 'any',
  };
}

/** The address for a view: only what differs from the defaults. */
export function analyticsViewToSearch(view: AnalyticsView): string {
  const parts: string[] = [];
  if (view.range.kind === 'custom') parts.push(`from=${view.range.from}`, `to=${view.range.to}`);
  else if (view.range.preset !== DEFAULT_RANGE.preset) parts.push(`range=${view.range.preset}`);
  if (view.bucket !== defaultBucket(view.range)) parts.push(`bucket=${view.bucket}`);
  if (view.brandIds.length) parts.push(`brandId=${view.brandIds.join(',')}`);
  if (view.platform !== 'any') parts.push(`platform=${view.platform}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
