import { Body, Controller, Get, Put, Req } from '@nestjs/common';
import { SlaTargetsSchema, type SlaTargets } from '@earshot/contracts';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { SlaService } from './sla.service.js';

@Controller('workspace/sla')
export class SlaController {
  constructor(private readonly sla: SlaService) {}

  @Get()
  @ApiDoc({ tag: 'inbox', summary: 'Minutes to respond per urgency level', response: SlaTargetsSchema })
  get(@Auth() auth: AuthContext): Promise<SlaTargets> {
    return this.sla.targets(auth.workspaceId);
  }

  @Put()
  @RequireRole('manager')
  @ApiDoc({ tag: 'inbox', summary: 'Set the SLA targets; open mentions get new due times', body: SlaTargetsSchema, response: SlaTargetsSchema })
  set(@Auth() auth: AuthContext, @Body(new ZodValidationPipe(SlaTargetsSchema)) body: SlaTargets, @Req() req: AuthedRequest): Promise<SlaTargets> {
    return this.sla.setTargets(auth, body, requestMeta(req));
  }
}
