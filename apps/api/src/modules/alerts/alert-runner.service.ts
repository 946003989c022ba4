import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AlertTopTerm } from '@earshot/contracts';
import { createDetector, detectorFromJSON, topTerms, type Detector, type DetectorEvent } from '@earshot/signals';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { takeChangeSeqs } from '../mentions/change-seq.repository.js';
import type { AlertEventEntity } from './alert-event.entity.js';
import { floorMinute, toAlertDto } from './alert.mapper.js';
import { AlertNotifierService, type AlertAnnouncement } from './alert-notifier.service.js';
import type { AlertRuleEntity } from './alert-rule.entity.js';
import { AlertsRepository, type MinuteCount, type RuleSeries } from './alerts.repository.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** How far back a rule's first run (or a rebuild) replays the stored mentions to learn the baseline. */
export const ALERT_REPLAY_DAYS = 28;
/** Minutes fed per transaction while replaying. */
const CHUNK_MINUTES = 24 * 60;
/** An alert found while replaying whose surge ended longer ago than this is historical: stored, nobody notified. */
export const HISTORICAL_AFTER_MS = HOUR;
/**
 * A backfill (a new source's history, the demo's first start) makes many mentions arrive after their minutes were
 * fed: when at least this many arrive late in one run, and they are at least REBUILD_SHARE of the week's mentions
 * before the watermark, the rule rebuilds its baseline from the stored mentions.
 */
export const REBUILD_MIN_LATE = 20;
export const REBUILD_SHARE = 0.05;
/** Rules one instance leases at a time. */
const BATCH = 20;
/** Surge and baseline texts read for the top terms. */
const SURGE_TEXTS = 2000;
const BASELINE_TEXTS = 4000;
const TOP_TERMS = 10;

/** What one run did for one rule. */
export interface RuleRunOutcome {
  ruleId: string;
  workspaceId: string;
  /** Minutes fed to the detector. */
  fed: number;
  raised: number;
  cleared: number;
  /** The baseline was (re)built from the stored mentions (first run, backfill, new time zone). */
  rebuilt: boolean;
  /** Mentions that arrived after their minute was fed. */
  late: number;
  /** Why nothing was fed, or what went wrong. */
  skipped?: string;
  error?: string;
}

class LeaseLostError extends Error {
  constructor() {
    super('the rule was taken over by another run (its lease lapsed)');
    this.name = 'LeaseLostError';
  }
}

/** One rule's run: its series, the detector, and the alert being tracked. */
interface Run {
  rule: AlertRuleEntity;
  leaseToken: string;
  series: RuleSeries;
  brandName: string;
  detector: Detector;
  /** The run's clock (posted-time decisions) and the database's, for which mentions were stored in time. */
  now: number;
  checkedAt: Date;
  lateMentions: number;
  /** The alert the detector's open incident belongs to. */
  current: AlertEventEntity | null;
  /** Alerts the detector found (stored or matched) in this run. */
  found: string[];
  outcome: RuleRunOutcome;
}

/**
 * The early-warning runner. Each round (EARSHOT_ALERTS_CRON, every minute by default) it gives every own brand its
 * rule, leases the enabled rules (FOR UPDATE SKIP LOCKED and a lease token: one instance per rule at a time) and for
 * each feeds the complete posted-time minutes from its watermark up to now − EARSHOT_ALERTS_SETTLE_SECONDS to the
 * detector restored from its state: the minute's mentions of the brand (by the listening queries they matched, as
 * analytics counts them; of the category for a category rule), spam left out, and the negative ones by the team's
 * corrected label. Each transaction stores what the detector found (alert rows, the webhook delivery, the e-mail
 * claim) with the new state and watermark, fenced by the lease. The first run replays up to 28 days of stored
 * mentions to learn the baseline; alerts found there whose surge ended over an hour ago are historical.
 *
 * Late posts (stored after their minute was fed) are counted (the detector's lateBuckets and the rule's
 * lateMentions); they still belong to their posted minute for the alert's mention list and for analytics, but a
 * decision already taken is not revisited. Many late posts at once (a backfill) rebuild the baseline from the
 * stored mentions instead.
 */
