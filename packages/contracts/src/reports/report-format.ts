/**
 * Numbers, dates and words as the weekly report shows them: the one copy that the api's PDF and the web's Reports
 * page and print view both use, so that they say exactly the same things. The real minus sign (U+2212), "42.3 %"
 * for shares and rates (a space before %, as the analytics page), "pp" for a change of a share, "points" for a
 * change of net sentiment, an en dash for "no figure".
 *
 * Pure functions over the standard `Intl` API only (no Node or DOM): they run in the api, its PDF worker and the
 * browser alike.
 */

export const MINUS = '\u2212';
export const NO_FIGURE = '\u2013';

const grouped = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** Rounds half away from zero to `digits` decimals and drops a negative zero. */
function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  return rounded === 0 ? 0 : rounded;
}

/** `-3` → "−3", `4.5` → "+4.5", `0` → "0" (the sign always shown, as a change). */
export function signed(value: number, digits = 1): string {
  const r = round(value, digits);
  if (r === 0) return '0';
  const text = String(Math.abs(r));
  return r < 0 ? `${MINUS}${text}` : `+${text}`;
}

/** Net sentiment (−100..100): `-12.5` → "−12.5", `8` → "+8", null → "–" (as the analytics page). */
export function formatNet(net: number | null): string {
  return net === null ? NO_FIGURE : signed(net);
}

/** A change of net sentiment: "+3.2 points", "−1 point", "no change". */
export function formatPoints(change: number): string {
  const r = round(change, 1);
  if (r === 0) return 'no change';
  return `${signed(r)} ${Math.abs(r) === 1 ? 'point' : 'points'}`;
}

/** A share or rate 0..1: `0.423` → "42.3 %", null → "–". */
export function formatShare(share: number | null): string {
  return share === null ? NO_FIGURE : `${round(share * 100, 1)} %`;
}

/** The change of a share or rate, in percentage points: (0.45, 0.42) → "+3 pp"; either null → null. */
export function formatShareChange(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null) return null;
  const pp = round((current - previous) * 100, 1);
  return pp === 0 ? 'no change' : `${signed(pp)} pp`;
}

/** 1234 → "1,234". */
export function formatCount(value: number): string {
  return grouped.format(value).replace('-', MINUS);
}

/** 950 → "950", 12_400 → "12.4K", 3_000_000 → "3M" (as the web shows reach). */
export function formatCompact(value: number): string {
  return compact.format(value).replace('-', MINUS);
}

/** A counted noun: (1, 'reply', 'replies') → "1 reply", (1200, 'complaint') → "1,200 complaints". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A percent change (already a percentage): 12.34 → "+12 %", null → null. */
export function formatPercentChange(percent: number | null): string | null {
  if (percent === null) return null;
  const r = round(percent, 0);
  return r === 0 ? 'no change' : `${signed(r, 0)} %`;
}

/** The week-over-week change of a count: "+12 %", "+40 (none last week)", "no change". */
export function formatCountChange(current: number, previous: number): string {
  if (current === previous) return 'no change';
  if (previous === 0) return `${signed(current - previous, 0)} (none last week)`;
  return formatPercentChange(((current - previous) / previous) * 100) ?? 'no change';
}

/** Minutes as a duration: 42 → "42 min", 185 → "3 h 5 min", 1500 → "1 day 1 h", null → "–". */
export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return NO_FIGURE;
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  if (m < 24 * 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
  }
  // Whole hours first, then days: 2,850 min is "2 days", not "1 day 24 h".
  const totalHours = Math.round(m / 60);
  const days = Math.floor(totalHours / 24);
  const hours = totalHours % 24;
  const dayText = days === 1 ? '1 day' : `${days} days`;
  return hours === 0 ? dayText : `${dayText} ${hours} h`;
}

/** The change of a duration: (30, 42) → "−12 min", (90, 30) → "+1 h", equal → "no change"; either null → null. */
export function formatMinutesChange(current: number | null, previous: number | null): string | null {
  if (current === null || previous === null) return null;
  const delta = Math.round(current) - Math.round(previous);
  if (delta === 0) return 'no change';
  return `${delta < 0 ? MINUS : '+'}${formatMinutes(Math.abs(delta))}`;
}

/**
 * Whether a change is good news, for its colour (the words carry it too): more mentions are neither; a higher
 * share, rate or net sentiment is better; a longer first response is worse.
 */
export type ChangeTone = 'better' | 'worse' | 'flat' | 'neutral';

export function toneOf(delta: number | null, higherIsBetter: boolean | null): ChangeTone {
  if (delta === null || round(delta, 3) === 0) return 'flat';
  if (higherIsBetter === null) return 'neutral';
  return delta > 0 === higherIsBetter ? 'better' : 'worse';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterIn(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}\u0000${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    } catch {
      // A zone this runtime does not know: UTC (the report's footer names the zone the workspace asked for).
      formatter = new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' });
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The parts of `iso` in `timeZone`, or null for a date that is not one. */
function partsIn(iso: string, timeZone: string, options: Intl.DateTimeFormatOptions): ((type: Intl.DateTimeFormatPartTypes) => string) | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = formatterIn(timeZone, { ...options, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(date);
  return (type) => parts.find((p) => p.type === type)?.value ?? '';
}

/** "Tue 1 Dec, 14:05" in the workspace's zone; "–" for a date that is not one. */
export function formatDayTime(iso: string, timeZone: string): string {
  const part = partsIn(iso, timeZone, { weekday: 'short', day: 'numeric', month: 'short' });
  if (!part) return NO_FIGURE;
  return `${part('weekday')} ${part('day')} ${part('month')}, ${part('hour')}:${part('minute')}`;
}

/** "7 Dec 2026, 07:00" in the workspace's zone; "–" for a date that is not one. */
export function formatDateTime(iso: string, timeZone: string): string {
  const part = partsIn(iso, timeZone, { day: 'numeric', month: 'short', year: 'numeric' });
  if (!part) return NO_FIGURE;
  return `${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}

/** A local calendar date 'YYYY-MM-DD' → ["Mon", "30"] (the weekday of that date, whatever the zone); [date, ''] when it is not one. */
export function dayLabelParts(date: string): [string, string] {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return [date, ''];
  return [formatterIn('UTC', { weekday: 'short' }).format(d), String(d.getUTCDate())];
}

/** A local calendar date 'YYYY-MM-DD' → "Mon 30" (on one line; the PDF's chart sets the two parts on two). */
export function dayLabel(date: string): string {
  const [weekday, day] = dayLabelParts(date);
  return day === '' ? weekday : `${weekday} ${day}`;
}

const PLATFORM_NAMES: Record<string, string> = {
  x: 'X',
  twitter: 'X',
  mastodon: 'Mastodon',
  bluesky: 'Bluesky',
  reddit: 'Reddit',
  facebook: 'Facebook',
  instagram: 'Instagram',
  youtube: 'YouTube',
  tiktok: 'TikTok',
};

/** 'bluesky' → "Bluesky"; an unknown id as given, capitalised. */
export function platformName(platform: string): string {
  return PLATFORM_NAMES[platform.toLowerCase()] ?? platform.charAt(0).toUpperCase() + platform.slice(1);
}

/** An author as the platform writes them: "@jess" (X, Bluesky, Mastodon), "u/jess" (Reddit); as stored when it already is. */
export function handleLabel(handle: string, platform: string): string {
  const h = handle.trim();
  if (h === '' || h.startsWith('@') || h.startsWith('u/')) return h;
  return platform.toLowerCase() === 'reddit' ? `u/${h}` : `@${h}`;
}
