import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import {
  ANALYTICS_MAX_DAYS,
  ANALYTICS_MAX_HOUR_BUCKET_DAYS,
  type AnalyticsBucket,
  type AnalyticsRange,
  type AnalyticsSeriesFilters,
  type AnalyticsThemesFilters,
  type ShareOfVoiceReport,
  type ThemesReport,
  type VolumeReport,
} from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { AnalyticsRollupService } from './analytics-rollup.service.js';
import { AnalyticsRepository, type AnalyticsSource, type AnalyticsWhere, type BucketRow } from './analytics.repository.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * How a report is counted: `auto` (the API) reads the hourly rollups when the range's bucket
 * boundaries are whole UTC hours and rollups are on, else the mention rows; `raw` and `rollup`
 * force one (tests compare them; `rollup` refuses a range it cannot count exactly).
 */
export type AnalyticsPath = 'auto' | AnalyticsSource;
const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;

function badRequest(path: string, message: string): BadRequestException {
  return new BadRequestException({ error: 'Bad Request', message: `Invalid request: ${path} ${message}`, issues: [{ path, message }] });
}

/** `+01:00` from minutes east of UTC. */
function offset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

function bucketInfo(b: BucketRow, unit: AnalyticsBucket) {
  return {
    start: b.start.toISOString(),
    end: b.end.toISOString(),
    label: unit === 'hour' ? `${b.local}${offset(b.offsetMinutes)}` : b.local.slice(0, 10),
    hours: (b.end.getTime() - b.start.getTime()) / 3_600_000,
  };
}

function sentimentFigures(c: { positive: number; neutral: number; negative: number; scoreSum: number; scored: number }) {
  const labelled = c.positive + c.neutral + c.negative;
  return {
    averageScore: c.scored > 0 ? round(c.scoreSum / c.scored, 3) : null,
    netSentiment: labelled > 0 ? round(((c.positive - c.negative) / labelled) * 100, 1) : null,
  };
}

/** The analytics figures (issue 15, part 1): volume and sentiment, complaint themes, share of voice. */
@Injectable()
export class AnalyticsService {
  private readonly logger = new Logger(AnalyticsService.name);

  constructor(
    private readonly repo: AnalyticsRepository,
    private readonly rollups: AnalyticsRollupService,
  ) {}

  async volume(auth: AuthContext, q: AnalyticsSeriesFilters, path: AnalyticsPath = 'auto'): Promise<VolumeReport> {
    const { where, range } = await this.resolve(auth, q, q.bucket);
    const source = await this.source(where, range.timeZone, q.bucket, path);
    const rows = await this.repo.volume(where, range.timeZone, q.bucket, source);
    const sum = { total: 0, positive: 0, neutral: 0, negative: 0, unscored: 0, scoreSum: 0, scored: 0 };
    const points = rows.map((r) => {
      for (const k of Object.keys(sum) as Array<keyof typeof sum>) sum[k] += r[k];
      return {
        ...bucketInfo(r, q.bucket),
        total: r.total,
        sentiment: { positive: r.positive, neutral: r.neutral, negative: r.negative, unscored: r.unscored },
        ...sentimentFigures(r),
      };
    });
    return {
      range,
      bucket: q.bucket,
      points,
      totals: {
        total: sum.total,
        sentiment: { positive: sum.positive, neutral: sum.neutral, negative: sum.negative, unscored: sum.unscored },
        ...sentimentFigures(sum),
      },
    };
  }

