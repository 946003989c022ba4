import { Body, Controller, Delete, Get, HttpCode, Param, Put, Req } from '@nestjs/common';
import { IdParamsSchema, PutVoiceGuideRequestSchema, VoiceGuideSchema, type IdParams, type VoiceGuide } from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { VoiceGuideService } from './voice-guide.service.js';

/** `/api/brands/:id/voice`: a brand's voice guide, next to the brand routes it belongs to. */
@Controller('brands')
export class VoiceController {
  constructor(private readonly guides: VoiceGuideService) {}

  @Get(':id/voice')
  @ApiDoc({
    tag: 'replies',
    summary: "A brand's voice guide: the shipped default with customised: false until a manager saves one",
    response: VoiceGuideSchema,
  })
  get(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams): Promise<VoiceGuide> {
    return this.guides.get(auth, p.id);
  }

  @Put(':id/voice')
  @RequireRole('manager')
  @ApiDoc({
    tag: 'replies',
    summary: "Save the brand's whole voice guide (fields left out take their defaults). To go back to the shipped default, DELETE instead",
    body: PutVoiceGuideRequestSchema,
    response: VoiceGuideSchema,
  })
  put(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(PutVoiceGuideRequestSchema)) body: z.output<typeof PutVoiceGuideRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<VoiceGuide> {
    return this.guides.put(auth, p.id, body, requestMeta(req));
  }

  @Delete(':id/voice')
  @HttpCode(204)
  @RequireRole('manager')
  @ApiDoc({ tag: 'replies', summary: "Reset the brand's voice guide to the shipped default (GET then answers customised: false)", status: 204 })
  reset(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams, @Req() req: AuthedRequest): Promise<void> {
    return this.guides.reset(auth, p.id, requestMeta(req));
  }
}
