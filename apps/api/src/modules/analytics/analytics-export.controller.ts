import { Controller, Get, Query, Res } from '@nestjs/common';
import {
  AnalyticsSeriesQuerySchema,
  AnalyticsTeamQuerySchema,
  AnalyticsThemesQuerySchema,
  AnalyticsTopQuerySchema,
  type AnalyticsRange,
  type AnalyticsSeriesFilters,
  type AnalyticsTeamFilters,
  type AnalyticsThemesFilters,
  type AnalyticsTopFilters,
} from '@earshot/contracts';
import type { Response } from 'express';
import type { AuthContext } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { shareOfVoiceCsv, teamCsv, themesCsv, topCsv, volumeCsv, type CsvTable } from './analytics-csv.mapper.js';
import { AnalyticsTopService } from './analytics-top.service.js';
import { AnalyticsService } from './analytics.service.js';
import { toCsv } from './csv.util.js';
import { TeamPerformanceService } from './team-performance.service.js';

/** `2026-10-24T22:00:00.000Z` → `20261024T2200Z`, for file names. */
const stamp = (iso: string) =>
  iso
    .replace(/[-:]/g, '')
    .replace(/\.\d+/, '')
    .replace(/(T\d{4})\d{2}Z$/, '$1Z');

/** Sends a table as a CSV download named after the report and its range (only [A-Za-z0-9_-.] in the name). */
function download(res: Response, name: string, range: AnalyticsRange, table: CsvTable): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="earshot-${name}-${stamp(range.from)}-${stamp(range.to)}.csv"`);
  res.setHeader('Cache-Control', 'private, no-store');
  return toCsv(table.header, table.rows);
}

/**
 * Every analytics chart as CSV: the same query string, access and figures as its JSON route
 * (the rows are taken from the JSON report), with formula-like text neutralised (csv.util.ts).
 */
@Controller('analytics')
export class AnalyticsExportController {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly top: AnalyticsTopService,
    private readonly team: TeamPerformanceService,
  ) {}

  @Get('volume.csv')
  @ApiDoc({ tag: 'analytics', summary: 'GET /analytics/volume as CSV (text/csv, a download): one row per bucket', query: AnalyticsSeriesQuerySchema })
  async volumeCsv(
    @Auth() auth: AuthContext,
    @Query(new ZodValidationPipe(AnalyticsSeriesQuerySchema)) q: AnalyticsSeriesFilters,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const r = await this.analytics.volume(auth, q);
    return download(res, 'volume', r.range, volumeCsv(r));
  }

  @Get('themes.csv')
  @ApiDoc({ tag: 'analytics', summary: 'GET /analytics/themes as CSV (text/csv, a download): one row per category', query: AnalyticsThemesQuerySchema })
  async themesCsv(
    @Auth() auth: AuthContext,
    @Query(new ZodValidationPipe(AnalyticsThemesQuerySchema)) q: AnalyticsThemesFilters,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const r = await this.analytics.themes(auth, q);
    return download(res, 'themes', r.range, themesCsv(r));
  }

  @Get('share-of-voice.csv')
  @ApiDoc({
    tag: 'analytics',
    summary: 'GET /analytics/share-of-voice as CSV (text/csv, a download): one row per bucket and brand, then a total row per brand',
    query: AnalyticsSeriesQuerySchema,
  })
  async shareOfVoiceCsv(
    @Auth() auth: AuthContext,
    @Query(new ZodValidationPipe(AnalyticsSeriesQuerySchema)) q: AnalyticsSeriesFilters,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const r = await this.analytics.shareOfVoice(auth, q);
    return download(res, 'share-of-voice', r.range, shareOfVoiceCsv(r));
  }

  @Get('top.csv')
  @ApiDoc({
    tag: 'analytics',
    summary: 'GET /analytics/top as CSV (text/csv, a download): terms, hashtags and authors (column list), then the basis rows',
    query: AnalyticsTopQuerySchema,
  })
  async topCsv(
    @Auth() auth: AuthContext,
    @Query(new ZodValidationPipe(AnalyticsTopQuerySchema)) q: AnalyticsTopFilters,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const r = await this.top.top(auth, q);
    return download(res, 'top', r.range, topCsv(r));
  }

  @Get('team.csv')
  @ApiDoc({
    tag: 'analytics',
    summary: "GET /analytics/team as CSV (text/csv, a download): the team's row, then the rows of the people the caller may see",
    query: AnalyticsTeamQuerySchema,
  })
  async teamCsv(
    @Auth() auth: AuthContext,
    @Query(new ZodValidationPipe(AnalyticsTeamQuerySchema)) q: AnalyticsTeamFilters,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const r = await this.team.team(auth, q);
    return download(res, 'team', r.range, teamCsv(r));
  }
}
