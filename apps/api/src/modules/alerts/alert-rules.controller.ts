import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import {
  AlertRuleListSchema,
  AlertRuleSchema,
  CreateAlertRuleRequestSchema,
  IdParamsSchema,
  UpdateAlertRuleRequestSchema,
  type AlertRule,
  type AlertRuleList,
  type IdParams,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { AlertRulesService } from './alert-rules.service.js';

/** Alert rules: what the detector watches per brand (and category), and where alerts go. Managers and admins. */
@Controller('alert-rules')
@RequireRole('manager')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Get()
  @ApiDoc({
    tag: 'alerts',
    summary: "The workspace's alert rules (every own brand has one for all its mentions), with the detector's state",
    response: AlertRuleListSchema,
  })
  async list(@Auth() auth: AuthContext): Promise<AlertRuleList> {
    return { items: await this.rules.list(auth) };
  }

  @Post()
  @HttpCode(201)
  @ApiDoc({
    tag: 'alerts',
    summary: 'A rule for a brand and one complaint category (or all its mentions), with an optional https webhook and one e-mail address',
    body: CreateAlertRuleRequestSchema,
    response: AlertRuleSchema,
    status: 201,
  })
  create(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(CreateAlertRuleRequestSchema)) body: z.output<typeof CreateAlertRuleRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<AlertRule> {
    return this.rules.create(auth, body, requestMeta(req));
  }

  @Patch(':id')
  @ApiDoc({
    tag: 'alerts',
    summary: 'Enable or disable a rule, choose its metrics, set or clear (null) its webhook and e-mail',
    body: UpdateAlertRuleRequestSchema,
    response: AlertRuleSchema,
  })
  update(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(UpdateAlertRuleRequestSchema)) body: z.output<typeof UpdateAlertRuleRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<AlertRule> {
    return this.rules.update(auth, p.id, body, requestMeta(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiDoc({ tag: 'alerts', summary: "Delete a category rule (an own brand's rule for all its mentions can only be disabled); its alerts stay", status: 204 })
  remove(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams, @Req() req: AuthedRequest): Promise<void> {
    return this.rules.remove(auth, p.id, requestMeta(req));
  }
}
