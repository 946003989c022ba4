import { hourOfWeekIn } from './hour-of-week.js';

export type SignalMetric = 'volume' | 'negative_share';

/** What the detector says about one bucket: an incident starts (`raised`) or ends (`cleared`). */
export interface DetectorEvent {
  kind: 'raised' | 'cleared';
  /** The metric that departed most when the incident was raised (the same metric on its `cleared`). */
  metric: SignalMetric;
  /** End of the bucket that decided it (the earliest instant the detector could know). */
  at: Date;
  /** Length of the window the figures below are summed over. */
  windowMinutes: number;
  /** volume: expected posts in the window; negative_share: expected share of negatives (0–1). */
  expected: number;
  /** volume: posts in the window; negative_share: observed share of negatives (0–1). */
  observed: number;
  /** observed / expected. */
  ratio: number;
  /** Standardised departure (observed − expected) / sd under the learned variance. */
  zScore: number;
}

export interface DetectorOptions {
  /** Bucket length (default 60 000 = 1 minute). Bucket starts must be multiples of it since the epoch. */
  stepMs?: number;
  /** IANA zone whose local hour of the week indexes the seasonal baseline (default 'UTC'). */
  timeZone?: string;
  /** Window lengths the present is summed over (default 1, 5, 15 and 60 minutes; at least one bucket each). */
  windowsMs?: number[];
  /** Half-life of a seasonal slot's EWMA, in weeks (default 2). */
  halfLifeWeeks?: number;
  /** No alert before this much history has been seen (default 7 days: every hour of the week once). */
  warmupMs?: number;
  /** Raise when a window's z reaches this (default 5). */
  raiseZ?: number;
  /** An incident's bucket is quiet when every window's z is below this (default 2). */
  clearZ?: number;
  /** Clear after this many quiet buckets in a row (default: 10 minutes' worth). */
  clearAfterBuckets?: number;
  /** After a clear, departures within this time raise nothing (default 60 minutes). */
  cooldownMs?: number;
  /** Volume: at least this many posts above expected to raise (default 8). */
  minExcess?: number;
  /** Volume: observed must be at least this multiple of expected to raise (default 1.8). */
  minRatio?: number;
  /** Volume: relative error of the seasonal model (negative-binomial style term, default 0.15). */
  relativeError?: number;
  /** Negative share: at least this many posts in the window to judge a share (default 15). */
  minShareCount?: number;
  /** Negative share: observed share must exceed the baseline by this much to raise (default 0.15). */
  minShareLift?: number;
  /** Negative share: absolute error of the baseline share (default 0.05). */
  shareError?: number;
  /**
   * A departure that lasts this long becomes the new normal (default 12 hours): learning resumes while raised, and
   * once an alert chain (see `chainGapMs`) is this old and its last `relearnAfterMs` sat above the baseline
   * throughout, the baseline is rescaled to that level at once.
   */
  relearnAfterMs?: number;
  /** A raise less than this after the previous clear continues that alert's chain (default 24 hours). */
  chainGapMs?: number;
  /** Which metrics may raise (default both). */
  metrics?: SignalMetric[];
}

export type ResolvedDetectorOptions = Required<DetectorOptions>;

interface BucketRecord {
  start: number;
  total: number;
  negative: number;
  /** Expected volume of this bucket when it was observed. */
  expected: number;
  /** Standard deviation of that expectation's estimation error. */
  expectedSd: number;
  /** Baseline negative share when it was observed. */
  share: number;
}

/** Sums of one clock hour of buckets (hours since the epoch, so every zone's whole-hour offset agrees). */
interface HourTally {
  start: number;
  total: number;
  /** Sum of the buckets' expected volumes when they were observed. */
  expected: number;
  negative: number;
  /** Sum of total × baseline share when they were observed. */
  expectedNegative: number;
}

/** Alerts less than `chainGapMs` apart, and what the level checks changed while they went on. */
interface Chain {
  /** Its hours from this instant on are measured against the current baseline: the first alert, or the last rescale. */
  since: number;
  /** How far the chain rescaled the volume baseline (1: not at all). */
  volumeFactor: number;
  /** How far it moved the baseline negative share (0: not at all). */
  shareLift: number;
}

interface Incident {
  metric: SignalMetric;
  windowBuckets: number;
  raisedAt: number;
  quietRun: number;
}

