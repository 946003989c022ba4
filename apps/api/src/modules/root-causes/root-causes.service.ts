import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type {
  BoardOwner,
  CategoryOwner,
  CreatedShareLink,
  FixOutcome,
  PutCategoryOwnerRequest,
  RepresentativeMention,
  RootCauseBoard,
  RootCauseDayPoint,
  RootCauseDetail,
  RootCausePeriod,
  RootCauseRow,
  RootCauseStatus,
  RootCauseStatusHistoryEntry,
  RootCauseStatusWebhook,
  SentimentLabel,
  SetRootCauseStatusRequestSchema,
  ShareLink,
  SharedRootCauseBoard,
  SourcePlatform,
} from '@earshot/contracts';
import type { z } from 'zod';
import type { AuthContext } from '../../common/auth-context.js';
import { allowedPrivateHosts } from '../../common/net/allowed-hosts.js';
import { assertPublicUrl, checkUrlShape, UnsafeUrlError } from '../../common/net/ssrf-guard.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { WebhookOutboxService } from '../../common/webhooks/webhook-outbox.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AuditService } from '../audit/audit.service.js';
import { addDays, dayIn, daysBetween, eachDay } from './calendar-day.util.js';
import type { CategoryOwnerEntity } from './category-owner.entity.js';
import { FIX_VERDICT_THRESHOLDS, fixVerdict } from './fix-verdict.js';
import type { OwnerShareLinkEntity } from './owner-share-link.entity.js';
import { pickRepresentatives } from './pick-representatives.util.js';
import { RootCauseFiguresRepository, type CandidateRow, type DayRow } from './root-cause-figures.repository.js';
import type { RootCauseStatusEntity, RootCauseStatusHistoryEntity, StatusSetByKind } from './root-cause-status.entity.js';
import { RootCausesRepository } from './root-causes.repository.js';

type StatusInput = z.output<typeof SetRootCauseStatusRequestSchema>;

/** The default board period, in days (and the period before it, of the same length). */
export const DEFAULT_PERIOD_DAYS = 28;
/** A board covers at most this many days. */
export const MAX_PERIOD_DAYS = 366;
const CANDIDATES_PER_CATEGORY = 50;

/** Who changes a status: a desk user, or an owner through a share link. */
export interface StatusActor {
  kind: StatusSetByKind;
  userId: string | null;
  name: string;
  shareLinkId: string | null;
}

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

function badField(path: string, message: string): BadRequestException {
  return new BadRequestException({ error: 'Bad Request', message: `Invalid request: ${path} ${message}`, issues: [{ path, message }] });
}

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);
const round = (n: number, digits = 3): number => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Owners, statuses and the root-cause board. Access is decided before anything is read: the
 * controller's role guard for desk users, a live share link (hash lookup, constant-time compare)
 * for owners, who see exactly their link's categories. Every change is audited; the owner's
 * webhook delivery is written with the status change (WebhookOutboxService sends it after commit).
 */
