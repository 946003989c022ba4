import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { AlertRule, CreateAlertRuleRequestSchema, UpdateAlertRuleRequestSchema } from '@earshot/contracts';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { isUniqueViolation } from '../../common/db/is-unique-violation.util.js';
import { InvalidRecipientError, assertSingleAddress } from '../../common/mail/single-address.util.js';
import { allowedPrivateHosts } from '../../common/net/allowed-hosts.js';
import { UnsafeUrlError, assertPublicUrl, checkUrlShape } from '../../common/net/ssrf-guard.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AuditService } from '../audit/audit.service.js';
import { takeChangeSeqs } from '../mentions/change-seq.repository.js';
import { toAlertDto, toAlertRuleDto } from './alert.mapper.js';
import { AlertNotifierService, type AlertAnnouncement } from './alert-notifier.service.js';
import type { AlertRuleEntity } from './alert-rule.entity.js';
import { AlertsRepository } from './alerts.repository.js';

type CreateInput = z.output<typeof CreateAlertRuleRequestSchema>;
type UpdateInput = z.output<typeof UpdateAlertRuleRequestSchema>;

function badField(path: string, message: string): BadRequestException {
  return new BadRequestException({ error: 'Bad Request', message: `Invalid request: ${path} ${message}`, issues: [{ path, message }] });
}

/**
 * Alert rules (managers and admins). Every own brand has its all-categories rule (made here or by the runner when
 * first needed): it can be disabled but not deleted, since it would come straight back. Webhook URLs follow the
 * guarded fetch's policy (https; http only to an allowed private host), e-mail is one plain address. Changes are
 * audited; the audit names what changed, never the webhook URL (it may hold the receiver's secret).
 */