export interface DetectorState {
  slotMean: number[];
  slotSamples: number[];
  phi: number;
  negEwma: number;
  totalEwma: number;
  shareSamples: number;
  phiShare: number;
  firstBucket: number | null;
  lastBucket: number | null;
  recent: BucketRecord[];
  incident: Incident | null;
  lastClearedAt: number | null;
  lateBuckets: number;
  /** The last hours' sums, oldest first (absent from states saved before level shifts were handled). */
  hours?: HourTally[];
  /** The current alert chain (absent from states saved before). */
  chain?: Chain | null;
}

/** The state as the detector works on it: a saved state's absent fields filled in. */
type LiveState = DetectorState & { hours: HourTally[]; chain: Chain | null };

export interface DetectorJson {
  version: 1;
  options: ResolvedDetectorOptions;
  state: DetectorState;
}

export interface Detector {
  /**
   * Feeds one complete bucket of POSTED time. Buckets must come in increasing order; skipped buckets count
   * as empty. A bucket at or before the last one fed is ignored (counted in `lateBuckets`).
   */
  observe(bucketStart: Date, total: number, negative: number): DetectorEvent[];
  /** The expected volume of a bucket under the current baseline (for "surge against normal" charts). */
  expectedAt(bucketStart: Date): number;
  /** Whether an incident is open. */
  readonly raised: boolean;
  /** Start of the next bucket the detector expects (null before the first). */
  readonly nextBucket: Date | null;
  readonly lateBuckets: number;
  toJSON(): DetectorJson;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const SLOTS = 168;
/** A gap longer than this is not filled with empty buckets: the windows restart. */
const MAX_FILL_MS = 8 * DAY;
const PHI_ALPHA = 1 / 2000;
const HOUR = 60 * MINUTE;
/** A chain's level is taken as the new normal only when every third of its last `relearnAfterMs` is this far above. */
const LEVEL_MIN_RATIO = 1.25;
/** The largest factor one rescale applies. */
const LEVEL_MAX_RATIO = 50;

export function resolveOptions(o: DetectorOptions = {}): ResolvedDetectorOptions {
  const stepMs = o.stepMs ?? MINUTE;
  if (!Number.isInteger(stepMs) || stepMs < 1000 || 3_600_000 % stepMs !== 0) {
    throw new RangeError('stepMs must be a whole number of milliseconds, at least 1 s, that divides an hour');
  }
  return {
    stepMs,
    timeZone: o.timeZone ?? 'UTC',
    windowsMs: o.windowsMs ?? [MINUTE, 5 * MINUTE, 15 * MINUTE, 60 * MINUTE],
    halfLifeWeeks: o.halfLifeWeeks ?? 2,
    warmupMs: o.warmupMs ?? 7 * DAY,
    raiseZ: o.raiseZ ?? 5,
    clearZ: o.clearZ ?? 2,
    clearAfterBuckets: o.clearAfterBuckets ?? Math.max(1, Math.ceil((10 * MINUTE) / stepMs)),
    cooldownMs: o.cooldownMs ?? 60 * MINUTE,
    minExcess: o.minExcess ?? 8,
    minRatio: o.minRatio ?? 1.8,
    relativeError: o.relativeError ?? 0.15,
    minShareCount: o.minShareCount ?? 15,
    minShareLift: o.minShareLift ?? 0.15,
    shareError: o.shareError ?? 0.05,
    relearnAfterMs: o.relearnAfterMs ?? 12 * 60 * MINUTE,
    chainGapMs: o.chainGapMs ?? DAY,
    metrics: o.metrics ?? ['volume', 'negative_share'],
  };
}

function freshState(): LiveState {
  return {
    slotMean: new Array<number>(SLOTS).fill(0),
    slotSamples: new Array<number>(SLOTS).fill(0),
    phi: 1,
    negEwma: 0,
    totalEwma: 0,
    shareSamples: 0,
    phiShare: 1,
    firstBucket: null,
    lastBucket: null,
    recent: [],
    incident: null,
    lastClearedAt: null,
    lateBuckets: 0,
    hours: [],
    chain: null,
  };
}

interface Signal {
  metric: SignalMetric;
  windowBuckets: number;
  expected: number;
  observed: number;
  z: number;
  departs: boolean;
}

/** Creates a detector for one series (a brand, or a brand and category). */
export function createDetector(options: DetectorOptions = {}): Detector {
  return new SeasonalDetector(resolveOptions(options), freshState());
}

/** Restores a detector saved with `toJSON()`; it decides exactly as the saved one would have. */
export function detectorFromJSON(json: DetectorJson | string): Detector {
  const parsed = (typeof json === 'string' ? JSON.parse(json) : structuredClone(json)) as DetectorJson;
  if (parsed.version !== 1) throw new Error(`unknown detector state version ${String(parsed.version)}`);
  const state = parsed.state;
  // States saved before level shifts were handled: no hours yet, and an open incident starts the chain.
  const raisedAt = state.incident?.raisedAt;
  const chain = state.chain ?? (raisedAt === undefined ? null : { since: raisedAt, volumeFactor: 1, shareLift: 0 });
  const live: LiveState = { ...state, hours: state.hours ?? [], chain };
  return new SeasonalDetector(resolveOptions(parsed.options), live);
}

class SeasonalDetector implements Detector {
  private readonly slotOf: (ms: number) => number;
  private readonly windows: number[];
  private readonly slotAlpha: number;
  private readonly shareAlpha: number;
  private readonly minSlotSamples: number;
  /** Hours of a chain's level check (its last `relearnAfterMs`, at least three). */
  private readonly levelHours: number;

