import { Controller, Get, Query } from '@nestjs/common';
import {
  AnalyticsSeriesQuerySchema,
  AnalyticsThemesQuerySchema,
  ShareOfVoiceReportSchema,
  ThemesReportSchema,
  VolumeReportSchema,
  type AnalyticsSeriesFilters,
  type AnalyticsThemesFilters,
  type ShareOfVoiceReport,
  type ThemesReport,
  type VolumeReport,
} from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { AnalyticsService } from './analytics.service.js';

/** Analytics by posted time, bucketed in the workspace's time zone. Read-only; every role may read. */
@Controller('analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('volume')
  @ApiDoc({
    tag: 'analytics',
    summary: 'Mentions and sentiment per hour, day or week (local to the workspace): counts by label, average score, net sentiment',
    query: AnalyticsSeriesQuerySchema,
    response: VolumeReportSchema,
  })
  volume(@Auth() auth: AuthContext, @Query(new ZodValidationPipe(AnalyticsSeriesQuerySchema)) q: AnalyticsSeriesFilters): Promise<VolumeReport> {
    return this.analytics.volume(auth, q);
  }

  @Get('themes')
  @ApiDoc({
    tag: 'analytics',
    summary: 'Complaints per category: count, share, change against the previous period of equal length',
    query: AnalyticsThemesQuerySchema,
    response: ThemesReportSchema,
  })
  themes(@Auth() auth: AuthContext, @Query(new ZodValidationPipe(AnalyticsThemesQuerySchema)) q: AnalyticsThemesFilters): Promise<ThemesReport> {
    return this.analytics.themes(auth, q);
  }

  @Get('share-of-voice')
  @ApiDoc({
    tag: 'analytics',
    summary: "Share of voice: each brand's mentions (by the listening queries they matched), own brands against competitors, per bucket",
    query: AnalyticsSeriesQuerySchema,
    response: ShareOfVoiceReportSchema,
  })
  shareOfVoice(@Auth() auth: AuthContext, @Query(new ZodValidationPipe(AnalyticsSeriesQuerySchema)) q: AnalyticsSeriesFilters): Promise<ShareOfVoiceReport> {
    return this.analytics.shareOfVoice(auth, q);
  }
}
