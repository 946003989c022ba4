import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  BulkUpdateMentionsRequestSchema,
  BulkUpdateMentionsResponseSchema,
  CreateNoteRequestSchema,
  IdParamsSchema,
  MentionChangesQuerySchema,
  MentionChangesSchema,
  MentionDetailSchema,
  MentionNoteSchema,
  MentionPageSchema,
  MentionQueueQuerySchema,
  MentionSchema,
  UpdateMentionRequestSchema,
  type BulkUpdateMentionsResponse,
  type IdParams,
  type Mention,
  type MentionChanges,
  type MentionDetail,
  type MentionNote,
  type MentionPage,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { MentionsService } from './mentions.service.js';

/** The triage inbox. Everyone reads; viewers change nothing. */
@Controller('mentions')
export class MentionsController {
  constructor(private readonly mentions: MentionsService) {}

  @Get()
  @ApiDoc({
    tag: 'inbox',
    summary: 'The queue: filter, sort and page through mentions (open work by default)',
    query: MentionQueueQuerySchema,
    response: MentionPageSchema,
  })
  queue(@Auth() auth: AuthContext, @Query(new ZodValidationPipe(MentionQueueQuerySchema)) q: z.output<typeof MentionQueueQuerySchema>): Promise<MentionPage> {
    return this.mentions.queue(auth, q);
  }

  @Get('changes')
  @ApiDoc({
    tag: 'inbox',
    summary: 'Catch up after a reconnect: every mention changed after a sequence number',
    query: MentionChangesQuerySchema,
    response: MentionChangesSchema,
  })
  changes(
    @Auth() auth: AuthContext,
    @Query(new ZodValidationPipe(MentionChangesQuerySchema)) q: z.output<typeof MentionChangesQuerySchema>,
  ): Promise<MentionChanges> {
    return this.mentions.changes(auth, q.since, q.limit);
  }

  @Post('bulk')
  @HttpCode(200)
  @RequireRole('trainee')
  @ApiDoc({
    tag: 'inbox',
    summary: 'Change status, assignee or tags of up to 500 mentions at once',
    body: BulkUpdateMentionsRequestSchema,
    response: BulkUpdateMentionsResponseSchema,
  })
  bulk(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(BulkUpdateMentionsRequestSchema)) body: z.output<typeof BulkUpdateMentionsRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<BulkUpdateMentionsResponse> {
    return this.mentions.bulkUpdate(auth, body, requestMeta(req));
  }

  @Get(':id')
  @ApiDoc({ tag: 'inbox', summary: 'One mention with its thread, the author’s history and internal notes', response: MentionDetailSchema })
  detail(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams): Promise<MentionDetail> {
    return this.mentions.detail(auth, p.id);
  }

  @Patch(':id')
  @RequireRole('trainee')
  @ApiDoc({ tag: 'inbox', summary: 'Change status, assignee or tags', body: UpdateMentionRequestSchema, response: MentionSchema })
  update(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(UpdateMentionRequestSchema)) body: z.output<typeof UpdateMentionRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<Mention> {
    return this.mentions.update(auth, p.id, body, requestMeta(req));
  }

  @Post(':id/notes')
  @HttpCode(201)
  @RequireRole('trainee')
  @ApiDoc({ tag: 'inbox', summary: 'Add an internal note (never posted)', body: CreateNoteRequestSchema, response: MentionNoteSchema, status: 201 })
  addNote(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(CreateNoteRequestSchema)) body: z.output<typeof CreateNoteRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<MentionNote> {
    return this.mentions.addNote(auth, p.id, body.body, requestMeta(req));
  }
}
