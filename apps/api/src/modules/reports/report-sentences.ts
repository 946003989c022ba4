import { formatMinutes, type ReportBrandShare, type ReportDirection } from '@earshot/contracts';
import { capitalisedWeekday } from './report-week.util.js';

/**
 * The weekly report's plain sentences, templated from its numbers (no language model): pure functions, the same
 * numbers always give the same words. Negative numbers use the real minus sign (U+2212), as leadership reads them.
 */

export const MINUS = '\u2212';
/** A net sentiment change smaller than this (in whole points) is "steady". */
export const STEADY_POINTS = 3;
/** A volume change smaller than this (percent) is "about the same". */
export const STEADY_VOLUME_PERCENT = 5;

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** 1234 → "1,234"; −5 → "−5". */
export function formatNumber(n: number): string {
  return n < 0 ? `${MINUS}${numberFormat.format(-n)}` : numberFormat.format(n);
}

/** +12, −12, 0 (whole numbers unless `decimals`). */
export function signed(n: number, decimals = 0): string {
  const r = Math.round(n * 10 ** decimals) / 10 ** decimals;
  if (r === 0) return '0';
  return r > 0 ? `+${numberFormat.format(r)}` : `${MINUS}${numberFormat.format(-r)}`;
}

/** 0.623 → "62 %". */
export function percentOf(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** 2_300_000 → "2.3 million"; 45_600 → "45,600". */
export function formatReach(n: number): string {
  if (n >= 1_000_000) return `${numberFormat.format(Math.round(n / 100_000) / 10)} million`;
  return numberFormat.format(n);
}


/** "delivery" → "Delivery"; "late_refund" → "Late refund". */
export function categoryLabel(category: string): string {
  const words = category.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The catch-all category of the taxonomy (a complaint the classifier could not place). It is never a week's driver
 * (a rise in "other" names no cause to fix) and the themes name it last, as complaints without a known cause.
 */
export const FALLBACK_CATEGORY = 'other';

/** The category as it reads inside a sentence ("late refund"; the fallback: "other causes"). */
const categoryWords = (category: string) => (category === FALLBACK_CATEGORY ? 'other causes' : category.replace(/[_-]+/g, ' ').trim());

/**
 * The week's themes in report order: the `limit` largest by count (ties by name; themes without complaints left out),
 * with the fallback category, when it is among them, moved after the named causes.
 */
export function rankThemes<T extends ThemeMove>(themes: readonly T[], limit: number): T[] {
  const top = themes
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category))
    .slice(0, limit);
  return [...top.filter((t) => t.category !== FALLBACK_CATEGORY), ...top.filter((t) => t.category === FALLBACK_CATEGORY)];
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatNumber(n)} ${n === 1 ? one : many}`;

// ---- headline ---------------------------------------------------------------------------------------------

/** Better, worse or steady from the change in net sentiment (rounded to whole points); no-data without a figure this week. */
export function directionOf(netSentiment: number | null, previousNetSentiment: number | null): ReportDirection {
  if (netSentiment === null) return 'no-data';
  if (previousNetSentiment === null) return 'steady';
  const change = Math.round(netSentiment - previousNetSentiment);
  if (change >= STEADY_POINTS) return 'better';
  if (change <= -STEADY_POINTS) return 'worse';
  return 'steady';
}

export interface ThemeMove {
  category: string;
  count: number;
  previousCount: number;
}

/** The complaint category with the largest rise on last week (ties: more complaints, then by name); null when none rose. */
export function largestRise(themes: readonly ThemeMove[]): string | null {
  const rising = themes.filter((t) => t.count > t.previousCount && t.category !== FALLBACK_CATEGORY);
  rising.sort((a, b) => b.count - b.previousCount - (a.count - a.previousCount) || b.count - a.count || a.category.localeCompare(b.category));
  return rising[0]?.category ?? null;
}

/** The complaint category with the largest fall on last week (ties: more complaints last week, then by name); null when none fell. */
export function largestFall(themes: readonly ThemeMove[]): string | null {
  const falling = themes.filter((t) => t.count < t.previousCount && t.category !== FALLBACK_CATEGORY);
  falling.sort((a, b) => a.count - a.previousCount - (b.count - b.previousCount) || b.previousCount - a.previousCount || a.category.localeCompare(b.category));
  return falling[0]?.category ?? null;
}

/** The alert a fall followed: its local weekday and what to call it ("outage", "spike"). */
export interface PrecedingAlert {
  weekday: number;
  noun: string;
}

export interface HeadlineInput {
  netSentiment: number | null;
  previousNetSentiment: number | null;
  /** For a fall: the theme with the largest rise (largestRise); for a rise: the theme with the largest fall. */
  theme: string | null;
  /** For a fall: an alert of the week that preceded the driver's complaints. */
  after: PrecedingAlert | null;
}

const points = (n: number) => `${signed(n)} ${Math.abs(Math.round(n)) === 1 ? 'point' : 'points'}`;

/**
 * "Reputation fell: net sentiment −12 points, driven by complaints about delivery after Tuesday's outage";
 * "Reputation improved: net sentiment +8 points, with fewer complaints about billing";
 * "Reputation held steady: net sentiment +15, +1 point on last week".
 */
export function headlineSentence(h: HeadlineInput): string {
  const direction = directionOf(h.netSentiment, h.previousNetSentiment);
  if (direction === 'no-data' || h.netSentiment === null) return 'No scored mentions this week: there is no net sentiment to report';
  if (h.previousNetSentiment === null) return `Net sentiment ${signed(h.netSentiment)} this week; last week had no scored mentions to compare with`;
  const change = h.netSentiment - h.previousNetSentiment;
  if (direction === 'worse') {
    let s = `Reputation fell: net sentiment ${points(change)}`;
    if (h.theme) s += `, driven by complaints about ${categoryWords(h.theme)}`;
    if (h.theme && h.after) s += ` after ${capitalisedWeekday(h.after.weekday)}'s ${h.after.noun}`;
    return s;
  }
  if (direction === 'better') {
    const s = `Reputation improved: net sentiment ${points(change)}`;
    return h.theme ? `${s}, with fewer complaints about ${categoryWords(h.theme)}` : s;
  }
  const move = Math.round(change) === 0 ? 'the same as last week' : `${points(change)} on last week`;
  return `Reputation held steady: net sentiment ${signed(h.netSentiment)}, ${move}`;
}

