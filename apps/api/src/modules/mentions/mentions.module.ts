import { Module } from '@nestjs/common';
import { MentionsController } from './mentions.controller.js';
import { MentionsRepository } from './mentions.repository.js';
import { MentionsService } from './mentions.service.js';
import { SlaController } from './sla.controller.js';
import { SlaScheduler } from './sla.scheduler.js';
import { SlaService } from './sla.service.js';

@Module({
  controllers: [MentionsController, SlaController],
  providers: [MentionsRepository, MentionsService, SlaService, SlaScheduler],
  exports: [MentionsRepository, MentionsService, SlaService],
})
export class MentionsModule {}