@Injectable()
export class AlertRunnerService implements OnApplicationShutdown {
  private readonly logger = new Logger(AlertRunnerService.name);
  /** The clock (tests move it): which posted minutes are complete, and which alerts are history. */
  now: () => Date = () => new Date();
  /** A minute is fed this long after it ends. */
  settleMs: number;
  /** How long a run holds a rule (extended at every transaction). */
  leaseSeconds = 300;
  private running: Promise<unknown> | null = null;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repo: AlertsRepository,
    private readonly notifier: AlertNotifierService,
  ) {
    this.settleMs = config.alertsSettleSeconds * 1000;
  }

  /** The scheduled tick: one round at a time per instance. */
  tick(): void {
    if (this.running || this.stopping) return;
    this.running = this.runDue()
      .catch((e: unknown) => this.logger.error(`Alert round failed: ${(e as Error).message}`))
      .finally(() => (this.running = null));
  }

  /** One round over every enabled rule this instance can lease, then the e-mails that are due. */
  async runDue(): Promise<RuleRunOutcome[]> {
    await this.repo.ensureDefaultRules();
    const roundStart = await this.repo.roundStamp();
    const outcomes: RuleRunOutcome[] = [];
    while (!this.stopping) {
      const leased = await this.repo.leaseRules(BATCH, this.leaseSeconds, roundStart);
      for (const rule of leased) outcomes.push(await this.runRule(rule));
      if (leased.length < BATCH) break;
    }
    await this.notifier.sendDueMail();
    return outcomes;
  }

  /** Lets a round in flight finish its current step (each step commits on its own), then stops. */
  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.running?.catch(() => undefined);
  }

  private async runRule(rule: AlertRuleEntity): Promise<RuleRunOutcome> {
    const outcome: RuleRunOutcome = { ruleId: rule.id, workspaceId: rule.workspaceId, fed: 0, raised: 0, cleared: 0, rebuilt: false, late: 0 };
    const leaseToken = rule.leaseToken!;
    try {
      await this.feed(rule, leaseToken, outcome);
      await this.repo.release(rule.id, leaseToken, null);
    } catch (e) {
      const err = e as Error;
      outcome.error = err.message;
      if (err instanceof LeaseLostError) this.logger.warn(`Alert rule ${rule.id}: ${err.message}; this run's work was rolled back.`);
      else this.logger.error(`Alert rule ${rule.id} (workspace ${rule.workspaceId}) failed: ${err.message}`);
      await this.repo.release(rule.id, leaseToken, `The last run failed: ${err.message}`);
    }
    return outcome;
  }

  private async feed(rule: AlertRuleEntity, leaseToken: string, outcome: RuleRunOutcome): Promise<void> {
    const ws = rule.workspaceId;
    const [queryIds, brand, timeZone] = await Promise.all([
      this.repo.queryIdsOfBrand(ws, rule.brandId),
      this.repo.brand(ws, rule.brandId),
      this.repo.timeZone(ws),
    ]);
    if (!brand) return void (outcome.skipped = 'the brand is gone');
    if (queryIds.length === 0) return void (outcome.skipped = 'the brand has no listening query');
    const series: RuleSeries = { workspaceId: ws, queryIds, category: rule.category };
    const now = this.now().getTime();
    const feedEnd = floorMinute(now - this.settleMs);
    // Mentions stored up to here are fed (or counted late); later ones are the next run's.
    const checkedAt = await this.repo.dbNow();

    let state = rule.detectorState;
    let rebuild = !state || state.options.timeZone !== timeZone || !rule.watermark || rule.watermark.getTime() < feedEnd - ALERT_REPLAY_DAYS * DAY;
    let late: MinuteCount[] = [];
    if (!rebuild && rule.watermark && rule.lateCheckedAt) {
      const fedUntil = new Date(rule.watermark.getTime() + MINUTE);
      late = await this.repo.lateMinuteCounts(series, rule.lateCheckedAt, checkedAt, fedUntil);
      outcome.late = late.reduce((n, r) => n + r.total, 0);
      if (outcome.late >= REBUILD_MIN_LATE) {
        const fed = await this.repo.countMentions(series, new Date(fedUntil.getTime() - WEEK), fedUntil);
        if (outcome.late >= REBUILD_SHARE * fed) rebuild = true;
      }
    }

    let detector: Detector;
    let from: number;
    let lateMentions = rule.lateMentions;
    if (rebuild) {
      const oldest = await this.repo.oldestPosted(series, new Date(feedEnd - ALERT_REPLAY_DAYS * DAY), new Date(feedEnd));
      if (!oldest) return void (outcome.skipped = 'no mentions yet');
      from = Math.max(floorMinute(oldest.getTime()), feedEnd - ALERT_REPLAY_DAYS * DAY);
      detector = createDetector({ timeZone, metrics: rule.metrics });
      lateMentions = 0;
      state = null;
      outcome.rebuilt = true;
    } else {
      detector = detectorFromJSON({ ...state!, options: { ...state!.options, metrics: rule.metrics } });
      // Their minutes were decided: the detector only counts them (lateBuckets).
      for (const r of late) detector.observe(r.minute, r.total, r.negative);
      lateMentions += outcome.late;
      from = rule.watermark!.getTime() + MINUTE;
    }

    const run: Run = {
      rule,
      leaseToken,
      series,
      brandName: brand.name,
      detector,
      now,
      checkedAt,
      lateMentions,
      current: null,
      found: [],
      outcome,
    };
    if (from >= feedEnd) {
      await this.repo.transaction(async (tx) => this.save(tx, run, rule.watermark));
      return;
    }
    for (let start = from; start < feedEnd; start += CHUNK_MINUTES * MINUTE) {
      // Stopping: what was fed is saved; the next run goes on from the watermark.
      if (this.stopping) return;
      const end = Math.min(start + CHUNK_MINUTES * MINUTE, feedEnd);
      const announce = await this.repo.transaction((tx) => this.feedChunk(tx, run, start, end));
      this.notifier.announce(ws, announce);
    }
    if (rebuild) await this.reconcileAfterRebuild(run, from, feedEnd);
    await this.promote(run);
  }

  /** One transaction: feeds [start, end) minute by minute, stores what the detector found, saves state and watermark. */
  private async feedChunk(tx: EntityManager, run: Run, start: number, end: number): Promise<AlertAnnouncement[]> {
    const counts = await this.repo.minuteCounts(tx, run.series, new Date(start), new Date(end), run.checkedAt);
    const byMinute = new Map(counts.map((c) => [c.minute.getTime(), c]));
    const events: DetectorEvent[] = [];
    for (let t = start; t < end; t += MINUTE) {
      const c = byMinute.get(t);
      events.push(...run.detector.observe(new Date(t), c?.total ?? 0, c?.negative ?? 0));
    }
    run.outcome.fed += (end - start) / MINUTE;
    const out: AlertAnnouncement[] = [];
    for (const e of events) {
      if (e.kind === 'raised') await this.onRaised(tx, run, e, out);
      else await this.onCleared(tx, run, e.at, out);
    }
    await this.save(tx, run, new Date(end - MINUTE));
    return out;
  }

  private async save(tx: EntityManager, run: Run, watermark: Date | null): Promise<void> {
    const ok = await this.repo.saveProgress(tx, run.rule.id, run.leaseToken, {
      state: run.detector.toJSON(),
      watermark,
      lateMentions: run.lateMentions,
      lateCheckedAt: run.checkedAt,
      leaseSeconds: this.leaseSeconds,
    });
    if (!ok) throw new LeaseLostError();
  }

  private async onRaised(tx: EntityManager, run: Run, e: DetectorEvent, out: AlertAnnouncement[]): Promise<void> {
    const { rule, series } = run;
    const surgeStart = new Date(e.at.getTime() - e.windowMinutes * MINUTE);
    // A rebuild finds incidents again: the one already stored stays the alert.
    const existing = await this.repo.overlappingAlert(tx, rule.workspaceId, rule.id, surgeStart, e.at);
    if (existing) {
      run.current = existing;
      run.found.push(existing.id);
      return;
    }
    const historical = e.at.getTime() < run.now - HISTORICAL_AFTER_MS;
    const terms = await this.surgeTerms(tx, series, surgeStart, e.at);
    const mentionCount = await this.repo.countMentions(series, surgeStart, e.at, tx);
    const emailTo = historical ? null : this.notifier.emailFor(rule.email);
    // Last: the workspace's change sequence locks the workspace row until commit.
    const seq = await takeChangeSeqs(tx, rule.workspaceId, 1);
    const row = await this.repo.insertAlert(tx, {
      workspaceId: rule.workspaceId,
      ruleId: rule.id,
      brandId: rule.brandId,
      category: rule.category,
      metric: e.metric,
      surgeStart,
      raisedAt: e.at,
      detectedAt: new Date(run.now),
      windowMinutes: e.windowMinutes,
      observed: e.observed,
      expected: e.expected,
      ratio: Number.isFinite(e.ratio) ? e.ratio : null,
      z: e.zScore,
      topTerms: terms,
      mentionCount,
      historical,
      seq,
      emailTo,
    });
    if (!row) return;
    run.current = row;
    run.found.push(row.id);
    run.outcome.raised++;
    if (historical) return;
    out.push(await this.raisedAnnouncement(tx, run, row));
  }

  /** The socket event for a (non-historical) raised alert, with its webhook written in the same transaction. */
  private async raisedAnnouncement(tx: EntityManager, run: Run, row: AlertEventEntity): Promise<AlertAnnouncement> {
    const dto = toAlertDto(row, run.brandName, new Date(run.now));
    const url = run.rule.webhookUrl;
    if (url) {
      const deliveryId = await this.notifier.enqueueWebhook(tx, run.rule.workspaceId, url, dto);
      await this.repo.setWebhookDelivery(tx, run.rule.workspaceId, row.id, deliveryId);
    }
    return { kind: 'raised', alert: dto, webhook: Boolean(url) };
  }

  private async onCleared(tx: EntityManager, run: Run, at: Date, out: AlertAnnouncement[]): Promise<void> {
    const ws = run.rule.workspaceId;
    const target = run.current?.status === 'raised' ? run.current : await this.repo.openAlert(tx, ws, run.rule.id);
    run.current = null;
    if (!target || target.status !== 'raised') return;
    // The whole incident now: its mentions and terms from the surge's start to the clear.
    const terms = await this.surgeTerms(tx, run.series, target.surgeStart, at);
    const mentionCount = await this.repo.countMentions(run.series, target.surgeStart, at, tx);
    const seq = await takeChangeSeqs(tx, ws, 1);
    const row = await this.repo.clearAlert(tx, ws, target.id, { clearedAt: at, seq, mentionCount, topTerms: terms.length ? terms : null });
    if (!row) return;
    run.outcome.cleared++;
    if (!row.historical) out.push({ kind: 'cleared', alert: toAlertDto(row, run.brandName, new Date(run.now)), webhook: false });
  }

  /**
   * After a rebuild: historical alerts of the replayed span that the rebuilt detector did not find again are deleted
   * (they came from incomplete data and notified nobody), and an alert still raised in the table that the rebuilt
   * detector no longer sees (the baseline now knows the backfilled posts) is cleared at the end of what was fed.
   */
  private async reconcileAfterRebuild(run: Run, from: number, feedEnd: number): Promise<void> {
    const announce = await this.repo.transaction(async (tx) => {
      const out: AlertAnnouncement[] = [];
      const stale = await this.repo.deleteStaleHistorical(tx, run.rule.workspaceId, run.rule.id, new Date(from), run.found);
      if (stale > 0) this.logger.log(`Alert rule ${run.rule.id}: the rebuilt baseline dropped ${stale} historical alert(s) found in incomplete data.`);
      if (!run.detector.raised) await this.onCleared(tx, run, new Date(feedEnd), out);
      return out;
    });
    this.notifier.announce(run.rule.workspaceId, announce);
  }

  /**
   * Historical alerts (found in a replay, raised over an hour before the clock) whose surge is still on, or ended
   * within the hour, are notified after all: checked after every run, so a replay cut short by a restart is covered.
   */
  private async promote(run: Run): Promise<void> {
    const ws = run.rule.workspaceId;
    for (const id of await this.repo.promotableAlerts(ws, run.rule.id, new Date(run.now - HISTORICAL_AFTER_MS))) {
      const announce = await this.repo.transaction(async (tx) => {
        const row = await this.repo.findAlert(ws, id, tx);
        if (!row?.historical) return [];
        const ended = row.clearedAt?.getTime() ?? Number.POSITIVE_INFINITY;
        if (ended < run.now - HISTORICAL_AFTER_MS) return [];
        const seq = await takeChangeSeqs(tx, ws, 1);
        const promoted = await this.repo.promote(tx, ws, id, { seq, emailTo: this.notifier.emailFor(run.rule.email) });
        return promoted ? [await this.raisedAnnouncement(tx, run, promoted)] : [];
      });
      this.notifier.announce(ws, announce);
    }
  }

  /**
   * The terms of the surge's mentions most over-represented against the same hours (± 1 h) of the four weeks before
   * (or the whole week before when those hold fewer than 50 mentions).
   */
  private async surgeTerms(m: EntityManager, series: RuleSeries, from: Date, to: Date): Promise<AlertTopTerm[]> {
    const surge = await this.repo.texts(m, series, [{ from, to }], SURGE_TEXTS);
    if (surge.length < 2) return [];
    const weeks = [1, 2, 3, 4].map((k) => ({ from: new Date(from.getTime() - k * WEEK - HOUR), to: new Date(to.getTime() - k * WEEK + HOUR) }));
    let baseline = await this.repo.texts(m, series, weeks, BASELINE_TEXTS);
    if (baseline.length < 50) baseline = await this.repo.texts(m, series, [{ from: new Date(from.getTime() - WEEK), to: from }], BASELINE_TEXTS);
    return topTerms(surge, baseline, TOP_TERMS).map((t) => ({ term: t.term, count: t.surgeCount, baselineCount: t.baselineCount, score: t.score }));
  }
}
