import { Module } from '@nestjs/common';
import { MailModule } from '../../common/mail/mail.module.js';
import { WebhooksModule } from '../../common/webhooks/webhooks.module.js';
import { AlertNotifierService } from './alert-notifier.service.js';
import { AlertRulesController } from './alert-rules.controller.js';
import { AlertRulesService } from './alert-rules.service.js';
import { AlertRunnerScheduler } from './alert-runner.scheduler.js';
import { AlertRunnerService } from './alert-runner.service.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';

/** Early warning (issue 15 part 4): alert rules, the detector runner, alerts over REST, socket, webhook and e-mail. */
@Module({
  imports: [MailModule, WebhooksModule],
  controllers: [AlertsController, AlertRulesController],
  providers: [AlertsRepository, AlertsService, AlertRulesService, AlertNotifierService, AlertRunnerService, AlertRunnerScheduler],
  exports: [AlertsRepository, AlertsService],
})
export class AlertsModule {}
