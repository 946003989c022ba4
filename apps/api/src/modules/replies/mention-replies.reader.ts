import { Injectable } from '@nestjs/common';
import type { Mention, Replyability, Reply, TeamReply } from '@earshot/contracts';
import { ReplyReadsRepository } from './reply-reads.repository.js';
import { toReplyDto, toTeamReplyDto } from './reply.mapper.js';
import { replyabilityOf } from './replyability.js';

/** The reply side of a mention's detail: its replies, the team's sent replies to its author, and whether it can be answered. */
@Injectable()
export class MentionRepliesReader {
  constructor(private readonly reads: ReplyReadsRepository) {}

  async forDetail(workspaceId: string, mention: Mention): Promise<{ replies: Reply[]; teamReplies: TeamReply[]; replyability: Replyability }> {
    const [replies, team, facts] = await Promise.all([
      this.reads.forMention(workspaceId, mention.id),
      this.reads.sentToAuthor(workspaceId, mention.author.id),
      this.reads.replyabilityFacts(workspaceId, mention.id),
    ]);
    return {
      replies: replies.map(toReplyDto),
      teamReplies: team.map(toTeamReplyDto),
      replyability: facts ? replyabilityOf(facts) : { code: 'no_source', canReply: false, message: 'This mention is gone.' },
    };
  }
}
