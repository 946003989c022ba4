import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AlertEvent } from '@earshot/contracts';
import type { EntityManager } from 'typeorm';
import { DomainEvents } from '../../common/events/domain-events.js';
import { MailerService } from '../../common/mail/mailer.service.js';
import { assertSingleAddress } from '../../common/mail/single-address.util.js';
import { WebhookOutboxService } from '../../common/webhooks/webhook-outbox.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/env.js';
import { toAlertDto } from './alert.mapper.js';
import { alertMail, alertSlackPayload, type AlertLinks } from './alert-message.util.js';
import { AlertsRepository } from './alerts.repository.js';

/** Attempts per alert e-mail, and the wait before each retry (seconds). */
export const ALERT_MAIL_RETRY_SECONDS: readonly number[] = [60, 300];
const MAIL_BATCH = 20;

/** What to announce once the transaction that stored an alert change has committed. */
export interface AlertAnnouncement {
  kind: 'raised' | 'cleared';
  alert: AlertEvent;
  webhook: boolean;
}

/**
 * Tells people about alerts: the socket (through the `alert.changed` domain event, after commit), the webhook (a
 * Slack-compatible POST through the webhook outbox, written in the alert's transaction) and e-mail (claimed by one
 * instance, then sent through the mailer; a failed send is retried twice, a sender that dies mid-send never
 * resends). Historical alerts notify nobody.
 */
@Injectable()
export class AlertNotifierService {
  private readonly logger = new Logger(AlertNotifierService.name);
  private mailNotConfiguredLogged = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: AlertsRepository,
    private readonly events: DomainEvents,
    private readonly webhooks: WebhookOutboxService,
    private readonly mailer: MailerService,
  ) {}

  /** Absolute links with EARSHOT_PUBLIC_URL (null without: the paths travel in the alert). */
  links(a: AlertEvent): AlertLinks {
    const base = this.config.publicUrl;
    if (!base) return { incident: null, inbox: null };
    return { incident: new URL(a.incidentPath, base).toString(), inbox: new URL(a.inboxPath, base).toString() };
  }

  /** Where the alert's e-mail goes: the rule's address when mail is configured, else nowhere (logged once). */
  emailFor(ruleEmail: string | null): string | null {
    if (!ruleEmail) return null;
    if (!this.mailer.configured) {
      if (!this.mailNotConfiguredLogged) {
        this.logger.log('Alert e-mails are skipped: mail is not configured (set EARSHOT_SMTP_URL or EARSHOT_SMTP_HOST, and EARSHOT_MAIL_FROM).');
        this.mailNotConfiguredLogged = true;
      }
      return null;
    }
    return ruleEmail;
  }

  /** Writes the webhook delivery in the alert's transaction; returns its delivery id. */
  enqueueWebhook(tx: EntityManager, workspaceId: string, url: string, alert: AlertEvent): Promise<string> {
    return this.webhooks.enqueue(tx, { workspaceId, event: 'alert.raised', url, payload: alertSlackPayload(alert, this.links(alert)) });
  }

  /** After commit: the socket events, and the webhook sender kicked. */
  announce(workspaceId: string, items: AlertAnnouncement[]): void {
    for (const i of items) this.events.emit('alert.changed', { workspaceId, kind: i.kind, alert: i.alert });
    if (items.some((i) => i.webhook)) this.webhooks.kick();
  }

  /** Sends the alert e-mails that are due (any instance; each mail once). Returns how many went out. */
  async sendDueMail(): Promise<number> {
    if (!this.mailer.configured) return 0;
    let sent = 0;
    for (;;) {
      const claimed = await this.repo.claimEmails(MAIL_BATCH);
      for (const row of claimed) {
        try {
          // Sent to the address the rule has now: a manager who removed or changed it meanwhile is obeyed.
          const rule = row.ruleId ? await this.repo.findRule(row.workspaceId, row.ruleId) : null;
          if (!rule || !row.emailTo || rule.rule.email?.toLowerCase() !== row.emailTo.toLowerCase()) {
            await this.repo.finishEmail(row.id, 'failed', 'not sent: the rule no longer has this address');
            continue;
          }
          const to = assertSingleAddress(row.emailTo);
          const dto = toAlertDto(row, rule.brandName, new Date());
          const mail = alertMail(dto, this.links(dto));
          await this.mailer.send({ to, subject: mail.subject, text: mail.text });
          await this.repo.finishEmail(row.id, 'sent', null);
          sent++;
        } catch (e) {
          const message = (e as Error).message;
          const retry = ALERT_MAIL_RETRY_SECONDS[row.emailAttempts - 1];
          if (retry !== undefined && (e as Error).name === 'MailSendError') await this.repo.finishEmail(row.id, 'pending', message, retry);
          else await this.repo.finishEmail(row.id, 'failed', message);
          this.logger.warn(`Alert ${row.id} e-mail (workspace ${row.workspaceId}) not sent: ${message}`);
        }
      }
      if (claimed.length < MAIL_BATCH) return sent;
    }
  }
}
