import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { APP_CONFIG, type AppConfig, type SmtpConfig } from '../../config/env.js';
import { createSecretMasker } from '../logging/mask-secrets.util.js';
import { assertSingleAddress, safeSubject } from './single-address.util.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative of `text`, escaped by the caller. */
  html?: string;
  /** Files built in memory (never read from a path or fetched from a URL). */
  attachments?: Array<{ filename: string; content: Buffer; contentType: string }>;
}

/** Mail could not be sent: the message is ours (server address and SMTP code at most), never a password. */
export class MailSendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailSendError';
  }
}

/** Builds the nodemailer transport options from the SMTP config (tests build it the same way). */
export function smtpTransportOptions(smtp: SmtpConfig): SMTPTransport.Options {
  return {
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    // nodemailer's own logger stays off: it could print the AUTH exchange.
    logger: false,
    debug: false,
  };
}

/**
 * The api's mailer (the owner digest, the weekly report with its PDF). SMTP from the environment (EARSHOT_SMTP_URL or
 * EARSHOT_SMTP_HOST/PORT/USER/PASSWORD/SECURE, sender EARSHOT_MAIL_FROM); without it `configured`
 * is false and callers skip mail. Each recipient must be exactly one address and the subject one
 * line (no header injection); errors carry our words with every secret masked.
 */
@Injectable()
export class MailerService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailerService.name);
  private transport: Transporter | null = null;
  private readonly mask: (s: string) => string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.mask = createSecretMasker(config.secrets);
  }

  get configured(): boolean {
    return this.config.smtp !== null;
  }

  /** Where mail goes, for logs and errors: host and port only. */
  get server(): string {
    return this.config.smtp ? `${this.config.smtp.host}:${this.config.smtp.port}` : '(none)';
  }

  async send(mail: OutgoingMail): Promise<void> {
    if (!this.config.smtp) throw new MailSendError('Mail is not configured: set EARSHOT_SMTP_URL (or EARSHOT_SMTP_HOST) and EARSHOT_MAIL_FROM.');
    const to = assertSingleAddress(mail.to);
    const from = this.config.mailFrom;
    this.transport ??= nodemailer.createTransport(smtpTransportOptions(this.config.smtp));
    try {
      await this.transport.sendMail({
        from,
        to,
        subject: safeSubject(mail.subject),
        text: mail.text,
        ...(mail.html !== undefined ? { html: mail.html } : {}),
        ...(mail.attachments?.length
          ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })) }
          : {}),
        disableFileAccess: true,
        disableUrlAccess: true,
      });
    } catch (e) {
      const code = (e as { responseCode?: number; code?: string }).responseCode ?? (e as { code?: string }).code ?? 'error';
      const message = this.mask(`The SMTP server ${this.server} did not take the mail (${String(code)}).`);
      this.logger.warn(message);
      throw new MailSendError(message);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = null;
  }
}
