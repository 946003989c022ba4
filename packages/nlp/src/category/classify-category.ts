import { PhraseMatcher } from '../rules/phrase-matcher.js';
import { type CategoryResult, type Taxonomy, type TaxonomyCategory } from '../types.js';
import { tokenize } from '../text/tokenize.js';
import { type CategoryWord, type Tokenized } from '../text/tokenized.js';

const STOP = new Set(
  (
    'a an the and or but if so to of in on at by for with from into about as is are was were be been being am do does did have has had ' +
    'i me my mine we us our you your yours he him his she her it its they them their this that these those there here what which who whom ' +
    'when where why how all any both each few more most other some such no not only own same than too very can will just should would could ' +
    'now then again still also get got go going gone one two up out over please thanks thank hi hello hey dm yes ok okay via rt amp'
  ).split(' '),
);

/** Light stemming so "delays", "delayed" and "delay" meet. */
export function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

function categoryWord(w: string): CategoryWord {
  return w.length < 3 || STOP.has(w) ? null : stem(w);
}

/** Content words, stemmed; words inside a negation scope ("no refund") are left out. */
function contentStems(tok: Tokenized): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < tok.norm.length; i += 1) {
    const k = tok.kind[i];
    if (tok.negated[i]) continue;
    if (k === 'word') {
      const e = tok.entry[i];
      const s = e ? (e.category === undefined ? (e.category = categoryWord(e.norm)) : e.category) : categoryWord(tok.norm[i] ?? '');
      if (s !== null) out.add(s);
      continue;
    }
    if (k !== 'hashtag') continue;
    const w = (tok.norm[i] ?? '').slice(1);
    if (w.length < 3 || STOP.has(w)) continue;
    out.add(stem(w));
  }
  return out;
}

interface CompiledTaxonomy {
  matcher: PhraseMatcher;
  /** Keywords written "a & b": all parts must occur (not negated) anywhere in the post. */
  combos: Array<{ cat: number; keyword: string; parts: number }>;
  comboMatcher: PhraseMatcher;
  /** Per category: stem -> weight from its example posts. */
  profiles: Map<string, number>[];
  /** The same weights by stem: stem -> [category, weight, category, weight, ...], categories ascending. */
  byStem: Map<string, number[]>;
  /** Category id -> index. */
  index: Map<string, number>;
  /** Word rarity from the taxonomy's unlabeled background posts (empty without them). */
  idf: Map<string, number>;
  /** IDF of a stem never seen in the background. */
  idfUnseen: number;
  /** Per category: L2-normalised IDF-weighted centroid of examples + keywords (with background). */
  centroids: Map<string, number>[];
}

/** A keyword hit on a word in 1 of IDF_REF background posts counts 1×; rarer up to 1.5×, commoner down to 0.5×. */
const IDF_REF = Math.log(50);

