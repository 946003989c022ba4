import { BadRequestException, ConflictException, Inject, Injectable, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type {
  CreateReportRecipientRequest,
  Report,
  ReportList,
  ReportRecipient,
  ReportRecipientList,
  ReportSnapshot,
  SendReportResponse,
} from '@earshot/contracts';
import type { AuthContext } from '../../common/auth-context.js';
import { MailerService } from '../../common/mail/mailer.service.js';
import { assertSingleAddress, InvalidRecipientError } from '../../common/mail/single-address.util.js';
import type { RequestMeta } from '../../common/request-meta.util.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { AuditService } from '../audit/audit.service.js';
import { renderReportPdf } from './pdf/render-report-pdf.js';
import { ReportBuilderService } from './report-builder.service.js';
import { composeReportMail, reportFilename } from './report-mail.js';
import { addDays, capitalisedWeekday, lastCompleteWeek, reportDue, weekContaining, weekdayOf } from './report-week.util.js';
import { ReportsRepository, type RecipientRow, type ReportRow, type WorkspaceReportSettings } from './reports.repository.js';

/** The reports list shows this many weeks at most (two years). */
const LIST_LIMIT = 104;

function badRequest(path: string, message: string): BadRequestException {
  return new BadRequestException({ error: 'Bad Request', message: `Invalid request: ${path} ${message}`, issues: [{ path, message }] });
}

const toRecipient = (r: RecipientRow): ReportRecipient => ({ id: r.id, email: r.email, name: r.name, createdAt: r.createdAt.toISOString() });

export interface SendOutcome {
  sent: string[];
  failed: Array<{ email: string; reason: string }>;
}

/**
 * The weekly reputation report (issue 16): one stored snapshot per workspace and week (its zone and week start),
 * built on demand by managers or by the schedule, read by every role, e-mailed with its PDF to the recipients
 * admins manage. The schedule inserts ON CONFLICT DO NOTHING and claims the e-mail by setting `emailed_at` while
 * unset, so several api instances generate and send each week's report once.
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);
  /** The clock (tests set it). */
  now: () => Date = () => new Date();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: ReportsRepository,
    private readonly builder: ReportBuilderService,
    private readonly mailer: MailerService,
    private readonly audit: AuditService,
  ) {}

  // ---- reading ---------------------------------------------------------------------------------------------

  async list(auth: AuthContext): Promise<ReportList> {
    const rows = await this.repo.list(auth.workspaceId, LIST_LIMIT);
    return {
      items: rows.map((r) => ({
        id: r.id,
        weekStart: r.weekStart,
        label: r.label,
        headline: r.headline,
        direction: (['better', 'worse', 'steady', 'no-data'] as const).find((d) => d === r.direction) ?? 'no-data',
        generatedAt: r.generatedAt.toISOString(),
        emailedAt: r.emailedAt ? r.emailedAt.toISOString() : null,
      })),
    };
  }

  async get(auth: AuthContext, id: string): Promise<Report> {
    return this.toDto(await this.find(auth, id));
  }

  /** The report's PDF (rendered from the stored snapshot, so it shows exactly what was sent) and its file name. */
  async pdf(auth: AuthContext, id: string): Promise<{ pdf: Buffer; filename: string }> {
    const row = await this.find(auth, id);
    return { pdf: await renderReportPdf(row.snapshot), filename: reportFilename(row.weekStart) };
  }

  // ---- building ------------------------------------------------------------------------------------------------

  /** `POST /api/reports/weekly`: builds the week, or rebuilds it (a new snapshot of the same week; the e-mail state stays). */
  async buildWeek(auth: AuthContext, weekStart: string, meta: RequestMeta): Promise<Report> {
    const ws = await this.workspace(auth.workspaceId);
    const now = this.now();
    if (weekdayOf(weekStart) !== ws.reportWeekStart) {
      const suggestion = weekContaining(weekStart, ws.reportWeekStart);
      throw badRequest(
        'weekStart',
        `must be the first day of a report week: ${weekStart} is a ${capitalisedWeekday(weekdayOf(weekStart))} and this workspace's weeks start on ${capitalisedWeekday(ws.reportWeekStart)} (that week starts ${suggestion})`,
      );
    }
    const last = lastCompleteWeek(now, ws.timeZone, ws.reportWeekStart);
    if (weekStart > last)
      throw badRequest('weekStart', `must be a complete week: the week of ${weekStart} ends ${addDays(weekStart, 7)} in ${ws.timeZone}; the latest complete week starts ${last}`);
    const built = await this.builder.build(ws, weekStart, now);
    const { row, inserted } = await this.repo.save(
      { workspaceId: ws.id, weekStart, periodStart: built.periodStart, periodEnd: built.periodEnd, snapshot: built.snapshot, generatedAt: now, generatedBy: auth.userId },
      'rebuild',
    );
    await this.audit.record({
      workspaceId: ws.id,
      actorUserId: auth.userId,
      action: inserted ? 'report.built' : 'report.rebuilt',
      targetType: 'report',
      targetId: row.id,
      data: { weekStart, direction: built.snapshot.headline.direction },
      ...meta,
    });
    return this.toDto(row);
  }

  // ---- e-mail ---------------------------------------------------------------------------------------------------

  /** `POST /api/reports/:id/send`: e-mails the report to every recipient now (whatever the schedule did). */
  async sendNow(auth: AuthContext, id: string, meta: RequestMeta): Promise<SendReportResponse> {
    const row = await this.find(auth, id);
    if (!this.mailer.configured)
      throw new ServiceUnavailableException('Mail is not configured: set EARSHOT_SMTP_URL (or EARSHOT_SMTP_HOST) and EARSHOT_MAIL_FROM, then try again.');
    const recipients = await this.repo.recipients(auth.workspaceId);
    if (recipients.length === 0) throw new ConflictException('The report has no recipients yet: an admin adds them under Settings › Reports.');
    const out = await this.deliver(row, recipients);
    const emailedAt = out.sent.length > 0 ? this.now() : null;
    await this.repo.finishEmail(auth.workspaceId, row.id, emailedAt ?? row.emailedAt, this.failureNote(out));
    await this.audit.record({
      workspaceId: auth.workspaceId,
      actorUserId: auth.userId,
      action: 'report.sent',
      targetType: 'report',
      targetId: row.id,
      data: { sent: out.sent.length, failed: out.failed.length },
      ...meta,
    });
    return { sent: out.sent, failed: out.failed, emailedAt: emailedAt ? emailedAt.toISOString() : null };
  }

  /**
   * Sends the report to each recipient, one message each (no recipient sees another's address). Each address is
   * checked again as exactly one plain address before it reaches the mailer: one stored with a line break (or a
   * list) is refused and reported, never sent.
   */
  private async deliver(row: ReportRow, recipients: RecipientRow[]): Promise<SendOutcome> {
    const mail = composeReportMail(row.snapshot, this.reportUrl(row.id));
    const pdf = await renderReportPdf(row.snapshot);
    const out: SendOutcome = { sent: [], failed: [] };
    for (const r of recipients) {
      let to: string;
      try {
        to = assertSingleAddress(r.email);
      } catch (e) {
        out.failed.push({ email: r.email, reason: (e as InvalidRecipientError).message });
        continue;
      }
      try {
        await this.mailer.send({ to, subject: mail.subject, text: mail.text, html: mail.html, attachments: [{ filename: mail.filename, content: pdf, contentType: 'application/pdf' }] });
        out.sent.push(to);
      } catch (e) {
        out.failed.push({ email: to, reason: (e as Error).message });
      }
    }
    return out;
  }

  private failureNote(out: SendOutcome): string | null {
    if (out.failed.length === 0) return null;
    return `Not sent to ${out.failed.length} of ${out.failed.length + out.sent.length} recipient(s): ${out.failed[0]!.reason}`;
  }

  private reportUrl(id: string): string | null {
    return this.config.publicUrl ? new URL(`/reports/${id}`, this.config.publicUrl).toString() : null;
  }

  // ---- the schedule ---------------------------------------------------------------------------------------------

  /**
   * Whether the week ending at `weekEnd` is due: the report cron, read in the workspace's zone, has fired at or
   * after the week's end and by `now` (Monday 07:00 local by default).
   */
  isDue(weekEnd: Date, zone: string, now: Date, cron = this.config.reportCron): boolean {
    return cron !== null && reportDue(cron, zone, weekEnd, now);
  }

  /**
   * One round of the schedule: for every workspace, its last complete week once due — generated if missing
   * (INSERT … ON CONFLICT DO NOTHING: one row whatever the instances), then e-mailed if not yet (claimed by setting
   * `emailed_at` while unset: one instance sends). Returns what this instance did.
   */
  async runScheduled(now: Date = this.now()): Promise<{ generated: number; emailed: number }> {
    let generated = 0;
    let emailed = 0;
    for (const ws of await this.repo.workspaces()) {
      try {
        const weekStart = lastCompleteWeek(now, ws.timeZone, ws.reportWeekStart);
        const { to: weekEnd } = await this.repo.localMidnights(weekStart, addDays(weekStart, 7), ws.timeZone);
        if (!this.isDue(weekEnd, ws.timeZone, now)) continue;
        let row = await this.repo.findByWeek(ws.id, weekStart);
        if (!row) {
          const built = await this.builder.build(ws, weekStart, now);
          const saved = await this.repo.save(
            { workspaceId: ws.id, weekStart, periodStart: built.periodStart, periodEnd: built.periodEnd, snapshot: built.snapshot, generatedAt: now, generatedBy: null },
            'schedule',
          );
          row = saved.row;
          if (saved.inserted) generated++;
        }
        if (row.emailedAt === null && (await this.emailScheduled(ws, row, now))) emailed++;
      } catch (e) {
        this.logger.error(`Weekly report of workspace ${ws.id} failed: ${(e as Error).message}`);
      }
    }
    return { generated, emailed };
  }

  /** The schedule's e-mail of a report: claimed once across instances; given back when nothing went out (a later round retries). */
  private async emailScheduled(ws: WorkspaceReportSettings, row: ReportRow, now: Date): Promise<boolean> {
    if (!this.mailer.configured) return false;
    const recipients = await this.repo.recipients(ws.id);
    if (recipients.length === 0) return false;
    if (!(await this.repo.claimEmail(ws.id, row.id, now))) return false;
    let out: SendOutcome;
    try {
      out = await this.deliver(row, recipients);
    } catch (e) {
      await this.repo.finishEmail(ws.id, row.id, null, `The report could not be e-mailed: ${(e as Error).message}`);
      throw e;
    }
    await this.repo.finishEmail(ws.id, row.id, out.sent.length > 0 ? now : null, this.failureNote(out));
    await this.audit.record({
      workspaceId: ws.id,
      actorUserId: null,
      action: 'report.sent',
      targetType: 'report',
      targetId: row.id,
      data: { sent: out.sent.length, failed: out.failed.length, scheduled: true },
    });
    if (out.failed.length) this.logger.warn(`Weekly report ${row.id}: ${this.failureNote(out)}`);
    return out.sent.length > 0;
  }

  // ---- recipients -------------------------------------------------------------------------------------------------

  async recipients(auth: AuthContext): Promise<ReportRecipientList> {
    return { items: (await this.repo.recipients(auth.workspaceId)).map(toRecipient) };
  }

  async addRecipient(auth: AuthContext, body: CreateReportRecipientRequest, meta: RequestMeta): Promise<ReportRecipient> {
    let email: string;
    try {
      email = assertSingleAddress(body.email);
    } catch (e) {
      throw badRequest('email', (e as Error).message.replace(/^The recipient /, ''));
    }
    return this.repo.transaction(async (tx) => {
      const row = await this.repo.addRecipient(tx, auth.workspaceId, email, body.name?.trim() || null, auth.userId);
      if (!row) throw new ConflictException(`${email} already gets the weekly report.`);
      await this.audit.record(
        { workspaceId: auth.workspaceId, actorUserId: auth.userId, action: 'report.recipient_added', targetType: 'report_recipient', targetId: row.id, data: { email }, ...meta },
        tx,
      );
      return toRecipient(row);
    });
  }

  async removeRecipient(auth: AuthContext, id: string, meta: RequestMeta): Promise<void> {
    await this.repo.transaction(async (tx) => {
      const row = await this.repo.deleteRecipient(tx, auth.workspaceId, id);
      if (!row) throw new NotFoundException('No such report recipient in this workspace.');
      await this.audit.record(
        {
          workspaceId: auth.workspaceId,
          actorUserId: auth.userId,
          action: 'report.recipient_removed',
          targetType: 'report_recipient',
          targetId: id,
          data: { email: row.email },
          ...meta,
        },
        tx,
      );
    });
  }

  // ---- helpers ------------------------------------------------------------------------------------------------------

  private async workspace(workspaceId: string): Promise<WorkspaceReportSettings> {
    const ws = await this.repo.workspace(workspaceId);
    if (!ws) throw new NotFoundException('Workspace not found');
    return ws;
  }

  private async find(auth: AuthContext, id: string): Promise<ReportRow> {
    const row = await this.repo.find(auth.workspaceId, id);
    if (!row) throw new NotFoundException('No such report in this workspace.');
    return row;
  }

  private toDto(row: ReportRow): Report {
    return {
      id: row.id,
      weekStart: row.weekStart,
      snapshot: row.snapshot as ReportSnapshot,
      generatedAt: row.generatedAt.toISOString(),
      generatedBy: row.generatedBy,
      emailedAt: row.emailedAt ? row.emailedAt.toISOString() : null,
    };
  }
}

