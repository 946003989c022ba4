import { Injectable } from '@nestjs/common';
import { hasRoleAtLeast, type AgentFigures, type AnalyticsTeamFilters, type TeamFigures, type TeamReport } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { AnalyticsService } from './analytics.service.js';
import { percentileCont } from './percentile-cont.util.js';
import { TeamPerformanceRepository, emptyTeamRow, type TeamRow } from './team-performance.repository.js';
import { TeamWorkRepository } from './team-work.repository.js';

/**
 * Where the team's work on each mention is read: `work`, the columns database triggers keep on the
 * mention rows (the API; one index-only scan of the range), or `history`, the reply and audit tables
 * themselves (a join with every reply and status change of the range; tests compare the two).
 */
export type TeamSource = 'work' | 'history';

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
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly repo: TeamPerformanceRepository,
    private readonly work: TeamWorkRepository,
  ) {}

  async team(auth: AuthContext, q: AnalyticsTeamFilters, now = new Date(), source: TeamSource = 'work'): Promise<TeamReport> {
    const { where, range } = await this.analytics.resolveFilters(auth, q);
    const figures = source === 'work' ? this.work.figures(where, now) : this.repo.figures(where, now);
    const [rows, members] = await Promise.all([figures, this.repo.members(auth.workspaceId)]);
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
}
