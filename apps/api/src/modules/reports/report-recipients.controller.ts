import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  CreateReportRecipientRequestSchema,
  IdParamsSchema,
  ReportRecipientListSchema,
  ReportRecipientSchema,
  type CreateReportRecipientRequest,
  type IdParams,
  type ReportRecipient,
  type ReportRecipientList,
} from '@earshot/contracts';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { ReportsService } from './reports.service.js';

/** Who gets the weekly report by e-mail (addresses, no account needed): admins only. */
@Controller('report-recipients')
export class ReportRecipientsController {
  constructor(private readonly reports: ReportsService) {}

  @Get()
  @RequireRole('admin')
  @ApiDoc({ tag: 'reports', summary: "The weekly report's e-mail recipients", response: ReportRecipientListSchema })
  list(@Auth() auth: AuthContext): Promise<ReportRecipientList> {
    return this.reports.recipients(auth);
  }

  @Post()
  @RequireRole('admin')
  @ApiDoc({
    tag: 'reports',
    summary: 'Add a recipient: exactly one plain address (no name, list or line break); unique per workspace ignoring case',
    body: CreateReportRecipientRequestSchema,
    response: ReportRecipientSchema,
    status: 201,
  })
  add(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(CreateReportRecipientRequestSchema)) body: CreateReportRecipientRequest,
    @Req() req: AuthedRequest,
  ): Promise<ReportRecipient> {
    return this.reports.addRecipient(auth, body, requestMeta(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiDoc({ tag: 'reports', summary: 'Remove a recipient', status: 204 })
  async remove(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams, @Req() req: AuthedRequest): Promise<void> {
    await this.reports.removeRecipient(auth, p.id, requestMeta(req));
  }
}
