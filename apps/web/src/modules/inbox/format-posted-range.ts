interface LocalParts {
  day: string;
  time: string;
  year: string;
  midnight: boolean;
}

function localParts(iso: string, timeZone: string | undefined): LocalParts {
  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', timeZone ? { ...options, timeZone } : options).formatToParts(date);
  } catch {
    parts = new Intl.DateTimeFormat('en-GB', options).formatToParts(date);
  }
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const time = `${get('hour')}:${get('minute')}`;
  return { day: `${get('day')} ${get('month')}`, time, year: get('year'), midnight: time === '00:00' };
}

/** The local day before a local midnight (the last day of a range of whole days). */
function dayBefore(iso: string, timeZone: string | undefined): LocalParts {
  return localParts(new Date(Date.parse(iso) - 3_600_000).toISOString(), timeZone);
}

/**
 * A posted-time range [from, to) in the workspace's zone, for a chip: "12 Nov 10:00–11:00",
 * "12 Nov 2026" (a whole day), "12–18 Nov 2026"-like ("12 Nov – 18 Nov 2026") for whole days,
 * "since 12 Nov 10:00", "before 13 Nov 00:00".
 */
export function formatPostedRange(from: string | null, to: string | null, timeZone?: string): string {
  if (from === null && to === null) return '';
  if (to === null) {
    const f = localParts(from!, timeZone);
    return `since ${f.day} ${f.year} ${f.time}`;
  }
  if (from === null) {
    const t = localParts(to, timeZone);
    return `before ${t.day} ${t.year} ${t.time}`;
  }
  const f = localParts(from, timeZone);
  const t = localParts(to, timeZone);
  if (f.midnight && t.midnight) {
    const last = dayBefore(to, timeZone);
    if (last.day === f.day && last.year === f.year) return `${f.day} ${f.year}`;
    return f.year === last.year ? `${f.day} – ${last.day} ${last.year}` : `${f.day} ${f.year} – ${last.day} ${last.year}`;
  }
  if (f.day === t.day && f.year === t.year) return `${f.day} ${f.year} ${f.time}–${t.time}`;
  // A range that ends at the next midnight reads as ending at 24:00 of its first day.
  const last = dayBefore(to, timeZone);
  if (t.midnight && last.day === f.day && last.year === f.year) return `${f.day} ${f.year} ${f.time}–24:00`;
  return `${f.day} ${f.year} ${f.time} – ${t.day} ${t.year} ${t.time}`;
}
