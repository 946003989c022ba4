import { Module } from '@nestjs/common';
import { MentionsModule } from '../mentions/mentions.module.js';
import { InsightsController } from './insights.controller.js';
import { InsightsRepository } from './insights.repository.js';
import { InsightsService } from './insights.service.js';

/** Recurring questions and suggestions (issue 15 part 5). */
@Module({
  imports: [MentionsModule],
  controllers: [InsightsController],
  providers: [InsightsRepository, InsightsService],
})
export class InsightsModule {}
