import { type Tokenized } from '../text/tokenize.js';
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

interface Compiled {
  list: string;
  pattern: string;
  /** Token norms; the last one may be a prefix. */
  parts: string[];
  prefixLast: boolean;
  hasNegation: boolean;
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
    } else {
      const arr = this.exact.get(first) ?? [];
      arr.push(c);
      this.exact.set(first, arr);
    }
  }

  /** All hits, in order of position; one hit per (list, start). */
  match(tok: Tokenized): PhraseHit[] {
    const hits: PhraseHit[] = [];
    const n = tok.norm.length;
    for (let i = 0; i < n; i += 1) {
      const w = matchForm(tok, i);
      if (!w) continue;
      const cands = this.exact.get(w);
      const pcands = w.length >= 3 ? this.prefix.get(w.slice(0, 3)) : undefined;
      if (!cands && !pcands) continue;
      let seen: Set<string> | undefined;
      for (const group of [cands, pcands]) {
        if (!group) continue;
        for (const c of group) {
          if (seen?.has(c.list)) continue;
          const end = this.tryAt(tok, i, c);
          if (end < 0) continue;
          seen ??= new Set();
          seen.add(c.list);
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
    }
    return hits;
  }

  private tryAt(tok: Tokenized, i: number, c: Compiled): number {
    const last = c.parts.length - 1;
    let j = i;
    for (let p = 0; p <= last; p += 1) {
      if (j >= tok.norm.length) return -1;
      const w = matchForm(tok, j);
      const part = c.parts[p] ?? '';
      const ok = p === last && c.prefixLast ? w.startsWith(part) : w === part;
      if (!ok) return -1;
      j += 1;
    }
    return j;
  }
}
