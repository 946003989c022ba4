import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { SlaController } from './sla.controller.js';
import { SlaRepository } from './sla.repository.js';
import { SlaScheduler } from './sla.scheduler.js';
import { SlaService } from './sla.service.js';

/** SLA targets, due times and breaches; its scheduler also sweeps lapsed claims. */
@Module({
  imports: [MentionsModule, ClaimsModule],
  controllers: [SlaController],
  providers: [SlaRepository, SlaService, SlaScheduler],
  exports: [SlaService],
})
export class SlaModule {}
