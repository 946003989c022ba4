import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Brand, CreateBrandRequestSchema, UpdateBrandRequestSchema } from '@earshot/contracts';
import { isUniqueViolation } from '../../common/db/is-unique-violation.util.js';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { AuditService } from '../audit/audit.service.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { BrandsRepository } from './brands.repository.js';
import { toBrandDto } from './brand.mapper.js';

@Injectable()
export class BrandsService {
  constructor(
    private readonly brands: BrandsRepository,
    private readonly audit: AuditService,
  ) {}

  async list(auth: AuthContext): Promise<Brand[]> {
    const rows = await this.brands.listInWorkspace(auth.workspaceId);
    return rows.map(toBrandDto);
  }

  async create(auth: AuthContext, input: z.output<typeof CreateBrandRequestSchema>, meta: RequestMeta): Promise<Brand> {
    try {
      return await this.brands.transaction(async (m) => {
        const b = await this.brands.insert(m, { workspaceId: auth.workspaceId, name: input.name, kind: input.kind, handles: [...new Set(input.handles)] });
        await this.audit.record(
          {
            workspaceId: auth.workspaceId,
            actorUserId: auth.userId,
            action: 'brand.created',
            targetType: 'brand',
            targetId: b.id,
            data: { name: b.name, kind: b.kind },
            ...meta,
          },
          m,
        );
        return toBrandDto(b);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException(`A brand named ${input.name} already exists.`);
      throw e;
    }
  }

  async update(auth: AuthContext, id: string, input: z.output<typeof UpdateBrandRequestSchema>, meta: RequestMeta): Promise<Brand> {
    try {
      return await this.brands.transaction(async (m) => {
        const b = await this.brands.findInWorkspaceForUpdate(m, auth.workspaceId, id);
        if (!b) throw new NotFoundException('No such brand in this workspace.');
        if (input.name !== undefined) b.name = input.name;
        if (input.kind !== undefined) b.kind = input.kind;
        if (input.handles !== undefined) b.handles = [...new Set(input.handles)];
        const saved = await this.brands.save(m, b);
        await this.audit.record(
          {
            workspaceId: auth.workspaceId,
            actorUserId: auth.userId,
            action: 'brand.updated',
            targetType: 'brand',
            targetId: b.id,
            data: { ...input },
            ...meta,
          },
          m,
        );
        return toBrandDto(saved);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException(`A brand named ${input.name} already exists.`);
      throw e;
    }
  }

  async remove(auth: AuthContext, id: string, meta: RequestMeta): Promise<void> {
    await this.brands.transaction(async (m) => {
      if (!(await this.brands.deleteInWorkspace(m, auth.workspaceId, id))) throw new NotFoundException('No such brand in this workspace.');
      await this.audit.record(
        { workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'brand.deleted', targetType: 'brand', targetId: id, ...meta },
        m,
      );
    });
  }
}
