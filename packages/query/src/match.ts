import type { QueryNode } from './ast.js';
import { fold, isAscii, words } from './normalize.util.js';

/** A mention prepared once for matching against many queries. */
export interface MatchInput {
  words: string[];
  wordSet: Set<string>;
  handles: Set<string>;
  hashtags: Set<string>;
  lang: string | null;
  platform: string;
}

export interface MatchableMention {
  text: string;
  /** The author's handle (so @acme also matches posts by @acme). */
  authorHandle?: string | null;
  lang?: string | null;
  platform: string;
}

/** `WORD` (normalize.util.ts) on lower-case ASCII text. */
const ASCII_WORD = /[a-z0-9]+(?:'[a-z]+)?/g;
const HANDLE = /(?:^|[^\p{L}\p{N}_])@([\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}_.-]+)?)/gu;
const HASHTAG = /(?:^|[^\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu;

/** Tokenises a mention once; pass the result to `matches` for each query. */
export function prepareMention(m: MatchableMention): MatchInput {
  const text = fold(m.text);
  // Folded ASCII is lower-case ASCII, which folding leaves as it is: tokenise it directly, with
  // WORD's ASCII subset (letters a-z, digits, the ASCII apostrophe).
  const ws = isAscii(text) ? (text.match(ASCII_WORD) ?? []) : words(text);
  const handles = new Set<string>();
  if (text.includes('@')) {
    for (const h of text.matchAll(HANDLE)) {
      const full = h[1]!.replace(/[.-]+$/, '');
      handles.add(full);
      handles.add(full.split('@')[0]!);
    }
  }
  if (m.authorHandle) {
    const a = fold(m.authorHandle).replace(/^@/, '');
    handles.add(a);
    handles.add(a.split('@')[0]!);
  }
  const hashtags = new Set<string>();
  if (text.includes('#')) for (const h of text.matchAll(HASHTAG)) hashtags.add(h[1]!);
  return { words: ws, wordSet: new Set(ws), handles, hashtags, lang: m.lang ? fold(m.lang).slice(0, 2) : null, platform: m.platform };
}

/** True when the prepared mention satisfies the query. */
export function matches(node: QueryNode, m: MatchInput): boolean {
  switch (node.type) {
    case 'term':
      if (!node.prefix) return m.wordSet.has(node.value);
      for (const w of m.wordSet) if (w.startsWith(node.value)) return true;
      return false;
    case 'phrase':
      return hasSequence(m.words, node.words);
    case 'handle':
      return m.handles.has(node.value);
    case 'hashtag':
      return m.hashtags.has(node.value);
    case 'field':
      return node.field === 'lang' ? m.lang === node.value : m.platform === node.value;
    case 'and':
      for (const c of node.children) if (!matches(c, m)) return false;
      return true;
    case 'or':
      for (const c of node.children) if (matches(c, m)) return true;
      return false;
    case 'not':
      return !matches(node.child, m);
  }
}

function hasSequence(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