@Injectable()
export class RootCausesService {
  /** The clock (tests move it). */
  now: () => Date = () => new Date();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: RootCausesRepository,
    private readonly figures: RootCauseFiguresRepository,
    private readonly audit: AuditService,
    private readonly webhooks: WebhookOutboxService,
  ) {}

  // ---- owners

  async listOwners(auth: AuthContext): Promise<CategoryOwner[]> {
    return (await this.repo.listOwners(auth.workspaceId)).map(toOwnerDto);
  }

  async putOwner(auth: AuthContext, category: string, body: PutCategoryOwnerRequest, meta: RequestMeta): Promise<CategoryOwner> {
    const webhookUrl = body.webhookUrl ? await this.checkWebhookUrl(body.webhookUrl) : null;
    const email = body.email.trim().toLowerCase();
    const saved = await this.repo.transaction(async (tx) => {
      const row = await this.repo.upsertOwner(tx, auth.workspaceId, category, { department: body.department.trim(), email, webhookUrl });
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'root_cause.owner_set',
          targetType: 'category',
          data: { category, department: row.department, webhook: webhookUrl !== null },
          ...meta,
        },
        tx,
      );
      return row;
    });
    return toOwnerDto(saved);
  }

  async deleteOwner(auth: AuthContext, category: string, meta: RequestMeta): Promise<void> {
    await this.repo.transaction(async (tx) => {
      if (!(await this.repo.deleteOwner(tx, auth.workspaceId, category))) throw new NotFoundException(`The category ${category} has no owner.`);
      await this.audit.record(
        { workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'root_cause.owner_removed', targetType: 'category', data: { category }, ...meta },
        tx,
      );
    });
  }

  // ---- status

  async setStatusAsUser(auth: AuthContext, category: string, body: StatusInput, meta: RequestMeta): Promise<RootCauseStatus> {
    const names = await this.repo.userNames([auth.userId]);
    return this.setStatus(
      auth.workspaceId,
      category,
      body,
      { kind: 'user', userId: auth.userId, name: names.get(auth.userId) ?? auth.email, shareLinkId: null },
      meta,
    );
  }

  async setStatus(workspaceId: string, category: string, body: StatusInput, actor: StatusActor, meta: RequestMeta): Promise<RootCauseStatus> {
    const tz = await this.figures.timeZone(workspaceId);
    const today = dayIn(this.now(), tz);
    if (body.fixShippedAt && body.fixShippedAt > today) throw badField('fixShippedAt', `must not be in the future (today is ${today} in ${tz})`);
    // Wall-clock time (the board's clock `now` only decides which days are which).
    const setAt = new Date();
    const fixShippedAt = body.status === 'fix_shipped' ? body.fixShippedAt! : null;
    const note = body.note?.trim() || null;
    let queuedWebhook = false;
    const saved = await this.repo.transaction(async (tx) => {
      await this.repo.lockCategory(tx, workspaceId, category);
      const before = await this.repo.findStatus(workspaceId, category, tx);
      const historyId = await this.repo.addHistory(tx, {
        workspaceId,
        category,
        status: body.status,
        note,
        fixShippedAt,
        setByKind: actor.kind,
        setByUserId: actor.userId,
        setByName: actor.name,
        shareLinkId: actor.shareLinkId,
        setAt,
      });
      // The same fix day again keeps the fix (its notices are not sent twice); a new fix day is a new fix.
      const sameFix = before?.status === 'fix_shipped' && before.fixShippedAt === fixShippedAt && before.fixId;
      const fields = {
        status: body.status,
        note,
        fixShippedAt,
        fixId: body.status === 'fix_shipped' ? (sameFix ? before.fixId : historyId) : null,
        setByKind: actor.kind,
        setByUserId: actor.userId,
        setByName: actor.name,
        setAt,
      };
      await this.repo.putStatus(tx, workspaceId, category, fields);
      await this.audit.record(
        {
          workspaceId,
          actorUserId: actor.userId,
          action: 'root_cause.status_changed',
          targetType: 'category',
          data: { category, from: before?.status ?? 'open', to: body.status, fixShippedAt, note, via: actor.kind, shareLinkId: actor.shareLinkId },
          ...meta,
        },
        tx,
      );
      // The owner's webhook: its delivery commits with the change (never lost, never for a change that rolled back).
      const owner = await this.repo.findOwner(workspaceId, category, tx);
      if (owner?.webhookUrl) {
        const payload: RootCauseStatusWebhook = {
          event: 'root_cause.status',
          category,
          status: body.status,
          note,
          fixShippedAt,
          boardUrl: this.boardUrl(category),
        };
        await this.webhooks.enqueue(tx, { workspaceId, event: payload.event, url: owner.webhookUrl, payload });
        queuedWebhook = true;
      }
      return { ...fields, workspaceId, category } as RootCauseStatusEntity;
    });
    if (queuedWebhook) this.webhooks.kick();
    return toStatusDto(saved);
  }

  /** The desk's page for a category: absolute with EARSHOT_PUBLIC_URL, else the path. */
  boardUrl(category?: string): string {
    const path = `/root-causes${category ? `/${encodeURIComponent(category)}` : ''}`;
    return this.config.publicUrl ? new URL(path, this.config.publicUrl).toString() : path;
  }

  // ---- board

  async board(auth: AuthContext, q: { from?: string; to?: string }): Promise<RootCauseBoard> {
    return this.buildBoard(auth.workspaceId, q, null);
  }

  async detail(auth: AuthContext, category: string, q: { from?: string; to?: string }): Promise<RootCauseDetail> {
    return this.buildDetail(auth.workspaceId, category, q);
  }

  async buildBoard(workspaceId: string, q: { from?: string; to?: string }, only: string[] | null): Promise<RootCauseBoard> {
    const tz = await this.figures.timeZone(workspaceId);
    const period = this.period(q, tz);
    const end = addDays(period.to, 1);
    const [daily, authors, candidates, owners, statuses] = await Promise.all([
      this.figures.daily(workspaceId, tz, period.previousFrom, end, only),
      this.figures.authors(workspaceId, tz, period.from, end, only),
      this.figures.candidates(workspaceId, tz, period.from, end, only, CANDIDATES_PER_CATEGORY),
      this.repo.listOwners(workspaceId),
      this.repo.listStatuses(workspaceId, only ?? undefined),
    ]);
    const categories = only ?? [...new Set([...daily.map((d) => d.category), ...owners.map((o) => o.category), ...statuses.map((s) => s.category)])].sort();
    const rows = categories.map((category) =>
      this.row(
        category,
        period,
        daily.filter((d) => d.category === category),
        authors.find((a) => a.category === category) ?? null,
        candidates.filter((c) => c.category === category),
        owners.find((o) => o.category === category) ?? null,
        statuses.find((s) => s.category === category) ?? null,
      ),
    );
    rows.sort((a, b) => b.total - a.total || a.category.localeCompare(b.category));
    return { period, categories: rows };
  }

  async buildDetail(workspaceId: string, category: string, q: { from?: string; to?: string }): Promise<RootCauseDetail> {
    const board = await this.buildBoard(workspaceId, q, [category]);
    const row = board.categories[0]!;
    const tz = board.period.timeZone;
    const [history, status] = await Promise.all([this.repo.history(workspaceId, category), this.repo.findStatus(workspaceId, category)]);
    const fix = status?.status === 'fix_shipped' && status.fixShippedAt ? await this.fixOutcome(workspaceId, tz, category, status.fixShippedAt) : null;
    return { ...row, period: board.period, history: history.map(toHistoryDto), fix };
  }

  /** Recurrence and recovery around a fix day, and the verdict (see FIX_VERDICT_THRESHOLDS). */
  async fixOutcome(workspaceId: string, tz: string, category: string, fixDay: string): Promise<FixOutcome> {
    const t = FIX_VERDICT_THRESHOLDS;
    const today = dayIn(this.now(), tz);
    // Full days after the fix day that are over (the fix day and today are partial).
    const daysSinceFix = Math.max(0, daysBetween(fixDay, today) - 1);
    const n = Math.min(t.maxWindowDays, daysSinceFix);
    let recurrence: FixOutcome['recurrence'] = null;
    if (n > 0) {
      const days = await this.figures.daily(workspaceId, tz, addDays(fixDay, -n), addDays(fixDay, n + 1), [category]);
      const sum = (from: string, to: string) => days.filter((d) => d.day >= from && d.day <= to).reduce((s, d) => s + d.volume, 0);
      const before = sum(addDays(fixDay, -n), addDays(fixDay, -1)) / n;
      const after = sum(addDays(fixDay, 1), addDays(fixDay, n)) / n;
      recurrence = { beforePerDay: round(before), afterPerDay: round(after), changePercent: before > 0 ? round(((after - before) / before) * 100, 1) : null };
    }
    const moods = await this.figures.authorMoods(workspaceId, tz, category, addDays(fixDay, -t.recoveryLookbackDays), fixDay, addDays(fixDay, 1));
    let recovery: FixOutcome['recovery'] = null;
    if (moods.length > 0) {
      const again = moods.filter((m) => m.afterCount > 0);
      const total = (k: keyof (typeof moods)[number]) => again.reduce((s, m) => s + (m[k] as number), 0);
      const mean = (sum: number, count: number) => (count > 0 ? round(sum / count) : null);
      recovery = {
        authorsBefore: moods.length,
        authorsWroteAgain: again.length,
        noLongerNegative: again.filter((m) => m.afterNegative === 0).length,
        before: {
          negativeShare: nullableRound(share(total('beforeNegative'), total('beforeCount'))),
          meanSentiment: mean(total('beforeScoreSum'), total('beforeScored')),
        },
        after: {
          negativeShare: nullableRound(share(total('afterNegative'), total('afterCount'))),
          meanSentiment: mean(total('afterScoreSum'), total('afterScored')),
        },
      };
    }
    const { verdict, sentence } = fixVerdict(category, daysSinceFix, recurrence, recovery);
    return { fixShippedAt: fixDay, daysSinceFix, windowDays: n, recurrence, recovery, verdict, sentence };
  }

  private period(q: { from?: string; to?: string }, tz: string): RootCausePeriod {
    const today = dayIn(this.now(), tz);
    const to = q.to ?? (q.from ? today : today);
    const from = q.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
    if (from > to) throw badField('from', 'must not be after to');
    const days = daysBetween(from, to) + 1;
    if (days > MAX_PERIOD_DAYS) throw badField('from', `must be at most ${MAX_PERIOD_DAYS} days before to`);
    return { from, to, previousFrom: addDays(from, -days), previousTo: addDays(from, -1), days, timeZone: tz };
  }

  private row(
    category: string,
    period: RootCausePeriod,
    daily: DayRow[],
    authors: { authors: number; reach: number } | null,
    candidates: CandidateRow[],
    owner: CategoryOwnerEntity | null,
    status: RootCauseStatusEntity | null,
  ): RootCauseRow {
    const byDay = new Map(daily.map((d) => [d.day, d]));
    const series: RootCauseDayPoint[] = eachDay(period.from, period.to).map((date) => {
      const d = byDay.get(date);
      const volume = d?.volume ?? 0;
      const negative = d?.negative ?? 0;
      return { date, volume, negative, negativeShare: nullableRound(share(negative, volume)) };
    });
    const inPrev = daily.filter((d) => d.day >= period.previousFrom && d.day <= period.previousTo);
    const total = series.reduce((s, d) => s + d.volume, 0);
    const negative = series.reduce((s, d) => s + d.negative, 0);
    const previousTotal = inPrev.reduce((s, d) => s + d.volume, 0);
    const previousNegative = inPrev.reduce((s, d) => s + d.negative, 0);
    return {
      category,
      series,
      total,
      previousTotal,
      change: { absolute: total - previousTotal, percent: previousTotal > 0 ? round(((total - previousTotal) / previousTotal) * 100, 1) : null },
      negativeShare: nullableRound(share(negative, total)),
      previousNegativeShare: nullableRound(share(previousNegative, previousTotal)),
      authorsAffected: authors?.authors ?? 0,
      reach: authors?.reach ?? 0,
      representatives: pickRepresentatives(candidates).map(toRepresentative),
      owner: owner ? ({ department: owner.department, email: owner.email } satisfies BoardOwner) : null,
      status: status ? toStatusDto(status) : { status: 'open', note: null, fixShippedAt: null, setBy: null, setAt: null },
    };
  }

  // ---- share links

  async createShareLink(auth: AuthContext, body: { categories: string[]; expiresInDays: number }, meta: RequestMeta): Promise<CreatedShareLink> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.now().getTime() + body.expiresInDays * 86_400_000);
    const row = await this.repo.transaction(async (tx) => {
      const link = await this.repo.insertShareLink(tx, {
        workspaceId: auth.workspaceId,
        tokenHash: hashToken(token),
        categories: body.categories,
        createdById: auth.userId,
        expiresAt,
      });
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'root_cause.share_link_created',
          targetType: 'share_link',
          targetId: link.id,
          data: { categories: body.categories, expiresAt: expiresAt.toISOString() },
          ...meta,
        },
        tx,
      );
      return link;
    });
    const names = await this.repo.userNames([auth.userId]);
    return { ...this.toShareLinkDto(row, names), token, path: `/share/root-causes/${token}` };
  }

  async listShareLinks(auth: AuthContext): Promise<ShareLink[]> {
    const rows = await this.repo.listShareLinks(auth.workspaceId);
    const names = await this.repo.userNames([...new Set(rows.map((r) => r.createdById).filter((x): x is string => Boolean(x)))]);
    return rows.map((r) => this.toShareLinkDto(r, names));
  }

  async revokeShareLink(auth: AuthContext, id: string, meta: RequestMeta): Promise<void> {
    await this.repo.transaction(async (tx) => {
      const link = await this.repo.findShareLink(auth.workspaceId, id, tx);
      if (!link) throw new NotFoundException('No such share link in this workspace.');
      await this.repo.revokeShareLink(tx, auth.workspaceId, id, this.now());
      await this.audit.record(
        { workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'root_cause.share_link_revoked', targetType: 'share_link', targetId: id, ...meta },
        tx,
      );
    });
  }

  /** The live link a token names; 404 in plain words for anything else (unknown, expired, revoked look alike). */
  async resolveShareLink(token: string): Promise<OwnerShareLinkEntity> {
    const hash = hashToken(token);
    const link = await this.repo.findShareLinkByHash(hash);
    const gone = new NotFoundException('This link does not work (any more): it may have expired or been revoked. Ask the team for a new one.');
    if (!link || !timingSafeEqual(Buffer.from(link.tokenHash, 'hex'), Buffer.from(hash, 'hex'))) throw gone;
    if (link.revokedAt || link.expiresAt.getTime() <= this.now().getTime()) throw gone;
    return link;
  }

  async sharedBoard(token: string, q: { from?: string; to?: string }): Promise<SharedRootCauseBoard> {
    const link = await this.resolveShareLink(token);
    const board = await this.buildBoard(link.workspaceId, q, link.categories);
    const categories: RootCauseDetail[] = [];
    for (const c of link.categories) categories.push(await this.buildDetail(link.workspaceId, c, q));
    return { workspaceName: await this.figures.workspaceName(link.workspaceId), period: board.period, expiresAt: link.expiresAt.toISOString(), categories };
  }

  async setStatusByShareLink(token: string, category: string, body: StatusInput, meta: RequestMeta): Promise<RootCauseStatus> {
    const link = await this.resolveShareLink(token);
    if (!link.categories.includes(category)) throw new NotFoundException('This link does not cover that category.');
    const owner = await this.repo.findOwner(link.workspaceId, category);
    return this.setStatus(
      link.workspaceId,
      category,
      body,
      { kind: 'share_link', userId: null, name: owner ? `${owner.department} (owner link)` : 'Owner (link)', shareLinkId: link.id },
      meta,
    );
  }

  private toShareLinkDto(r: OwnerShareLinkEntity, names: Map<string, string>): ShareLink {
    return {
      id: r.id,
      categories: r.categories,
      createdBy: r.createdById ? { id: r.createdById, name: names.get(r.createdById) ?? 'former user' } : null,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
      active: !r.revokedAt && r.expiresAt.getTime() > this.now().getTime(),
    };
  }

  // ---- helpers

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

  /** The current status row (for notify). */
  async statusRow(workspaceId: string, category: string): Promise<RootCauseStatusEntity | null> {
    return this.repo.findStatus(workspaceId, category);
  }

  assertFixShipped(status: RootCauseStatusEntity | null, category: string): asserts status is RootCauseStatusEntity & { fixShippedAt: string; fixId: string } {
    if (status?.status !== 'fix_shipped' || !status.fixShippedAt || !status.fixId)
      throw new ConflictException(`Authors are told about a fix only once it shipped: set the status of ${category} to fix shipped first.`);
  }
}