@Injectable()
export class AlertRulesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: AlertsRepository,
    private readonly audit: AuditService,
    private readonly notifier: AlertNotifierService,
  ) {}

  async list(auth: AuthContext): Promise<AlertRule[]> {
    await this.repo.ensureDefaultRules(auth.workspaceId);
    return (await this.repo.listRules(auth.workspaceId)).map((r) => toAlertRuleDto(r.rule, { name: r.brandName, kind: r.brandKind }));
  }

  async create(auth: AuthContext, body: CreateInput, meta: RequestMeta): Promise<AlertRule> {
    const brand = await this.repo.brand(auth.workspaceId, body.brandId);
    if (!brand) throw badField('brandId', 'is not a brand of this workspace');
    const webhookUrl = body.webhookUrl ? await this.checkWebhookUrl(body.webhookUrl) : null;
    const email = body.email ? checkEmail(body.email) : null;
    const category = body.category ?? null;
    await this.repo.ensureDefaultRules(auth.workspaceId);
    try {
      const rule = await this.repo.transaction(async (tx) => {
        if (await this.repo.findRuleFor(tx, auth.workspaceId, body.brandId, category)) throw conflict(brand.name, category);
        const row = await this.repo.insertRule(tx, {
          workspaceId: auth.workspaceId,
          brandId: body.brandId,
          category,
          enabled: body.enabled ?? true,
          metrics: body.metrics ?? ['volume', 'negative_share'],
          webhookUrl,
          email,
        });
        await this.audit.record(
          {
            workspaceId: auth.workspaceId,
            actorUserId: auth.userId,
            action: 'alert_rule.created',
            targetType: 'alert_rule',
            targetId: row.id,
            data: { brandId: row.brandId, category, enabled: row.enabled, metrics: row.metrics, webhook: webhookUrl !== null, email: email !== null },
            ...meta,
          },
          tx,
        );
        return row;
      });
      return toAlertRuleDto(rule, brand);
    } catch (e) {
      if (isUniqueViolation(e)) throw conflict(brand.name, category);
      throw e;
    }
  }

  async update(auth: AuthContext, id: string, body: UpdateInput, meta: RequestMeta): Promise<AlertRule> {
    const webhookUrl = body.webhookUrl ? await this.checkWebhookUrl(body.webhookUrl) : body.webhookUrl;
    const email = body.email ? checkEmail(body.email) : body.email;
    let announce: AlertAnnouncement[] = [];
    const saved = await this.repo.transaction(async (tx) => {
      const rule = await this.repo.findRuleForUpdate(tx, auth.workspaceId, id);
      if (!rule) throw new NotFoundException('No such alert rule in this workspace.');
      const changed: string[] = [];
      if (body.enabled !== undefined && body.enabled !== rule.enabled) {
        rule.enabled = body.enabled;
        changed.push('enabled');
        if (!rule.enabled) {
          // It stops watching: its open alert closes, and once enabled again it relearns from the stored mentions
          // (a run in flight loses its lease and rolls back its last step).
          announce = await this.closeOpenAlert(tx, rule);
          Object.assign(rule, { detectorState: null, watermark: null, lateCheckedAt: null, lateMentions: 0, leaseToken: null, leasedUntil: null });
        }
      }
      if (body.metrics !== undefined && body.metrics.join() !== rule.metrics.join()) {
        rule.metrics = body.metrics;
        changed.push('metrics');
      }
      if (webhookUrl !== undefined && webhookUrl !== rule.webhookUrl) {
        rule.webhookUrl = webhookUrl;
        changed.push('webhookUrl');
      }
      if (email !== undefined && email !== rule.email) {
        rule.email = email;
        changed.push('email');
      }
      const row = await this.repo.saveRule(tx, rule);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'alert_rule.updated',
          targetType: 'alert_rule',
          targetId: id,
          data: { changed, enabled: row.enabled, metrics: row.metrics, webhook: row.webhookUrl !== null, email: row.email !== null },
          ...meta,
        },
        tx,
      );
      return row;
    });
    this.notifier.announce(auth.workspaceId, announce);
    const brand = await this.repo.brand(auth.workspaceId, saved.brandId);
    return toAlertRuleDto(saved, brand ?? { name: '', kind: 'own' });
  }

  async remove(auth: AuthContext, id: string, meta: RequestMeta): Promise<void> {
    const announce = await this.repo.transaction(async (tx) => {
      const rule = await this.repo.findRuleForUpdate(tx, auth.workspaceId, id);
      if (!rule) throw new NotFoundException('No such alert rule in this workspace.');
      const brand = await this.repo.brand(auth.workspaceId, rule.brandId, tx);
      if (rule.category === null && brand?.kind === 'own')
        throw new ConflictException(`Every own brand keeps its rule for all its mentions: disable it instead (PATCH with enabled false).`);
      const closed = await this.closeOpenAlert(tx, rule);
      await this.repo.deleteRule(tx, auth.workspaceId, id);
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'alert_rule.deleted',
          targetType: 'alert_rule',
          targetId: id,
          data: { brandId: rule.brandId, category: rule.category },
          ...meta,
        },
        tx,
      );
      return closed;
    });
    this.notifier.announce(auth.workspaceId, announce);
  }

  /** A rule that stops watching (disabled or deleted) clears its open alert at the end of the last minute it judged. */
  private async closeOpenAlert(tx: EntityManager, rule: AlertRuleEntity): Promise<AlertAnnouncement[]> {
    const open = await this.repo.openAlert(tx, rule.workspaceId, rule.id);
    if (!open) return [];
    const clearedAt = new Date(Math.max(open.raisedAt.getTime(), (rule.watermark?.getTime() ?? 0) + 60_000));
    const queryIds = await this.repo.queryIdsOfBrand(rule.workspaceId, rule.brandId);
    const mentionCount = await this.repo.countMentions({ workspaceId: rule.workspaceId, queryIds, category: rule.category }, open.surgeStart, clearedAt, tx);
    const seq = await takeChangeSeqs(tx, rule.workspaceId, 1);
    const row = await this.repo.clearAlert(tx, rule.workspaceId, open.id, { clearedAt, seq, mentionCount, topTerms: null });
    if (!row || row.historical) return [];
    const brand = await this.repo.brand(rule.workspaceId, rule.brandId, tx);
    return [{ kind: 'cleared', alert: toAlertDto(row, brand?.name ?? '', new Date()), webhook: false }];
  }

  /** https, or http to an allowed private host; the address must be public unless allowed (checked again on every POST). */
  private async checkWebhookUrl(raw: string): Promise<string> {
    const allowed = allowedPrivateHosts(this.config);
    try {
      const shape = checkUrlShape(raw, allowed);
      if (shape.url.protocol !== 'https:' && !shape.allowed) throw new UnsafeUrlError('must be an https URL');
      await assertPublicUrl(raw, allowed);
      return shape.url.toString();
    } catch (e) {
      if (e instanceof UnsafeUrlError) throw badField('webhookUrl', e.message);
      throw e;
    }
  }
}

function checkEmail(raw: string): string {
  try {
    return assertSingleAddress(raw).toLowerCase();
  } catch (e) {
    if (e instanceof InvalidRecipientError) throw badField('email', e.message);
    throw e;
  }
}

function conflict(brand: string, category: string | null): ConflictException {
  return new ConflictException(`${brand} already has an alert rule for ${category ? `the category ${category}` : 'all its mentions'}: change that one.`);
}
