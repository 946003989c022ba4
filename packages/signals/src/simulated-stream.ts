import { hourOfWeekIn } from './hour-of-week.js';

/**
 * Simulated post streams for the detector's tests and bench: the rate model of apps/social-sim reproduced
 * (the simulator exports no pure rate function, and a shared package may not import a tooling app).
 *
 * - Steady (ScenarioRunner 'steady'): one post per `intervalMs` (default 4000 ms) with each gap jittered
 *   ±50 % (uniform 0.5–1.5), each post drawn from the corpus, so negative with the corpus's share.
 * - Crisis (ScenarioRunner 'crisis'): the steady stream plus a burst of `count` (default 40) negative posts
 *   over `durationMs` (default 30 s), gaps jittered 0.3–1.7 × the mean.
 * - A month of history (issue 15 part 3) adds a daily rhythm (quiet nights, busy afternoons) and a weekly
 *   one (quieter weekends) by scaling the rate; an `incident` multiplies the rate for some hours.
 */

export interface SimulatedStreamOptions {
  seed: number;
  days: number;
  /** First instant (default Monday 2026-11-02 00:00 UTC). */
  startMs?: number;
  stepMs?: number;
  /** Mean gap between posts at the rhythm's mean (default 4000 ms, the simulator's default). */
  intervalMs?: number;
  /** Share of negative posts in the corpus draw (default 0.4). */
  negativeShare?: number;
  /** Daily and weekly rhythm (default true). */
  rhythm?: boolean;
  /** The rhythm follows local time in this IANA zone (default UTC). */
  timeZone?: string;
  /** The simulator's crisis burst, `atMs` after the start. */
  crisis?: { atMs: number; count?: number; durationMs?: number };
  /** A history-style incident: the rate × `multiplier` for `durationMs`, posts negative with `negativeShare`. */
  incident?: { atMs: number; durationMs: number; multiplier: number; negativeShare?: number };
  /** The negative share changes for a while at steady volume. */
  shareShift?: { atMs: number; durationMs: number; negativeShare: number };
}

export interface SimulatedStream {
  startMs: number;
  stepMs: number;
  totals: Int32Array;
  negatives: Int32Array;
  /** Absolute start and end of the surge (crisis, incident or share shift), if any. */
  surge: { startMs: number; endMs: number } | null;
}

/** mulberry32, as apps/social-sim/src/rng.ts. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Rate multiplier at an instant in local time: about 0.2 at 3 am, 1.8 at 3 pm; weekends × 0.6. */
export function rhythmAt(ms: number, hourOfWeek: (ms: number) => number = hourOfWeekIn('UTC')): number {
  const slot = hourOfWeek(ms);
  const hour = (slot % 24) + (ms % HOUR) / HOUR;
  const weekday = Math.floor(slot / 24); // 0 = Monday
  const daily = 1 + 0.8 * Math.cos((2 * Math.PI * (hour - 15)) / 24);
  return weekday >= 5 ? 0.6 * daily : daily;
}

export function simulateStream(o: SimulatedStreamOptions): SimulatedStream {
  const rng = mulberry32(o.seed);
  const startMs = o.startMs ?? Date.UTC(2026, 10, 2);
  const stepMs = o.stepMs ?? 60_000;
  const endMs = startMs + o.days * DAY;
  const buckets = Math.ceil((endMs - startMs) / stepMs);
  const totals = new Int32Array(buckets);
  const negatives = new Int32Array(buckets);
  const interval = o.intervalMs ?? 4000;
  const baseShare = o.negativeShare ?? 0.4;
  const add = (t: number, negative: boolean): void => {
    const i = Math.floor((t - startMs) / stepMs);
    if (i < 0 || i >= buckets) return;
    totals[i] = (totals[i] ?? 0) + 1;
    if (negative) negatives[i] = (negatives[i] ?? 0) + 1;
  };
  const inc = o.incident ? { from: startMs + o.incident.atMs, to: startMs + o.incident.atMs + o.incident.durationMs } : null;
  const shift = o.shareShift ? { from: startMs + o.shareShift.atMs, to: startMs + o.shareShift.atMs + o.shareShift.durationMs } : null;
  const localSlot = hourOfWeekIn(o.timeZone ?? 'UTC');
  let t = startMs;
  while (t < endMs) {
    let rate = o.rhythm === false ? 1 : rhythmAt(t, localSlot);
    let share = baseShare;
    if (inc && t >= inc.from && t < inc.to && o.incident) {
      rate *= o.incident.multiplier;
      share = o.incident.negativeShare ?? 0.9;
    }
    if (shift && t >= shift.from && t < shift.to && o.shareShift) share = o.shareShift.negativeShare;
    add(t, rng() < share);
    t += (interval / rate) * (0.5 + rng());
  }
  let surge: SimulatedStream['surge'] = null;
  if (o.crisis) {
    const count = o.crisis.count ?? 40;
    const gap = (o.crisis.durationMs ?? 30_000) / Math.max(1, count);
    let c = startMs + o.crisis.atMs;
    const first = c;
    for (let k = 0; k < count; k++) {
      add(c, true);
      if (k < count - 1) c += gap * (0.3 + rng() * 1.4);
    }
    surge = { startMs: first, endMs: c };
  } else if (inc) surge = { startMs: inc.from, endMs: inc.to };
  else if (shift) surge = { startMs: shift.from, endMs: shift.to };
  return { startMs, stepMs, totals, negatives, surge };
}

/** Feeds every bucket of a stream to an `observe` function, in order; returns what it returned. */
export function feedStream<E>(
  stream: SimulatedStream,
  observe: (bucketStart: Date, total: number, negative: number) => E[],
  from = 0,
  to = stream.totals.length,
): E[] {
  const out: E[] = [];
  for (let i = from; i < to; i++) out.push(...observe(new Date(stream.startMs + i * stream.stepMs), stream.totals[i] ?? 0, stream.negatives[i] ?? 0));
  return out;
}
