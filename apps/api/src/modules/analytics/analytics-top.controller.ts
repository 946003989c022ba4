import { Controller, Get, Query } from '@nestjs/common';
import { AnalyticsTopQuerySchema, TopReportSchema, type AnalyticsTopFilters, type TopReport } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { AnalyticsTopService } from './analytics-top.service.js';

/** Top terms, hashtags and authors of a range. Read-only; every role may read. */
@Controller('analytics')
export class AnalyticsTopController {
  constructor(private readonly top: AnalyticsTopService) {}

  @Get('top')
  @ApiDoc({
    tag: 'analytics',
    summary: 'Top terms and hashtags (counted over the latest 5,000 mentions of the range; basis says how many) and authors by reach (exact)',
    query: AnalyticsTopQuerySchema,
    response: TopReportSchema,
  })
  get(@Auth() auth: AuthContext, @Query(new ZodValidationPipe(AnalyticsTopQuerySchema)) q: AnalyticsTopFilters): Promise<TopReport> {
    return this.top.top(auth, q);
  }
}
