import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { RepliesModule } from '../replies/replies.module.js';
import { ReplyReadsModule } from '../replies/reply-reads.module.js';
import { TemplatesModule } from '../templates/templates.module.js';
import { VoiceModule } from '../voice/voice.module.js';
import { IncidentActionsService } from './incident-actions.service.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsRepository } from './incidents.repository.js';
import { IncidentsService } from './incidents.service.js';

/** The incident view of an alert (issue 15 part 5): the surge, grouped mentions, affected authors, holding statement, replies and status post. */
@Module({
  imports: [MentionsModule, ReplyReadsModule, RepliesModule, ClaimsModule, TemplatesModule, VoiceModule],
  controllers: [IncidentsController],
  providers: [IncidentsRepository, IncidentsService, IncidentActionsService],
})
export class IncidentsModule {}
