import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { VoiceGuideBodySchema, type VoiceGuide, type VoiceGuideBody } from '@earshot/contracts';
import { DEFAULT_VOICE_GUIDE, RULE_IDS, isRuleId } from '@earshot/voice';
import type { EntityManager } from 'typeorm';
import type { AuthContext } from '../../common/auth-context.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import type { BrandEntity } from '../brands/brand.entity.js';
import { BrandsRepository } from '../brands/brands.repository.js';
import type { VoiceGuideEntity } from './voice-guide.entity.js';
import { VoiceGuidesRepository } from './voice-guides.repository.js';

/**
 * One voice guide per own brand. Reading: every role; saving and resetting: managers and
 * admins (the routes declare it). Resetting is `DELETE /api/brands/:id/voice`: the saved row
 * goes and the shipped default applies again (`customised: false`).
 */
@Injectable()
export class VoiceGuideService {
  constructor(
    private readonly guides: VoiceGuidesRepository,
    private readonly brands: BrandsRepository,
    private readonly audit: AuditService,
  ) {}

  /** For the replies module: the brand's saved guide, or the shipped default. Scoped to the workspace. */
  async guideFor(workspaceId: string, brandId: string): Promise<VoiceGuideBody> {
    const row = await this.guides.findForBrand(workspaceId, brandId);
    return row ? storedGuide(row) : DEFAULT_VOICE_GUIDE;
  }

  async get(auth: AuthContext, brandId: string): Promise<VoiceGuide> {
    await this.ownBrand(this.guides.reads, auth.workspaceId, brandId);
    const row = await this.guides.findForBrand(auth.workspaceId, brandId);
    if (!row) return { ...DEFAULT_VOICE_GUIDE, brandId, customised: false, updatedAt: null, updatedBy: null };
    const editor = row.updatedById ? await this.guides.findEditor(auth.workspaceId, row.updatedById) : null;
    return toVoiceGuideDto(row, editor);
  }

  async put(auth: AuthContext, brandId: string, guide: VoiceGuideBody, meta: RequestMeta): Promise<VoiceGuide> {
    assertKnownRules(guide);
    return this.guides.transaction(async (m) => {
      // The brand row's lock orders two managers saving at once (and a reset or brand delete meanwhile).
      const brand = await this.ownBrand(m, auth.workspaceId, brandId, true);
      const before = await this.guides.findForBrand(auth.workspaceId, brand.id, m);
      const previous = before ? storedGuide(before) : DEFAULT_VOICE_GUIDE;
      const saved = await this.guides.save(m, { brandId: brand.id, workspaceId: auth.workspaceId, guide, updatedById: auth.userId });
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'voice_guide.updated',
          targetType: 'brand',
          targetId: brand.id,
          data: { brand: brand.name, changed: changedKeys(previous, guide), wasCustomised: before !== null },
          ...meta,
        },
        m,
      );
      const editor = await this.guides.findEditor(auth.workspaceId, auth.userId, m);
      return toVoiceGuideDto(saved, editor);
    });
  }

  /** Back to the shipped default; a brand already on the default is a no-op (204, no audit event). */
  async reset(auth: AuthContext, brandId: string, meta: RequestMeta): Promise<void> {
    await this.guides.transaction(async (m) => {
      const brand = await this.ownBrand(m, auth.workspaceId, brandId, true);
      if (!(await this.guides.deleteForBrand(m, auth.workspaceId, brand.id))) return;
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'voice_guide.reset',
          targetType: 'brand',
          targetId: brand.id,
          data: { brand: brand.name },
          ...meta,
        },
        m,
      );
    });
  }

  /** Another workspace's brand is a 404 like a missing one; a competitor has no voice of ours. */
  private async ownBrand(m: EntityManager, workspaceId: string, brandId: string, lock = false): Promise<BrandEntity> {
    const brand = lock ? await this.brands.findInWorkspaceForUpdate(m, workspaceId, brandId) : await this.brands.findInWorkspace(m, workspaceId, brandId);
    if (!brand) throw new NotFoundException('No such brand in this workspace.');
    if (brand.kind !== 'own') throw new BadRequestException(`${brand.name} is a competitor: voice guides are for your own brands.`);
    return brand;
  }
}

/** An override for a rule the linter does not have would silently do nothing: refuse it, listing the rules. */
function assertKnownRules(guide: VoiceGuideBody): void {
  const unknown = Object.keys(guide.rules).filter((id) => !isRuleId(id));
  if (unknown.length === 0) return;
  const issues = unknown.map((id) => ({ path: `rules.${id}`, message: `is not a rule; the rules are ${RULE_IDS.join(', ')}` }));
  throw new BadRequestException({ error: 'Bad Request', message: `Invalid request: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues });
}

/**
 * The stored guide through today's schema, so a field added since it was saved gets its
 * default. A guide the schema no longer accepts keeps what it can over the default rather than
 * silently losing the brand's rules.
 */
function storedGuide(row: VoiceGuideEntity): VoiceGuideBody {
  const parsed = VoiceGuideBodySchema.safeParse(row.guide);
  return parsed.success ? parsed.data : { ...DEFAULT_VOICE_GUIDE, ...row.guide };
}

function toVoiceGuideDto(row: VoiceGuideEntity, editor: { id: string; name: string } | null): VoiceGuide {
  return {
    ...storedGuide(row),
    brandId: row.brandId,
    customised: true,
    updatedAt: row.updatedAt.toISOString(),
    updatedBy: editor ? { id: editor.id, name: editor.name } : null,
  };
}

/** Which parts of the guide a save changed, for the audit event (the phrases themselves stay in the row). */
function changedKeys(before: VoiceGuideBody, after: VoiceGuideBody): string[] {
  return (Object.keys(after) as Array<keyof VoiceGuideBody>).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
