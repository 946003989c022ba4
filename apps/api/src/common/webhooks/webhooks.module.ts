import { Module } from '@nestjs/common';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository.js';
import { WebhookOutboxService } from './webhook-outbox.service.js';
import { WebhookSendScheduler } from './webhook-send.scheduler.js';

/** Outgoing webhooks through a persistent outbox (webhook_delivery): import it and call WebhookOutboxService.enqueue in your transaction. */
@Module({
  providers: [WebhookDeliveriesRepository, WebhookOutboxService, WebhookSendScheduler],
  exports: [WebhookOutboxService, WebhookDeliveriesRepository],
})
export class WebhooksModule {}
