import { Module } from '@nestjs/common';
import { MentionRepliesReader } from './mention-replies.reader.js';
import { ReplyReadsRepository } from './reply-reads.repository.js';

/**
 * Reading replies with no dependency beyond the database: the mention detail (MentionsModule)
 * and ingest (our own replies polled back) read them without importing the reply workflow.
 */
@Module({ providers: [ReplyReadsRepository, MentionRepliesReader], exports: [ReplyReadsRepository, MentionRepliesReader] })
export class ReplyReadsModule {}
