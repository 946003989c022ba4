/** Public types of @earshot/nlp. Every result is a plain, JSON-serialisable object. */

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export type UrgencyLevel = 'low' | 'medium' | 'high' | 'critical';
export type Intent = 'complaint' | 'question' | 'praise' | 'suggestion' | 'other';

/** One category of a workspace's complaint taxonomy. */
export interface TaxonomyCategory {
  /** Stable id stored on the mention ("billing"). */
  id: string;
  /** Name shown to agents ("Billing and refunds"). */
  name: string;
  /**
   * Words or phrases; a trailing `*` matches a prefix ("refund*"); "a & b" needs both parts
   * anywhere in the post ("broke* & bag*").
   */
  keywords: string[];
  /** A few example posts (five is plenty). */
  examples?: string[];
}

export interface Taxonomy {
  categories: TaxonomyCategory[];
  /** Category id used when nothing matches (default "other"). */
  fallback?: string;
  /**
   * Optional unlabeled posts from the same workspace (any number, no labels needed). Used only
   * to learn how common each word is (IDF), so common words ("flight", "help") count less.
   */
  background?: string[];
}

/** What the caller knows about the post beyond its text. All optional. */
export interface AnalyzeContext {
  followers?: number;
  verified?: boolean;
  likes?: number;
  shares?: number;
  replies?: number;
  /** How many posts this author wrote to the workspace in the recent window, this one included. */
  authorRecentPosts?: number;
  /** Length of that window in hours (default 24), used in the reason text. */
  authorWindowHours?: number;
  /** The workspace's taxonomy (default: DEFAULT_TAXONOMY). */
  taxonomy?: Taxonomy;
}

export interface SentimentResult {
  /** -1 (very negative) .. 1 (very positive). */
  score: number;
  label: SentimentLabel;
  /** Probability of the chosen label, 0..1. */
  confidence: number;
  /** Sarcasm cue that flipped praise into a complaint, when one was found. */
  sarcasm?: string;
}

export interface UrgencyReason {
  /** Stable code, e.g. "safety", "repeat-author". */
  code: string;
  /** Points added to the score (negative lowers it). */
  weight: number;
  /** Plain-language explanation for the agent. */
  text: string;
  /** The words of the post (or context facts) that triggered it. */
  triggers: string[];
  /** Set when this reason sets a minimum level (a floor) whatever the rest of the score says. */
  floor?: UrgencyLevel;
}

export interface UrgencyResult {
  /** 0..100. */
  score: number;
  level: UrgencyLevel;
  /** Largest weight first. */
  reasons: UrgencyReason[];
  /** The minimum level a reason set (see URGENCY_FLOORS), and that reason's code; undefined when none did. */
  floor?: { level: UrgencyLevel; reason: string };
}

export interface CategoryResult {
  id: string;
  name: string;
  /** 0..1, how clearly the post fits. */
  confidence: number;
  /** Keywords that matched. */
  matched: string[];
}

export interface LanguageResult {
  /** ISO 639-1 code, or "und" when it cannot tell. */
  code: string;
  confidence: number;
}

export interface SpamResult {
  isSpam: boolean;
  /** 0..1 spam / bot likeness. */
  score: number;
  reasons: string[];
}

export interface Entities {
  handles: string[];
  hashtags: string[];
  urls: string[];
  emails: string[];
  emoji: string[];
}

export interface Analysis {
  sentiment: SentimentResult;
  urgency: UrgencyResult;
  intent: Intent;
  /** Probability that the post is a complaint (0..1). */
  complaintProbability: number;
  category: CategoryResult;
  language: LanguageResult;
  spam: SpamResult;
  entities: Entities;
}

export interface BatchItem {
  text: string;
  context?: AnalyzeContext;
}
