import { Module } from '@nestjs/common';
import { connectorFactoryProvider } from './connector-factory.js';
import { ListeningQueriesModule } from '../listening-queries/listening-queries.module.js';
import { MentionsModule } from '../mentions/mentions.module.js';
import { SourcesModule } from '../sources/sources.module.js';
import { ReplyReadsModule } from '../replies/reply-reads.module.js';
import { LearningProfilesModule } from '../learning/learning-profiles.module.js';
import { IngestService } from './ingest.service.js';
import { MENTION_SCORER } from './scoring/mention-scorer.js';
import { NlpMentionScorer } from './scoring/nlp-mention-scorer.js';
import { PollScheduler } from './poll.scheduler.js';
import { PollerService } from './poller.service.js';

@Module({
  imports: [ListeningQueriesModule, MentionsModule, SourcesModule, ReplyReadsModule, LearningProfilesModule],
  providers: [IngestService, PollerService, PollScheduler, { provide: MENTION_SCORER, useClass: NlpMentionScorer }, connectorFactoryProvider],
  exports: [PollerService, IngestService, MENTION_SCORER],
})
export class IngestModule {}
