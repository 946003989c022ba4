import { STOP_WORDS } from './stop-words.js';

export interface TopTerm {
  term: string;
  /** z-score of the log-odds ratio (surge against baseline) under an informative Dirichlet prior. */
  score: number;
  /** Surge texts that contain the term. */
  surgeCount: number;
  /** Baseline texts that contain the term. */
  baselineCount: number;
}

const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/gu;
const HANDLE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;
const TOKEN = /#?[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;

/** The distinct terms of a text: lower-cased words and hashtags; links, @handles, stop words and numbers left out. */
export function tokenize(text: string): string[] {
  const clean = text.normalize('NFKC').toLowerCase().replace(URL, ' ').replace(HANDLE, '$1 ');
  const out = new Set<string>();
  for (const m of clean.matchAll(TOKEN)) {
    const term = m[0].replace(/’/g, "'").replace(/['_-]+$/u, '');
    const bare = term.startsWith('#') ? term.slice(1) : term;
    if (bare.length < 2 || /^\p{N}+$/u.test(bare) || STOP_WORDS.has(term)) continue;
    out.add(term);
  }
  return [...out];
}

function documentFrequency(texts: readonly string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const text of texts) for (const term of tokenize(text)) df.set(term, (df.get(term) ?? 0) + 1);
  return df;
}

/**
 * The `n` terms most over-represented in the surge against the baseline: the weighted log-odds ratio with an
 * informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), counted once per text so one repeated post
 * cannot dominate. Terms in fewer than two surge texts are left out.
 */
export function topTerms(surgeTexts: readonly string[], baselineTexts: readonly string[], n = 10): TopTerm[] {
  const surge = documentFrequency(surgeTexts);
  const baseline = documentFrequency(baselineTexts);
  let surgeTotal = 0;
  let baselineTotal = 0;
  for (const c of surge.values()) surgeTotal += c;
  for (const c of baseline.values()) baselineTotal += c;
  const combinedTotal = surgeTotal + baselineTotal;
  if (surgeTotal === 0) return [];
  const prior = 100; // total pseudo-count, spread by each term's share of the combined texts
  const out: TopTerm[] = [];
  for (const [term, ys] of surge) {
    if (ys < 2) continue;
    const yb = baseline.get(term) ?? 0;
    const a = (prior * (ys + yb)) / combinedTotal;
    const delta = Math.log((ys + a) / (surgeTotal + prior - ys - a)) - Math.log((yb + a) / (baselineTotal + prior - yb - a));
    const score = delta / Math.sqrt(1 / (ys + a) + 1 / (yb + a));
    if (score > 0) out.push({ term, score: Math.round(score * 1000) / 1000, surgeCount: ys, baselineCount: yb });
  }
  return out.sort((x, y) => y.score - x.score || y.surgeCount - x.surgeCount || x.term.localeCompare(y.term)).slice(0, Math.max(0, n));
}