function keywordStems(k: string): string[] {
  return k
    .toLowerCase()
    .replace(/\*/g, '')
    .split(/[^a-z0-9']+/)
    .filter((w) => w.length >= 3 && !STOP.has(w))
    .map(stem);
}

const compiled = new WeakMap<Taxonomy, CompiledTaxonomy>();

function compile(tax: Taxonomy): CompiledTaxonomy {
  const cached = compiled.get(tax);
  if (cached) return cached;
  const { matcher, combos, comboMatcher } = keywordMatchers(tax);
  const { profiles, byStem } = exampleProfiles(tax);
  const idf = new Map<string, number>();
  const bg = tax.background ?? [];
  const idfUnseen = Math.log(bg.length + 1);
  const index = new Map(tax.categories.map((cat, i) => [cat.id, i]));
  const out: CompiledTaxonomy = { matcher, combos, comboMatcher, profiles, byStem, index, idf, idfUnseen, centroids: [] };
  if (bg.length >= 20) learnFromBackground(tax, bg, out);
  compiled.set(tax, out);
  return out;
}

/** One phrase list per category for its plain keywords; keywords written "a & b" get one list per part. */
function keywordMatchers(tax: Taxonomy): Pick<CompiledTaxonomy, 'matcher' | 'combos' | 'comboMatcher'> {
  const lists: Record<string, string[]> = {};
  const comboLists: Record<string, string[]> = {};
  const combos: CompiledTaxonomy['combos'] = [];
  tax.categories.forEach((c, ci) => {
    lists[c.id] = [];
    for (const k of c.keywords) {
      if (!k.includes('&')) {
        lists[c.id]?.push(k);
        continue;
      }
      const parts = k
        .split('&')
        .map((x) => x.trim())
        .filter(Boolean);
      const id = combos.length;
      combos.push({ cat: ci, keyword: parts.join(' & '), parts: parts.length });
      parts.forEach((part, pi) => (comboLists[`${id}:${pi}`] = [part]));
    }
  });
  return { matcher: new PhraseMatcher(lists), combos, comboMatcher: new PhraseMatcher(comboLists) };
}

/** Per category, the stems of its example posts weighted by an inverse category frequency; and the same by stem. */
function exampleProfiles(tax: Taxonomy): Pick<CompiledTaxonomy, 'profiles' | 'byStem'> {
  const raw = tax.categories.map((c) => {
    const m = new Map<string, number>();
    const ex = c.examples ?? [];
    for (const e of ex) for (const s of contentStems(tokenize(e))) m.set(s, (m.get(s) ?? 0) + 1 / Math.max(1, ex.length));
    return m;
  });
  // stems found in many categories' examples say little: weight by an inverse category frequency
  const df = new Map<string, number>();
  for (const m of raw) for (const s of m.keys()) df.set(s, (df.get(s) ?? 0) + 1);
  const n = tax.categories.length;
  const profiles = raw.map((m) => {
    const p = new Map<string, number>();
    for (const [s, w] of m) p.set(s, w * Math.log(1 + n / (df.get(s) ?? 1)));
    return p;
  });
  const byStem = new Map<string, number[]>();
  profiles.forEach((p, i) => {
    for (const [s, w] of p) {
      const arr = byStem.get(s) ?? [];
      arr.push(i, w);
      byStem.set(s, arr);
    }
  });
  return { profiles, byStem };
}

/** With 20+ background posts: word rarity (out.idf) and the categories' centroids, after one round of self-training. */
function learnFromBackground(tax: Taxonomy, bg: readonly string[], out: CompiledTaxonomy): void {
  const { idf, idfUnseen } = out;
  const bdf = new Map<string, number>();
  for (const t of bg) for (const s of contentStems(tokenize(t))) bdf.set(s, (bdf.get(s) ?? 0) + 1);
  for (const [s, v] of bdf) idf.set(s, Math.log((bg.length + 1) / (v + 1)));
  out.centroids = tax.categories.map((cat) => centroid(cat, [], idf, idfUnseen));
  // one round of self-training: the background posts scored most surely for a category (largest
  // margin over the runner-up) join its centroid. Labels are never read; only the posts' words.
  const cand: Array<Array<{ margin: number; stems: Set<string> }>> = tax.categories.map(() => []);
  for (const t of bg) {
    const tok = tokenize(t);
    const { scores } = scoreCategories(tok, tax, out);
    let b = -1;
    let b1 = 0;
    let b2 = 0;
    scores.forEach((v, k) => {
      if (v > b1) {
        b2 = b1;
        b1 = v;
        b = k;
      } else if (v > b2) b2 = v;
    });
    if (b >= 0 && b1 >= CATEGORY_WEIGHTS.minimum) cand[b]?.push({ margin: b1 - b2, stems: contentStems(tok) });
  }
  out.centroids = tax.categories.map((cat, k) =>
    centroid(
      cat,
      (cand[k] ?? [])
        .sort((x, y) => y.margin - x.margin)
        .slice(0, PSEUDO_PER_CATEGORY)
        .map((x) => x.stems),
      idf,
      idfUnseen,
    ),
  );
}

/**
 * A category's centroid: the examples (1 in all), each keyword word (CENTROID_KEYWORD) and the extra
 * posts (PSEUDO_WEIGHT in all), IDF-weighted and scaled to unit length.
 */
function centroid(cat: TaxonomyCategory, extra: ReadonlyArray<Set<string>>, idf: ReadonlyMap<string, number>, idfUnseen: number): Map<string, number> {
  const m = new Map<string, number>();
  const ex = cat.examples ?? [];
  if (ex.length === 0 && cat.keywords.length === 0) return m;
  for (const e of ex) for (const s of contentStems(tokenize(e))) m.set(s, (m.get(s) ?? 0) + 1 / ex.length);
  for (const s of [cat.name, ...cat.keywords].flatMap(keywordStems)) m.set(s, (m.get(s) ?? 0) + CENTROID_KEYWORD);
  for (const p of extra) for (const s of p) m.set(s, (m.get(s) ?? 0) + PSEUDO_WEIGHT / extra.length);
  let norm = 0;
  for (const [s, w] of m) {
    const v = w * (idf.get(s) ?? idfUnseen);
    m.set(s, v);
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (const [s, w] of m) m.set(s, w / norm);
  return m;
}

/** Points for one keyword hit and per unit of example similarity; minimum to leave the fallback. */
export const CATEGORY_WEIGHTS = { keyword: 1, example: 1.2, minimum: 0.35 } as const;
/** With background posts: points per unit of cosine similarity to the category centroid. */
const CENTROID = 4;
/** Weight of one keyword word in a centroid, relative to one example post's word (1 / examples). */
const CENTROID_KEYWORD = 0.2;
/** Self-training: background posts added to each centroid, and their total weight (examples weigh 1). */
const PSEUDO_PER_CATEGORY = 200;
const PSEUDO_WEIGHT = 1;

/**
 * The taxonomy category a post belongs to: keyword hits (not negated) plus similarity to the
 * category's example posts (shared content words, weighted by how specific they are to that
 * category). Below a minimum score the taxonomy's fallback ("other") is returned.
 */
/** The taxonomy's fallback ("other" unless it names another), with confidence 0: what a post fitting no category gets. */
export function fallbackCategory(tax: Taxonomy): CategoryResult {
  const fallbackId = tax.fallback ?? 'other';
  const fb = tax.categories.find((x) => x.id === fallbackId);
  return { id: fallbackId, name: fb?.name ?? 'Other', confidence: 0, matched: [] };
}

export function classifyCategory(tok: Tokenized, tax: Taxonomy): CategoryResult {
  const c = compile(tax);
  const n = tax.categories.length;
  const { scores, matched } = scoreCategories(tok, tax, c);
  let best = -1;
  let bestScore = 0;
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    const s = scores[i] ?? 0;
    total += s;
    if (s > bestScore) {
      bestScore = s;
      best = i;
    }
  }
  const cat = best >= 0 ? tax.categories[best] : undefined;
  if (!cat || bestScore < CATEGORY_WEIGHTS.minimum) return fallbackCategory(tax);
  const confidence = Math.round(Math.min(1, (bestScore / (total + 0.5)) * Math.min(1, bestScore)) * 100) / 100;
  return { id: cat.id, name: cat.name, confidence, matched: matched[best] ?? [] };
}

/**
 * Every category's score (keyword hits + similarity to its examples), in taxonomy order, and the
 * keywords each matched: the prior the workspace model's category head learns on top of.
 */
export function categoryScores(tok: Tokenized, tax: Taxonomy): { scores: number[]; matched: string[][] } {
  return scoreCategories(tok, tax, compile(tax));
}

function scoreCategories(tok: Tokenized, tax: Taxonomy, c: CompiledTaxonomy): { scores: number[]; matched: string[][] } {
  const n = tax.categories.length;
  const scores = new Array<number>(n).fill(0);
  const matched: string[][] = tax.categories.map(() => []);
  const index = c.index;
  const add = (i: number, text: string, words: number): void => {
    const m = matched[i];
    if (!m || m.includes(text)) return;
    m.push(text);
    // a longer phrase is more specific: 1 point for one word, 1.5 for two, up to 2
    scores[i] = (scores[i] ?? 0) + (CATEGORY_WEIGHTS.keyword * Math.min(2, 1 + 0.5 * (words - 1)) * rarity(text)) / Math.sqrt(m.length);
  };
  const rarity = (text: string): number => {
    if (c.idf.size === 0) return 1;
    let best = 0;
    for (const s of keywordStems(text)) best = Math.max(best, c.idf.get(s) ?? c.idfUnseen);
    return best === 0 ? 1 : Math.max(0.5, Math.min(1.5, best / IDF_REF));
  };
  for (const h of c.matcher.match(tok)) {
    if (h.negated) continue;
    const i = index.get(h.list);
    if (i !== undefined) add(i, h.text.toLowerCase(), h.end - h.start);
  }
  if (c.combos.length > 0) {
    const found = new Map<number, Set<string>>();
    const texts = new Map<number, string[]>();
    for (const h of c.comboMatcher.match(tok)) {
      if (h.negated) continue;
      const [id, part] = h.list.split(':');
      const k = Number(id);
      const set = found.get(k) ?? new Set<string>();
      if (!set.has(part ?? '')) (texts.get(k) ?? texts.set(k, []).get(k))?.push(h.text.toLowerCase());
      set.add(part ?? '');
      found.set(k, set);
    }
    for (const [k, set] of found) {
      const combo = c.combos[k];
      if (combo && set.size === combo.parts) add(combo.cat, (texts.get(k) ?? []).join(' & '), 2);
    }
  }
  const stems = contentStems(tok);
  if (stems.size > 0 && c.centroids.length === n) {
    let norm = 0;
    for (const s of stems) norm += (c.idf.get(s) ?? c.idfUnseen) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i += 1) {
      const p = c.centroids[i];
      if (!p || p.size === 0) continue;
      let sim = 0;
      for (const s of stems) sim += ((p.get(s) ?? 0) * (c.idf.get(s) ?? c.idfUnseen)) / norm;
      scores[i] = (scores[i] ?? 0) + CENTROID * sim;
    }
  } else if (stems.size > 0) {
    // per category, the sum over the post's stems (in the post's order) of the stem's profile weight
    const sims = new Float64Array(n);
    for (const s of stems) {
      const ws = c.byStem.get(s);
      if (!ws) continue;
      for (let k = 0; k < ws.length; k += 2) sims[ws[k] ?? 0] = (sims[ws[k] ?? 0] ?? 0) + (ws[k + 1] ?? 0);
    }
    for (let i = 0; i < n; i += 1) {
      const p = c.profiles[i];
      if (!p || p.size === 0) continue;
      scores[i] = (scores[i] ?? 0) + (CATEGORY_WEIGHTS.example * (sims[i] ?? 0)) / Math.sqrt(stems.size);
    }
  }
  return { scores, matched };
}