  constructor(
    private readonly o: ResolvedDetectorOptions,
    private readonly s: LiveState,
  ) {
    this.slotOf = hourOfWeekIn(o.timeZone);
    this.windows = [...new Set(o.windowsMs.map((w) => Math.max(1, Math.round(w / o.stepMs))))].sort((a, b) => a - b);
    const perSlotPerWeek = 3_600_000 / o.stepMs;
    this.slotAlpha = 1 - 0.5 ** (1 / (o.halfLifeWeeks * perSlotPerWeek));
    this.shareAlpha = 1 - 0.5 ** (1 / ((7 * DAY) / o.stepMs));
    this.minSlotSamples = Math.max(1, Math.floor(perSlotPerWeek / 2));
    this.levelHours = Math.max(3, Math.round(o.relearnAfterMs / HOUR));
  }

  get raised(): boolean {
    return this.s.incident !== null;
  }

  get nextBucket(): Date | null {
    return this.s.lastBucket === null ? null : new Date(this.s.lastBucket + this.o.stepMs);
  }

  get lateBuckets(): number {
    return this.s.lateBuckets;
  }

  toJSON(): DetectorJson {
    return { version: 1, options: { ...this.o, windowsMs: [...this.o.windowsMs], metrics: [...this.o.metrics] }, state: structuredClone(this.s) };
  }

  expectedAt(bucketStart: Date): number {
    return this.expected(this.slotOf(bucketStart.getTime())).mean;
  }

  observe(bucketStart: Date, total: number, negative: number): DetectorEvent[] {
    const start = bucketStart.getTime();
    const step = this.o.stepMs;
    if (!Number.isFinite(start) || start % step !== 0) throw new RangeError(`bucketStart must be a multiple of ${step} ms since the epoch`);
    if (!(total >= 0) || !(negative >= 0) || negative > total) throw new RangeError('counts must satisfy 0 ≤ negative ≤ total');
    const last = this.s.lastBucket;
    if (last !== null && start <= last) {
      this.s.lateBuckets++;
      return [];
    }
    const events: DetectorEvent[] = [];
    if (last !== null) {
      if (start - last > MAX_FILL_MS) {
        this.s.recent = [];
        this.s.hours = [];
        this.s.chain = null;
      } else for (let t = last + step; t < start; t += step) events.push(...this.step(t, 0, 0));
    }
    events.push(...this.step(start, total, negative));
    return events;
  }

  /** The seasonal expectation of one bucket (slot mean smoothed with its neighbours) and its estimation sd. */
  private expected(slot: number): { mean: number; sd: number; warm: boolean } {
    const { slotMean, slotSamples } = this.s;
    const prev = (slot + SLOTS - 1) % SLOTS;
    const next = (slot + 1) % SLOTS;
    const own = slotSamples[slot] ?? 0;
    let mean = slotMean[slot] ?? 0;
    let samples = own;
    if ((slotSamples[prev] ?? 0) > 0 && (slotSamples[next] ?? 0) > 0) {
      mean = 0.5 * mean + 0.25 * (slotMean[prev] ?? 0) + 0.25 * (slotMean[next] ?? 0);
      samples = own * 2.5;
    }
    const effective = Math.min(samples, (2.5 * 2) / this.slotAlpha);
    const sd = effective * mean >= 1 ? Math.sqrt(mean / effective) : mean;
    return { mean, sd, warm: own >= this.minSlotSamples };
  }

