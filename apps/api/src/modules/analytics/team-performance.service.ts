import { Injectable, Logger } from '@nestjs/common';
import { hasRoleAtLeast, type AgentFigures, type AnalyticsTeamFilters, type TeamFigures, type TeamReport } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { AnalyticsRollupService } from './analytics-rollup.service.js';
import type { AnalyticsWhere } from './analytics.repository.js';
import { AnalyticsService } from './analytics.service.js';
import { percentileCont } from './percentile-cont.util.js';
import { TeamPerformanceRepository, emptyTeamRow, type TeamRow } from './team-performance.repository.js';
import { TeamRollupRepository } from './team-rollup.repository.js';
import { TeamWorkRepository } from './team-work.repository.js';

/**
 * Where team figures are counted, all by the same definitions: `rollup`, the team's hourly rollup
 * (no filter but spam; current with the analytics rollups; the parts of an hour at the range's ends
 * from their mention rows); `work`, the range's mention rows with the team's work kept on them (any
 * filter); `history`, the mention rows joined with the reply and audit tables themselves. `auto` (the
 * API) takes the rollup when it can count exactly and is ready, else the mention rows; tests force
 * one to compare them.
 */
export type TeamSource = 'auto' | 'rollup' | 'work' | 'history';

const round = (v: number, places: number) => Math.round(v * 10 ** places) / 10 ** places;
const minutes = (seconds: number | null) => (seconds === null ? null : round(seconds / 60, 1));
const rate = (n: number, of: number) => (of > 0 ? round(n / of, 3) : null);
const durations = (sortedSeconds: number[]) => ({
  medianMinutes: minutes(percentileCont(sortedSeconds, 0.5)),
  p90Minutes: minutes(percentileCont(sortedSeconds, 0.9)),
  count: sortedSeconds.length,
});

/** Raw counts and durations → the figures the contract defines (minutes with one decimal, rates 0..1 with three). */
export function toTeamFigures(r: TeamRow): TeamFigures {
  return {
    firstResponse: durations(r.firstResponseSeconds),
    resolution: durations(r.resolutionSeconds),
    slaAttainment: rate(r.slaMet, r.slaMet + r.slaMissed),
    responseRate: rate(r.complaintsAnswered, r.complaints),
    reopenRate: rate(r.reopened, r.resolvedEver),
    repliesSent: r.repliesSent,
    sentimentRecovery: {
      authors: r.recovery.authors,
      improved: r.recovery.improved,
      share: rate(r.recovery.improved, r.recovery.authors),
      averageDelta: r.recovery.authors > 0 ? round(r.recovery.deltaSum / r.recovery.authors, 3) : null,
    },
  };
}

/**
 * Team performance (issue 15, part 1): first response, resolution, SLA attainment, response and
 * reopen rates, replies sent and sentiment recovery, for the team and per person. Who sees whose
 * row is decided here: managers and admins everyone's, agents and trainees their own, viewers none.
 */
@Injectable()
export class TeamPerformanceService {
  private readonly logger = new Logger(TeamPerformanceService.name);

  constructor(
    private readonly analytics: AnalyticsService,
    private readonly rollups: AnalyticsRollupService,
    private readonly repo: TeamPerformanceRepository,
    private readonly work: TeamWorkRepository,
    private readonly rollup: TeamRollupRepository,
  ) {}

  async team(auth: AuthContext, q: AnalyticsTeamFilters, now = new Date(), path: TeamSource = 'auto'): Promise<TeamReport> {
    const { where, range } = await this.analytics.resolveFilters(auth, q);
    const [source, members] = await Promise.all([this.source(where, path), this.repo.members(auth.workspaceId)]);
    const rows = await (source === 'rollup' ? this.rollup : source === 'work' ? this.work : this.repo).figures(where, now);
    const names = new Map(members.map((m) => [m.id, m.name]));
    let people: string[];
    if (hasRoleAtLeast(auth.role, 'manager')) {
      // Everyone who can reply, and anyone else (a former agent, since made viewer or deactivated) with figures in the range.
      const listed = new Set(members.filter((m) => m.active && m.role !== 'viewer').map((m) => m.id));
      for (const id of rows.byUser.keys()) listed.add(id);
      people = [...listed];
    } else if (hasRoleAtLeast(auth.role, 'trainee')) people = [auth.userId];
    else people = [];
    const agents: AgentFigures[] = people
      .map((id) => ({ userId: id, name: names.get(id) ?? 'former user', ...toTeamFigures(rows.byUser.get(id) ?? emptyTeamRow()) }))
      .sort((a, b) => a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : 1));
    return { range, team: toTeamFigures(rows.team), agents };
  }

  /**
   * The rollup when only spam is filtered, rollups are on and the workspace's are current (brought up
   * to every committed change first; never built or far behind: built in the background while this
   * read counts the mention rows, as the other analytics reads do).
   */
  private async source(w: AnalyticsWhere, path: TeamSource): Promise<Exclude<TeamSource, 'auto'>> {
    if (path === 'work' || path === 'history') return path;
    if (path === 'auto' && !this.rollups.enabled) return 'work';
    if (w.queryIds || w.platforms || w.topics || w.categories) {
      if (path === 'rollup') throw new Error('the team rollup has no brand, platform, topic or category filter');
      return 'work';
    }
    try {
      return (await this.rollups.ready(w.workspaceId, path === 'rollup' ? 'wait' : 'background')) ? 'rollup' : 'work';
    } catch (e) {
      if (path === 'rollup') throw e;
      this.logger.error(`analytics rollups of workspace ${w.workspaceId} could not catch up, counting mention rows instead: ${(e as Error).message}`);
      return 'work';
    }
  }
}