  async themes(auth: AuthContext, q: AnalyticsThemesFilters, path: AnalyticsPath = 'auto'): Promise<ThemesReport> {
    const { where, range } = await this.resolve(auth, q, 'day');
    const previousFrom = new Date(where.from.getTime() - (where.to.getTime() - where.from.getTime()));
    // No buckets: whole-hour ends (and so a whole-hour previous period) are enough.
    const source = await this.source(where, range.timeZone, null, path);
    const rows = await this.repo.themes(where, previousFrom, source);
    const total = rows.reduce((s, r) => s + r.current, 0);
    const previousTotal = rows.reduce((s, r) => s + r.previous, 0);
    const themes = rows
      .map((r) => ({
        category: r.category,
        count: r.current,
        share: total > 0 ? round(r.current / total, 3) : 0,
        previousCount: r.previous,
        change: { absolute: r.current - r.previous, percent: r.previous > 0 ? round(((r.current - r.previous) / r.previous) * 100, 1) : null },
      }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
    return {
      range,
      previous: { from: previousFrom.toISOString(), to: where.from.toISOString() },
      totalComplaints: total,
      previousTotalComplaints: previousTotal,
      themes,
    };
  }

  async shareOfVoice(auth: AuthContext, q: AnalyticsSeriesFilters, path: AnalyticsPath = 'auto'): Promise<ShareOfVoiceReport> {
    const { where, range } = await this.resolve(auth, q, q.bucket);
    const all = await this.repo.brands(auth.workspaceId);
    const listed = q.brandId ? all.filter((b) => q.brandId!.includes(b.id)) : all;
    const listedIds = new Set(listed.map((b) => b.id));
    const source = await this.source(where, range.timeZone, q.bucket, path);
    const [buckets, rows] = await Promise.all([this.repo.buckets(where, range.timeZone, q.bucket), this.repo.voice(where, range.timeZone, q.bucket, source)]);
    const totals = new Map<string, number>();
    const perBucket = new Map<number, Map<string, number>>();
    for (const r of rows) {
      if (!listedIds.has(r.brandId)) continue;
      totals.set(r.brandId, (totals.get(r.brandId) ?? 0) + r.count);
      const m = perBucket.get(r.start.getTime()) ?? new Map<string, number>();
      m.set(r.brandId, r.count);
      perBucket.set(r.start.getTime(), m);
    }
    const share = (n: number, all: number) => (all > 0 ? round(n / all, 3) : null);
    const grand = [...totals.values()].reduce((s, n) => s + n, 0);
    const own = listed.filter((b) => b.kind === 'own').reduce((s, b) => s + (totals.get(b.id) ?? 0), 0);
    return {
      range,
      bucket: q.bucket,
      brands: listed.map((b) => ({ brandId: b.id, name: b.name, kind: b.kind, count: totals.get(b.id) ?? 0, share: share(totals.get(b.id) ?? 0, grand) })),
      ownShare: share(own, grand),
      points: buckets.map((b) => {
        const m = perBucket.get(b.start.getTime()) ?? new Map<string, number>();
        const sum = [...m.values()].reduce((s, n) => s + n, 0);
        return { ...bucketInfo(b, q.bucket), brands: listed.map((x) => ({ brandId: x.id, count: m.get(x.id) ?? 0, share: share(m.get(x.id) ?? 0, sum) })) };
      }),
    };
  }

  /**
   * The range and filters resolved exactly as volume, themes and share of voice resolve them, for the
   * other analytics reads (top lists, team figures, CSV exports). Keep this signature stable.
   */
  resolveFilters(auth: AuthContext, q: AnalyticsThemesFilters, unit: AnalyticsBucket = 'day'): Promise<{ where: AnalyticsWhere; range: AnalyticsRange }> {
    return this.resolve(auth, q, unit);
  }

  /**
   * Rollups or mention rows. Rollups count by UTC hour, so they answer exactly when the range
   * starts and ends on whole hours and so does every bucket in the zone (a +05:30 zone's days
   * and hours do not: raw). Before a rollup read the workspace's rollups catch up with every
   * committed change (never built: they are built in the background and this read counts rows);
   * should that fail, the read counts the rows instead (and says so in the log).
   */
  private async source(w: AnalyticsWhere, zone: string, unit: AnalyticsBucket | null, path: AnalyticsPath): Promise<AnalyticsSource> {
    if (path === 'raw' || (path === 'auto' && !this.rollups.enabled)) return 'raw';
    const whole = w.from.getTime() % HOUR_MS === 0 && w.to.getTime() % HOUR_MS === 0;
    if (!whole || (unit !== null && !(await this.repo.bucketsOnWholeHours(w, zone, unit)))) {
      if (path === 'rollup') throw new Error(`rollups cannot count ${w.from.toISOString()}..${w.to.toISOString()} by ${unit ?? 'range'} in ${zone} exactly`);
      return 'raw';
    }
    try {
      return (await this.rollups.ready(w.workspaceId, path === 'rollup' ? 'wait' : 'background')) ? 'rollup' : 'raw';
    } catch (e) {
      if (path === 'rollup') throw e;
      this.logger.error(`analytics rollups of workspace ${w.workspaceId} could not catch up, counting mention rows instead: ${(e as Error).message}`);
      return 'raw';
    }
  }

  /** The range as instants in the workspace's zone, checked, and the filters with brand ids resolved to their queries. */
  private async resolve(auth: AuthContext, q: AnalyticsThemesFilters, unit: AnalyticsBucket): Promise<{ where: AnalyticsWhere; range: AnalyticsRange }> {
    const zone = await this.repo.timeZone(auth.workspaceId);
    const at = (v: string) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? this.repo.localMidnight(v, zone) : Promise.resolve(new Date(v)));
    const [from, to] = await Promise.all([at(q.from), at(q.to)]);
    if (from.getTime() >= to.getTime()) throw badRequest('from', 'must be before to');
    const days = (to.getTime() - from.getTime()) / DAY_MS;
    if (days > ANALYTICS_MAX_DAYS + 1 / 24) throw badRequest('to', `must be at most ${ANALYTICS_MAX_DAYS} days after from`);
    if (unit === 'hour' && days > ANALYTICS_MAX_HOUR_BUCKET_DAYS + 1 / 24)
      throw badRequest('bucket', `hour buckets cover at most ${ANALYTICS_MAX_HOUR_BUCKET_DAYS} days; use day or week`);
    let queryIds: string[] | null = null;
    if (q.brandId) {
      const known = new Set((await this.repo.brands(auth.workspaceId)).map((b) => b.id));
      const unknown = q.brandId.filter((id) => !known.has(id));
      if (unknown.length) throw badRequest('brandId', `unknown brand id(s): ${unknown.join(', ')}`);
      queryIds = await this.repo.queryIdsOfBrands(auth.workspaceId, q.brandId);
    }
    return {
      range: { from: from.toISOString(), to: to.toISOString(), timeZone: zone },
      where: {
        workspaceId: auth.workspaceId,
        from,
        to,
        queryIds,
        platforms: q.platform ?? null,
        topics: q.topic ?? null,
        categories: q.category ?? null,
        includeSpam: q.includeSpam,
      },
    };
  }
}
