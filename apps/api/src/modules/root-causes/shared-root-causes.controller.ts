import { Body, Controller, Get, Param, Put, Query, Req, UseGuards } from '@nestjs/common';
import {
  RootCauseBoardQuerySchema,
  RootCauseStatusSchema,
  SetRootCauseStatusRequestSchema,
  SharedRootCauseBoardSchema,
  ShareTokenCategoryParamsSchema,
  ShareTokenParamsSchema,
  type RootCauseStatus,
  type SharedRootCauseBoard,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Public } from '../../common/decorators/public.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { RootCausesService } from './root-causes.service.js';
import { ShareLinkThrottleGuard } from './share-link-throttle.guard.js';

/**
 * What an owner opens from a share link: no session, the token is the credential (only its
 * hash is stored; unknown, expired and revoked links all answer 404 in the same words). The
 * board holds exactly the link's categories. Rate-limited per client IP (ShareLinkThrottleGuard:
 * 429 with Retry-After), counted before the token is looked up.
 */
@Controller('share/root-causes')
@UseGuards(ShareLinkThrottleGuard)
export class SharedRootCausesController {
  constructor(private readonly rootCauses: RootCausesService) {}

  @Get(':token')
  @Public()
  @ApiDoc({
    tag: 'root-causes',
    summary:
      "An owner's board through a share link: exactly the link's categories, with history and the fix verdict (429 with Retry-After past the per-IP limit)",
    query: RootCauseBoardQuerySchema,
    response: SharedRootCauseBoardSchema,
  })
  board(
    @Param(new ZodValidationPipe(ShareTokenParamsSchema)) p: z.output<typeof ShareTokenParamsSchema>,
    @Query(new ZodValidationPipe(RootCauseBoardQuerySchema)) q: z.output<typeof RootCauseBoardQuerySchema>,
  ): Promise<SharedRootCauseBoard> {
    return this.rootCauses.sharedBoard(p.token, q);
  }

  @Put(':token/status/:category')
  @Public()
  @ApiDoc({
    tag: 'root-causes',
    summary: "The owner sets one of the link's categories' status (429 with Retry-After past the per-IP limit)",
    body: SetRootCauseStatusRequestSchema,
    response: RootCauseStatusSchema,
  })
  setStatus(
    @Param(new ZodValidationPipe(ShareTokenCategoryParamsSchema)) p: z.output<typeof ShareTokenCategoryParamsSchema>,
    @Body(new ZodValidationPipe(SetRootCauseStatusRequestSchema)) body: z.output<typeof SetRootCauseStatusRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<RootCauseStatus> {
    return this.rootCauses.setStatusByShareLink(p.token, p.category, body, requestMeta(req));
  }
}
