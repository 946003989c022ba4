import { wink } from './wink.js';

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
  return { text, raw, norm, kind, negated };
}