  private shareBaseline(): number {
    return this.s.totalEwma > 0 ? Math.min(0.99, Math.max(0.01, this.s.negEwma / this.s.totalEwma)) : 0;
  }

  private step(start: number, total: number, negative: number): DetectorEvent[] {
    const events = this.decide(start, total, negative);
    const at = start + this.o.stepMs;
    if (at % HOUR === 0) this.checkLevel(at);
    return events;
  }

  private decide(start: number, total: number, negative: number): DetectorEvent[] {
    const s = this.s;
    const o = this.o;
    if (s.firstBucket === null) s.firstBucket = start;
    s.lastBucket = start;
    const slot = this.slotOf(start);
    const exp = this.expected(slot);
    const record: BucketRecord = { start, total, negative, expected: exp.mean, expectedSd: exp.sd, share: this.shareBaseline() };
    s.recent.push(record);
    const maxWindow = this.windows[this.windows.length - 1] ?? 1;
    if (s.recent.length > maxWindow) s.recent.splice(0, s.recent.length - maxWindow);
    this.tally(record);

    const warm = exp.warm && start - s.firstBucket >= o.warmupMs && s.shareSamples > 0;
    if (!warm) {
      this.learn(slot, record, false);
      return [];
    }
    const signals = this.signals();
    const at = start + o.stepMs;
    const incident = s.incident;
    if (incident) {
      const quiet = signals.every((x) => x.z < o.clearZ);
      incident.quietRun = quiet ? incident.quietRun + 1 : 0;
      if (incident.quietRun >= o.clearAfterBuckets) {
        s.incident = null;
        s.lastClearedAt = at;
        const sig = this.signal(incident.metric, incident.windowBuckets) ?? { expected: 0, observed: 0, z: 0 };
        return [this.event('cleared', incident.metric, incident.windowBuckets, at, sig)];
      }
      if (at - incident.raisedAt >= o.relearnAfterMs) this.learn(slot, record, true);
      return [];
    }
    let best: Signal | null = null;
    for (const x of signals) if (x.departs && o.metrics.includes(x.metric) && (!best || x.z > best.z)) best = x;
    if (!best) {
      this.learn(slot, record, true);
      return [];
    }
    if (s.lastClearedAt !== null && at - s.lastClearedAt < o.cooldownMs) return [];
    if (!this.chainAlive(at)) s.chain = { since: at, volumeFactor: 1, shareLift: 0 };
    s.incident = { metric: best.metric, windowBuckets: best.windowBuckets, raisedAt: at, quietRun: 0 };
    return [this.event('raised', best.metric, best.windowBuckets, at, best)];
  }

  /** Adds a bucket to its clock hour's sums; keeps the hours a level check reads. */
  private tally(b: BucketRecord): void {
    const hours = this.s.hours;
    const start = b.start - (b.start % HOUR);
    let h = hours[hours.length - 1];
    if (!h || h.start !== start) {
      h = { start, total: 0, expected: 0, negative: 0, expectedNegative: 0 };
      hours.push(h);
      if (hours.length > this.levelHours + 1) hours.splice(0, hours.length - this.levelHours - 1);
    }
    h.total += b.total;
    h.expected += b.expected;
    h.negative += b.negative;
    h.expectedNegative += b.total * b.share;
  }

  /**
   * Whether the alert chain goes on at `at`: while an incident is open, then for `chainGapMs` after the later of its
   * last clear and its first level check since the first alert or the last rescale (so a rescale can still be
   * undone when a long crisis ends).
   */
  private chainAlive(at: number): boolean {
    const { chain, incident, lastClearedAt } = this.s;
    if (!chain) return false;
    return incident !== null || at - Math.max(lastClearedAt ?? chain.since, chain.since + this.o.relearnAfterMs) < this.o.chainGapMs;
  }

