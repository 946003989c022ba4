import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateListeningQueryRequestSchema, ListeningQuery, UpdateListeningQueryRequestSchema } from '@earshot/contracts';
import { describeQueryError } from '@earshot/query';
import type { DataSource } from 'typeorm';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import { BrandEntity } from '../brands/brand.entity.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { ListeningQueryEntity } from './listening-query.entity.js';
import { QueryMatcherService } from './query-matcher.service.js';

export function toListeningQueryDto(q: ListeningQueryEntity): ListeningQuery {
  return { id: q.id, brandId: q.brandId, name: q.name, query: q.query, topic: q.topic, enabled: q.enabled, createdAt: q.createdAt.toISOString(), updatedAt: q.updatedAt.toISOString() };
}

function assertValidQuery(query: string): void {
  const problem = describeQueryError(query);
  if (problem) {
    throw new BadRequestException({ error: 'Bad Request', message: `Invalid request: query ${problem.message}`, issues: [{ path: 'query', message: problem.message, position: problem.position }] });
  }
}

@Injectable()
export class ListeningQueriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly matcher: QueryMatcherService,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext): Promise<ListeningQuery[]> {
    const rows = await this.dataSource.getRepository(ListeningQueryEntity).find({ where: { workspaceId: auth.workspaceId }, order: { createdAt: 'ASC' } });
    return rows.map(toListeningQueryDto);
  }

  async create(auth: AuthContext, input: z.output<typeof CreateListeningQueryRequestSchema>, meta: RequestMeta): Promise<ListeningQuery> {
    assertValidQuery(input.query);
    const q = await this.dataSource.transaction(async (m) => {
      const brand = await m.findOne(BrandEntity, { where: { workspaceId: auth.workspaceId, id: input.brandId } });
      if (!brand) throw new BadRequestException({ error: 'Bad Request', message: 'Invalid request: brandId is not one of your brands', issues: [{ path: 'brandId', message: 'is not one of your brands' }] });
      const saved = await m.save(m.create(ListeningQueryEntity, { workspaceId: auth.workspaceId, brandId: brand.id, name: input.name, query: input.query, topic: input.topic, enabled: input.enabled }));
      await this.audit.record({ workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'listening_query.created', targetType: 'listening_query', targetId: saved.id, data: { query: saved.query }, ...meta }, m);
      return saved;
    });
    this.matcher.invalidate(auth.workspaceId);
    return toListeningQueryDto(q);
  }

  async update(auth: AuthContext, id: string, input: z.output<typeof UpdateListeningQueryRequestSchema>, meta: RequestMeta): Promise<ListeningQuery> {
    if (input.query !== undefined) assertValidQuery(input.query);
    const q = await this.dataSource.transaction(async (m) => {
      const row = await m.findOne(ListeningQueryEntity, { where: { workspaceId: auth.workspaceId, id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundException('No such listening query in this workspace.');
      Object.assign(row, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      const saved = await m.save(row);
      await this.audit.record({ workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'listening_query.updated', targetType: 'listening_query', targetId: id, data: { ...input }, ...meta }, m);
      return saved;
    });
    this.matcher.invalidate(auth.workspaceId);
    return toListeningQueryDto(q);
  }

  async remove(auth: AuthContext, id: string, meta: RequestMeta): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const res = await m.delete(ListeningQueryEntity, { workspaceId: auth.workspaceId, id });
      if (!res.affected) throw new NotFoundException('No such listening query in this workspace.');
      await this.audit.record({ workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'listening_query.deleted', targetType: 'listening_query', targetId: id, ...meta }, m);
    });
    this.matcher.invalidate(auth.workspaceId);
  }
}
