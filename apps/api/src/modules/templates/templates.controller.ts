import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import {
  CreateTemplateRequestSchema,
  IdParamsSchema,
  ReplyTemplateListSchema,
  ReplyTemplateSchema,
  TemplateListQuerySchema,
  UpdateTemplateRequestSchema,
  type IdParams,
  type ReplyTemplate,
  type ReplyTemplateList,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { TemplatesService } from './templates.service.js';

@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiDoc({
    tag: 'replies',
    summary: "Reply templates of your workspace, by title; with brandId, only that brand's",
    query: TemplateListQuerySchema,
    response: ReplyTemplateListSchema,
  })
  async list(
    @Auth() auth: AuthContext,
    @Query(new ZodValidationPipe(TemplateListQuerySchema)) q: z.output<typeof TemplateListQuerySchema>,
  ): Promise<ReplyTemplateList> {
    return { items: await this.templates.list(auth, q) };
  }

  @Get(':id')
  @ApiDoc({ tag: 'replies', summary: 'One reply template', response: ReplyTemplateSchema })
  get(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams): Promise<ReplyTemplate> {
    return this.templates.get(auth, p.id);
  }

  @Post()
  @HttpCode(201)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'replies',
    summary:
      'Add a reply template to one of your own brands. 400 names an unknown variable (with the known ones) and its position; 409 when another template of the brand has the shortcut',
    body: CreateTemplateRequestSchema,
    response: ReplyTemplateSchema,
    status: 201,
  })
  create(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(CreateTemplateRequestSchema)) body: z.output<typeof CreateTemplateRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<ReplyTemplate> {
    return this.templates.create(auth, body, requestMeta(req));
  }

  @Patch(':id')
  @RequireRole('manager')
  @ApiDoc({
    tag: 'replies',
    summary: 'Change a reply template (its brand stays); the body is checked as on create',
    body: UpdateTemplateRequestSchema,
    response: ReplyTemplateSchema,
  })
  update(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(UpdateTemplateRequestSchema)) body: z.output<typeof UpdateTemplateRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<ReplyTemplate> {
    return this.templates.update(auth, p.id, body, requestMeta(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('manager')
  @ApiDoc({ tag: 'replies', summary: 'Delete a reply template (replies already sent with it keep their text)', status: 204 })
  remove(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams, @Req() req: AuthedRequest): Promise<void> {
    return this.templates.remove(auth, p.id, requestMeta(req));
  }
}
