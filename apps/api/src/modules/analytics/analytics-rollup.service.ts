import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AnalyticsRollupRepository, type RollupCatchUp } from './analytics-rollup.repository.js';

/**
 * Changes a read may wait for: further behind (a re-scoring of every open mention, say), the
 * catch-up runs in the background and reads count rows until it commits.
 */
export const ROLLUP_MAX_LAG_FOR_READS = 20_000;

/**
 * Keeps analytics' hourly rollups current (see AnalyticsRollupRepository): before each analytics
 * read that uses them (so a read after a write is exact), and in rounds of the interval job
 * (AnalyticsRollupScheduler), which keep the work a read may find small.
 */
@Injectable()
export class AnalyticsRollupService implements OnModuleDestroy {
  private readonly logger = new Logger(AnalyticsRollupService.name);
  /** Background catch-ups (first builds, long lags) running in this process, by workspace. */
  private readonly building = new Map<string, Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: AnalyticsRollupRepository,
  ) {}

  /** EARSHOT_ANALYTICS_ROLLUPS: reads may use the rollups. */
  get enabled(): boolean {
    return this.config.analyticsRollups.enabled;
  }

  /**
   * Whether a read may count from the workspace's rollups, after bringing them up to every
   * committed change (waiting while another instance catches the workspace up). Rollups never
   * built, or more than ROLLUP_MAX_LAG_FOR_READS changes behind, catch up in the background
   * instead (a million mentions take tens of seconds; no request should wait that long) and the
   * read counts the mention rows meanwhile; `wait` catches up first whatever it takes.
   */
  async ready(workspaceId: string, build: 'wait' | 'background' = 'background'): Promise<boolean> {
    const { status, lag } = await this.repo.status(workspaceId);
    if (status === 'current') return true;
    if (build === 'background' && (status === 'unbuilt' || lag > ROLLUP_MAX_LAG_FOR_READS)) {
      this.catchUpInBackground(workspaceId);
      return false;
    }
    await this.ensureCurrent(workspaceId);
    return true;
  }

  /** The background catch-up a read started in this process, if one is running (tests and the bench wait for it). */
  whenBuilt(workspaceId: string): Promise<void> {
    return this.building.get(workspaceId) ?? Promise.resolve();
  }

  /** Every background catch-up reads started in this process, finished (tests: nothing writes behind a request). */
  async whenIdle(): Promise<void> {
    while (this.building.size > 0) await Promise.all(this.building.values());
  }

  async onModuleDestroy(): Promise<void> {
    await this.whenIdle();
  }

  /**
   * Brings the workspace's rollups up to every committed change; waits while another instance
   * catches the workspace up. Returns null when they were current already.
   */
  async ensureCurrent(workspaceId: string): Promise<RollupCatchUp | null> {
    if ((await this.repo.status(workspaceId)).status === 'current') return null;
    const started = Date.now();
    const done = await this.repo.catchUp(workspaceId, { wait: true });
    await this.afterCatchUp(workspaceId, done, started);
    return done;
  }

  /**
   * One round over every workspace whose rollups are behind; a workspace another instance is
   * catching up is skipped (that one finishes it).
   */
  async catchUpAll(): Promise<{ workspaces: number; hours: number }> {
    let workspaces = 0;
    let hours = 0;
    for (const id of await this.repo.behind()) {
      const started = Date.now();
      const done = await this.repo.catchUp(id, { wait: false });
      if (!done) continue;
      await this.afterCatchUp(id, done, started);
      workspaces++;
      hours += done.hours;
    }
    return { workspaces, hours };
  }

  /** One at a time per workspace in this process; one another worker runs already (its lock is taken) is left to it. */
  private catchUpInBackground(workspaceId: string): void {
    if (this.building.has(workspaceId)) return;
    const started = Date.now();
    const run = this.repo
      .catchUp(workspaceId, { wait: false })
      .then((done) => this.afterCatchUp(workspaceId, done, started))
      .catch((e: unknown) => this.logger.error(`analytics rollups of workspace ${workspaceId} could not catch up: ${(e as Error).message}`))
      .finally(() => this.building.delete(workspaceId));
    this.building.set(workspaceId, run);
  }

  /** After a build or a large catch-up (a thousand hours and more), fresh planner statistics. */
  private async afterCatchUp(workspaceId: string, done: RollupCatchUp | null, started: number): Promise<void> {
    if (!done || (!done.full && done.hours < 1000)) return;
    await this.repo.analyze();
    this.logger.log(`analytics rollups of workspace ${workspaceId}: ${done.hours} hours ${done.full ? 'built' : 'recomputed'} in ${Date.now() - started} ms`);
  }
}
