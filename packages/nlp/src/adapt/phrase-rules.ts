import { type Tokenized } from '../text/tokenized.js';
import { wink } from '../text/wink.js';
import { type SentimentLabel } from '../types.js';
import { type PhraseRule } from './types.js';

const RULE_KEYS = new Set(['phrase', 'sentiment', 'urgency', 'category']);
const SENTIMENTS = new Set(['negative', 'neutral', 'positive', 'ignore']);
export const PHRASE_MAX_LENGTH = 100;
export const PHRASE_MAX_WORDS = 8;
export const CATEGORY_ID_MAX_LENGTH = 64;

/** The phrase as the analyzer's tokens see it (wink-nlp normal forms, "#tag" as "tag"). */
function phraseForms(phrase: string): string[] {
  const nlp = wink();
  const out: string[] = [];
  for (const piece of phrase.trim().toLowerCase().split(/\s+/)) {
    if (!piece) continue;
    const norms = nlp.readDoc(piece).tokens().out(nlp.its.normal) as string[];
    for (const n of norms) out.push(n.startsWith('#') ? n.slice(1) : n);
  }
  return out;
}

/**
 * What is wrong with a phrase rule, in plain words (empty: the rule is fine). `categoryIds`,
 * when given, are the workspace taxonomy's ids the rule's category must be one of.
 */
export function validatePhraseRule(rule: unknown, categoryIds?: readonly string[]): string[] {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return ['A phrase rule must be an object with a phrase and what the phrase means.'];
  const r = rule as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(r)) {
    if (!RULE_KEYS.has(key)) problems.push(`"${key}" is not a field of a phrase rule (it has phrase, sentiment, urgency and category).`);
  }
  const phrase = r['phrase'];
  if (typeof phrase !== 'string' || phrase.trim() === '') problems.push('The phrase is missing: write the words the rule is about, e.g. "war zone".');
  else if (phrase.length > PHRASE_MAX_LENGTH) problems.push(`The phrase is too long: at most ${PHRASE_MAX_LENGTH} characters.`);
  else if (phrase.includes('*')) problems.push('The phrase cannot use "*": write the words as they appear in posts.');
  else {
    const forms = phraseForms(phrase);
    if (!forms.some((f) => /[\p{L}\p{N}]/u.test(f))) problems.push('The phrase needs at least one word made of letters or digits.');
    else if (forms.length > PHRASE_MAX_WORDS) problems.push(`The phrase is too long: at most ${PHRASE_MAX_WORDS} words.`);
  }
  const sentiment = r['sentiment'];
  if (sentiment !== undefined && (typeof sentiment !== 'string' || !SENTIMENTS.has(sentiment)))
    problems.push('The sentiment must be one of negative, neutral, positive or ignore (the phrase itself carries no sentiment).');
  const urgency = r['urgency'];
  if (urgency !== undefined && urgency !== 'ignore') problems.push('The urgency can only be ignore (the phrase raises no urgency reason).');
  const category = r['category'];
  if (category !== undefined) {
    if (typeof category !== 'string' || category.trim() === '') problems.push("The category must be the id of one of the workspace's categories.");
    else if (category.length > CATEGORY_ID_MAX_LENGTH) problems.push(`The category id is too long: at most ${CATEGORY_ID_MAX_LENGTH} characters.`);
    else if (categoryIds && !categoryIds.includes(category)) problems.push(`"${category}" is not one of the workspace's categories.`);
  }
  if (sentiment === undefined && urgency === undefined && category === undefined)
    problems.push('The rule does nothing: give it a sentiment, an urgency or a category.');
  return problems;
}

interface CompiledRule {
  forms: string[];
  rule: PhraseRule;
  /** Position in the workspace's list (the first matching rule wins). */
  order: number;
}

/** What the rules found in one post. */
export interface PhraseRuleMatch {
  /** Tokens whose words carry no sentiment for this workspace (masked from the sentiment features). */
  maskSentiment: boolean[] | undefined;
  /** Tokens that raise no urgency reason. */
  maskUrgency: boolean[] | undefined;
  /** The label the first matching sentiment rule sets. */
  sentiment: SentimentLabel | undefined;
  /** The category the first matching category rule sets, and the words. */
  category: { id: string; text: string } | undefined;
}

/**
 * A workspace's phrase rules, compiled once. A phrase matches a run of whole tokens in the
 * post, case-insensitively (the same normal forms as the rule lists: "can't" = "can not").
 * Several rules may match: every 'ignore' applies; for a label or a category, the first
 * matching rule in the list wins. Invalid rules (validatePhraseRule) are skipped.
 */
export class PhraseRules {
  private readonly byFirst = new Map<string, CompiledRule[]>();

  constructor(rules: readonly PhraseRule[]) {
    for (const [order, rule] of rules.entries()) {
      if (validatePhraseRule(rule).length > 0) continue;
      const forms = phraseForms(rule.phrase);
      const first = forms[0];
      if (first === undefined) continue;
      const arr = this.byFirst.get(first) ?? [];
      arr.push({ forms, rule, order });
      this.byFirst.set(first, arr);
    }
  }

  get size(): number {
    return this.byFirst.size;
  }

  /** The rules' effect on a post, or undefined when no rule matches (the common case: one map look-up per token). */
  match(tok: Tokenized): PhraseRuleMatch | undefined {
    let out: PhraseRuleMatch | undefined;
    let sentimentAt = Infinity;
    let categoryAt = Infinity;
    const forms = tok.form;
    for (let i = 0; i < forms.length; i += 1) {
      const cands = this.byFirst.get(forms[i] ?? '');
      if (!cands) continue;
      for (const c of cands) {
        if (!matchesAt(forms, i, c.forms)) continue;
        out ??= { maskSentiment: undefined, maskUrgency: undefined, sentiment: undefined, category: undefined };
        const end = i + c.forms.length;
        const order = c.order;
        if (c.rule.sentiment === 'ignore') out.maskSentiment = mask(out.maskSentiment, forms.length, i, end);
        else if (c.rule.sentiment && order < sentimentAt) {
          out.sentiment = c.rule.sentiment;
          sentimentAt = order;
        }
        if (c.rule.urgency === 'ignore') out.maskUrgency = mask(out.maskUrgency, forms.length, i, end);
        if (c.rule.category && order < categoryAt) {
          out.category = { id: c.rule.category, text: tok.raw.slice(i, end).join(' ') };
          categoryAt = order;
        }
      }
    }
    return out;
  }
}

function matchesAt(forms: readonly string[], i: number, parts: readonly string[]): boolean {
  if (i + parts.length > forms.length) return false;
  for (let p = 0; p < parts.length; p += 1) if (forms[i + p] !== parts[p]) return false;
  return true;
}

function mask(m: boolean[] | undefined, n: number, from: number, to: number): boolean[] {
  const out = m ?? new Array<boolean>(n).fill(false);
  for (let i = from; i < to; i += 1) out[i] = true;
  return out;
}

/** The post's text without the masked tokens (re-read by the analyzer, so the phrase adds nothing). */
export function maskedText(tok: Tokenized, masked: readonly boolean[]): string {
  const kept: string[] = [];
  for (let i = 0; i < tok.raw.length; i += 1) if (!masked[i]) kept.push(tok.raw[i] ?? '');
  return kept.join(' ');
}
