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

/** `WORD` (normalize.util.ts) on lower-case ASCII text. (Linear: a match never backtracks past its start.) */
const ASCII_WORD = /[a-z0-9]+(?:'[a-z]+)?/g;

/** Tokenises a mention once; pass the result to `matches` for each query. */
export function prepareMention(m: MatchableMention): MatchInput {
  const text = fold(m.text);
  // Folded ASCII is lower-case ASCII, which folding leaves as it is: tokenise it directly, with
  // WORD's ASCII subset (letters a-z, digits, the ASCII apostrophe).
  const ws = isAscii(text) ? (text.match(ASCII_WORD) ?? []) : words(text);
  const handles = new Set<string>();
  if (text.includes('@')) {
    for (const full of scanHandles(text)) {
      handles.add(full);
      handles.add(beforeAt(full));
    }
  }
  if (m.authorHandle) {
    const a = fold(m.authorHandle).replace(/^@/, '');
    handles.add(a);
    handles.add(beforeAt(a));
  }
  const hashtags = new Set<string>();
  if (text.includes('#')) for (const h of scanHashtags(text)) hashtags.add(h);
  return { words: ws, wordSet: new Set(ws), handles, hashtags, lang: m.lang ? fold(m.lang).slice(0, 2) : null, platform: m.platform };
}

/*
 * Handles and hashtags are found by forward scans, linear in the text's length: a post is
 * attacker-controlled, and the regexes these replace were quadratic on crafted runs (`acme @a`
 * and 50,000 dots then a letter took seconds). The results are those regexes':
 *   handles  /(?:^|[^\p{L}\p{N}_])@([\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}_.-]+)?)/gu, then /[.-]+$/ removed
 *   hashtags /(?:^|[^\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu
 */

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** ASCII code → 1 for `[A-Za-z0-9_]`, 2 for `.` and `-` (handle characters too), else 0. */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_CLASS[c] = /[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : c === 0x2e || c === 0x2d ? 2 : 0;

/** `[\p{L}\p{N}_]` for one code point. */
function isWordCp(cp: number): boolean {
  if (cp < 0x80) return ASCII_CLASS[cp] === 1;
  return WORD_CHAR.test(String.fromCodePoint(cp));
}

/** End of the run from `i` of `[\p{L}\p{N}_]` (or, with `handle`, `[\p{L}\p{N}_.-]`) code points. */
function runEnd(s: string, i: number, handle: boolean): number {
  const top = handle ? 2 : 1;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      const k = ASCII_CLASS[c]!;
      if (k === 0 || k > top) break;
      i++;
      continue;
    }
    const cp = s.codePointAt(i)!;
    if (!isWordCp(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/**
 * True when a match of `(?:^|[^\p{L}\p{N}_])` can end at `at` (the sigil's index) without
 * reaching back before `floor` (where the previous match ended, as `lastIndex` does).
 */
function sigilStarts(s: string, at: number, floor: number): boolean {
  if (at === 0) return true;
  let prevStart = at - 1;
  let prev = s.charCodeAt(prevStart);
  if (prev >= 0xdc00 && prev <= 0xdfff && at >= 2) {
    const hi = s.charCodeAt(at - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) {
      prevStart = at - 2;
      prev = (hi - 0xd800) * 0x400 + (prev - 0xdc00) + 0x10000;
    }
  }
  return prevStart >= floor && !isWordCp(prev);
}

/** Every `@handle` (or `@user@instance`) in folded text, trailing dots and dashes removed. */
function scanHandles(s: string): string[] {
  const out: string[] = [];
  let floor = 0;
  for (let at = s.indexOf('@'); at >= 0; at = s.indexOf('@', at + 1)) {
    if (!sigilStarts(s, at, floor)) continue;
    let end = runEnd(s, at + 1, true);
    if (end === at + 1) continue;
    if (s.charCodeAt(end) === 0x40 /* @ */) {
      const host = runEnd(s, end + 1, true);
      if (host > end + 1) end = host;
    }
    let trimmed = end;
    while (trimmed > at + 1 && (s.charCodeAt(trimmed - 1) === 0x2e || s.charCodeAt(trimmed - 1) === 0x2d)) trimmed--;
    out.push(s.slice(at + 1, trimmed));
    floor = end;
    at = end - 1;
  }
  return out;
}

/** Every `#hashtag` in folded text. */
function scanHashtags(s: string): string[] {
  const out: string[] = [];
  let floor = 0;
  for (let at = s.indexOf('#'); at >= 0; at = s.indexOf('#', at + 1)) {
    if (!sigilStarts(s, at, floor)) continue;
    const end = runEnd(s, at + 1, false);
    if (end === at + 1) continue;
    out.push(s.slice(at + 1, end));
    floor = end;
    at = end - 1;
  }
  return out;
}

/** `handle.split('@')[0]`. */
function beforeAt(handle: string): string {
  const i = handle.indexOf('@');
  return i < 0 ? handle : handle.slice(0, i);
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
