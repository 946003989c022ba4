import { addDays, todayIn } from '../root-causes/period';

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The weekday of a calendar date 'YYYY-MM-DD': 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

/** The first day of the report week that contains `date`, for weeks starting on `weekStart` (0 = Sunday). */
export function weekStartOf(date: string, weekStart: number): string {
  return addDays(date, -((weekdayOf(date) - weekStart + 7) % 7));
}

/** The start of the last week that has ended in the workspace's zone (the api builds only complete weeks). */
export function lastCompleteWeek(today: string, weekStart: number): string {
  return addDays(weekStartOf(today, weekStart), -7);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "30 Nov – 6 Dec 2026", "7 – 13 Dec 2026", "28 Dec 2026 – 3 Jan 2027" (as the api labels the week). */
export function weekLabel(start: string): string {
  const a = new Date(`${start}T12:00:00Z`);
  const b = new Date(`${addDays(start, 6)}T12:00:00Z`);
  const day = (d: Date) => String(d.getUTCDate());
  const mon = (d: Date) => MONTHS[d.getUTCMonth()]!;
  if (a.getUTCFullYear() !== b.getUTCFullYear()) return `${day(a)} ${mon(a)} ${a.getUTCFullYear()} \u2013 ${day(b)} ${mon(b)} ${b.getUTCFullYear()}`;
  if (a.getUTCMonth() !== b.getUTCMonth()) return `${day(a)} ${mon(a)} \u2013 ${day(b)} ${mon(b)} ${b.getUTCFullYear()}`;
  return `${day(a)} \u2013 ${day(b)} ${mon(b)} ${b.getUTCFullYear()}`;
}

export { addDays, todayIn };
