import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import {
  CreateCorrectionRequestSchema,
  CreateCorrectionResponseSchema,
  IdParamsSchema,
  LabelledPostPageSchema,
  LabelledPostsQuerySchema,
  MentionCorrectionListSchema,
  type CreateCorrectionResponse,
  type IdParams,
  type LabelledPostPage,
  type MentionCorrectionList,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { MentionCorrectionsService } from './mention-corrections.service.js';

/** Corrections of a mention's scores by the team, and the labelled posts the learning engine reads. */
@Controller()
export class MentionCorrectionsController {
  constructor(private readonly corrections: MentionCorrectionsService) {}

  @Post('mentions/:id/corrections')
  @HttpCode(201)
  @RequireRole('trainee')
  @ApiDoc({
    tag: 'inbox',
    summary: 'Correct sentiment, intent, category and/or urgency level in one action (a value equal to the current one is recorded as a confirmation)',
    body: CreateCorrectionRequestSchema,
    response: CreateCorrectionResponseSchema,
    status: 201,
  })
  correct(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(CreateCorrectionRequestSchema)) body: z.output<typeof CreateCorrectionRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<CreateCorrectionResponse> {
    return this.corrections.correct(auth, p.id, body, requestMeta(req));
  }

  @Get('mentions/:id/corrections')
  @ApiDoc({ tag: 'inbox', summary: 'A mention’s corrections, newest first, with who made them', response: MentionCorrectionListSchema })
  async history(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams): Promise<MentionCorrectionList> {
    return { items: await this.corrections.history(auth, p.id) };
  }

  @Get('corrections')
  @RequireRole('agent')
  @ApiDoc({
    tag: 'inbox',
    summary: 'The workspace’s labelled posts: the latest corrected value per field per mention, with its text (oldest correction first, keyset pages)',
    query: LabelledPostsQuerySchema,
    response: LabelledPostPageSchema,
  })
  labelled(
    @Auth() auth: AuthContext,
    @Query(new ZodValidationPipe(LabelledPostsQuerySchema)) q: z.output<typeof LabelledPostsQuerySchema>,
  ): Promise<LabelledPostPage> {
    return this.corrections.labelled(auth, q);
  }
}
