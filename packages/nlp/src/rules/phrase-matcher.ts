import { type Compiled, type Tokenized } from '../text/tokenized.js';
import { wink } from '../text/wink.js';

/** One phrase hit in a post. */
export interface PhraseHit {
  /** Id of the list the phrase belongs to. */
  list: string;
  /** The pattern as written in the list ("smoke in the cabin", "evacuat*"). */
  pattern: string;
  /** The words of the post that matched, as written. */
  text: string;
  start: number;
  end: number;
  /** The first matched word is inside a negation scope ("no delay") and the pattern has no negation of its own. */
  negated: boolean;
}

const NEGATORS = new Set(['not', 'no', 'never', 'nobody', 'nothing', 'none', 'nor', 'without', 'cannot']);

/** wink-nlp does not open a negation scope after "nobody" / "no one": "nobody was injured". */
function afterNobody(tok: Tokenized, i: number): boolean {
  for (let j = i - 1; j >= Math.max(0, i - 3); j -= 1) {
    if (tok.kind[j] === 'punctuation') return false;
    const w = tok.norm[j];
    if (w === 'nobody' || w === 'noone' || w === 'none' || (w === 'one' && tok.norm[j - 1] === 'no')) return true;
  }
  return false;
}

const NONE: readonly Compiled[] = [];
/** Matchers (the first ones made: rule lists, spam, default taxonomy) whose candidates per word are kept on WordEntry. */
export const ENTRY_MATCHERS = 8;
let nextSlot = 0;

/** A hit for `list` among hits[from..] (the hits at the current start). */
function seenList(hits: readonly PhraseHit[], from: number, list: string): boolean {
  for (let k = from; k < hits.length; k += 1) if (hits[k]?.list === list) return true;
  return false;
}

/** Words a pattern can be matched against: hashtags count as their word ("#delayed" matches "delayed"). */
export function matchForm(tok: Tokenized, i: number): string {
  const k = tok.kind[i];
  const n = tok.norm[i] ?? '';
  if (k === 'hashtag') return n.slice(1);
  return n;
}

/**
 * Matches lists of phrases against wink-nlp tokens. Patterns are tokenised by wink too, so
 * "can't log in" and the post's "can't log in" both become "can not log in"; a trailing `*`
 * makes the last word a prefix ("evacuat*" matches "evacuated", "evacuation").
 */
export class PhraseMatcher {
  private readonly exact = new Map<string, Compiled[]>();
  private readonly prefix = new Map<string, Compiled[]>();
  /** One bit per (first, second) code unit pair, low byte of each, that starts a prefix key: most words need no prefix look-up. */
  private readonly prefixStart = new Uint8Array(65536 >> 3);
  /** Index of this matcher's candidates in WordEntry.phrases, or -1 (only the first ENTRY_MATCHERS matchers have one). */
  private readonly slot = nextSlot < ENTRY_MATCHERS ? nextSlot++ : -1;

  constructor(lists: Readonly<Record<string, readonly string[]>>) {
    for (const [list, patterns] of Object.entries(lists)) {
      for (const pattern of patterns) this.add(list, pattern);
    }
  }

  private add(list: string, pattern: string): void {
    const trimmed = pattern.trim().toLowerCase();
    if (!trimmed) return;
    const prefixLast = trimmed.endsWith('*');
    const body = prefixLast ? trimmed.slice(0, -1) : trimmed;
    const nlp = wink();
    const parts: string[] = [];
    for (const piece of body.split(/\s+/)) {
      if (!piece) continue;
      const norms = nlp.readDoc(piece).tokens().out(nlp.its.normal) as string[];
      for (const n of norms) parts.push(n.startsWith('#') ? n.slice(1) : n);
    }
    if (parts.length === 0) return;
    const c: Compiled = { list, pattern, parts, prefixLast, hasNegation: parts.some((p) => NEGATORS.has(p)) };
    const first = parts[0] ?? '';
    if (prefixLast && parts.length === 1) {
      const key = first.slice(0, 3);
      if (first.length < 3) return;
      const arr = this.prefix.get(key) ?? [];
      arr.push(c);
      this.prefix.set(key, arr);
      const b = ((key.charCodeAt(0) & 255) << 8) | (key.charCodeAt(1) & 255);
      this.prefixStart[b >> 3] = (this.prefixStart[b >> 3] ?? 0) | (1 << (b & 7));
    } else {
      const arr = this.exact.get(first) ?? [];
      arr.push(c);
      this.exact.set(first, arr);
    }
  }

  /** All hits, in order of position; one hit per (list, start). */
  match(tok: Tokenized): PhraseHit[] {
    const hits: PhraseHit[] = [];
    const forms = tok.form;
    const n = forms.length;
    for (let i = 0; i < n; i += 1) {
      const w = forms[i] ?? '';
      if (!w) continue;
      const e = this.slot >= 0 ? tok.entry[i] : undefined;
      if (e) {
        // a word: its candidates (exact ones, then prefix ones) are kept on its entry
        const ph = (e.phrases ??= new Array<readonly Compiled[] | null>(ENTRY_MATCHERS).fill(null));
        let group = ph[this.slot];
        if (!group) {
          group = this.candidates(w);
          ph[this.slot] = group;
        }
        if (group.length > 0) this.tryGroup(tok, i, group, hits, hits.length);
        continue;
      }
      const cands = this.exact.get(w);
      const pcands = w.length >= 3 && this.mayStartPrefix(w) ? this.prefix.get(w.slice(0, 3)) : undefined;
      if (!cands && !pcands) continue;
      const firstHit = hits.length;
      if (cands) this.tryGroup(tok, i, cands, hits, firstHit);
      if (pcands) this.tryGroup(tok, i, pcands, hits, firstHit);
    }
    return hits;
  }

  /** The patterns that may start at word form `w`: those keyed by the word, then those keyed by its first 3 letters. */
  private candidates(w: string): readonly Compiled[] {
    const cands = this.exact.get(w);
    const pcands = w.length >= 3 ? this.prefix.get(w.slice(0, 3)) : undefined;
    return cands && pcands ? [...cands, ...pcands] : (cands ?? pcands ?? NONE);
  }

  private mayStartPrefix(w: string): boolean {
    const b = ((w.charCodeAt(0) & 255) << 8) | (w.charCodeAt(1) & 255);
    return ((this.prefixStart[b >> 3] ?? 0) & (1 << (b & 7))) !== 0;
  }

  private tryGroup(tok: Tokenized, i: number, group: readonly Compiled[], hits: PhraseHit[], firstHit: number): void {
    for (let g = 0; g < group.length; g += 1) {
      const c = group[g] as Compiled;
      if (hits.length > firstHit && seenList(hits, firstHit, c.list)) continue;
      const end = this.tryAt(tok.form, i, c);
      if (end < 0) continue;
      hits.push({
        list: c.list,
        pattern: c.pattern,
        text: tok.raw.slice(i, end).join(' '),
        start: i,
        end,
        negated: !c.hasNegation && ((tok.negated[i] ?? false) || afterNobody(tok, i)),
      });
    }
  }

  private tryAt(forms: readonly string[], i: number, c: Compiled): number {
    const parts = c.parts;
    const last = parts.length - 1;
    if (i + last >= forms.length) return -1;
    for (let p = 0; p <= last; p += 1) {
      const w = forms[i + p] ?? '';
      const part = parts[p] ?? '';
      const ok = p === last && c.prefixLast ? w.startsWith(part) : w === part;
      if (!ok) return -1;
    }
    return i + last + 1;
  }
}
