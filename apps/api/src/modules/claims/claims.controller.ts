import { Body, Controller, Delete, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ClaimRequestSchema, ClaimSchema, IdParamsSchema, type Claim, type IdParams } from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { ClaimsService } from './claims.service.js';

/** Claiming a mention to reply, and giving the claim up. */
@Controller('mentions')
export class ClaimsController {
  constructor(private readonly claims: ClaimsService) {}

  @Post(':id/claim')
  @HttpCode(200)
  @RequireRole('trainee')
  @ApiDoc({
    tag: 'inbox',
    summary: 'Claim a mention to reply (or renew your claim); 409 when someone else holds it unless takeOver',
    body: ClaimRequestSchema,
    response: ClaimSchema,
  })
  claim(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(ClaimRequestSchema)) body: z.output<typeof ClaimRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<Claim> {
    return this.claims.claim(auth, p.id, body.takeOver, requestMeta(req));
  }

  @Delete(':id/claim')
  @HttpCode(204)
  @RequireRole('trainee')
  @ApiDoc({ tag: 'inbox', summary: 'Give up your claim (closing the reply pane)', status: 204 })
  release(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams): Promise<void> {
    return this.claims.release(auth, p.id);
  }
}