  /**
   * At the end of each clock hour of an alert chain: when the last `relearnAfterMs` of the chain (since its first
   * alert or its last rescale) sat above the baseline in each of its thirds and in its last hour (volume at least
   * `LEVEL_MIN_RATIO` ×, the negative share at least half of `minShareLift` higher), and significantly so over the
   * whole (z ≥ `clearZ`), that level is the new normal: the baseline is rescaled to it, so an open incident clears
   * and the chain raises nothing more. Incidents that come and go (a crisis, two outages a day apart) leave a third,
   * or the last hour, near the old level and change nothing. A rescale is undone the same way when the level falls
   * back within the chain (a crisis that lasted longer than `relearnAfterMs`), never beyond the old baseline.
   */
  private checkLevel(at: number): void {
    const s = this.s;
    const o = this.o;
    const chain = s.chain;
    if (!chain) return;
    if (!this.chainAlive(at)) {
      s.chain = null;
      return;
    }
    if (at - chain.since < o.relearnAfterMs) return;
    const hours = s.hours.filter((h) => h.start + HOUR <= at && h.start + HOUR > chain.since).slice(-this.levelHours);
    if (hours.length < this.levelHours) return;
    const parts = [0, 1, 2].map((k) => sumHours(hours.slice(Math.round((k * hours.length) / 3), Math.round(((k + 1) * hours.length) / 3))));
    const latest = parts[2] as Omit<HourTally, 'start'>;
    parts.push(sumHours(hours.slice(-1)));
    const all = sumHours(hours);
    let rescaled = false;

    const ratios = parts.map((x) => (x.expected > 0 ? x.total / x.expected : Number.NaN));
    const volumeZ = (all.total - all.expected) / Math.sqrt(Math.max(1, s.phi) * all.expected + (o.relativeError * all.expected) ** 2 + 1);
    // The new level: the last third's (the most recent, should the level still move).
    const level = latest.expected > 0 ? latest.total / latest.expected : 1;
    let factor = 1;
    if (ratios.every((r) => r >= LEVEL_MIN_RATIO) && volumeZ >= o.clearZ) factor = Math.min(LEVEL_MAX_RATIO, level);
    else if (chain.volumeFactor > 1 && ratios.every((r) => r <= 1 / LEVEL_MIN_RATIO) && volumeZ <= -o.clearZ) {
      factor = Math.max(1 / chain.volumeFactor, level);
    }
    if (factor !== 1) {
      s.slotMean = s.slotMean.map((m) => m * factor);
      for (const r of s.recent) {
        const exp = this.expected(this.slotOf(r.start));
        r.expected = exp.mean;
        r.expectedSd = exp.sd;
      }
      chain.volumeFactor *= factor;
      rescaled = true;
    }

    const p = this.shareBaseline();
    const lifts = parts.map((x) => (x.total > 0 ? (x.negative - x.expectedNegative) / x.total : Number.NaN));
    const shareSd = Math.sqrt(Math.max(1, s.phiShare) * all.total * p * (1 - p) + (o.shareError * all.total) ** 2 + 0.25);
    const shareZ = (all.negative - all.expectedNegative) / shareSd;
    const latestLift = latest.total > 0 ? (latest.negative - latest.expectedNegative) / latest.total : 0;
    let lift = 0;
    if (lifts.every((l) => l >= o.minShareLift / 2) && shareZ >= o.clearZ) lift = latestLift;
    else if (chain.shareLift > 0 && lifts.every((l) => l <= -o.minShareLift / 2) && shareZ <= -o.clearZ) lift = Math.max(-chain.shareLift, latestLift);
    if (lift !== 0 && s.totalEwma > 0) {
      const share = Math.min(0.99, Math.max(0.01, p + lift));
      s.negEwma = share * s.totalEwma;
      for (const r of s.recent) r.share = share;
      chain.shareLift += share - p;
      rescaled = true;
    }
    // The chain's hours so far were measured against the old baseline: the next check starts from here.
    if (rescaled) chain.since = at;
  }

  private event(
    kind: DetectorEvent['kind'],
    metric: SignalMetric,
    windowBuckets: number,
    at: number,
    x: Pick<Signal, 'expected' | 'observed' | 'z'>,
  ): DetectorEvent {
    const ratio = x.expected > 0 ? x.observed / x.expected : x.observed > 0 ? Number.POSITIVE_INFINITY : 1;
    return {
      kind,
      metric,
      at: new Date(at),
      windowMinutes: (windowBuckets * this.o.stepMs) / MINUTE,
      expected: round(x.expected),
      observed: round(x.observed),
      ratio: round(ratio),
      zScore: round(x.z),
    };
  }

  /** Every window's volume and negative-share signal, from one backward pass over the recent buckets. */
  private signals(): Signal[] {
    const out: Signal[] = [];
    const recent = this.s.recent;
    const sums = newSums();
    let next = 0;
    for (let i = recent.length - 1, n = 1; i >= 0 && next < this.windows.length; i--, n++) {
      addBucket(sums, recent[i] as BucketRecord);
      if (n !== this.windows[next]) continue;
      next++;
      out.push(this.volumeSignal(n, sums));
      const share = this.shareSignal(n, sums);
      if (share) out.push(share);
    }
    return out;
  }

