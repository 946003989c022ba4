import { WEEKDAYS, type Weekday } from '@earshot/contracts';
import { CronTime } from 'cron';

/**
 * Calendar arithmetic of the weekly report, on local dates `YYYY-MM-DD` (no instants: a date plus seven days is
 * the next week's first day whatever the clocks did; the instants come from the database, `date AT TIME ZONE zone`,
 * exactly as analytics cuts its days).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const DAY_MS = 86_400_000;

function parse(date: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return iso(new Date(parse(date).getTime() + days * DAY_MS));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return parse(date).getUTCDay();
}

export function weekdayName(weekday: number): Weekday {
  return WEEKDAYS[((weekday % 7) + 7) % 7]!;
}

/** "Tuesday". */
export function capitalisedWeekday(weekday: number): string {
  const n = weekdayName(weekday);
  return n.charAt(0).toUpperCase() + n.slice(1);
}

/** The local calendar date of an instant in an IANA zone. */
export function localDate(at: Date, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The local weekday (0 = Sunday) of an instant in an IANA zone. */
export function localWeekday(at: Date, zone: string): number {
  return weekdayOf(localDate(at, zone));
}

/** The first day of the week that contains `date`, for weeks starting on `weekStart` (0 = Sunday). */
export function weekContaining(date: string, weekStart: number): string {
  return addDays(date, -((weekdayOf(date) - weekStart + 7) % 7));
}

/** The first day of the last complete week at `now` in the zone (the week before the current one). */
export function lastCompleteWeek(now: Date, zone: string, weekStart: number): string {
  return addDays(weekContaining(localDate(now, zone), weekStart), -7);
}

/** "30 Nov – 6 Dec 2026", "7 – 13 Dec 2026", "28 Dec 2026 – 3 Jan 2027" (the week's first and last day). */
export function weekLabel(start: string): string {
  const a = parse(start);
  const b = parse(addDays(start, 6));
  const day = (d: Date) => String(d.getUTCDate());
  const mon = (d: Date) => MONTHS[d.getUTCMonth()]!;
  if (a.getUTCFullYear() !== b.getUTCFullYear()) return `${day(a)} ${mon(a)} ${a.getUTCFullYear()} – ${day(b)} ${mon(b)} ${b.getUTCFullYear()}`;
  if (a.getUTCMonth() !== b.getUTCMonth()) return `${day(a)} ${mon(a)} – ${day(b)} ${mon(b)} ${b.getUTCFullYear()}`;
  return `${day(a)} – ${day(b)} ${mon(b)} ${b.getUTCFullYear()}`;
}

/**
 * Whether a week that ended at `weekEnd` is due for its report at `now`: the cron, read in the workspace's zone,
 * has fired at or after the week's end (so `0 7 * * 1` = Monday 07:00 local, whatever the clocks did).
 */
export function reportDue(cron: string, zone: string, weekEnd: Date, now: Date): boolean {
  const next = new CronTime(cron, zone).getNextDateFrom(new Date(weekEnd.getTime() - 1000), zone);
  return next.toJSDate().getTime() <= now.getTime();
}
