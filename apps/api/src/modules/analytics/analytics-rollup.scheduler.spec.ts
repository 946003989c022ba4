import type { SchedulerRegistry } from '@nestjs/schedule';
import type { AppConfig } from '../../config/env.js';
import { AnalyticsRollupScheduler } from './analytics-rollup.scheduler.js';
import type { AnalyticsRollupService } from './analytics-rollup.service.js';

function setup(config: { polling: boolean; enabled: boolean; intervalMs: number | null }, round: () => Promise<{ workspaces: number; hours: number }>) {
  const intervals = new Map<string, NodeJS.Timeout>();
  const registry = { addInterval: (name: string, t: NodeJS.Timeout) => intervals.set(name, t) } as unknown as SchedulerRegistry;
  let rounds = 0;
  const service = {
    catchUpAll: () => {
      rounds++;
      return round();
    },
  } as unknown as AnalyticsRollupService;
  const appConfig = { polling: config.polling, analyticsRollups: { enabled: config.enabled, intervalMs: config.intervalMs } } as AppConfig;
  const scheduler = new AnalyticsRollupScheduler(appConfig, registry, service);
  return { scheduler, intervals, rounds: () => rounds };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('AnalyticsRollupScheduler', () => {
  it('runs a catch-up round every interval, never two at once', async () => {
    let release: () => void = () => undefined;
    const s = setup({ polling: true, enabled: true, intervalMs: 10 }, () => new Promise((r) => (release = () => r({ workspaces: 1, hours: 2 }))));
    s.scheduler.onApplicationBootstrap();
    try {
      expect([...s.intervals.keys()]).toEqual(['analytics-rollups']);
      await sleep(60);
      expect(s.rounds()).toBe(1); // the first round is still running: later ticks skip
      release();
      await sleep(60);
      expect(s.rounds()).toBeGreaterThanOrEqual(2);
    } finally {
      for (const t of s.intervals.values()) clearInterval(t);
      release();
    }
  });

  it('keeps running after a failed round', async () => {
    const s = setup({ polling: true, enabled: true, intervalMs: 10 }, () => Promise.reject(new Error('database gone')));
    s.scheduler.onApplicationBootstrap();
    try {
      await sleep(60);
      expect(s.rounds()).toBeGreaterThanOrEqual(2);
    } finally {
      for (const t of s.intervals.values()) clearInterval(t);
    }
  });

  it('schedules nothing without background work, with rollups off, or with the interval at 0', () => {
    for (const c of [
      { polling: false, enabled: true, intervalMs: 10 },
      { polling: true, enabled: false, intervalMs: 10 },
      { polling: true, enabled: true, intervalMs: null },
    ]) {
      const s = setup(c, () => Promise.resolve({ workspaces: 0, hours: 0 }));
      s.scheduler.onApplicationBootstrap();
      expect(s.intervals.size).toBe(0);
    }
  });
});
