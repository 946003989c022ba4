import { Module } from '@nestjs/common';
import { MailModule } from '../../common/mail/mail.module.js';
import { AnalyticsModule } from '../analytics/analytics.module.js';
import { RootCausesModule } from '../root-causes/root-causes.module.js';
import { ReportBuilderService } from './report-builder.service.js';
import { ReportRecipientsController } from './report-recipients.controller.js';
import { ReportScheduler } from './report.scheduler.js';
import { ReportsController } from './reports.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

/** The weekly reputation report (issue 16): snapshot, schedule, API, recipients, e-mail with the PDF. */
@Module({
  imports: [MailModule, AnalyticsModule, RootCausesModule],
  controllers: [ReportsController, ReportRecipientsController],
  providers: [ReportsRepository, ReportBuilderService, ReportsService, ReportScheduler],
})
export class ReportsModule {}