function nullableRound(n: number | null): number | null {
  return n === null ? null : round(n);
}

function toOwnerDto(o: CategoryOwnerEntity): CategoryOwner {
  return { category: o.category, department: o.department, email: o.email, webhookUrl: o.webhookUrl, updatedAt: o.updatedAt.toISOString() };
}

function toStatusDto(
  s: Pick<RootCauseStatusEntity, 'status' | 'note' | 'fixShippedAt' | 'setByKind' | 'setByName' | 'setByUserId' | 'setAt'>,
): RootCauseStatus {
  return {
    status: s.status,
    note: s.note,
    fixShippedAt: s.fixShippedAt,
    setBy: { kind: s.setByKind, name: s.setByName, userId: s.setByUserId },
    setAt: s.setAt.toISOString(),
  };
}

function toHistoryDto(h: RootCauseStatusHistoryEntity): RootCauseStatusHistoryEntry {
  return {
    id: h.id,
    status: h.status,
    note: h.note,
    fixShippedAt: h.fixShippedAt,
    setBy: { kind: h.setByKind, name: h.setByName, userId: h.setByUserId },
    setAt: h.setAt.toISOString(),
  };
}

function toRepresentative(c: CandidateRow): RepresentativeMention {
  return {
    id: c.id,
    platform: c.platform as SourcePlatform,
    text: c.text,
    url: c.url && /^https?:\/\//i.test(c.url) ? c.url : null,
    postedAt: c.postedAt.toISOString(),
    authorHandle: c.handle,
    authorFollowers: c.followers,
    sentimentLabel: (c.label as SentimentLabel | null) ?? null,
    urgencyScore: c.urgency,
  };
}