// ---- volume and share of voice ----------------------------------------------------------------------------

export function volumeSentence(v: { mentions: number; previousMentions: number; percent: number | null; reach: number }): string {
  const reach = v.mentions > 0 ? `; their authors have ${formatReach(v.reach)} followers` : '';
  if (v.mentions === 0 && v.previousMentions === 0) return 'No mentions this week or last week';
  if (v.previousMentions === 0 || v.percent === null) return `${plural(v.mentions, 'mention')} this week, none last week${reach}`;
  const pct = v.percent;
  const move =
    Math.abs(pct) < STEADY_VOLUME_PERCENT
      ? `about as many as last week (${formatNumber(v.previousMentions)})`
      : `${pct > 0 ? 'up' : 'down'} ${Math.round(Math.abs(pct))} % on last week (${formatNumber(v.previousMentions)})`;
  return `${plural(v.mentions, 'mention')}, ${move}${reach}`;
}

export function shareOfVoiceSentence(s: { brands: readonly ReportBrandShare[]; ownShare: number | null; previousOwnShare: number | null }): string {
  const own = s.brands.filter((b) => b.kind === 'own');
  const rivals = s.brands.filter((b) => b.kind === 'competitor');
  if (rivals.length === 0) return 'No competitor is tracked: add a competitor brand to compare share of voice';
  if (s.ownShare === null) return 'No mentions of our brands or competitors this week';
  const who = own.length === 1 ? own[0]!.name : 'Our brands';
  let move = '';
  if (s.previousOwnShare !== null) {
    const a = Math.round(s.ownShare * 100);
    const b = Math.round(s.previousOwnShare * 100);
    move = a === b ? `, as last week` : `, ${a > b ? 'up' : 'down'} from ${b} % last week`;
  }
  const top = [...rivals].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))[0]!;
  const rival = top.share === null ? '' : `; the largest competitor, ${top.name}, had ${percentOf(top.share)}`;
  return `${who} had ${percentOf(s.ownShare)} of the conversation${move}${rival}`;
}

// ---- themes -----------------------------------------------------------------------------------------------

export interface ThemeLine extends ThemeMove {
  owner: { department: string } | null;
}

const countChange = (t: ThemeMove) => {
  const d = t.count - t.previousCount;
  return d === 0 ? 'as many as last week' : `${d > 0 ? 'up' : 'down'} ${formatNumber(Math.abs(d))} on last week`;
};

