import type { Incident } from './api/alert-schemas';

export interface SurgePoint {
  /** Epoch milliseconds of the bucket's start (the chart's x). */
  at: number;
  observed: number;
  /** Null where there is no basis for an expectation (the line breaks there). */
  expected: number | null;
}

export function toSurgePoints(series: Incident['series']): SurgePoint[] {
  return series
    .map((p) => ({ at: Date.parse(p.start), observed: p.observed, expected: p.expected }))
    .filter((p) => Number.isFinite(p.at))
    .sort((a, b) => a.at - b.at);
}

/** "14:05" in the workspace's zone (with the day when the series spans more than one). */
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

/** The calendar day of `at` in `timeZone`, to tell whether a series spans more than one. */
export function dayIn(at: number, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return new Date(at).toDateString();
  }
}

const HOUR = 3_600_000;

/**
 * Ticks on whole hours (every 2, 3, 6 or 12 hours on a longer series, so at most about 8),
 * or on the half hour for a series under three hours.
 */
export function hourTicks(first: number, last: number): number[] {
  const span = last - first;
  const step = [HOUR / 2, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR].find((s) => span / s <= 8) ?? 24 * HOUR;
  const ticks: number[] = [];
  for (let t = Math.ceil(first / step) * step; t <= last; t += step) ticks.push(t);
  return ticks;
}
