import { performance } from 'node:perf_hooks';
import { Injectable, Logger } from '@nestjs/common';
import {
  AnalyticsSeriesQuerySchema,
  AnalyticsTeamQuerySchema,
  AnalyticsThemesQuerySchema,
  ReportSnapshotSchema,
  type ReportAlert,
  type ReportExample,
  type ReportSnapshot,
  type ReportTheme,
  type VolumePoint,
} from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { AnalyticsService } from '../analytics/analytics.service.js';
import { TeamPerformanceService } from '../analytics/team-performance.service.js';
import { pickRepresentatives } from '../root-causes/pick-representatives.util.js';
import { RootCauseFiguresRepository } from '../root-causes/root-cause-figures.repository.js';
import { RootCausesRepository } from '../root-causes/root-causes.repository.js';
import {
  alertSentence,
  alertsSentence,
  categoryLabel,
  directionOf,
  headlineSentence,
  largestFall,
  largestRise,
  responseSentence,
  shareOfVoiceSentence,
  rankThemes,
  themesSentence,
  volumeSentence,
  type PrecedingAlert,
  type ThemeMove,
} from './report-sentences.js';
import { addDays, localDate, localWeekday, weekLabel, weekdayName } from './report-week.util.js';
import { ReportsRepository, type ExampleRow, type WeekAlertRow, type WorkspaceReportSettings } from './reports.repository.js';

/** Top complaint themes in the report, representative complaints per theme, notable mentions per sentiment. */
export const REPORT_THEMES = 5;
export const REPORT_EXAMPLES = 3;
export const REPORT_NOTABLE = 3;
/** Complaints read per theme to pick the representatives from (most urgent first). */
const CANDIDATES_PER_THEME = 30;
/** Mention text kept in the snapshot, characters. */
const MAX_TEXT = 1000;

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
const percentChange = (now: number, before: number) => (before > 0 ? round(((now - before) / before) * 100, 1) : null);
const share = (n: number, of: number) => (of > 0 ? round(n / of, 3) : null);

interface Counts {
  total: number;
  positive: number;
  neutral: number;
  negative: number;
}

/** % positive − % negative of the labelled mentions, one decimal (analytics' definition); null when none is labelled. */
export function netSentimentOf(c: Counts): number | null {
  const labelled = c.positive + c.neutral + c.negative;
  return labelled > 0 ? round(((c.positive - c.negative) / labelled) * 100, 1) : null;
}

function sumWeek(points: readonly VolumePoint[]): Counts {
  const c: Counts = { total: 0, positive: 0, neutral: 0, negative: 0 };
  for (const p of points) {
    c.total += p.total;
    c.positive += p.sentiment.positive;
    c.neutral += p.sentiment.neutral;
    c.negative += p.sentiment.negative;
  }
  return c;
}

function example(r: ExampleRow): ReportExample {
  return {
    mentionId: r.mentionId,
    platform: r.platform,
    authorHandle: r.authorHandle,
    authorReach: r.authorReach,
    text: r.text.length > MAX_TEXT ? `${r.text.slice(0, MAX_TEXT - 1)}…` : r.text,
    postedAt: r.postedAt.toISOString(),
    url: r.url,
  };
}

