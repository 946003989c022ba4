import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { DigestPreview, DigestSendResult, RootCauseRow } from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { MailerService } from '../../common/mail/mailer.service.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { AuditService } from '../audit/audit.service.js';
import { addDays, dayIn } from './calendar-day.util.js';
import type { CategoryOwnerEntity } from './category-owner.entity.js';
import { RootCauseFiguresRepository } from './root-cause-figures.repository.js';
import { RootCausesRepository } from './root-causes.repository.js';
import { RootCausesService } from './root-causes.service.js';

/** How many representative mentions each category shows in the digest. */
const DIGEST_REPRESENTATIVES = 2;

const oneLine = (s: string, max: number) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/**
 * The weekly owner digest: each owner address gets their categories' last seven days (volume
 * and change against the seven before, negative share, status, the fix verdict, two
 * representative mentions, the board link). The weekly round claims an `owner_digest` row per
 * (workspace, owner, week) before sending, so several api instances send it once.
 */
@Injectable()
export class OwnerDigestService {
  private readonly logger = new Logger(OwnerDigestService.name);

  constructor(
    private readonly repo: RootCausesRepository,
    private readonly figures: RootCauseFiguresRepository,
    private readonly rootCauses: RootCausesService,
    private readonly mailer: MailerService,
    private readonly audit: AuditService,
  ) {}

  /** The Monday that starts the week of `at` (server time), `YYYY-MM-DD`. */
  static weekOf(at: Date): string {
    const local = new Date(at.getFullYear(), at.getMonth(), at.getDate());
    local.setDate(local.getDate() - ((local.getDay() + 6) % 7));
    return `${local.getFullYear()}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
  }

  /** The scheduled round: every workspace's owners, once per owner and week. Returns how many were sent. */
  async runWeekly(): Promise<number> {
    if (!this.mailer.configured) {
      this.logger.log('Owner digest skipped: mail is not configured (set EARSHOT_SMTP_URL or EARSHOT_SMTP_HOST, and EARSHOT_MAIL_FROM).');
      return 0;
    }
    const week = OwnerDigestService.weekOf(this.rootCauses.now());
    let sent = 0;
    for (const workspaceId of await this.repo.workspacesWithOwners()) {
      for (const email of await this.ownerEmails(workspaceId)) {
        const claim = await this.repo.claimDigest(workspaceId, email, week);
        if (!claim) continue; // another instance (or an earlier run) has it
        try {
          const mail = await this.compose(workspaceId, email);
          await this.mailer.send(mail);
          await this.repo.finishDigest(claim, this.rootCauses.now(), null);
          sent++;
        } catch (e) {
          await this.repo.finishDigest(claim, null, (e as Error).message.slice(0, 500));
          this.logger.warn(`Owner digest for a ${workspaceId} owner not sent: ${(e as Error).message}`);
        }
      }
    }
    return sent;
  }

  async preview(auth: AuthContext, email: string): Promise<DigestPreview> {
    return this.compose(auth.workspaceId, email.trim().toLowerCase());
  }

  /** "Send now" from the dashboard: this owner (or every owner), whatever the week's round did. */
  async sendNow(auth: AuthContext, email: string | undefined, meta: RequestMeta): Promise<DigestSendResult> {
    const emails = email ? [email.trim().toLowerCase()] : await this.ownerEmails(auth.workspaceId);
    const result: DigestSendResult = { sent: [], failed: [] };
    for (const to of emails) {
      const mail = await this.compose(auth.workspaceId, to);
      try {
        await this.mailer.send(mail);
        result.sent.push(to);
      } catch (e) {
        result.failed.push({ email: to, reason: (e as Error).message });
      }
    }
    await this.audit.record({
      workspaceId: auth.workspaceId,
      actorUserId: auth.userId,
      action: 'root_cause.digest_sent',
      targetType: 'category',
      data: { ...result },
      ...meta,
    });
    return result;
  }

  private async ownerEmails(workspaceId: string): Promise<string[]> {
    return [...new Set((await this.repo.listOwners(workspaceId)).map((o) => o.email.toLowerCase()))].sort();
  }

  /** The digest for one owner address of a workspace (404 when nobody owns a category with it). */
  async compose(workspaceId: string, email: string): Promise<DigestPreview> {
    const owned: CategoryOwnerEntity[] = (await this.repo.listOwners(workspaceId)).filter((o) => o.email.toLowerCase() === email);
    if (owned.length === 0) throw new NotFoundException('Nobody owns a category with this address.');
    const categories = owned.map((o) => o.category);
    const tz = await this.figures.timeZone(workspaceId);
    const today = dayIn(this.rootCauses.now(), tz);
    const to = addDays(today, -1);
    const from = addDays(to, -6);
    const board = await this.rootCauses.buildBoard(workspaceId, { from, to }, categories);
    const workspace = await this.figures.workspaceName(workspaceId);
    const lines: string[] = [
      `Hello ${oneLine(owned[0]!.department, 120)},`,
      '',
      `Your categories in ${oneLine(workspace, 120)}, ${from} to ${to} (${tz}), against the seven days before:`,
      '',
    ];
    for (const row of board.categories) lines.push(...(await this.section(workspaceId, tz, row)), '');
    lines.push(`The board: ${this.rootCauses.boardUrl()}`, '', 'You get this because your department owns these complaint categories in Earshot.');
    return {
      to: email,
      subject: `Earshot weekly: ${categories.join(', ')} (${from} to ${to})`,
      text: lines.join('\n'),
      categories,
    };
  }

  private async section(workspaceId: string, tz: string, row: RootCauseRow): Promise<string[]> {
    const pct = row.change.percent === null ? 'none the week before' : `${signed(Math.round(row.change.percent))} %`;
    const neg = row.negativeShare === null ? '' : `, ${Math.round(row.negativeShare * 100)} % negative`;
    const out = [`${row.category}: ${row.total} complaint${row.total === 1 ? '' : 's'} (${signed(row.change.absolute)}, ${pct})${neg}`];
    const s = row.status;
    const status = s.status === 'fix_shipped' ? `fix shipped on ${s.fixShippedAt}` : s.status;
    out.push(`Status: ${status}${s.note ? ` — ${oneLine(s.note, 200)}` : ''}`);
    if (s.status === 'fix_shipped' && s.fixShippedAt) out.push((await this.rootCauses.fixOutcome(workspaceId, tz, row.category, s.fixShippedAt)).sentence);
    for (const m of row.representatives.slice(0, DIGEST_REPRESENTATIVES)) out.push(`  • @${oneLine(m.authorHandle, 60)}: "${oneLine(m.text, 200)}"`);
    return out;
  }
}
