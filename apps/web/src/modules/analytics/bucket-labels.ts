import type { AnalyticsBucket, AnalyticsRange } from '@earshot/contracts';
import { formatPostedRange } from '../inbox/format-posted-range';

export const BUCKET_HEADERS: Record<AnalyticsBucket, string> = { hour: 'Hour', day: 'Day', week: 'Week' };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An axis tick from a bucket's local label (`2026-11-12`, `2026-11-12T10:00+01:00`): "12 Nov", "12 Nov 10:00". */
export function tickLabel(label: string, bucket: AnalyticsBucket): string {
  const [, month, day] = label.slice(0, 10).split('-');
  const date = `${Number(day)} ${MONTHS[Number(month) - 1] ?? month}`;
  return bucket === 'hour' ? `${date} ${label.slice(11, 16)}` : date;
}

/** The bucket's posted-time bounds inside the range (a first or last bucket may overhang it). */
export function clampToRange(start: string, end: string, range: AnalyticsRange): { start: string; end: string } {
  return {
    start: Date.parse(start) < Date.parse(range.from) ? range.from : start,
    end: Date.parse(end) > Date.parse(range.to) ? range.to : end,
  };
}

/** The bucket in words, in the workspace's zone, as the inbox's chip says it: "12 Nov 2026 10:00–11:00", "12 Nov 2026". */
export function bucketText(start: string, end: string, range: AnalyticsRange): string {
  const c = clampToRange(start, end, range);
  return formatPostedRange(c.start, c.end, range.timeZone);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}
