// Back-dated history: a month (or any span) of real corpus posts with a daily and weekly rhythm
// and one past incident, inserted as the oldest posts of each platform's timeline.
import type { Corpus, CorpusPost, Sentiment } from './data/corpus.js';
import { createRng, type Rng } from './rng.js';
import type { SimPlatform } from './sim-model.js';
import type { SimStore } from './store.js';

export interface HistoryIncident {
  /** Days before the history's end the surge starts (default 9). */
  daysAgo?: number;
  /** How long it lasts (default 4). */
  hours?: number;
  /** Complaints per hour during the surge, as a multiple of that hour's usual volume (default 6). */
  multiplier?: number;
  /** The complaint theme (default: the corpus's largest negative topic). */
  topic?: string;
  /** UTC hour of day the surge starts (default 13). */
  startHour?: number;
}

export interface HistoryOptions {
  /** Days of history ending at the simulator's now (or just before its oldest post). Default 30, at most 365. */
  days?: number;
  /** Mean posts per weekday across the platforms (default 100, at most 5000). */
  perDay?: number;
  /** Same seed, same schedule and texts. Default 1. */
  seed?: number;
  /** Default mastodon, bluesky, reddit and x (the demo's sources). */
  platforms?: SimPlatform[];
  /** One past surge of complaints; `null` for none. Default: 9 days ago, 4 hours, ×6. */
  incident?: HistoryIncident | null;
}

export interface HistorySummary {
  from: string;
  to: string;
  total: number;
  byPlatform: Partial<Record<SimPlatform, number>>;
  bySentiment: Record<Sentiment | 'unknown', number>;
  incident: { from: string; to: string; topic: string | null; posts: number } | null;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** X's recent search serves 7 days: older X posts could never be read, so X gets none. */
const X_WINDOW_MS = 7 * DAY - HOUR;
const WEIGHTS: Record<SimPlatform, number> = { x: 3, mastodon: 2, bluesky: 2, reddit: 1.5, rss: 1 };
/** Weekday rhythm (UTC): quiet nights, a morning rise, the afternoon peak, a long evening. */
const WEEKDAY_HOURS = [0.25, 0.18, 0.12, 0.1, 0.1, 0.15, 0.3, 0.55, 0.85, 1.05, 1.2, 1.3, 1.35, 1.45, 1.55, 1.6, 1.5, 1.35, 1.2, 1.05, 0.9, 0.7, 0.5, 0.35];
/** Weekends: a later start, a flatter afternoon, about a third fewer posts. */
const WEEKEND_HOURS = [0.35, 0.25, 0.18, 0.12, 0.1, 0.1, 0.15, 0.25, 0.45, 0.7, 0.9, 1.05, 1.15, 1.2, 1.2, 1.15, 1.1, 1.05, 1.0, 0.95, 0.85, 0.7, 0.55, 0.45];
const WEEKEND_FACTOR = 0.65;
/** Mix of the month: what a consumer brand's mentions look like (complaints lead). */
const SENTIMENT_MIX: Array<[Sentiment | null, number]> = [
  ['negative', 0.46],
  ['neutral', 0.3],
  ['positive', 0.19],
  [null, 0.05],
];

/** A Poisson draw (Knuth for small means, normal approximation above 30). */
function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rng)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.next();
  } while (p > l);
  return k - 1;
}

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

function pickWeighted<T>(rng: Rng, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let r = rng.next() * total;
  for (const [v, w] of items) {
    r -= w;
    if (r < 0) return v;
  }
  return (items[items.length - 1] as [T, number])[0];
}

/** Corpus posts by sentiment (null = unlabelled), each pool falling back to the whole corpus. */
function pools(corpus: Corpus): Map<Sentiment | null, CorpusPost[]> {
  const m = new Map<Sentiment | null, CorpusPost[]>();
  for (const s of ['negative', 'neutral', 'positive', null] as const) {
    const pool = corpus.posts.filter((p) => p.sentiment === s);
    m.set(s, pool.length ? pool : corpus.posts);
  }
  return m;
}

/** The demo's level (`npm start`; SOCIAL_SIM_HISTORY_PER_DAY): ~49 posts an hour at the weekday peak, so about one a
 * minute live at 15:00 UTC, and a month of ~17,000 posts that the demo ingests within a minute of start. */
export const DEMO_HISTORY_PER_DAY = 600;

/**
 * The history's rate model, shared by the back-dated posts and the live stream that continues them
 * (scenario.ts): the same rhythm, level, day-to-day wobble, platforms and sentiment mix.
 */
export interface HistoryModel {
  days: number;
  perDay: number;
  seed: number;
  platforms: SimPlatform[];
  /** Mean posts an hour at an instant, before the day's wobble: the hour's place in the rhythm (UTC) × the level. */
  level(ms: number): number;
  /** That day's wobble (0.85–1.15, the same for a UTC day and seed). */
  wobble(ms: number): number;
  /** Mean posts an hour at an instant: level × wobble. */
  postsPerHour(ms: number): number;
  /** An upper bound of postsPerHour at any instant. */
  peakPostsPerHour: number;
  /** Draws the sentiment of the month's mix and returns its pool of corpus posts. */
  pool(rng: Rng): CorpusPost[];
  /** Draws a platform by the history's weights among `platforms` (default the model's). */
  platform(rng: Rng, platforms?: readonly SimPlatform[]): SimPlatform;
}

