import { PhraseMatcher } from '../rules/phrase-matcher.js';
import { type AnalyzeContext, type Entities, type SpamResult } from '../types.js';
import { type Tokenized } from '../text/tokenized.js';

/** Phrases of promotions, follow-bait and scams. */
export const SPAM_PHRASES = [
  'follow me',
  'follow back',
  'follow for follow',
  'f4f',
  'click here',
  'click the link',
  'link in bio',
  'check out my',
  'check my profile',
  'giveaway',
  'win a',
  'win an',
  'you won',
  'you have won',
  'free gift',
  '100% free',
  'promo code',
  'discount code',
  'use code',
  'limited offer',
  'limited time',
  'act now',
  'dm for',
  'dm me for',
  'earn $',
  'make money',
  'work from home',
  'crypto',
  'bitcoin',
  'btc',
  'forex',
  'nft',
  'airdrop',
  'onlyfans',
  'buy followers',
  'cheap followers',
  'subscribe to my',
  'visit my',
  'casino',
  'betting tips',
  'viagra',
  'loan offer',
];

let matcher: PhraseMatcher | undefined;

/** 20+ ASCII letters and none in lower case (the letters of the text, A-Z and a-z only). */
function allCapitals(text: string): boolean {
  let letters = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters += 1;
  }
  return letters >= 20;
}

/**
 * Spam / bot likeness from the post (promotional phrases, many links, hashtags or handles,
 * shouting) and from the context (an author posting very often, or with almost no followers
 * but links). Flagged at score 0.5 and above.
 */
export function detectSpam(tok: Tokenized, entities: Entities, context: AnalyzeContext | undefined): SpamResult {
  matcher ??= new PhraseMatcher({ spam: SPAM_PHRASES });
  const reasons: string[] = [];
  let score = 0;
  const hits = matcher.match(tok);
  if (hits.length > 0) {
    score += Math.min(0.6, 0.35 * hits.length);
    reasons.push(`promotional wording: ${hits.map((h) => `'${h.text}'`).join(', ')}`);
  }
  if (entities.urls.length >= 2) {
    score += 0.25;
    reasons.push(`${entities.urls.length} links`);
  }
  if (entities.hashtags.length >= 5) {
    score += 0.3;
    reasons.push(`${entities.hashtags.length} hashtags`);
  }
  if (entities.handles.length >= 6) {
    score += 0.3;
    reasons.push(`${entities.handles.length} handles tagged`);
  }
  if (allCapitals(tok.text)) {
    score += 0.15;
    reasons.push('written all in capitals');
  }
  const recent = context?.authorRecentPosts ?? 0;
  if (recent >= 10) {
    score += 0.35;
    reasons.push(`${recent} posts from this author in ${context?.authorWindowHours ?? 24} h`);
  }
  if (context?.followers !== undefined && context.followers < 10 && entities.urls.length > 0 && !context.verified) {
    score += 0.2;
    reasons.push('link from an account with almost no followers');
  }
  score = Math.min(1, Math.round(score * 100) / 100);
  return { isSpam: score >= 0.5, score, reasons };
}
