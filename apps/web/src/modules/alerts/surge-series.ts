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
