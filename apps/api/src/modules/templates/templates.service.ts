import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { CreateTemplateRequestSchema, ReplyTemplate, TemplateListQuerySchema, UpdateTemplateRequestSchema } from '@earshot/contracts';
import type { z } from 'zod';
import { QueryFailedError, type EntityManager } from 'typeorm';
import type { AuthContext } from '../../common/auth-context.js';
import { isUniqueViolation } from '../../common/db/is-unique-violation.util.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { BrandsRepository } from '../brands/brands.repository.js';
import { toReplyTemplateDto } from './reply-template.mapper.js';
import { templateBodyIssues } from './template-body.check.js';
import { TemplatesRepository } from './templates.repository.js';

type CreateInput = z.output<typeof CreateTemplateRequestSchema>;
type UpdateInput = z.output<typeof UpdateTemplateRequestSchema>;

const NOT_FOUND = 'No such template in this workspace.';

/** Reply templates per brand: everyone reads them, managers and admins write them (the route declares the role). */
@Injectable()
export class TemplatesService {
  constructor(
    private readonly templates: TemplatesRepository,
    private readonly brands: BrandsRepository,
    private readonly audit: AuditService,
  ) {}

  /** For the replies module: one template of this workspace, or null (another workspace's id is null too). */
  async findOne(workspaceId: string, id: string): Promise<ReplyTemplate | null> {
    const t = await this.templates.findOneInWorkspace(workspaceId, id);
    return t ? toReplyTemplateDto(t) : null;
  }

  /** Another workspace's brand id gives an empty list, the same as a brand without templates. */
  async list(auth: AuthContext, query: z.output<typeof TemplateListQuerySchema>): Promise<ReplyTemplate[]> {
    return (await this.templates.listInWorkspace(auth.workspaceId, query.brandId)).map(toReplyTemplateDto);
  }

  async get(auth: AuthContext, id: string): Promise<ReplyTemplate> {
    const t = await this.findOne(auth.workspaceId, id);
    if (!t) throw new NotFoundException(NOT_FOUND);
    return t;
  }

