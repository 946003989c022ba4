import { type CategoryWord } from '../category/classify-category.js';
import { type LanguageWord } from '../language/detect-language.js';
import { type FeatureWord } from '../model/features.js';
import { type Compiled } from '../rules/phrase-matcher.js';
import { type SignalWord } from './signals.js';
import { wink } from './wink.js';

/**
 * What the analyzer derives from a word's normal form alone, shared by every post that uses the
 * word: each reader fills its own field on first use (the valence, the hashed feature slots, the
 * category stem, ...), so a frequent word costs one look-up per post instead of one per reader.
 */
export class WordEntry {
  /** text/signals.ts */
  signal: SignalWord | undefined = undefined;
  /** model/features.ts */
  feature: FeatureWord | undefined = undefined;
  /** category/classify-category.ts */
  category: CategoryWord | undefined = undefined;
  /** language/detect-language.ts */
  language: LanguageWord | undefined = undefined;
  /** rules/phrase-matcher.ts: per matcher slot, the patterns that may start at the word (null until looked up). */
  phrases: (readonly Compiled[] | null)[] | undefined = undefined;

  constructor(readonly norm: string) {}
}

/** Most distinct words whose entries are kept; the table is emptied when full, so memory stays bounded. */
const WORD_ENTRY_LIMIT = 100_000;
const entries = new Map<string, WordEntry>();

function wordEntry(norm: string): WordEntry {
  let e = entries.get(norm);
  if (e === undefined) {
    if (entries.size >= WORD_ENTRY_LIMIT) entries.clear();
    e = new WordEntry(norm);
    entries.set(norm, e);
  }
  return e;
}

/** wink-nlp token types the analyzer relies on. */
export type TokenKind =
  | 'word'
  | 'number'
  | 'punctuation'
  | 'emoji'
  | 'emoticon'
  | 'mention'
  | 'hashtag'
  | 'url'
  | 'email'
  | 'symbol'
  | 'currency'
  | 'time'
  | 'ordinal'
  | 'tabCRLF'
  | 'apos'
  | 'quoted_phrase'
  | string;

/** A post cut into tokens by wink-nlp, with wink's negation scope on each token. */
export interface Tokenized {
  /** The text as given. */
  text: string;
  /** Tokens as written. */
  raw: string[];
  /** Lower-case normal form (wink expands contractions: "can't" gives "ca" + "not"). */
  norm: string[];
  /** wink-nlp token type. */
  kind: TokenKind[];
  /** True inside the scope of a negation ("not bad": "bad" is negated). */
  negated: boolean[];
  /** The form phrase patterns are matched against: the normal form, hashtags without their "#". */
  form: string[];
  /** The shared entry of each token of kind "word" (undefined for other kinds). */
  entry: (WordEntry | undefined)[];
}

/** Longest text the analyzer reads; longer posts are cut (keeps analyze() bounded in time). */
export const MAX_TEXT_LENGTH = 5000;

export function tokenize(input: string): Tokenized {
  const text = input.length > MAX_TEXT_LENGTH ? input.slice(0, MAX_TEXT_LENGTH) : input;
  const nlp = wink();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens();
  const raw = tokens.out() as string[];
  const norm = tokens.out(its.normal) as string[];
  const kind = tokens.out(its.type) as string[];
  const negated = tokens.out(its.negationFlag) as unknown as boolean[];
  const form = new Array<string>(norm.length);
  const entry = new Array<WordEntry | undefined>(norm.length);
  for (let i = 0; i < norm.length; i += 1) {
    const n = norm[i] ?? '';
    const k = kind[i];
    form[i] = k === 'hashtag' ? n.slice(1) : n;
    entry[i] = k === 'word' ? wordEntry(n) : undefined;
  }
  return { text, raw, norm, kind, negated, form, entry };
}
