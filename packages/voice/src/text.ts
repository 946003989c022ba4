/**
 * Text primitives for the linter: a Unicode word tokenizer that keeps UTF-16 offsets into the
 * draft, a phrase trie matched over tokens (so "but" never matches inside "button", case and
 * apostrophes do not matter, and 200 phrases cost one pass), and an English syllable counter.
 */

export interface Token {
  /** Lower case, NFC, typographic apostrophe folded: what phrases are compared with. */
  key: string;
  /** UTF-16 offsets into the text (end exclusive). */
  start: number;
  end: number;
  /** Sentence number (0-based), for rules that look at what follows an apology. */
  sentence: number;
  /** A word (letters/digits) rather than a punctuation mark or symbol. */
  word: boolean;
}

const TOKEN_RE = /[\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}\p{N}_]+)*|[^\s\p{L}\p{M}\p{N}_]/gu;
const SENTENCE_END = new Set(['.', '!', '?', '…', '！', '？', '。']);
/** "we'll" is "we will" for phrase matching (a promise), "I'm" is "I am"; "can't"/"won't" stay whole. */
const CONTRACTIONS: Record<string, string> = { ll: 'will', re: 'are', ve: 'have', m: 'am' };
const CONTRACTION_RE = /^(.+)'(ll|re|ve|m)$/u;

export function normalizeKey(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/’/gu, "'");
}

/**
 * Tokens of `text`, skipping those that start inside one of `masked` (URLs, @handles, e-mail
 * addresses and template variables are not prose).
 */
export function tokenize(text: string, masked: readonly { start: number; end: number }[] = []): Token[] {
  const tokens: Token[] = [];
  let sentence = 0;
  let mi = 0;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m; m = TOKEN_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    while (mi < masked.length && masked[mi]!.end <= start) mi++;
    if (mi < masked.length && masked[mi]!.start <= start) continue;
    const raw = m[0];
    if (raw.length === 1 && SENTENCE_END.has(raw)) {
      tokens.push({ key: raw, start, end, sentence, word: false });
      sentence++;
      continue;
    }
    const word = /[\p{L}\p{N}]/u.test(raw);
    const key = normalizeKey(raw);
    const c = word ? CONTRACTION_RE.exec(key) : null;
    if (c) {
      tokens.push({ key: c[1]!, start, end, sentence, word });
      tokens.push({ key: CONTRACTIONS[c[2]!]!, start, end, sentence, word });
    } else {
      tokens.push({ key, start, end, sentence, word });
    }
  }
  // A sentence mark directly after the last word closes the sentence; nothing should count past it.
  return tokens;
}

/** The phrase as token keys (the same tokenizer as the draft, so both sides agree). */
export function phraseKeys(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.key);
}

export interface TrieEntry<K extends string> {
  kind: K;
  index: number;
}

interface TrieNode<K extends string> {
  next: Map<string, TrieNode<K>>;
  entries: TrieEntry<K>[];
}

export interface PhraseMatch<K extends string> {
  kind: K;
  /** Index of the phrase in its list. */
  index: number;
  start: number;
  end: number;
  firstToken: number;
  lastToken: number;
}

/** A trie of phrases over token keys, each phrase tagged with its kind (banned, blame, promise…). */
export class PhraseTrie<K extends string> {
  private readonly root: TrieNode<K> = { next: new Map(), entries: [] };

  add(kind: K, index: number, phrase: string): void {
    const keys = phraseKeys(phrase);
    if (keys.length === 0) return;
    let node = this.root;
    for (const k of keys) {
      let child = node.next.get(k);
      if (!child) {
        child = { next: new Map(), entries: [] };
        node.next.set(k, child);
      }
      node = child;
    }
    if (!node.entries.some((e) => e.kind === kind)) node.entries.push({ kind, index });
  }

  /**
   * Longest, leftmost, non-overlapping matches per kind (phrases of different kinds may overlap:
   * "we will refund" is a promise even if "we will" is also something else).
   */
  match(tokens: readonly Token[]): PhraseMatch<K>[] {
    const out: PhraseMatch<K>[] = [];
    const nextAllowed = new Map<K, number>();
    const best = new Map<K, { index: number; last: number }>();
    for (let i = 0; i < tokens.length; i++) {
      let node: TrieNode<K> | undefined = this.root.next.get(tokens[i]!.key);
      if (!node) continue;
      best.clear();
      for (let j = i; node;) {
        for (const e of node.entries) best.set(e.kind, { index: e.index, last: j });
        j++;
        if (j >= tokens.length) break;
        // Two tokens from one contraction ("we'll") are adjacent; otherwise tokens must follow each other.
        node = node.next.get(tokens[j]!.key);
      }
      for (const [kind, b] of best) {
        if ((nextAllowed.get(kind) ?? 0) > i) continue;
        // A phrase ending on the first half of a contraction ("we" of "we'll") still covers the whole word.
        out.push({ kind, index: b.index, start: tokens[i]!.start, end: tokens[b.last]!.end, firstToken: i, lastToken: b.last });
        nextAllowed.set(kind, b.last + 1);
      }
    }
    return out;
  }
}

/**
 * English syllables by the usual vowel-group heuristic (silent final e, -es, -ed), at least 1 per
 * word. Words without Latin letters count 1: the reading level is an English measure.
 */
export function syllables(word: string): number {
  let w = word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  if (w.length === 0) return 1;
  if (w.length <= 3) return 1;
  // An accented final e is spoken (café); a plain one usually is not (make).
  if (!/[éèêë]s?$/u.test(word.normalize('NFC').toLowerCase())) w = w.replace(/(?:[^laeiouy]e|[^laeiouysxzhcg]es|[^laeiouydt]ed)$/, '');
  w = w.replace(/^y/, '');
  const groups = w.match(/[aeiouy]+/g);
  return Math.max(1, groups?.length ?? 0);
}

/** Flesch-Kincaid grade level. */
export function fleschKincaidGrade(words: number, sentences: number, syllableCount: number): number {
  if (words === 0) return 0;
  return 0.39 * (words / Math.max(1, sentences)) + 11.8 * (syllableCount / words) - 15.59;
}