  /** One metric's signal over the last `w` buckets (null when there are fewer, or too few posts for a share). */
  private signal(metric: SignalMetric, w: number): Signal | null {
    const recent = this.s.recent;
    if (w > recent.length) return null;
    const sums = newSums();
    for (let i = recent.length - w; i < recent.length; i++) addBucket(sums, recent[i] as BucketRecord);
    return metric === 'volume' ? this.volumeSignal(w, sums) : this.shareSignal(w, sums);
  }

  private volumeSignal(w: number, x: WindowSums): Signal {
    const o = this.o;
    const variance = Math.max(1, this.s.phi) * x.mean + (o.relativeError * x.mean) ** 2 + x.estSd ** 2 + 1;
    const z = (x.total - x.mean - 0.5) / Math.sqrt(variance);
    const departs = z >= o.raiseZ && x.total - x.mean >= o.minExcess && x.total >= o.minRatio * x.mean;
    return { metric: 'volume', windowBuckets: w, expected: x.mean, observed: x.total, z, departs };
  }

  private shareSignal(w: number, x: WindowSums): Signal | null {
    const o = this.o;
    if (x.total < o.minShareCount) return null;
    const expectedShare = x.expectedNegative / x.total;
    const variance = Math.max(1, this.s.phiShare) * x.shareVar + (o.shareError * x.total) ** 2 + 0.25;
    const z = (x.negative - x.expectedNegative - 0.5) / Math.sqrt(variance);
    const observedShare = x.negative / x.total;
    const departs = z >= o.raiseZ && observedShare - expectedShare >= o.minShareLift;
    return { metric: 'negative_share', windowBuckets: w, expected: expectedShare, observed: observedShare, z, departs };
  }

  /** EWMA updates of the seasonal slot, the dispersion and the negative share; robust: a bucket is clipped at its upper fence. */
  private learn(slot: number, b: BucketRecord, robust: boolean): void {
    const s = this.s;
    const n = s.slotSamples[slot] ?? 0;
    const mean = s.slotMean[slot] ?? 0;
    const phi = Math.max(1, s.phi);
    const fence = b.expected + 4 * Math.sqrt(phi * b.expected + (this.o.relativeError * b.expected) ** 2) + 2;
    const total = robust ? Math.min(b.total, fence) : b.total;
    const alpha = Math.max(1 / (n + 1), this.slotAlpha);
    s.slotMean[slot] = mean + alpha * (total - mean);
    s.slotSamples[slot] = n + 1;
    if (robust && b.expected >= 0.3) {
      const r = Math.min(50, (total - b.expected) ** 2 / b.expected);
      s.phi += PHI_ALPHA * (r - s.phi);
    }
    if (b.total > 0) {
      const negative = robust ? Math.min(b.negative, b.total * b.share + 4 * Math.sqrt(b.total * b.share * (1 - b.share)) + 2) : b.negative;
      if (robust && b.total >= 5 && b.share > 0) {
        const r = Math.min(50, (negative - b.total * b.share) ** 2 / (b.total * b.share * (1 - b.share)));
        s.phiShare += PHI_ALPHA * (r - s.phiShare);
      }
      const a = Math.max(1 / (s.shareSamples + 1), this.shareAlpha);
      s.negEwma += a * (negative - s.negEwma);
      s.totalEwma += a * (b.total - s.totalEwma);
      s.shareSamples++;
    }
  }
}

interface WindowSums {
  total: number;
  negative: number;
  mean: number;
  estSd: number;
  expectedNegative: number;
  shareVar: number;
}

function sumHours(hours: HourTally[]): Omit<HourTally, 'start'> {
  const x = { total: 0, expected: 0, negative: 0, expectedNegative: 0 };
  for (const h of hours) {
    x.total += h.total;
    x.expected += h.expected;
    x.negative += h.negative;
    x.expectedNegative += h.expectedNegative;
  }
  return x;
}

function newSums(): WindowSums {
  return { total: 0, negative: 0, mean: 0, estSd: 0, expectedNegative: 0, shareVar: 0 };
}

function addBucket(x: WindowSums, b: BucketRecord): void {
  x.total += b.total;
  x.negative += b.negative;
  x.mean += b.expected;
  // Consecutive buckets share their slot's estimate: its errors add up, they do not average out.
  x.estSd += b.expectedSd;
  x.expectedNegative += b.total * b.share;
  x.shareVar += b.total * b.share * (1 - b.share);
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x;
}
