import type { RootCauseBoardQuery } from '@earshot/contracts';

/** The period picker's choices: the last 7, 28 or 90 days (ending today), or two days the user picks. */
export type PeriodChoice = { kind: 'last'; days: 7 | 28 | 90 } | { kind: 'custom'; from: string; to: string };

export const DEFAULT_PERIOD: PeriodChoice & { kind: 'last' } = { kind: 'last', days: 28 };
export const PRESET_DAYS = [7, 28, 90] as const;

/** Today (`YYYY-MM-DD`) in `timeZone` (the browser's when it does not know the zone). */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  const format = (zone?: string) =>
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', ...(zone ? { timeZone: zone } : {}) }).format(now);
  try {
    return format(timeZone);
  } catch {
    return format();
  }
}

/** `date` plus `days` (negative: earlier), calendar arithmetic in UTC so no zone shifts the day. */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** What the api is asked for. The 28-day default is asked for explicitly too, so the answer matches the picker. */
export function periodToQuery(choice: PeriodChoice, today: string): RootCauseBoardQuery {
  if (choice.kind === 'custom') return { from: choice.from, to: choice.to };
  return { from: addDays(today, -(choice.days - 1)), to: today };
}

/** The choice in the address (`?days=7` or `?from=…&to=…`), so a reload or the back link keeps it. */
export function periodFromSearch(search: URLSearchParams): PeriodChoice {
  const from = search.get('from');
  const to = search.get('to');
  const isDate = (v: string | null): v is string => v !== null && /^\d{4}-\d{2}-\d{2}$/.test(v);
  if (isDate(from) && isDate(to) && from <= to) return { kind: 'custom', from, to };
  const days = Number(search.get('days'));
  return days === 7 || days === 90 ? { kind: 'last', days } : DEFAULT_PERIOD;
}

export function periodToSearch(choice: PeriodChoice): string {
  if (choice.kind === 'custom') return `?from=${choice.from}&to=${choice.to}`;
  return choice.days === DEFAULT_PERIOD.days ? '' : `?days=${choice.days}`;
}

/** "1 Dec 2026" for a calendar day, without a zone shifting it. */
export function formatDay(date: string): string {
  const at = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return date;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(at);
}
