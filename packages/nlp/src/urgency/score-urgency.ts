import { type PhraseHit } from '../rules/phrase-matcher.js';
import { type TextSignals } from '../text/signals.js';
import { type AnalyzeContext, type Intent, type SentimentResult, type UrgencyLevel, type UrgencyReason, type UrgencyResult } from '../types.js';
import { URGENCY_LEVELS, URGENCY_WEIGHTS as W } from './urgency-weights.js';

export interface UrgencyInput {
  sig: TextSignals;
  sentiment: SentimentResult;
  /** Probability of negative tone from the sentiment model. */
  negativeProbability: number;
  complaintProbability: number;
  intent: Intent;
  isSpam: boolean;
  context: AnalyzeContext | undefined;
}

const RULE_REASONS = [
  ['safety', W.safety, 'mentions a safety risk'],
  ['legal', W.legal, 'threatens legal action or alleges fraud'],
  ['privacy', W.privacy, 'mentions a data breach or privacy problem'],
  ['churn', W.churn, 'says they may leave'],
  ['outage', W.outage, 'reports an outage or technical fault'],
  ['timeCritical', W.timeCritical, 'is stranded or short of time'],
  ['waiting', W.waiting, 'has been waiting or is writing again'],
  ['anger', W.anger, 'uses strong language'],
] as const;

function quote(hits: readonly PhraseHit[]): string[] {
  const out: string[] = [];
  for (const h of hits) if (!out.includes(h.text)) out.push(h.text);
  return out.slice(0, 4);
}

function ordinal(n: number): string {
  return n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}

export function formatCount(n: number): string {
  if (n >= 1_000_000) return `${trim(n / 1_000_000)}M`;
  if (n >= 1_000) return `${trim(n / 1_000)}k`;
  return String(n);
}

function trim(x: number): string {
  return x >= 100 ? String(Math.round(x)) : String(Math.round(x * 10) / 10);
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * Urgency as a sum of explainable reasons (weights in URGENCY_WEIGHTS), capped to 0..100 and
 * mapped to a level by URGENCY_LEVELS. Deterministic: the same post and context give the same
 * score and reasons.
 */
export function scoreUrgency(input: UrgencyInput): UrgencyResult {
  const { sig, sentiment, context } = input;
  const reasons: UrgencyReason[] = [];
  if (sentiment.label === 'negative') {
    reasons.push({
      code: 'negativity',
      weight: round1(W.negativity * input.negativeProbability),
      text: `negative tone (${Math.round(input.negativeProbability * 100)}% sure)`,
      triggers: [],
    });
  }
  if (input.intent === 'complaint') {
    reasons.push({
      code: 'complaint',
      weight: round1(W.complaint * Math.max(input.complaintProbability, 0.5)),
      text: `reads as a complaint (${Math.round(input.complaintProbability * 100)}% sure)`,
      triggers: [],
    });
  }
  for (const [code, weight, label] of RULE_REASONS) {
    const hits = sig.has[code];
    if (!hits || hits.length === 0) continue;
    const triggers = quote(hits);
    reasons.push({ code, weight, text: `${label}: ${triggers.map((t) => `'${t}'`).join(', ')}`, triggers });
  }
  if (sentiment.sarcasm) {
    reasons.push({ code: 'sarcasm', weight: W.sarcasm, text: `sarcastic praise: '${sentiment.sarcasm}'`, triggers: [sentiment.sarcasm] });
  }
  if (input.intent === 'question') {
    reasons.push({ code: 'question', weight: W.question, text: 'asks a question that awaits an answer', triggers: [] });
  }
  const recent = context?.authorRecentPosts ?? 0;
  if (recent >= 2) {
    const weight = W.repeatAuthor[Math.min(recent, 4) - 2] ?? 0;
    const hours = context?.authorWindowHours ?? 24;
    reasons.push({
      code: 'repeat-author',
      weight,
      text: `${ordinal(recent)} post from this author in ${hours} h`,
      triggers: [`${recent} posts in ${hours} h`],
    });
  }
  const followers = context?.followers ?? 0;
  const reachTier = followers >= 1_000_000 ? 3 : followers >= 100_000 ? 2 : followers >= 10_000 ? 1 : followers >= 1_000 ? 0 : -1;
  if (reachTier >= 0) {
    reasons.push({
      code: 'reach',
      weight: (W.reach as readonly number[])[reachTier] ?? 0,
      text: `account with ${formatCount(followers)} followers`,
      triggers: [`${followers} followers`],
    });
  }
  if (context?.verified) reasons.push({ code: 'verified', weight: W.verified, text: 'verified account', triggers: ['verified'] });
  const engagement = (context?.likes ?? 0) + 2 * (context?.shares ?? 0) + (context?.replies ?? 0);
  const engTier = engagement >= 500 ? 2 : engagement >= 50 ? 1 : engagement >= 10 ? 0 : -1;
  if (engTier >= 0) {
    const parts: string[] = [];
    if (context?.likes) parts.push(`${formatCount(context.likes)} likes`);
    if (context?.shares) parts.push(`${formatCount(context.shares)} shares`);
    if (context?.replies) parts.push(`${formatCount(context.replies)} replies`);
    reasons.push({ code: 'engagement', weight: (W.engagement as readonly number[])[engTier] ?? 0, text: `getting attention: ${parts.join(', ')}`, triggers: parts });
  }
  if (input.intent === 'praise') reasons.push({ code: 'praise', weight: W.praise, text: 'praise, no action needed', triggers: [] });
  if (input.isSpam) reasons.push({ code: 'spam', weight: W.spam, text: 'looks like spam or a bot', triggers: [] });

  reasons.sort((a, b) => b.weight - a.weight || a.code.localeCompare(b.code));
  let sum = 0;
  for (const r of reasons) sum += r.weight;
  const score = Math.max(0, Math.min(100, Math.round(sum * 10) / 10));
  return { score, level: levelOf(score), reasons };
}

export function levelOf(score: number): UrgencyLevel {
  if (score >= URGENCY_LEVELS.critical) return 'critical';
  if (score >= URGENCY_LEVELS.high) return 'high';
  if (score >= URGENCY_LEVELS.medium) return 'medium';
  return 'low';
}
