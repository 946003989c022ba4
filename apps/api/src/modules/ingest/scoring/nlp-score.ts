import { createAnalyzer, type Analyzer, type AnalyzeContext } from '@earshot/nlp';
import type { MentionScore, ScoreInput } from './mention-scorer.js';
import type { ScoringProfile } from './scoring-profile.js';

/** Scores with @earshot/nlp, locally and synchronously (no network, no cloud AI). Runs in the scorer worker too. */
// Only complaints' categories are stored: the others are not classified at all.
const analyzer = createAnalyzer({ categorize: 'complaints' });

/** How many workspace analyzers (model + rules) one thread keeps; the oldest goes first. */
export const PROFILE_CACHE_SIZE = 64;

/** An analyzer for a workspace's model and phrase rules (same options as the shipped one otherwise). */
export function analyzerForProfile(profile: Pick<ScoringProfile, 'model' | 'rules'>): Analyzer {
  return createAnalyzer({
    categorize: 'complaints',
    ...(profile.model ? { workspaceModel: profile.model } : {}),
    ...(profile.rules.length > 0 ? { phraseRules: profile.rules } : {}),
  });
}

const inProcess = new Map<string, Analyzer>();

/** The in-process fallback's analyzer for a profile, cached by key (FIFO, PROFILE_CACHE_SIZE). */
export function cachedAnalyzer(profile: ScoringProfile | null): Analyzer {
  if (!profile) return analyzer;
  let a = inProcess.get(profile.key);
  if (!a) {
    a = analyzerForProfile(profile);
    inProcess.set(profile.key, a);
    if (inProcess.size > PROFILE_CACHE_SIZE) inProcess.delete(inProcess.keys().next().value!);
  }
  return a;
}

export function scoreWithNlp(items: ScoreInput[], using: Analyzer = analyzer): MentionScore[] {
  const results = using.analyzeBatch(
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
