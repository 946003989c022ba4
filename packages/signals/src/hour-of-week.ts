const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
const QUARTER_HOUR_MS = 15 * 60_000;

/**
 * Maps an instant to its hour of the week (0 = Monday 00:00–00:59 … 167 = Sunday 23:00) in a time zone,
 * so the baseline follows the local daily and weekly rhythm across daylight-saving changes. Results are
 * cached per quarter hour (every real zone offset is a multiple of 15 minutes).
 */
export function hourOfWeekIn(timeZone: string): (ms: number) => number {
  if (timeZone === 'UTC') {
    // 1970-01-01 was a Thursday (index 3).
    return (ms) => {
      const hours = Math.floor(ms / 3_600_000);
      return (((hours + 3 * 24) % 168) + 168) % 168;
    };
  }
  const format = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
  let cachedKey = Number.NaN;
  let cachedSlot = 0;
  return (ms) => {
    const key = Math.floor(ms / QUARTER_HOUR_MS);
    if (key === cachedKey) return cachedSlot;
    let weekday = 0;
    let hour = 0;
    for (const part of format.formatToParts(new Date(ms))) {
      if (part.type === 'weekday') weekday = WEEKDAYS[part.value] ?? 0;
      else if (part.type === 'hour') hour = Number(part.value) % 24;
    }
    cachedKey = key;
    cachedSlot = weekday * 24 + hour;
    return cachedSlot;
  };
}
