import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req } from '@nestjs/common';
import {
  CreateListeningQueryRequestSchema,
  IdParamsSchema,
  ListeningQueryListSchema,
  ListeningQuerySchema,
  UpdateListeningQueryRequestSchema,
  ValidateQueryRequestSchema,
  ValidateQueryResponseSchema,
  type IdParams,
  type ListeningQuery,
  type ListeningQueryList,
  type ValidateQueryResponse,
} from '@earshot/contracts';
import { describeQueryError } from '@earshot/query';
import type { z } from 'zod';
import type { AuthContext, AuthedRequest } from '../../common/auth-context.js';
import { ApiDoc } from '../../common/decorators/api-doc.decorator.js';
import { Auth } from '../../common/decorators/auth.decorator.js';
import { RequireRole } from '../../common/decorators/require-role.decorator.js';
import { ZodValidationPipe } from '../../common/pipes/zod-validation.pipe.js';
import { requestMeta } from '../../common/request-meta.util.js';
import { ListeningQueriesService } from './listening-queries.service.js';

@Controller('listening-queries')
export class ListeningQueriesController {
  constructor(private readonly queries: ListeningQueriesService) {}

  @Get()
  @ApiDoc({ tag: 'listening', summary: 'The listening queries of your workspace', response: ListeningQueryListSchema })
  async list(@Auth() auth: AuthContext): Promise<ListeningQueryList> {
    return { items: await this.queries.list(auth) };
  }

  @Post('validate')
  @HttpCode(200)
  @ApiDoc({
    tag: 'listening',
    summary: 'Check a query: the problem and its position, or valid',
    body: ValidateQueryRequestSchema,
    response: ValidateQueryResponseSchema,
  })
  validate(@Body(new ZodValidationPipe(ValidateQueryRequestSchema)) body: z.output<typeof ValidateQueryRequestSchema>): ValidateQueryResponse {
    const error = describeQueryError(body.query);
    return { valid: error === null, error };
  }

  @Post()
  @HttpCode(201)
  @RequireRole('manager')
  @ApiDoc({
    tag: 'listening',
    summary: 'Add a listening query for a brand',
    body: CreateListeningQueryRequestSchema,
    response: ListeningQuerySchema,
    status: 201,
  })
  create(
    @Auth() auth: AuthContext,
    @Body(new ZodValidationPipe(CreateListeningQueryRequestSchema)) body: z.output<typeof CreateListeningQueryRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<ListeningQuery> {
    return this.queries.create(auth, body, requestMeta(req));
  }

  @Patch(':id')
  @RequireRole('manager')
  @ApiDoc({ tag: 'listening', summary: 'Change a listening query', body: UpdateListeningQueryRequestSchema, response: ListeningQuerySchema })
  update(
    @Auth() auth: AuthContext,
    @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams,
    @Body(new ZodValidationPipe(UpdateListeningQueryRequestSchema)) body: z.output<typeof UpdateListeningQueryRequestSchema>,
    @Req() req: AuthedRequest,
  ): Promise<ListeningQuery> {
    return this.queries.update(auth, p.id, body, requestMeta(req));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireRole('manager')
  @ApiDoc({ tag: 'listening', summary: 'Delete a listening query', status: 204 })
  remove(@Auth() auth: AuthContext, @Param(new ZodValidationPipe(IdParamsSchema)) p: IdParams, @Req() req: AuthedRequest): Promise<void> {
    return this.queries.remove(auth, p.id, requestMeta(req));
  }
}
