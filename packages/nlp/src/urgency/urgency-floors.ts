import { type PhraseHit } from '../rules/phrase-matcher.js';
import { type RuleList } from '../rules/rule-lexicons.js';
import { type TextSignals } from '../text/signals.js';
import { type Intent, type SentimentResult, type UrgencyLevel } from '../types.js';

/** A reason that sets a minimum level, whatever the author's reach (phrase lists in RULE_LISTS, `floor*`). */
export interface UrgencyFloorKind {
  /** Reason code shown in the reason list. */
  code: 'danger' | 'product-hazard' | 'vulnerable' | 'money-taken' | 'outage-everyone';
  level: Extract<UrgencyLevel, 'high' | 'critical'>;
  label: string;
  /** The phrase list that must fire. */
  list: RuleList;
  /** A second list that must fire too, in the same sentence and near (the two together make the danger), or undefined. */
  with?: RuleList;
}

/** In order of precedence: the first kind that fires sets the floor. */
export const URGENCY_FLOORS: readonly UrgencyFloorKind[] = [
  { code: 'danger', level: 'critical', label: 'danger to a person', list: 'floorDanger' },
  { code: 'money-taken', level: 'high', label: 'money taken or fraud', list: 'floorMoney' },
  { code: 'vulnerable', level: 'high', label: 'a vulnerable person left without help', list: 'floorVulnerable', with: 'floorWithout' },
  { code: 'outage-everyone', level: 'high', label: 'a service down for many people', list: 'floorFailure', with: 'floorEveryone' },
  { code: 'product-hazard', level: 'high', label: 'a product that can hurt someone', list: 'floorHazard' },
  { code: 'product-hazard', level: 'high', label: 'a product that can hurt someone', list: 'floorHazardWeak', with: 'floorRisk' },
];

/** Patterns that say the failure only when negated: "no one can pay", "nobody can log in". */
const NEGATED_ONLY = new Set(['can log in', 'can pay']);

/** Words before "out of my account" that make it a log-in problem, not money. */
const NOT_MONEY = new Set(['logged', 'locked', 'kicked', 'signed', 'thrown', 'log', 'lock', 'sign', 'posted', 'sent', 'tweeted']);

/** Words that make what follows a supposition ("what if the app went down", "imagine if it caught fire"). */
const SUPPOSE = new Set(['if', 'would', 'imagine', 'suppose', 'supposing', 'hypothetically', 'wonder', 'whether']);

/** Emoji that mark a post as a joke. */
const LAUGHING = new Set(['😂', '🤣', '💀', '😆', '😅']);

export interface FloorInput {
  sig: TextSignals;
  sentiment: SentimentResult;
  intent: Intent;
  isSpam: boolean;
  /** The post passes on news (a retweet, or a link with no first-person word). */
  broadcast: boolean;
}

export interface FloorHit {
  kind: UrgencyFloorKind;
  triggers: string[];
}

function supposed(sig: TextSignals, start: number): boolean {
  const { norm, kind } = sig.tok;
  for (let j = start - 1; j >= 0 && j >= start - 5; j -= 1) {
    if (kind[j] === 'punctuation') return false;
    if (SUPPOSE.has(norm[j] ?? '')) return true;
  }
  return false;
}

/** Does this hit count for a floor: not negated (unless the pattern needs it), not supposed, not a log-in phrase. */
function counts(sig: TextSignals, h: PhraseHit): boolean {
  if (h.negated !== NEGATED_ONLY.has(h.pattern)) return false;
  if (
    h.list === 'floorMoney' &&
    (h.pattern === 'out of my account' || h.pattern === 'from my account') &&
    (NOT_MONEY.has(sig.tok.norm[h.start - 1] ?? '') || NOT_MONEY.has(sig.tok.norm[h.start - 2] ?? ''))
  )
    return false;
  return !supposed(sig, h.start);
}

/**
 * Why no floor applies (a joke, news, sarcasm, danger over, spam), or undefined. Not praise: the
 * intent model calls plain reports "praise" too often ("found pieces of glass in a jar of your sauce").
 */
function guard(input: FloorInput): string | undefined {
  const { sig } = input;
  if (input.isSpam) return 'spam';
  if (input.broadcast || (sig.has.floorNews?.length ?? 0) > 0) return 'news';
  if ((sig.has.floorJoke?.length ?? 0) > 0) return 'joke';
  for (let i = 0; i < sig.tok.kind.length; i += 1) if (sig.tok.kind[i] === 'emoji' && LAUGHING.has(sig.tok.raw[i] ?? '')) return 'joke';
  if (input.sentiment.sarcasm || (sig.has.sarcasmMarkers?.length ?? 0) > 0) return 'sarcasm';
  if ((sig.has.reassurance?.length ?? 0) > 0) return 'over';
  return undefined;
}

/**
 * The floor a post's words set, or undefined. Reads the rule matcher's hits of the `floor*` lists
 * (no second pass over the text); most posts have none and return at once.
 */
export function detectFloor(input: FloorInput): FloorHit | undefined {
  if (input.sig.floorHits.length === 0 || guard(input) !== undefined) return undefined;
  for (const kind of URGENCY_FLOORS) {
    const main = hitsOf(input.sig, kind.list);
    if (main.length === 0) continue;
    if (kind.with) {
      const pair = nearPair(input.sig, main, hitsOf(input.sig, kind.with));
      if (pair) return { kind, triggers: pair };
      continue;
    }
    const triggers: string[] = [];
    for (const h of main) if (!triggers.includes(h.text)) triggers.push(h.text);
    return { kind, triggers: triggers.slice(0, 4) };
  }
  return undefined;
}

/** How far apart (in tokens) the two halves of a paired floor may be, in one sentence. */
const PAIR_WINDOW = 12;

/** The first (main, other) hits in one sentence and at most PAIR_WINDOW tokens apart, as trigger texts. */
function nearPair(sig: TextSignals, main: readonly Trigger[], other: readonly Trigger[]): string[] | undefined {
  for (const a of main) {
    for (const b of other) {
      if (a.text === b.text) continue;
      const from = Math.min(a.start, b.start);
      const to = Math.max(a.start, b.start);
      if (to - from > PAIR_WINDOW || sentenceBreak(sig, from, to)) continue;
      return [a.text, b.text];
    }
  }
  return undefined;
}

function sentenceBreak(sig: TextSignals, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    if (sig.tok.kind[i] !== 'punctuation') continue;
    const p = sig.tok.raw[i] ?? '';
    if (p.includes('.') || p.includes('!') || p.includes('?') || p.includes(';')) return true;
  }
  return false;
}

interface Trigger {
  text: string;
  start: number;
}

function hitsOf(sig: TextSignals, list: RuleList): Trigger[] {
  const out: Trigger[] = [];
  for (const h of sig.floorHits) if (h.list === list && counts(sig, h)) out.push(h);
  if (list === 'floorVulnerable') {
    const age = oldAge(sig);
    if (age) out.push(age);
  }
  return out;
}

const AGE_CUE = new Set(['is', 'aged', 'age', 'turned', 'turns']);

/** "my dad is 84", "aged 79": an age of 70 or more written as a number. */
function oldAge(sig: TextSignals): Trigger | undefined {
  const { norm, kind, raw } = sig.tok;
  for (let i = 1; i < norm.length; i += 1) {
    if (kind[i] !== 'number' || !AGE_CUE.has(norm[i - 1] ?? '')) continue;
    const n = Number(norm[i]);
    if (n >= 70 && n <= 110) return { text: `${raw[i - 1] ?? ''} ${raw[i] ?? ''}`, start: i - 1 };
  }
  return undefined;
}
