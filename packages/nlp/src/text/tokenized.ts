/**
 * The types the tokenizer and its readers share: a post cut into tokens, and the entry each
 * distinct word gets, on which every reader (signals, features, category, language, phrase
 * matcher) keeps what it derives from the word alone. They live here, not beside their readers,
 * so that the tokenizer imports none of its readers (no import cycle).
 */

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

/** What the signals read off one word (see WordEntry below). */
export interface SignalWord {
  /** A letter repeated 3+ times ("sooooo"). */
  elongated: boolean;
  /** Valence-lexicon rating, elongation folded ("sooo" -> "soo" -> "so"); undefined when not rated. */
  valence: number | undefined;
}

/** What the features take from one token of kind "word", from its normal form alone (see WordEntry below). */
export interface FeatureWord {
  /** Hash of the word key (for word pairs). */
  hash: number;
  /** Slot of the word, and of the negation-marked word. */
  slot: number;
  negSlot: number;
  /** Slot of its word-vector cluster, plain and negation-marked; -1 when the word has no cluster. */
  clusterSlot: number;
  clusterNegSlot: number;
  /** Slot of its crude stem, plain and negation-marked; -1 when the stem is the word. */
  stemSlot: number;
  stemNegSlot: number;
  /** Complaint cue: second person, time expression, "why" (CUE_* in model/features.ts), and past tense. */
  cue: number;
  past: boolean;
}

/** The category stem of a word (see WordEntry below): its stem, or null when it is not a content word. */
export type CategoryWord = string | null;

/** The languages whose function words include a word (see WordEntry below); null when none. */
export type LanguageWord = readonly number[] | null;

/** A compiled phrase pattern (rules/phrase-matcher.ts builds and reads them; WordEntry only holds them). */
export interface Compiled {
  list: string;
  pattern: string;
  /** Token norms; the last one may be a prefix. */
  parts: string[];
  prefixLast: boolean;
  hasNegation: boolean;
}

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
