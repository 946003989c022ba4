import {
  MentionPageSchema,
  ShareOfVoiceReportSchema,
  TeamReportSchema,
  ThemesReportSchema,
  TopReportSchema,
  VolumeReportSchema,
  type ShareOfVoiceReport,
  type TeamReport,
  type ThemesReport,
  type TopReport,
  type VolumeReport,
} from '@earshot/contracts';
import { http } from '../../../shared/http';

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export type ReportKind = 'volume' | 'themes' | 'share-of-voice' | 'top' | 'team';

/** A report's CSV route: the same query as its JSON route, so the same numbers. */
export function csvHref(kind: ReportKind, query: URLSearchParams): string {
  return `/api/analytics/${kind}.csv?${query.toString()}`;
}

export function getVolume(query: URLSearchParams, signal?: AbortSignal): Promise<VolumeReport> {
  return http.get(`/api/analytics/volume?${query.toString()}`, VolumeReportSchema, opts(signal));
}

/** Themes, top lists and team figures take no bucket. */
const withoutBucket = (query: URLSearchParams) => {
  const q = new URLSearchParams(query);
  q.delete('bucket');
  return q;
};

export function getThemes(query: URLSearchParams, signal?: AbortSignal): Promise<ThemesReport> {
  return http.get(`/api/analytics/themes?${withoutBucket(query).toString()}`, ThemesReportSchema, opts(signal));
}

export function getShareOfVoice(query: URLSearchParams, signal?: AbortSignal): Promise<ShareOfVoiceReport> {
  return http.get(`/api/analytics/share-of-voice?${query.toString()}`, ShareOfVoiceReportSchema, opts(signal));
}

export function getTop(query: URLSearchParams, signal?: AbortSignal): Promise<TopReport> {
  const q = withoutBucket(query);
  q.set('limit', '10');
  return http.get(`/api/analytics/top?${q.toString()}`, TopReportSchema, opts(signal));
}

export function getTeam(query: URLSearchParams, signal?: AbortSignal): Promise<TeamReport> {
  return http.get(`/api/analytics/team?${withoutBucket(query).toString()}`, TeamReportSchema, opts(signal));
}

/** Whether the workspace has stored any mention at all (any time, status or spam): the page's empty state asks this. */
export async function hasAnyMention(signal?: AbortSignal): Promise<boolean> {
  const page = await http.get('/api/mentions?status=all&spam=include&sort=newest&limit=1', MentionPageSchema, opts(signal));
  return page.items.length > 0;
}

/** The query of a report's CSV or JSON route, as sent (the bucket only where the route takes one). */
export function reportQuery(kind: ReportKind, query: URLSearchParams): URLSearchParams {
  if (kind === 'volume' || kind === 'share-of-voice') return query;
  const q = withoutBucket(query);
  if (kind === 'top') q.set('limit', '10');
  return q;
}
