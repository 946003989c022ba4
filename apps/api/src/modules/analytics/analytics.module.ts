import { Module } from '@nestjs/common';
import { AnalyticsExportController } from './analytics-export.controller.js';
import { AnalyticsRollupRepository } from './analytics-rollup.repository.js';
import { AnalyticsRollupScheduler } from './analytics-rollup.scheduler.js';
import { AnalyticsRollupService } from './analytics-rollup.service.js';
import { AnalyticsTopController } from './analytics-top.controller.js';
import { AnalyticsTopRepository } from './analytics-top.repository.js';
import { AnalyticsTopService } from './analytics-top.service.js';
import { AnalyticsController } from './analytics.controller.js';
import { AnalyticsRepository } from './analytics.repository.js';
import { AnalyticsService } from './analytics.service.js';
import { TeamPerformanceController } from './team-performance.controller.js';
import { TeamPerformanceRepository } from './team-performance.repository.js';
import { TeamPerformanceService } from './team-performance.service.js';
import { TeamRollupRepository } from './team-rollup.repository.js';
import { TeamWorkRepository } from './team-work.repository.js';

/** Analytics over mentions by posted time (issue 15, part 1). */
@Module({
  controllers: [AnalyticsController, AnalyticsTopController, TeamPerformanceController, AnalyticsExportController],
  providers: [
    AnalyticsRepository,
    AnalyticsService,
    AnalyticsRollupRepository,
    AnalyticsRollupService,
    AnalyticsRollupScheduler,
    AnalyticsTopRepository,
    AnalyticsTopService,
    TeamPerformanceRepository,
    TeamPerformanceService,
    TeamWorkRepository,
    TeamRollupRepository,
  ],
  exports: [AnalyticsService, TeamPerformanceService],
})
export class AnalyticsModule {}