/** Local `HH:MM` of an instant in a zone. */
function localTime(at: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

const OUTAGE_WORDS = /^(outage|down|offline|crash\w*|broken|error\w*|not working)$/i;

/**
 * Computes one week's snapshot (issue 16) from the modules built before it: analytics (volume, sentiment, themes,
 * share of voice — through AnalyticsService, rollups and all), team figures (TeamPerformanceService, team only),
 * root-cause owners and statuses and representative complaints (root-causes), alerts and replies (read here). The
 * snapshot holds every number and example as it is at generation; author reach is the followers count stored now
 * (the author table keeps no history), so it is frozen into the snapshot when the report is generated.
 */
@Injectable()
export class ReportBuilderService {
  private readonly logger = new Logger(ReportBuilderService.name);

  constructor(
    private readonly analytics: AnalyticsService,
    private readonly team: TeamPerformanceService,
    private readonly rootCauses: RootCausesRepository,
    private readonly figures: RootCauseFiguresRepository,
    private readonly repo: ReportsRepository,
  ) {}

  /** The week [weekStart, weekStart + 7 days) of the workspace, in its zone, as of `now`. */
  async build(ws: WorkspaceReportSettings, weekStart: string, now: Date): Promise<{ snapshot: ReportSnapshot; periodStart: Date; periodEnd: Date }> {
    const zone = ws.timeZone;
    const weekEnd = addDays(weekStart, 7);
    const previousStart = addDays(weekStart, -7);
    const historyStart = addDays(weekStart, -28);
    // Read as a viewer: team figures without any person's row (leadership's report names no agent).
    const auth: AuthContext = { userId: '00000000-0000-0000-0000-000000000000', workspaceId: ws.id, role: 'viewer', sessionId: '', email: '' };
    const [week, previous] = await Promise.all([this.repo.localMidnights(weekStart, weekEnd, zone), this.repo.localMidnights(previousStart, weekStart, zone)]);

    const started = performance.now();
    const ms: Record<string, number> = {};
    const timed = <T>(name: string, p: Promise<T>): Promise<T> => {
      const t0 = performance.now();
      return p.finally(() => (ms[name] = Math.round(performance.now() - t0)));
    };
    // Everything that depends on nothing else, at once.
    const [volume, themesNow, themesBefore, voice, teamNow, teamBefore, owners, statuses, people, conversation, alertRows] = await Promise.all([
      timed('volume', this.analytics.volume(auth, AnalyticsSeriesQuerySchema.parse({ from: historyStart, to: weekEnd, bucket: 'day' }))),
      timed('themes', this.analytics.themes(auth, AnalyticsThemesQuerySchema.parse({ from: weekStart, to: weekEnd }))),
      timed('themesBefore', this.analytics.themes(auth, AnalyticsThemesQuerySchema.parse({ from: previousStart, to: weekStart }))),
      timed('shareOfVoice', this.analytics.shareOfVoice(auth, AnalyticsSeriesQuerySchema.parse({ from: previousStart, to: weekEnd, bucket: 'day' }))),
      timed('team', this.team.team(auth, AnalyticsTeamQuerySchema.parse({ from: weekStart, to: weekEnd }), now)),
      timed('teamBefore', this.team.team(auth, AnalyticsTeamQuerySchema.parse({ from: previousStart, to: weekStart }), now)),
      this.rootCauses.listOwners(ws.id),
      this.rootCauses.listStatuses(ws.id),
      timed('people', this.repo.weekPeople(ws.id, previous.from, week.from, week.to, REPORT_NOTABLE)),
      timed('conversation', this.repo.conversation(ws.id, week.from, week.to)),
      timed('alerts', this.repo.weekAlerts(ws.id, week.from, week.to)),
    ]);
    const { reach, previousReach, positive, negative } = people;

    // Five weeks of local days: four before this one, then this one (7 days each, whatever their hours).
    if (volume.points.length !== 35) throw new Error(`expected 35 local days from ${historyStart} to ${weekEnd}, got ${volume.points.length}`);
    const weeks = [0, 1, 2, 3, 4].map((i) => sumWeek(volume.points.slice(i * 7, i * 7 + 7)));
    const thisWeek = weeks[4]!;
    const lastWeek = weeks[3]!;
    const netSentiment = netSentimentOf(thisWeek);
    const previousNetSentiment = netSentimentOf(lastWeek);
    const earlier = weeks
      .slice(0, 4)
      .map(netSentimentOf)
      .filter((n): n is number => n !== null);
    const fourWeekAverage = earlier.length > 0 ? round(earlier.reduce((s, n) => s + n, 0) / earlier.length, 1) : null;

    // Themes: this week's complaints per category against last week's (each counted over its own local week).
    const before = new Map(themesBefore.themes.map((t) => [t.category, t.count]));
    const moves: ThemeMove[] = [...new Set([...themesNow.themes.map((t) => t.category), ...before.keys()])].map((category) => ({
      category,
      count: themesNow.themes.find((t) => t.category === category)?.count ?? 0,
      previousCount: before.get(category) ?? 0,
    }));
    // Named causes by count, then complaints without a known cause (the taxonomy's fallback).
    const top = rankThemes(moves, REPORT_THEMES);

    const direction = directionOf(netSentiment, previousNetSentiment);
    const driver = direction === 'worse' ? largestRise(moves) : null;
    const theme = direction === 'worse' ? driver : direction === 'better' ? largestFall(moves) : null;

    // What depends on the figures above (the driver, the top themes, the week's alerts), at once.
    const [after, candidates, alerts] = await Promise.all([
      driver ? timed('precedingAlert', this.precedingAlert(ws, weekStart, weekEnd, driver, alertRows)) : null,
      top.length
        ? timed(
            'candidates',
            this.figures.candidates(
              ws.id,
              zone,
              weekStart,
              weekEnd,
              top.map((t) => t.category),
              CANDIDATES_PER_THEME,
            ),
          )
        : [],
      timed('alertHandling', Promise.all(alertRows.map((a) => this.alert(auth, ws, a, now)))),
    ]);

    const ownerOf = new Map(owners.map((o) => [o.category, { department: o.department, email: o.email }]));
    const statusOf = new Map(statuses.map((s) => [s.category, s.status as string]));
    const themes: ReportTheme[] = top.map((t) => ({
      category: t.category,
      label: categoryLabel(t.category),
      count: t.count,
      previousCount: t.previousCount,
      change: { absolute: t.count - t.previousCount, percent: percentChange(t.count, t.previousCount) },
      owner: ownerOf.get(t.category) ?? null,
      rootCauseStatus: statusOf.get(t.category) ?? null,
      examples: pickRepresentatives(
        candidates.filter((c) => c.category === t.category),
        REPORT_EXAMPLES,
      ).map((c) =>
        example({
          mentionId: c.id,
          authorId: c.authorId,
          platform: c.platform,
          authorHandle: c.handle,
          authorReach: c.followers ?? 0,
          text: c.text,
          postedAt: c.postedAt,
          url: c.url,
        }),
      ),
    }));

    // Share of voice: 14 local days, last week's then this week's.
    const brands = voice.brands.map((b) => {
      const sum = (from: number, to: number) =>
        voice.points.slice(from, to).reduce((s, p) => s + (p.brands.find((x) => x.brandId === b.brandId)?.count ?? 0), 0);
      return { brandId: b.brandId, name: b.name, kind: b.kind, count: sum(7, 14), previousCount: sum(0, 7) };
    });
    const grand = brands.reduce((s, b) => s + b.count, 0);
    const previousGrand = brands.reduce((s, b) => s + b.previousCount, 0);
    const own = brands.filter((b) => b.kind === 'own');
    const brandShares = brands.map((b) => ({
      brandId: b.brandId,
      name: b.name,
      kind: b.kind,
      count: b.count,
      share: share(b.count, grand),
      previousShare: share(b.previousCount, previousGrand),
    }));
    const ownShare = share(
      own.reduce((s, b) => s + b.count, 0),
      grand,
    );
    const previousOwnShare = share(
      own.reduce((s, b) => s + b.previousCount, 0),
      previousGrand,
    );


    const t = teamNow.team;
    const p = teamBefore.team;
    const response = {
      slaAttainment: t.slaAttainment,
      previousSlaAttainment: p.slaAttainment,
      medianFirstResponseMinutes: t.firstResponse.medianMinutes,
      previousMedianFirstResponseMinutes: p.firstResponse.medianMinutes,
      responseRate: t.responseRate,
      previousResponseRate: p.responseRate,
      repliesSent: t.repliesSent,
      previousRepliesSent: p.repliesSent,
    };
    const volumePercent = percentChange(thisWeek.total, lastWeek.total);

    const snapshot: ReportSnapshot = {
      version: 1,
      workspace: { id: ws.id, name: ws.name, timeZone: zone, weekStartsOn: weekdayName(ws.reportWeekStart) },
      week: {
        start: week.from.toISOString(),
        end: week.to.toISOString(),
        startDate: weekStart,
        label: weekLabel(weekStart),
        hours: (week.to.getTime() - week.from.getTime()) / 3_600_000,
      },
      generatedAt: now.toISOString(),
      headline: {
        direction,
        sentence: headlineSentence({ netSentiment, previousNetSentiment, theme, after }),
        netSentiment,
        previousNetSentiment,
        fourWeekAverage,
        change: netSentiment !== null && previousNetSentiment !== null ? round(netSentiment - previousNetSentiment, 1) : null,
        driver,
      },
      volume: {
        mentions: thisWeek.total,
        previousMentions: lastWeek.total,
        change: { absolute: thisWeek.total - lastWeek.total, percent: volumePercent },
        reach,
        previousReach,
        sentence: volumeSentence({ mentions: thisWeek.total, previousMentions: lastWeek.total, percent: volumePercent, reach }),
      },
      shareOfVoice: {
        brands: brandShares,
        ownShare,
        previousOwnShare,
        sentence: shareOfVoiceSentence({ brands: brandShares, ownShare, previousOwnShare }),
      },
      sentimentByDay: volume.points.slice(28, 35).map((d) => ({
        date: d.label,
        positive: d.sentiment.positive,
        neutral: d.sentiment.neutral,
        negative: d.sentiment.negative,
        netSentiment: d.netSentiment,
      })),
      themes,
      themesSentence: themesSentence(themes),
      alerts,
      alertsSentence: alertsSentence(alerts.map((a) => a.handled)),
      response: { ...response, sentence: responseSentence(response) },
      notable: {
        positive: positive.map((r) => ({ ...example(r), sentiment: 'positive' as const })),
        negative: negative.map((r) => ({ ...example(r), sentiment: 'negative' as const })),
      },
      conversation: conversation
        ? {
            post: example(conversation.post),
            waitMinutes: Math.round((conversation.replySentAt.getTime() - conversation.post.postedAt.getTime()) / 60_000),
            reply: { body: conversation.replyBody, sentAt: conversation.replySentAt.toISOString() },
            nextPost: conversation.next ? example(conversation.next) : null,
          }
        : null,
    };
    this.logger.debug(`weekly report of workspace ${ws.id}, week ${weekStart}: ${Math.round(performance.now() - started)} ms (${JSON.stringify(ms)})`);
    return { snapshot: ReportSnapshotSchema.parse(snapshot), periodStart: week.from, periodEnd: week.to };
  }

  /**
   * The alert a fall in net sentiment followed: the earliest alert of the week about the driver's category, about
   * an outage, or about the whole brand, raised on or before the day with most of the driver's complaints.
   * "outage" when its category or top terms say so, "spike" otherwise.
   */
  private async precedingAlert(ws: WorkspaceReportSettings, weekStart: string, weekEnd: string, driver: string, alerts: WeekAlertRow[]): Promise<PrecedingAlert | null> {
    const related = alerts.filter((a) => a.category === null || a.category === driver || a.category === 'outage');
    if (related.length === 0) return null;
    const days = await this.figures.daily(ws.id, ws.timeZone, weekStart, weekEnd, [driver]);
    const peak = [...days].sort((a, b) => b.volume - a.volume || a.day.localeCompare(b.day))[0];
    if (!peak) return null;
    const alert = related.find((a) => localDate(a.raisedAt, ws.timeZone) <= peak.day);
    if (!alert) return null;
    const outage = alert.category === 'outage' || alert.topTerms.some((t) => OUTAGE_WORDS.test(t));
    return { weekday: localWeekday(alert.raisedAt, ws.timeZone), noun: outage ? 'outage' : 'spike' };
  }

  private async alert(auth: AuthContext, ws: WorkspaceReportSettings, a: WeekAlertRow, now: Date): Promise<ReportAlert> {
    const { where } = await this.analytics.resolveFilters(auth, { from: a.surgeStart.toISOString(), to: now.toISOString(), brandId: [a.brandId], includeSpam: false });
    const to = a.clearedAt ?? now;
    const h = await this.repo.alertHandling(ws.id, a.id, where.queryIds ?? [], a.category, a.surgeStart, to);
    const firsts = [h.firstReplyAt, h.firstPostAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
    const firstResponseMinutes = firsts.length ? Math.max(0, Math.round((Math.min(...firsts) - a.raisedAt.getTime()) / 60_000)) : null;
    const handled = { repliesQueued: h.replies, statusPost: h.statusPost, firstResponseMinutes };
    const ratio = a.ratio === null ? null : round(a.ratio, 2);
    return {
      id: a.id,
      brand: a.brandName,
      category: a.category,
      metric: a.metric,
      ratio,
      raisedAt: a.raisedAt.toISOString(),
      clearedAt: a.clearedAt ? a.clearedAt.toISOString() : null,
      topTerms: a.topTerms.slice(0, 5),
      handled,
      sentence: alertSentence({
        brand: a.brandName,
        category: a.category,
        metric: a.metric,
        ratio,
        weekday: localWeekday(a.raisedAt, ws.timeZone),
        time: localTime(a.raisedAt, ws.timeZone),
        topTerms: a.topTerms,
        ...handled,
      }),
    };
  }
}
