import { Controller, Get, Query } from '@nestjs/common';
import { AnalyticsTeamQuerySchema, TeamReportSchema, type AnalyticsTeamFilters, type TeamReport } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { TeamPerformanceService } from './team-performance.service.js';

/** Team performance. Every role may read the team's figures; whose per-person rows come back depends on the role (see the service). */
@Controller('analytics')
export class TeamPerformanceController {
  constructor(private readonly team: TeamPerformanceService) {}

  @Get('team')
  @ApiDoc({
    tag: 'analytics',
    summary:
      'Team performance over the mentions posted in the range: first response and resolution (median, p90), SLA attainment, response and reopen rates, replies sent, sentiment recovery; per person for managers (everyone) and agents (their own row)',
    query: AnalyticsTeamQuerySchema,
    response: TeamReportSchema,
  })
  get(@Auth() auth: AuthContext, @Query(new ZodValidationPipe(AnalyticsTeamQuerySchema)) q: AnalyticsTeamFilters): Promise<TeamReport> {
    return this.team.team(auth, q);
  }
}
