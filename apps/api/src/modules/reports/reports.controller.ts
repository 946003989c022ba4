import { Body, Controller, Get, Header, HttpCode, Param, Post, Req, StreamableFile } from '@nestjs/common';
import {
  BuildReportRequestSchema,
  IdParamsSchema,
  ReportListSchema,
  ReportSchema,
  SendReportResponseSchema,
  type BuildReportRequest,
  type IdParams,
  type Report,
  type ReportList,
  type SendReportResponse,
} from '@earshot/contracts';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { ReportsService } from './reports.service.js';

/** The weekly reputation report (issue 16): every role reads; managers build, rebuild and send. */
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @RequireRole('viewer')
  @ApiDoc({ tag: 'reports', summary: "The workspace's weekly reports, newest week first", response: ReportListSchema })
  list(@Auth() auth: AuthContext): Promise<ReportList> {
    return this.reports.list(auth);
  }

  @Post('weekly')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'reports',
    summary: "Build (or rebuild) one complete week's report: weekStart is the local date the week starts on, in the workspace's zone and week start",
    body: BuildReportRequestSchema,
    response: ReportSchema,
  })
  build(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(BuildReportRequestSchema)) body: BuildReportRequest,
    @Req() req: AuthedRequest,
  ): Promise<Report> {
    return this.reports.buildWeek(auth, body.weekStart, requestMeta(req));
  }

  @Get(':id')
  @RequireRole('viewer')
  @ApiDoc({ tag: 'reports', summary: 'One weekly report: its stored snapshot, exactly as generated', response: ReportSchema })
  get(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams): Promise<Report> {
    return this.reports.get(auth, p.id);
  }

  @Get(':id/pdf')
  @RequireRole('viewer')
  @Header('Cache-Control', 'private, no-store')
  @ApiDoc({ tag: 'reports', summary: 'The report as a one-page PDF (application/pdf, a download named earshot-report-<week>.pdf)' })
  async pdf(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams): Promise<StreamableFile> {
    const { pdf, filename } = await this.reports.pdf(auth, p.id);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `attachment; filename="${filename}"`, length: pdf.length });
  }

  @Post(':id/send')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({ tag: 'reports', summary: "E-mail the report with its PDF to the workspace's report recipients now", response: SendReportResponseSchema })
  send(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams, @Req() req: AuthedRequest): Promise<SendReportResponse> {
    return this.reports.sendNow(auth, p.id, requestMeta(req));
  }
}
