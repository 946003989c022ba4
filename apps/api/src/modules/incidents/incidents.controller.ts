import { Body, Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  DismissReplyRequestSchema,
  IdParamsSchema,
  RetryReplyRequestSchema,
  StatusPostParamsSchema,
  type StatusPostParams,
  IncidentRepliesRequestSchema,
  IncidentRepliesResultSchema,
  IncidentSchema,
  StatusPostRequestSchema,
  StatusPostSchema,
  type IdParams,
  type Incident,
  type IncidentRepliesResult,
  type StatusPost,
} from '@earshot/contracts';
import type { Response } from 'express';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { IncidentActionsService } from './incident-actions.service.js';
import { IncidentsService } from './incidents.service.js';

/** The incident view of an alert: every role reads it; managers and admins answer the authors and post the status update. */
@Controller('alerts')
export class IncidentsController {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly actions: IncidentActionsService,
  ) {}

  @Get(':id/incident')
  @ApiDoc({
    tag: 'alerts',
    summary:
      'The incident view of an alert: the surge against normal (5-minute buckets), its mentions grouped by category and top term, the affected authors (latest mention, replied or not), a proposed holding statement with its voice-lint report, status posts',
    response: IncidentSchema,
  })
  incident(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams): Promise<Incident> {
    return this.incidents.incident(auth, p.id);
  }

  @Post(':id/replies')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'alerts',
    summary:
      'Answer every affected author once (their latest mention in the alert) through the reply outbox: the body rendered and addressed per author; 400 with the findings when the linter blocks any (nothing queued); the same clientKey again queues nothing twice',
    body: IncidentRepliesRequestSchema,
    response: IncidentRepliesResultSchema,
  })
  replies(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(IncidentRepliesRequestSchema)) body: z.output<typeof IncidentRepliesRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<IncidentRepliesResult> {
    return this.actions.answerAuthors(auth, p.id, body, requestMeta(req));
  }

  @Post(':id/status-post')
  @HttpCode(201)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'alerts',
    summary:
      'One public status post about the incident (not a reply) through a source that can post (Mastodon, Bluesky, X), sent exactly once by the reply outbox; the same clientKey again returns the first post (200)',
    body: StatusPostRequestSchema,
    response: StatusPostSchema,
    status: 201,
  })
  async statusPost(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(StatusPostRequestSchema)) body: z.output<typeof StatusPostRequestSchema>,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StatusPost> {
    const { post, created } = await this.actions.statusPost(auth, p.id, body, requestMeta(req));
    if (!created) res.status(200);
    return post;
  }

  @Post(':id/status-posts/:postId/retry')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'alerts',
    summary:
      'Retry a status post that failed or was not confirmed: failed → queued with the same idempotency key (transient causes, or the source reconnected since); unknown → reconciled before anything is sent again; 409 in words otherwise',
    body: RetryReplyRequestSchema,
    response: StatusPostSchema,
  })
  retryStatusPost(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(StatusPostParamsSchema)) p: StatusPostParams,
    // Validated (no fields allowed) so nothing sent can be mistaken for an option.
    @Body(new ZodValidationPipe(RetryReplyRequestSchema)) _body: z.output<typeof RetryReplyRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<StatusPost> {
    return this.actions.retryStatusPost(auth, p.id, p.postId, requestMeta(req));
  }

  @Post(':id/status-posts/:postId/dismiss')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'alerts',
    summary: 'Give up on a status post that failed or was not confirmed (e.g. it was posted by hand): it is never sent and no longer needs attention',
    body: DismissReplyRequestSchema,
    response: StatusPostSchema,
  })
  dismissStatusPost(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(StatusPostParamsSchema)) p: StatusPostParams,
    @Body(new ZodValidationPipe(DismissReplyRequestSchema)) body: z.output<typeof DismissReplyRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<StatusPost> {
    return this.actions.dismissStatusPost(auth, p.id, p.postId, body.note || null, requestMeta(req));
  }
}
