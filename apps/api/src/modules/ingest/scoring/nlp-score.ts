import { createAnalyzer, type AnalyzeContext } from '@earshot/nlp';
import type { MentionScore, ScoreInput } from './mention-scorer.js';

/** Scores with @earshot/nlp, locally and synchronously (no network, no cloud AI). Runs in the scorer worker too. */
// Only complaints' categories are stored: the others are not classified at all.
const analyzer = createAnalyzer({ categorize: 'complaints' });

export function scoreWithNlp(items: ScoreInput[]): MentionScore[] {
  const results = analyzer.analyzeBatch(
    items.map((i) => {
      const c = i.context;
      // Every context has the same properties in the same order (absent ones undefined): one
      // object shape, so the scorer's optimised code is not thrown away by a new shape.
      const context: AnalyzeContext = {
        verified: c.verified,
        authorRecentPosts: c.authorPostsLast24h,
        authorWindowHours: 24,
        followers: c.followers ?? undefined,
        likes: c.engagement.likes ?? undefined,
        shares: c.engagement.reposts ?? undefined,
        replies: c.engagement.replies ?? undefined,
      };
      return { text: i.text, context };
    }),
  );
  return results.map((a) => ({
    sentimentScore: a.sentiment.score,
    sentimentLabel: a.sentiment.label,
    sentimentConfidence: a.sentiment.confidence,
    urgencyScore: Math.round(a.urgency.score),
    urgencyLevel: a.urgency.level,
    urgencyReasons: a.urgency.reasons,
    intent: a.intent,
    category: a.intent === 'complaint' ? a.category.id : null,
    language: a.language.code === 'und' ? null : a.language.code,
    spam: a.spam.isSpam,
  }));
}