  async create(auth: AuthContext, input: CreateInput, meta: RequestMeta): Promise<ReplyTemplate> {
    assertBody(input.body);
    return this.writing(auth.workspaceId, input.shortcut, async (m, scope) => {
      const brand = await this.brands.findInWorkspace(m, auth.workspaceId, input.brandId);
      if (!brand) throw badField('brandId', 'is not one of your brands');
      if (brand.kind !== 'own') throw badField('brandId', `is ${brand.name}, a competitor: templates belong to your own brands`);
      scope.brandId = brand.id;
      await this.assertShortcutFree(m, auth.workspaceId, brand.id, input.shortcut);
      const t = await this.templates.insert(m, { ...input, ...distinctLists(input), workspaceId: auth.workspaceId, brandId: brand.id });
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'template.created',
          targetType: 'reply_template',
          targetId: t.id,
          data: { brandId: t.brandId, title: t.title, shortcut: t.shortcut },
          ...meta,
        },
        m,
      );
      return toReplyTemplateDto(t);
    });
  }

  async update(auth: AuthContext, id: string, input: UpdateInput, meta: RequestMeta): Promise<ReplyTemplate> {
    if (input.body !== undefined) assertBody(input.body);
    input = { ...input, ...distinctLists(input) };
    return this.writing(auth.workspaceId, input.shortcut, async (m, scope) => {
      const t = await this.templates.findInWorkspaceForUpdate(m, auth.workspaceId, id);
      if (!t) throw new NotFoundException(NOT_FOUND);
      scope.brandId = t.brandId;
      scope.exceptId = t.id;
      if (input.shortcut) await this.assertShortcutFree(m, auth.workspaceId, t.brandId, input.shortcut, t.id);
      // Only what changed goes into the row and the audit event (the body itself is not copied into the audit log).
      const changed: string[] = [];
      for (const key of Object.keys(input) as Array<keyof UpdateInput>) {
        const value = input[key];
        if (value === undefined || JSON.stringify(value) === JSON.stringify(t[key])) continue;
        (t as unknown as Record<string, unknown>)[key] = value;
        changed.push(key);
      }
      if (changed.length === 0) return toReplyTemplateDto(t);
      const saved = await this.templates.save(m, t);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'template.updated',
          targetType: 'reply_template',
          targetId: t.id,
          data: { brandId: t.brandId, title: saved.title, changed },
          ...meta,
        },
        m,
      );
      return toReplyTemplateDto(saved);
    });
  }

  async remove(auth: AuthContext, id: string, meta: RequestMeta): Promise<void> {
    await this.templates.transaction(async (m) => {
      const t = await this.templates.findInWorkspaceForUpdate(m, auth.workspaceId, id);
      if (!t) throw new NotFoundException(NOT_FOUND);
      await this.templates.deleteInWorkspace(m, auth.workspaceId, id);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'template.deleted',
          targetType: 'reply_template',
          targetId: id,
          data: { brandId: t.brandId, title: t.title },
          ...meta,
        },
        m,
      );
    });
  }

  /**
   * A write in one transaction. Two managers saving the same shortcut at once both pass the
   * check; the unique index stops the second, which then reads the winner (committed by now)
   * to get the same 409 naming the template. The brand deleted meanwhile fails the foreign
   * key: the brand is gone, so 400 as for any unknown brand.
   */
  private async writing(
    workspaceId: string,
    shortcut: string | null | undefined,
    fn: (m: EntityManager, scope: { brandId?: string; exceptId?: string }) => Promise<ReplyTemplate>,
  ): Promise<ReplyTemplate> {
    const scope: { brandId?: string; exceptId?: string } = {};
    try {
      return await this.templates.transaction((m) => fn(m, scope));
    } catch (e) {
      if (isUniqueViolation(e)) {
        if (scope.brandId) await this.assertShortcutFree(this.templates.reads, workspaceId, scope.brandId, shortcut, scope.exceptId);
        throw new ConflictException(`The shortcut /${shortcut} is already used by another template of this brand.`);
      }
      if (isForeignKeyViolation(e)) throw badField('brandId', 'is not one of your brands');
      throw e;
    }
  }

  private async assertShortcutFree(
    m: EntityManager,
    workspaceId: string,
    brandId: string,
    shortcut: string | null | undefined,
    exceptId?: string,
  ): Promise<void> {
    if (!shortcut) return;
    const holder = await this.templates.findByShortcut(m, workspaceId, brandId, shortcut, exceptId);
    if (holder) {
      throw new ConflictException({
        error: 'Conflict',
        message: `The shortcut /${shortcut} is already used by the template "${holder.title}" of this brand; pick another.`,
        issues: [{ path: 'shortcut', message: `is already used by the template "${holder.title}"` }],
      });
    }
  }
}

/** A body with an unknown variable, an unclosed `{{` or a bad fallback is refused at save, each problem with its position. */
function assertBody(body: string): void {
  const issues = templateBodyIssues(body);
  if (issues.length === 0) return;
  throw new BadRequestException({ error: 'Bad Request', message: `Invalid request: ${issues.map((i) => `body ${i.message}`).join('; ')}`, issues });
}

/** Each intent and category once ("complaint, complaint" suits nothing more than "complaint"). */
function distinctLists<T extends { intents?: UpdateInput['intents']; categories?: string[] }>(input: T): Partial<Pick<T, 'intents' | 'categories'>> {
  return {
    ...(input.intents ? { intents: [...new Set(input.intents)] } : {}),
    ...(input.categories ? { categories: [...new Set(input.categories)] } : {}),
  } as Partial<Pick<T, 'intents' | 'categories'>>;
}

function badField(path: string, message: string): BadRequestException {
  return new BadRequestException({ error: 'Bad Request', message: `Invalid request: ${path} ${message}`, issues: [{ path, message }] });
}

/** PostgreSQL's foreign_key_violation (23503): the row's brand is gone. */
function isForeignKeyViolation(e: unknown): boolean {
  return e instanceof QueryFailedError && (e.driverError as { code?: string } | undefined)?.code === '23503';
}
