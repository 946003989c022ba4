import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import {
  CreatePhraseRuleRequestSchema,
  IdParamsSchema,
  LearningStateSchema,
  PhraseRuleListSchema,
  PhraseRuleSchema,
  RollbackRequestSchema,
  WorkspaceModelSchema,
  type IdParams,
  type LearningState,
  type PhraseRule,
  type PhraseRuleList,
  type WorkspaceModel,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { LearningService } from './learning.service.js';

/** Settings › Learning: workspace model versions (train, switch, roll back) and phrase rules. Agents read; managers and admins change. */
@Controller('learning')
export class LearningController {
  constructor(private readonly learning: LearningService) {}

  @Get('models')
  @RequireRole('agent')
  @ApiDoc({
    tag: 'learning',
    summary:
      'Model versions of your workspace, newest first, with their held-out figures, who trained them and which is active; labelled posts since the last model',
    response: LearningStateSchema,
  })
  models(@Auth() auth: AuthContext): Promise<LearningState> {
    return this.learning.state(auth);
  }

  @Post('models')
  @HttpCode(202)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'learning',
    summary:
      "Train a new version from the workspace's labelled posts, on a worker thread: 202 with the version in status training; it becomes active only if at least as good as the model in use on held-out posts. 400 with too few labelled posts (says how many more), 409 while a run is under way",
    response: WorkspaceModelSchema,
    status: 202,
  })
  train(@Auth() auth: AuthContext, @Req() req: AuthedRequest): Promise<WorkspaceModel> {
    return this.learning.train(auth, requestMeta(req));
  }

  @Post('models/:id/activate')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'learning',
    summary: 'Use this version (ready or retired) instead of the active one; open mentions are re-scored with it, keeping the team’s corrections',
    response: LearningStateSchema,
  })
  activate(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams, @Req() req: AuthedRequest): Promise<LearningState> {
    return this.learning.activate(auth, p.id, requestMeta(req));
  }

  @Post('rollback')
  @HttpCode(200)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'learning',
    summary:
      'Roll back in one action: to the version in use before the current one (or the shipped model when there was none), or with to=shipped straight to the shipped model',
    body: RollbackRequestSchema,
    response: LearningStateSchema,
  })
  rollback(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(RollbackRequestSchema)) body: z.output<typeof RollbackRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<LearningState> {
    return this.learning.rollback(auth, body.to, requestMeta(req));
  }

  @Get('phrase-rules')
  @RequireRole('agent')
  @ApiDoc({ tag: 'learning', summary: "Your workspace's phrase rules, by phrase", response: PhraseRuleListSchema })
  async rules(@Auth() auth: AuthContext): Promise<PhraseRuleList> {
    return { items: await this.learning.listRules(auth) };
  }

  @Post('phrase-rules')
  @HttpCode(201)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'learning',
    summary: 'Add a phrase rule ("war zone" → neutral); it applies to posts scored from now on. 400 says what is wrong with it, 409 when the phrase has a rule',
    body: CreatePhraseRuleRequestSchema,
    response: PhraseRuleSchema,
    status: 201,
  })
  createRule(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(CreatePhraseRuleRequestSchema)) body: z.output<typeof CreatePhraseRuleRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<PhraseRule> {
    return this.learning.createRule(auth, body, requestMeta(req));
  }

  @Delete('phrase-rules/:id')
  @HttpCode(204)
  @RequireRole('manager')
  @ApiDoc({ tag: 'learning', summary: 'Delete a phrase rule (posts scored with it keep their scores)', status: 204 })
  deleteRule(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams, @Req() req: AuthedRequest): Promise<void> {
    return this.learning.deleteRule(auth, p.id, requestMeta(req));
  }
}
