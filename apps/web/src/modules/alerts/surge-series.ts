import type { Incident } from './api/alert-schemas';

export interface SurgePoint {
  /** Epoch milliseconds of the bucket's start (the chart's x). */
  at: number;
  observed: number;
  expected: number;
}

export function toSurgePoints(series: Incident['series']): SurgePoint[] {
  return series
    .map((p) => ({ at: Date.parse(p.start), observed: p.observed, expected: p.expected }))
    .filter((p) => Number.isFinite(p.at))
    .sort((a, b) => a.at - b.at);
}

/** "14:05" in the workspace's zone (the day too when the series spans more than one). */
export function formatTick(at: number, timeZone: string, withDay: boolean): string {
  const options: Intl.DateTimeFormatOptions = withDay
    ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
    : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(at);
  }
}

/** The bucket's length in minutes (the gap between the first two points; 5 by default). */
export function bucketMinutes(points: readonly SurgePoint[]): number {
  if (points.length < 2) return 5;
  return Math.max(1, Math.round((points[1]!.at - points[0]!.at) / 60_000));
}
