import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { LearningController } from './learning.controller.js';
import { LearningProfilesModule } from './learning-profiles.module.js';
import { LearningScheduler } from './learning.scheduler.js';
import { LearningService } from './learning.service.js';
import { ModelTrainer } from './model-trainer.js';

/** Workspace models (training on a worker thread, versions, rollback, nightly runs) and phrase rules. */
@Module({
  imports: [IngestModule, LearningProfilesModule, MentionsModule],
  controllers: [LearningController],
  providers: [LearningService, LearningScheduler, ModelTrainer],
  exports: [LearningService],
})
export class LearningModule {}
