import type { HistoryModel } from './history.js';
import type { Rng } from './rng.js';
import { SIM_PLATFORMS, type SimPlatform } from './sim-model.js';
import type { SimStore } from './store.js';

export const SCENARIOS = ['steady', 'crisis', 'none'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioOptions {
  name: ScenarioName;
  /**
   * Mean gap between new mentions (ms; each gap is jittered ±50 %). Unset: after a history (history.ts) the live
   * stream continues the history's rate model (see ScenarioRunner); without one, 4000.
   */
  intervalMs?: number;
  /** Posts per platform seeded at start as recent history (default 8, or 0 after a history: it is the recent past). */
  initialPosts?: number;
  /** Crisis: the complaint theme (default: the corpus's largest negative topic, e.g. `Customer Service Issue`). */
  topic?: string;
  /** Crisis: how many negative posts in the burst (default 40). */
  crisisCount?: number;
  /** Crisis: delay before the burst starts (default 5000 ms). */
  crisisDelayMs?: number;
  /** Crisis: how long the burst lasts (default 30000 ms). */
  crisisDurationMs?: number;
  /** Default: every platform, or the history's platforms when the stream continues one. */
  platforms?: SimPlatform[];
}

/** How the live stream is paced: a flat mean gap, or the history's rhythm (its posts an hour now, on the sim clock). */
export type LiveStream =
  | { kind: 'interval'; intervalMs: number }
  /** `through`: the sim-clock time up to which every post is out (behind the clock for up to a second after a jump). */
  | { kind: 'history'; perDay: number; postsPerHourNow: number; through: string };

const HOUR = 3_600_000;
/** After a jump of the sim clock the stream fills the skipped time, at most this much of it. */
const MAX_CATCH_UP_MS = 7 * 24 * HOUR;
/** Posts emitted per timer turn while catching up (the event loop stays free). */
const CATCH_UP_BATCH = 500;
/** How often the history-paced stream looks at the sim clock (so a clock jump is seen within a second). */
const CLOCK_CHECK_MS = 1000;

const WEIGHTS: Record<SimPlatform, number> = { x: 3, mastodon: 2, bluesky: 2, reddit: 2, rss: 1 };

/**
 * Plays a scenario on a store with timers (all unref'd, all cleared by stop()).
 *
 * After a history (`follow(model)`, which sim.ts calls whenever history is seeded), the live stream is its
 * continuation: a Poisson stream on the SIM clock whose rate is the history's posts an hour at that instant (the
 * same rhythm, level and day's wobble), with the history's platforms and sentiment mix, so a detector that learned
 * the month sees the present as more of the same. A jump of the sim clock (`/_control/clock`) is filled with the
 * posts of the skipped time (up to 7 days), each at its own time. An explicit `intervalMs` keeps the flat stream.
 */
export class ScenarioRunner {
  private timers = new Set<NodeJS.Timeout>();
  /** The live stream's timers (restarted alone when a history is followed mid-scenario). */
  private streamTimers = new Set<NodeJS.Timeout>();
  private current: ScenarioOptions = { name: 'none' };
  private emitted = 0;
  private crisisEmitted = 0;
  private model: HistoryModel | null = null;
  /** A scenario is playing (start() of one other than `none`, until stop()). */
  private playing = false;
  /** The history-paced stream has emitted every post up to this sim time. */
  private through = 0;

  constructor(
    private readonly store: SimStore,
    private readonly rng: Rng,
    private readonly topics: readonly string[],
  ) {}

  status(): ScenarioOptions & { emitted: number; crisisEmitted: number; live: LiveStream | null } {
    return { ...this.current, emitted: this.emitted, crisisEmitted: this.crisisEmitted, live: this.liveStream() };
  }

  /**
   * The history the live stream continues (null: none, e.g. after a reset). A scenario already playing restarts
   * its live stream on the new model (its crisis burst, if any, goes on).
   */
  follow(model: HistoryModel | null): void {
    this.model = model;
    if (!this.playing) return;
    this.clear(this.streamTimers);
    this.startStream(this.current);
  }

  start(o: ScenarioOptions): void {
    this.stop();
    this.current = o;
    this.emitted = 0;
    this.crisisEmitted = 0;
    if (o.name === 'none') return;
    this.playing = true;
    const platforms = this.platformsOf(o);
    const initial = o.initialPosts ?? (this.model ? 0 : 8);
    for (const platform of platforms) {
      if (initial > 0) this.store.seed({ platform, count: initial, spacingMs: 7 * 60_000, ...(platform === 'reddit' ? { kind: 't3' } : {}) });
    }
    this.startStream(o);
    if (o.name === 'crisis') {
      const topic = o.topic ?? this.topics[0];
      const count = o.crisisCount ?? 40;
      const gap = (o.crisisDurationMs ?? 30_000) / Math.max(1, count);
      let left = count;
      const burst = (): void => {
        this.emit(platforms, { sentiment: 'negative', ...(topic ? { topic } : {}) });
        this.crisisEmitted++;
        if (--left > 0) this.later(gap * (0.3 + this.rng.next() * 1.4), burst);
      };
      this.later(o.crisisDelayMs ?? 5000, burst);
    }
  }

  stop(): void {
    this.playing = false;
    this.clear(this.timers);
    this.clear(this.streamTimers);
  }

  private liveStream(): LiveStream | null {
    const o = this.current;
    if (!this.playing) return null;
    const model = this.pacing(o);
    return model
      ? {
          kind: 'history',
          perDay: model.perDay,
          postsPerHourNow: Math.round(model.postsPerHour(this.store.now()) * 10) / 10,
          through: new Date(this.through).toISOString(),
        }
      : { kind: 'interval', intervalMs: Math.max(50, o.intervalMs ?? 4000) };
  }

  /** The history model that paces the stream: the followed one, unless the scenario asks for a flat interval. */
  private pacing(o: ScenarioOptions): HistoryModel | null {
    return o.intervalMs === undefined ? this.model : null;
  }

  private platformsOf(o: ScenarioOptions): SimPlatform[] {
    return o.platforms?.length ? o.platforms : this.pacing(o) ? [...(this.model as HistoryModel).platforms] : [...SIM_PLATFORMS];
  }

  private startStream(o: ScenarioOptions): void {
    const platforms = this.platformsOf(o);
    const model = this.pacing(o);
    if (!model) {
      const interval = Math.max(50, o.intervalMs ?? 4000);
      const tick = (): void => {
        this.emit(platforms, {});
        this.later(interval * (0.5 + this.rng.next()), tick, this.streamTimers);
      };
      this.later(Math.min(1000, interval), tick, this.streamTimers);
      return;
    }
    // Each post's time on the sim clock; emitted once the clock reaches it.
    let seen = this.store.now();
    let next = this.arrival(model, seen);
    this.through = seen;
    const check = (): void => {
      const now = this.store.now();
      if (now < seen)
        next = this.arrival(model, now); // the clock was set back: go on from there
      else if (now - next > MAX_CATCH_UP_MS) next = this.arrival(model, now - MAX_CATCH_UP_MS);
      seen = now;
      for (let n = 0; next <= now && n < CATCH_UP_BATCH; n++) {
        this.emitLike(model, platforms, next);
        this.through = next;
        next = this.arrival(model, next);
      }
      if (next > now) this.through = now;
      this.later(next <= now ? 0 : Math.min(next - now, CLOCK_CHECK_MS), check, this.streamTimers);
    };
    this.later(Math.min(next - seen, CLOCK_CHECK_MS), check, this.streamTimers);
  }

  /**
   * The next post's time after `from` in a Poisson stream whose rate is the model's posts an hour at each instant
   * (thinning: candidates at the peak rate, each kept with probability rate(t) / peak).
   */
  private arrival(model: HistoryModel, from: number): number {
    const peak = model.peakPostsPerHour;
    let t = from;
    for (;;) {
      t += (-Math.log(1 - this.rng.next()) * HOUR) / peak;
      if (this.rng.next() * peak < model.postsPerHour(t)) return t;
    }
  }

  /** One post as the history makes them: its platform weights and sentiment mix, Reddit submissions (what search finds). */
  private emitLike(model: HistoryModel, platforms: SimPlatform[], at: number): void {
    const platform = model.platform(this.rng, platforms);
    const post = this.rng.pick(model.pool(this.rng));
    this.store.addPost(platform, post, at, platform === 'reddit' ? { kind: 't3' } : {});
    this.emitted++;
  }

  private clear(timers: Set<NodeJS.Timeout>): void {
    for (const t of timers) clearTimeout(t);
    timers.clear();
  }

  private emit(platforms: SimPlatform[], o: { sentiment?: 'negative'; topic?: string }): void {
    const total = platforms.reduce((n, p) => n + WEIGHTS[p], 0);
    let r = this.rng.next() * total;
    let platform = platforms[0] as SimPlatform;
    for (const p of platforms) {
      r -= WEIGHTS[p];
      if (r < 0) {
        platform = p;
        break;
      }
    }
    this.store.seed({ platform, count: 1, ...o, ...(platform === 'reddit' ? { kind: this.rng.next() < 0.5 ? 't1' : 't3' } : {}) });
    this.emitted++;
  }

  private later(ms: number, fn: () => void, timers = this.timers): void {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    t.unref();
    timers.add(t);
  }
}
