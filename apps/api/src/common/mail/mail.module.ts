import { Module } from '@nestjs/common';
import { MailerService } from './mailer.service.js';

/** The SMTP mailer (nodemailer), configured from the environment. */
@Module({ providers: [MailerService], exports: [MailerService] })
export class MailModule {}
