import type { Intent, SentimentLabel, UrgencyLevel, UrgencyReason } from '@earshot/nlp';

/** What the scorer needs to know about one mention. */
export interface ScoreInput {
  text: string;
  context: {
    followers: number | null;
    verified: boolean;
    engagement: { replies: number | null; reposts: number | null; likes: number | null };
    /** Posts by this author in this workspace in the last 24 h, this one included. */
    authorPostsLast24h: number;
  };
}

export interface MentionScore {
  sentimentScore: number;
  sentimentLabel: SentimentLabel;
  sentimentConfidence: number;
  urgencyScore: number;
  urgencyLevel: UrgencyLevel;
  urgencyReasons: UrgencyReason[];
  intent: Intent;
  category: string | null;
  language: string | null;
  spam: boolean;
}

/** Scores a page of mentions in one call, in-process or on a worker thread (see NlpMentionScorer). */
export interface MentionScorer {
  /** With `workspaceId`: that workspace's active model and phrase rules apply (none: the shipped model). */
  scoreBatch(items: ScoreInput[], workspaceId?: string): MentionScore[] | Promise<MentionScore[]>;
}

export const MENTION_SCORER = Symbol('MENTION_SCORER');
