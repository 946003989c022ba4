import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module.js';
import { connectorFactoryProvider } from '../ingest/connector-factory.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { TemplatesModule } from '../templates/templates.module.js';
import { VoiceModule } from '../voice/voice.module.js';
import { MentionRepliesController, RepliesController } from './replies.controller.js';
import { RepliesRepository } from './replies.repository.js';
import { RepliesService } from './replies.service.js';
import { ReplyOutboxRepository } from './reply-outbox.repository.js';
import { ReplyReadsModule } from './reply-reads.module.js';
import { ReplySendScheduler } from './reply-send.scheduler.js';
import { ReplySenderService } from './reply-sender.service.js';

/** The reply workflow (submit, approve, reject) and the outbox sender. */
@Module({
  imports: [MentionsModule, ClaimsModule, SourcesModule, TemplatesModule, VoiceModule, ReplyReadsModule],
  controllers: [MentionRepliesController, RepliesController],
  providers: [RepliesRepository, RepliesService, ReplyOutboxRepository, ReplySenderService, ReplySendScheduler, connectorFactoryProvider],
  exports: [ReplySenderService, RepliesService],
})
export class RepliesModule {}
