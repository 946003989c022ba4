import { Module } from '@nestjs/common';
import { SCORING_PROFILES } from '../ingest/scoring/scoring-profile.js';
import { LearningRepository } from './learning.repository.js';
import { ScoringProfilesService } from './scoring-profiles.service.js';

/**
 * The part of learning the ingest scorer needs: each workspace's active model and phrase rules
 * (SCORING_PROFILES). Separate from LearningModule, which uses the scorer itself to re-score.
 */
@Module({
  providers: [LearningRepository, ScoringProfilesService, { provide: SCORING_PROFILES, useExisting: ScoringProfilesService }],
  exports: [LearningRepository, ScoringProfilesService, SCORING_PROFILES],
})
export class LearningProfilesModule {}
