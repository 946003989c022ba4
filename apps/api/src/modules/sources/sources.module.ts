import { Module } from '@nestjs/common';
import { MentionsModule } from '../mentions/mentions.module.js';
import { SourcesController } from './sources.controller.js';
import { SourceLeaseRepository } from './source-lease.repository.js';
import { SourcesRepository } from './sources.repository.js';
import { SourcesService } from './sources.service.js';

@Module({
  imports: [MentionsModule],
  controllers: [SourcesController],
  providers: [SourcesService, SourcesRepository, SourceLeaseRepository],
  exports: [SourcesService, SourceLeaseRepository],
})
export class SourcesModule {}