export function createHistoryModel(corpus: Corpus, o: HistoryOptions = {}): HistoryModel {
  const seed = o.seed ?? 1;
  const days = Math.max(1, Math.min(Math.floor(o.days ?? 30), 365));
  const perDay = Math.max(1, Math.min(o.perDay ?? 100, 5000));
  const platforms = (o.platforms?.length ? o.platforms : (['mastodon', 'bluesky', 'reddit', 'x'] as SimPlatform[])).filter((p, i, a) => a.indexOf(p) === i);
  const bySentiment = pools(corpus);
  const hourOf = (ms: number): number => new Date(ms).getUTCHours();
  const weekend = (ms: number): boolean => [0, 6].includes(new Date(ms).getUTCDay());
  const rate = (ms: number): number => {
    const we = weekend(ms);
    return ((we ? WEEKEND_HOURS : WEEKDAY_HOURS)[hourOf(ms)] as number) * (we ? WEEKEND_FACTOR : 1);
  };
  // Normalise so a weekday averages perDay posts.
  const weekdayMass = WEEKDAY_HOURS.reduce((n, w) => n + w, 0);
  const perUnit = perDay / weekdayMass;
  const level = (ms: number): number => rate(ms) * perUnit;
  const wobble = (ms: number): number => 0.85 + 0.3 * createRng(seed * 7919 + Math.floor(ms / DAY)).next();
  return {
    days,
    perDay,
    seed,
    platforms,
    level,
    wobble,
    postsPerHour: (ms) => level(ms) * wobble(ms),
    peakPostsPerHour: Math.max(...WEEKDAY_HOURS, ...WEEKEND_HOURS.map((w) => w * WEEKEND_FACTOR)) * perUnit * 1.15,
    pool: (rng) => bySentiment.get(pickWeighted(rng, SENTIMENT_MIX)) as CorpusPost[],
    platform: (rng, among = platforms) =>
      pickWeighted(
        rng,
        among.map((p) => [p, WEIGHTS[p]] as [SimPlatform, number]),
      ),
  };
}

/**
 * Plans and inserts the history. Same options and corpus, same schedule (times, platforms,
 * texts); authors come from the store's seeded generator, as for every post.
 */
export function seedHistory(store: SimStore, corpus: Corpus, o: HistoryOptions = {}): HistorySummary {
  const model = createHistoryModel(corpus, o);
  const rng = createRng(model.seed);
  const { days, platforms } = model;
  const oldest = store.oldestCreated();
  // History ends now, or a second before the oldest stored post: it must stay the oldest.
  // On a whole minute: the same seed and clock minute give the same history.
  const end = Math.floor(Math.min(store.now(), oldest === null ? Infinity : oldest - 1000) / 60_000) * 60_000;
  const start = end - days * DAY;

  const incident = o.incident === null ? null : { daysAgo: 9, hours: 4, multiplier: 6, startHour: 13, ...(o.incident ?? {}) };
  const incidentTopic = incident ? (incident.topic ?? corpus.topics[0] ?? null) : null;
  const incidentPool = incidentTopic ? corpus.posts.filter((p) => p.sentiment === 'negative' && p.topic === incidentTopic) : [];
  let incidentFrom = Infinity;
  let incidentTo = -Infinity;
  if (incident) {
    const day = new Date(end - Math.max(1, incident.daysAgo) * DAY);
    incidentFrom = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), Math.max(0, Math.min(23, incident.startHour)));
    incidentTo = incidentFrom + Math.max(1, Math.min(incident.hours, 48)) * HOUR;
  }

  const items: Array<{ platform: SimPlatform; post: CorpusPost; at: number; kind?: 't1' | 't3' }> = [];
  let incidentPosts = 0;
  const platformFor = (at: number): SimPlatform => {
    const open = platforms.filter((p) => p !== 'x' || at >= end - X_WINDOW_MS);
    return model.platform(rng, open.length ? open : platforms);
  };
  // Hour by hour from the start (the first hour may be partial).
  const firstHour = Math.floor(start / HOUR) * HOUR;
  for (let h = firstHour; h < end; h += HOUR) {
    const n = poisson(rng, model.postsPerHour(h));
    for (let i = 0; i < n; i++) {
      const at = h + rng.next() * HOUR;
      if (at < start || at >= end) continue;
      const pool = model.pool(rng);
      items.push({ platform: platformFor(at), post: rng.pick(pool), at });
    }
    if (incident && h >= incidentFrom && h < incidentTo && incidentPool.length) {
      const extra = poisson(rng, model.level(h) * Math.max(0, incident.multiplier - 1));
      for (let i = 0; i < extra; i++) {
        const at = h + rng.next() * HOUR;
        if (at >= end) continue;
        items.push({ platform: platformFor(at), post: rng.pick(incidentPool), at });
        incidentPosts++;
      }
    }
  }
  items.sort((a, b) => a.at - b.at);
  for (const it of items) if (it.platform === 'reddit') it.kind = 't3';
  const posts = store.addHistory(items);

  const byPlatform: Partial<Record<SimPlatform, number>> = {};
  const sentiments: HistorySummary['bySentiment'] = { negative: 0, neutral: 0, positive: 0, unknown: 0 };
  for (const p of posts) {
    byPlatform[p.platform] = (byPlatform[p.platform] ?? 0) + 1;
    sentiments[p.sentiment ?? 'unknown']++;
  }
  return {
    from: new Date(start).toISOString(),
    to: new Date(end).toISOString(),
    total: posts.length,
    byPlatform,
    bySentiment: sentiments,
    incident: incident
      ? { from: new Date(incidentFrom).toISOString(), to: new Date(incidentTo).toISOString(), topic: incidentTopic, posts: incidentPosts }
      : null,
  };
}
