import { type PhraseHit, PhraseMatcher } from '../rules/phrase-matcher.js';
import { RULE_LISTS, type RuleList } from '../rules/rule-lexicons.js';
import { EMOJI_VALENCE } from '../sentiment/emoji-valence.js';
import { valenceLexicon } from '../sentiment/lexicon.js';
import { tokenize } from './tokenize.js';
import { type SignalWord, type Tokenized } from './tokenized.js';

function signalWord(n: string): SignalWord {
  const lex = valenceLexicon();
  const elongated = ELONGATED.test(n);
  let valence = lex.get(n);
  if (valence === undefined && elongated) valence = lex.get(n.replace(/([a-z])\1+/g, '$1$1')) ?? lex.get(n.replace(/([a-z])\1+/g, '$1'));
  return { elongated, valence };
}

/** What the analyzer reads off a post once, shared by the model features and the rules. */
export interface TextSignals {
  tok: Tokenized;
  /** Rule-phrase hits (see RULE_LISTS) but the urgency floors' lists; negated ones are kept and flagged. */
  hits: PhraseHit[];
  /**
   * Hits of the urgency floors' lists (`floor*`, read by src/urgency/urgency-floors.ts), kept out of
   * `hits` so that the models' features (one per list hit) stay those they were trained on.
   */
  floorHits: readonly PhraseHit[];
  /** Non-negated hits per list. */
  has: Partial<Record<RuleList, PhraseHit[]>>;
  /** Valence-lexicon summary (VADER's human-rated words, negation from wink-nlp). */
  lexPos: number;
  lexNeg: number;
  /** VADER-style normalised sum in [-1, 1]. */
  lexCompound: number;
  lexCount: number;
  exclamations: number;
  questionMarks: number;
  /** Words of 3+ letters written in capitals (only when the post also has lower-case words). */
  capsWords: number;
  /** Words with a letter repeated 3+ times ("sooooo"). */
  elongated: number;
  wordCount: number;
}

let matcher: PhraseMatcher | undefined;
function ruleMatcher(): PhraseMatcher {
  matcher ??= new PhraseMatcher(RULE_LISTS);
  return matcher;
}

/** Every rule list, with no hits: posts' `has` start as a copy, so they all share one object shape. */
const NO_HITS: Partial<Record<RuleList, PhraseHit[]>> = Object.fromEntries(Object.keys(RULE_LISTS).map((l) => [l, undefined]));

const ELONGATED = /([a-z])\1\1/;

/** Same as /[A-Z]/.test(s). */
function hasAsciiUpper(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}
const NEGATION_SCALAR = -0.74;

const NO_FLOOR_HITS: readonly PhraseHit[] = [];

function isFloorHit(h: PhraseHit): boolean {
  return h.list.startsWith('floor');
}

export function readSignals(text: string): TextSignals {
  const tok = tokenize(text);
  let hits = ruleMatcher().match(tok);
  let floorHits = NO_FLOOR_HITS;
  if (hits.some(isFloorHit)) {
    floorHits = hits.filter(isFloorHit);
    hits = hits.filter((h) => !isFloorHit(h));
  }
  const has: Partial<Record<RuleList, PhraseHit[]>> = { ...NO_HITS };
  for (const h of floorHits) {
    if (h.negated) continue;
    const l = h.list as RuleList;
    (has[l] ??= []).push(h);
  }
  for (const h of hits) {
    if (h.negated) continue;
    const l = h.list as RuleList;
    (has[l] ??= []).push(h);
  }
  const lex = valenceLexicon();
  let lexPos = 0;
  let lexNeg = 0;
  let lexCount = 0;
  let exclamations = 0;
  let questionMarks = 0;
  let capsWords = 0;
  let lowerWords = 0;
  let elongated = 0;
  let wordCount = 0;
  // VADER's "but" rule: words before "but" count half, words after it 1.5 times.
  let butAt = -1;
  for (let i = 0; i < tok.norm.length; i += 1) if (tok.norm[i] === 'but') butAt = i;
  for (let i = 0; i < tok.norm.length; i += 1) {
    const kind = tok.kind[i];
    const n = tok.norm[i] ?? '';
    const raw = tok.raw[i] ?? '';
    if (kind === 'punctuation') {
      for (const ch of raw) {
        if (ch === '!') exclamations += 1;
        else if (ch === '?') questionMarks += 1;
      }
      continue;
    }
    let v: number | undefined;
    if (kind === 'word') {
      wordCount += 1;
      if (raw.length >= 3 && hasAsciiUpper(raw)) {
        if (raw === raw.toUpperCase()) capsWords += 1;
        else lowerWords += 1;
      } else lowerWords += 1;
      const e = tok.entry[i];
      const sw = e ? (e.signal ??= signalWord(n)) : signalWord(n);
      if (sw.elongated) elongated += 1;
      v = sw.valence;
    } else if (kind === 'emoji') {
      v = EMOJI_VALENCE.get(raw);
    } else if (kind === 'emoticon') {
      v = lex.get(raw) ?? lex.get(n);
    } else if (kind === 'hashtag') {
      v = lex.get(n.slice(1));
    }
    if (v === undefined) continue;
    if (tok.negated[i] && kind === 'word') v *= NEGATION_SCALAR;
    if (butAt >= 0) v *= i < butAt ? 0.5 : i > butAt ? 1.5 : 1;
    lexCount += 1;
    if (v > 0) lexPos += v;
    else lexNeg += v;
  }
  if (lowerWords === 0) capsWords = 0;
  let sum = lexPos + lexNeg;
  if (sum !== 0) sum += Math.sign(sum) * Math.min(exclamations, 4) * 0.292;
  const lexCompound = sum / Math.sqrt(sum * sum + 15);
  return { tok, hits, floorHits, has, lexPos, lexNeg, lexCompound, lexCount, exclamations, questionMarks, capsWords, elongated, wordCount };
}
