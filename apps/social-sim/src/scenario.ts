import type { Rng } from './rng.js';
import { SIM_PLATFORMS, type SimPlatform } from './sim-model.js';
import type { SimStore } from './store.js';

export const SCENARIOS = ['steady', 'crisis', 'none'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface ScenarioOptions {
  name: ScenarioName;
  /** Mean gap between new mentions (ms, default 4000; each gap is jittered ±50 %). */
  intervalMs?: number;
  /** Posts per platform seeded at start as recent history (default 8; 0 for none). */
  initialPosts?: number;
  /** Crisis: the complaint theme (default: the corpus's largest negative topic, e.g. `Customer Service Issue`). */
  topic?: string;
  /** Crisis: how many negative posts in the burst (default 40). */
  crisisCount?: number;
  /** Crisis: delay before the burst starts (default 5000 ms). */
  crisisDelayMs?: number;
  /** Crisis: how long the burst lasts (default 30000 ms). */
  crisisDurationMs?: number;
  platforms?: SimPlatform[];
}

const WEIGHTS: Record<SimPlatform, number> = { x: 3, mastodon: 2, bluesky: 2, reddit: 2, rss: 1 };

/** Plays a scenario on a store with timers (all unref'd, all cleared by stop()). */
export class ScenarioRunner {
  private timers = new Set<NodeJS.Timeout>();
  private current: ScenarioOptions = { name: 'none' };
  private emitted = 0;
  private crisisEmitted = 0;

  constructor(
    private readonly store: SimStore,
    private readonly rng: Rng,
    private readonly topics: readonly string[],
  ) {}

  status(): ScenarioOptions & { emitted: number; crisisEmitted: number } {
    return { ...this.current, emitted: this.emitted, crisisEmitted: this.crisisEmitted };
  }

  start(o: ScenarioOptions): void {
    this.stop();
    this.current = o;
    this.emitted = 0;
    this.crisisEmitted = 0;
    if (o.name === 'none') return;
    const platforms = o.platforms?.length ? o.platforms : [...SIM_PLATFORMS];
    const initial = o.initialPosts ?? 8;
    for (const platform of platforms) {
      if (initial > 0) this.store.seed({ platform, count: initial, spacingMs: 7 * 60_000, ...(platform === 'reddit' ? { kind: 't3' } : {}) });
    }
    const interval = Math.max(50, o.intervalMs ?? 4000);
    const tick = (): void => {
      this.emit(platforms, {});
      this.later(interval * (0.5 + this.rng.next()), tick);
    };
    this.later(Math.min(1000, interval), tick);
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
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
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

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    t.unref();
    this.timers.add(t);
  }
}
