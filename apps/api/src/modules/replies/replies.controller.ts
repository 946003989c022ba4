import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApproveReplyRequestSchema,
  CreateReplyRequestSchema,
  DismissReplyRequestSchema,
  IdParamsSchema,
  RejectReplyRequestSchema,
  ReplyListQuerySchema,
  ReplyListSchema,
  ReplySchema,
  RetryReplyRequestSchema,
  type IdParams,
  type Reply,
  type ReplyList,
} from '@earshot/contracts';
import type { Response } from 'express';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { RepliesService } from './replies.service.js';

/** Answering a mention: submit a reply (it is linted, queued or held for a manager). Viewers cannot reply. */
@Controller('mentions')
export class MentionRepliesController {
  constructor(private readonly replies: RepliesService) {}

  @Post(':id/replies')
  @HttpCode(201)
  @RequireRole('trainee')
  @ApiDoc({
    tag: 'replies',
    summary:
      'Submit a reply (you must hold the claim): 400 with the findings when the linter blocks it; queued, or pending_approval for trainees, promises, critical or legal mentions. The same clientKey again returns the first reply (200).',
    body: CreateReplyRequestSchema,
    response: ReplySchema,
    status: 201,
  })
  async create(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(CreateReplyRequestSchema)) body: z.output<typeof CreateReplyRequestSchema>,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Reply> {
    const { reply, created } = await this.replies.create(auth, p.id, body, requestMeta(req));
    if (!created) res.status(200);
    return reply;
  }
}

/** The replies of the workspace and the approval queue; managers and admins decide. */
@Controller('replies')
export class RepliesController {
  constructor(private readonly replies: RepliesService) {}

  @Get()
  @ApiDoc({
    tag: 'replies',
    summary: 'Replies by status (e.g. status=pending_approval: the approval queue) and/or mention, newest first',
    query: ReplyListQuerySchema,
    response: ReplyListSchema,
  })
  async list(@Auth() auth: AuthContext, @Query(new ZodValidationPipe(ReplyListQuerySchema)) q: z.output<typeof ReplyListQuerySchema>): Promise<ReplyList> {
    return { items: await this.replies.list(auth, q) };
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'replies',
    summary: 'Approve a reply awaiting approval: it is sent at once (not your own reply)',
    body: ApproveReplyRequestSchema,
    response: ReplySchema,
  })
  approve(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(ApproveReplyRequestSchema)) body: z.output<typeof ApproveReplyRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<Reply> {
    return this.replies.approve(auth, p.id, body.comment ?? null, requestMeta(req));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({ tag: 'replies', summary: 'Reject a reply awaiting approval, with a comment the agent sees', body: RejectReplyRequestSchema, response: ReplySchema })
  reject(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(RejectReplyRequestSchema)) body: z.output<typeof RejectReplyRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<Reply> {
    return this.replies.reject(auth, p.id, body.comment, requestMeta(req));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @RequireRole('trainee')
  @ApiDoc({
    tag: 'replies',
    summary:
      'Retry a failed or unknown reply (its author, managers, admins): failed → queued with the same idempotency key, when the cause was transient or the source was reconnected since; unknown → reconciled before anything is resent (Mastodon past its 1 h window: 409, check by hand). 409 in words otherwise.',
    body: RetryReplyRequestSchema,
    response: ReplySchema,
  })
  retry(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    // Validated (no fields allowed) so nothing sent can be mistaken for an option.
    @Body(new ZodValidationPipe(RetryReplyRequestSchema)) _body: z.output<typeof RetryReplyRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<Reply> {
    return this.replies.retry(auth, p.id, requestMeta(req));
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @RequireRole('trainee')
  @ApiDoc({
    tag: 'replies',
    summary: 'Give up on a failed or unknown reply (its author, managers, admins), e.g. it was posted by hand: it is never sent and no longer needs attention',
    body: DismissReplyRequestSchema,
    response: ReplySchema,
  })
  dismiss(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(DismissReplyRequestSchema)) body: z.output<typeof DismissReplyRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<Reply> {
    return this.replies.dismiss(auth, p.id, body.note || null, requestMeta(req));
  }
}