/** "Most complaints were about delivery: 40, up 25 on last week (owner: Logistics). Then billing 12 (−3) and account 5 (+5)". */
export function themesSentence(themes: readonly ThemeLine[]): string {
  if (themes.length === 0) return 'No complaints this week';
  const [first, ...rest] = themes;
  if (first!.category === FALLBACK_CATEGORY) return `No complaint this week had a known cause: ${formatNumber(first!.count)}, ${countChange(first!)}`;
  // When complaints without a known cause outnumber the first named one, "most complaints" would not be true.
  const unplaced = themes.find((t) => t.category === FALLBACK_CATEGORY);
  const lead = unplaced && unplaced.count >= first!.count ? 'Of complaints with a known cause, most were' : 'Most complaints were';
  let s = `${lead} about ${categoryWords(first!.category)}: ${formatNumber(first!.count)}, ${countChange(first!)}`;
  s += first!.owner ? ` (owner: ${first!.owner.department})` : ' (no owner set)';
  if (rest.length > 0) {
    const parts = rest.map((t) => `${categoryWords(t.category)} ${formatNumber(t.count)} (${signed(t.count - t.previousCount)})`);
    s += `. Then ${parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`}`;
  }
  return s;
}

// ---- alerts -----------------------------------------------------------------------------------------------

export interface AlertLine {
  brand: string;
  category: string | null;
  metric: 'volume' | 'negative_share';
  ratio: number | null;
  /** Local weekday and time of the raise. */
  weekday: number;
  time: string;
  topTerms: readonly string[];
  repliesQueued: number;
  statusPost: boolean;
  firstResponseMinutes: number | null;
}

/** "Tuesday 14:05: Acme mention volume 3.2× normal (delivery; outage, app, down). The team answered 12 mentions and posted a status update, first after 14 min". */
export function alertSentence(a: AlertLine): string {
  const what = a.metric === 'volume' ? 'mention volume' : 'negative share';
  const ratio = a.ratio === null ? 'above normal' : `${numberFormat.format(Math.round(a.ratio * 10) / 10)}× normal`;
  const about = [a.category ? categoryWords(a.category) : null, a.topTerms.slice(0, 3).join(', ') || null].filter(Boolean).join('; ');
  let s = `${capitalisedWeekday(a.weekday)} ${a.time}: ${a.brand} ${what} ${ratio}${about ? ` (${about})` : ''}. `;
  const acts = [a.repliesQueued > 0 ? `answered ${plural(a.repliesQueued, 'mention')}` : null, a.statusPost ? 'posted a status update' : null].filter(Boolean);
  if (acts.length === 0) return `${s}No reply or status post is recorded`;
  s += `The team ${acts.join(' and ')}`;
  if (a.firstResponseMinutes !== null) s += `, first after ${formatMinutes(a.firstResponseMinutes)}`;
  return s;
}

export function alertsSentence(alerts: ReadonlyArray<{ repliesQueued: number; statusPost: boolean }>): string {
  if (alerts.length === 0) return 'No alerts this week';
  const handled = alerts.filter((a) => a.repliesQueued > 0 || a.statusPost).length;
  const answered = handled === alerts.length ? (alerts.length === 1 ? 'answered' : 'all answered') : `${formatNumber(handled)} answered`;
  return `${plural(alerts.length, 'alert')} this week, ${answered}`;
}

// ---- response ---------------------------------------------------------------------------------------------

export interface ResponseFigures {
  slaAttainment: number | null;
  previousSlaAttainment: number | null;
  medianFirstResponseMinutes: number | null;
  previousMedianFirstResponseMinutes: number | null;
  responseRate: number | null;
  previousResponseRate: number | null;
  repliesSent: number;
  previousRepliesSent: number;
}

/** "SLA met for 92 % (88 % last week); median first response 14 min (21 min); 85 % of complaints answered (80 %); 120 replies sent (98)". */
export function responseSentence(r: ResponseFigures): string {
  const was = (v: string | null) => (v === null ? '' : ` (${v})`);
  const pct = (v: number | null) => (v === null ? null : percentOf(v));
  const parts = [
    r.slaAttainment === null ? 'no SLA fell due' : `SLA met for ${percentOf(r.slaAttainment)}${r.previousSlaAttainment === null ? '' : ` (${percentOf(r.previousSlaAttainment)} last week)`}`,
    r.medianFirstResponseMinutes === null
      ? 'no first responses'
      : `median first response ${formatMinutes(r.medianFirstResponseMinutes)}${was(r.previousMedianFirstResponseMinutes === null ? null : formatMinutes(r.previousMedianFirstResponseMinutes))}`,
    r.responseRate === null ? 'no complaints to answer' : `${percentOf(r.responseRate)} of complaints answered${was(pct(r.previousResponseRate))}`,
    `${plural(r.repliesSent, 'reply', 'replies')} sent (${formatNumber(r.previousRepliesSent)})`,
  ];
  const s = parts.join('; ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
