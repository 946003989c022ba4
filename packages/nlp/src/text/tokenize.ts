import { type Tokenized, WordEntry } from './tokenized.js';
import { wink } from './wink.js';

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
