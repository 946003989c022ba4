import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  AlertEventSchema,
  AlertListQuerySchema,
  AlertListSchema,
  IdParamsSchema,
  type AlertEvent,
  type AlertList,
  type AlertListFilters,
  type IdParams,
} from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { AlertsService } from './alerts.service.js';

/** Alerts the early-warning runner raised: every role reads them. */
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiDoc({
    tag: 'alerts',
    summary: 'Alerts, newest first; since=<seq> (or an ISO instant) returns only those raised or cleared after it, for a client catching up',
    query: AlertListQuerySchema,
    response: AlertListSchema,
  })
  list(@Auth() auth: AuthContext, @Query(new ZodValidationPipe(AlertListQuerySchema)) q: AlertListFilters): Promise<AlertList> {
    return this.alerts.list(auth, q);
  }

  @Get(':id')
  @ApiDoc({
    tag: 'alerts',
    summary: 'One alert: brand, jump against normal, top terms, and the inbox filter of its mentions (brandId, postedFrom, postedTo, category)',
    response: AlertEventSchema,
  })
  get(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams): Promise<AlertEvent> {
    return this.alerts.get(auth, p.id);
  }
}
