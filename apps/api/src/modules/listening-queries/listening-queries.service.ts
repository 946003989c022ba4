import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { CreateListeningQueryRequestSchema, ListeningQuery, UpdateListeningQueryRequestSchema } from '@earshot/contracts';
import { describeQueryError } from '@earshot/query';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { BrandsRepository } from '../brands/brands.repository.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { ListeningQueriesRepository } from './listening-queries.repository.js';
import type { ListeningQueryEntity } from './listening-query.entity.js';
import { QueryMatcherService } from './query-matcher.service.js';

export function toListeningQueryDto(q: ListeningQueryEntity): ListeningQuery {
  return {
    id: q.id,
    brandId: q.brandId,
    name: q.name,
    query: q.query,
    topic: q.topic,
    enabled: q.enabled,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

function assertValidQuery(query: string): void {
  const problem = describeQueryError(query);
  if (problem) {
    throw new BadRequestException({
      error: 'Bad Request',
      message: `Invalid request: query ${problem.message}`,
      issues: [{ path: 'query', message: problem.message, position: problem.position }],
    });
  }
}

@Injectable()
export class ListeningQueriesService {
  constructor(
    private readonly queries: ListeningQueriesRepository,
    private readonly brands: BrandsRepository,
    private readonly matcher: QueryMatcherService,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext): Promise<ListeningQuery[]> {
    const rows = await this.queries.listInWorkspace(auth.workspaceId);
    return rows.map(toListeningQueryDto);
  }

  async create(auth: AuthContext, input: z.output<typeof CreateListeningQueryRequestSchema>, meta: RequestMeta): Promise<ListeningQuery> {
    assertValidQuery(input.query);
    const q = await this.queries.transaction(async (m) => {
      const brand = await this.brands.findInWorkspace(m, auth.workspaceId, input.brandId);
      if (!brand)
        throw new BadRequestException({
          error: 'Bad Request',
          message: 'Invalid request: brandId is not one of your brands',
          issues: [{ path: 'brandId', message: 'is not one of your brands' }],
        });
      const saved = await this.queries.insert(m, {
        workspaceId: auth.workspaceId,
        brandId: brand.id,
        name: input.name,
        query: input.query,
        topic: input.topic,
        enabled: input.enabled,
      });
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'listening_query.created',
          targetType: 'listening_query',
          targetId: saved.id,
          data: { query: saved.query },
          ...meta,
        },
        m,
      );
      return saved;
    });
    this.matcher.invalidate(auth.workspaceId);
    return toListeningQueryDto(q);
  }

  async update(auth: AuthContext, id: string, input: z.output<typeof UpdateListeningQueryRequestSchema>, meta: RequestMeta): Promise<ListeningQuery> {
    if (input.query !== undefined) assertValidQuery(input.query);
    const q = await this.queries.transaction(async (m) => {
      const row = await this.queries.findInWorkspaceForUpdate(m, auth.workspaceId, id);
      if (!row) throw new NotFoundException('No such listening query in this workspace.');
      Object.assign(row, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const saved = await this.queries.save(m, row);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'listening_query.updated',
          targetType: 'listening_query',
          targetId: id,
          data: { ...input },
          ...meta,
        },
        m,
      );
      return saved;
    });
    this.matcher.invalidate(auth.workspaceId);
    return toListeningQueryDto(q);
  }

  async remove(auth: AuthContext, id: string, meta: RequestMeta): Promise<void> {
    await this.queries.transaction(async (m) => {
      if (!(await this.queries.deleteInWorkspace(m, auth.workspaceId, id))) throw new NotFoundException('No such listening query in this workspace.');
      await this.audit.record(
        { workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'listening_query.deleted', targetType: 'listening_query', targetId: id, ...meta },
        m,
      );
    });
    this.matcher.invalidate(auth.workspaceId);
  }
}
