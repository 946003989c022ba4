import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import {
  CreateSourceRequestSchema,
  IdParamsSchema,
  SourceListSchema,
  SourceSchema,
  UpdateSourceRequestSchema,
  type IdParams,
  type Source,
  type SourceList,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { SourcesService } from './sources.service.js';

@Controller('sources')
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Get()
  @RequireRole('manager')
  @ApiDoc({ tag: 'listening', summary: 'Connected sources with their health (last poll, last error, next poll, mentions today)', response: SourceListSchema })
  async list(@Auth() auth: AuthContext): Promise<SourceList> {
    return { items: await this.sources.list(auth) };
  }

  @Post()
  @HttpCode(201)
  @RequireRole('admin')
  @ApiDoc({
    tag: 'listening',
    summary: 'Connect a platform account or public search (credentials are encrypted, never returned)',
    body: CreateSourceRequestSchema,
    response: SourceSchema,
    status: 201,
  })
  create(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(CreateSourceRequestSchema)) body: z.output<typeof CreateSourceRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<Source> {
    return this.sources.create(auth, body, requestMeta(req));
  }

  @Patch(':id')
  @RequireRole('admin')
  @ApiDoc({ tag: 'listening', summary: 'Change a source; new credentials replace the stored ones', body: UpdateSourceRequestSchema, response: SourceSchema })
  update(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(UpdateSourceRequestSchema)) body: z.output<typeof UpdateSourceRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<Source> {
    return this.sources.update(auth, p.id, body, requestMeta(req));
  }

  @Post(':id/poll')
  @HttpCode(202)
  @RequireRole('admin')
  @ApiDoc({ tag: 'listening', summary: 'Poll this source at the next tick', response: SourceSchema, status: 202 })
  pollNow(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams): Promise<Source> {
    return this.sources.pollNow(auth, p.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiDoc({ tag: 'listening', summary: 'Disconnect a source (stored mentions stay)', status: 204 })
  remove(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams, @Req() req: AuthedRequest): Promise<void> {
    return this.sources.remove(auth, p.id, requestMeta(req));
  }
}
