import { Module } from '@nestjs/common';
import { ReplyReadsModule } from '../replies/reply-reads.module.js';
import { MentionClaimsRepository } from './mention-claims.repository.js';
import { MentionCorrectionsController } from './mention-corrections.controller.js';
import { MentionCorrectionsRepository } from './mention-corrections.repository.js';
import { MentionCorrectionsService } from './mention-corrections.service.js';
import { MentionSlaRepository } from './mention-sla.repository.js';
import { MentionWriteRepository } from './mention-write.repository.js';
import { MentionsController } from './mentions.controller.js';
import { MentionsRepository } from './mentions.repository.js';
import { MentionsService } from './mentions.service.js';

/** The mention table's one owner: every statement on mentions, authors, notes and the change sequence is in its repositories. */
@Module({
  imports: [ReplyReadsModule],
  controllers: [MentionsController, MentionCorrectionsController],
  providers: [
    MentionsRepository,
    MentionWriteRepository,
    MentionClaimsRepository,
    MentionSlaRepository,
    MentionCorrectionsRepository,
    MentionsService,
    MentionCorrectionsService,
  ],
  exports: [MentionsRepository, MentionWriteRepository, MentionClaimsRepository, MentionSlaRepository, MentionCorrectionsRepository],
})
export class MentionsModule {}
