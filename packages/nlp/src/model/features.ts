import { type TextSignals } from '../text/signals.js';
import { type FeatureWord, type Tokenized } from '../text/tokenized.js';
import { type FeatureVector } from './feature-vector.js';
import { fnv1a, mix } from './hash.js';
import { shippedWordClusters } from './shipped-models.js';

/** Number of hashed feature slots (2^18). */
export const FEATURE_BITS = 18;
export const FEATURE_DIM = 1 << FEATURE_BITS;
const MASK = FEATURE_DIM - 1;

export function newFeatureVector(): FeatureVector {
  return { idx: [], val: [] };
}

const SALT_WORD = 0x1234567;
const SALT_DENSE = 0x3456789;
const NEG = '\u00ac';
const START = fnv1a('<s>', SALT_WORD);

function denseSlot(name: string): number {
  return fnv1a(name, SALT_DENSE) & MASK;
}

const DENSE = {
  bias: denseSlot('bias'),
  lexPos: denseSlot('lex:pos'),
  lexNeg: denseSlot('lex:neg'),
  lexCompound: denseSlot('lex:compound'),
  lexNone: denseSlot('lex:none'),
  excl: denseSlot('punct:!'),
  quest: denseSlot('punct:?'),
  caps: denseSlot('style:caps'),
  elong: denseSlot('style:elongated'),
  sarcasm: denseSlot('cue:sarcasm'),
  cueNegated: denseSlot('cue:negated-words'),
  cueYou: denseSlot('cue:second-person'),
  cueTime: denseSlot('cue:time'),
  cueWhy: denseSlot('cue:why'),
  cuePast: denseSlot('cue:past'),
};
/** Past-tense verbs (a crude "-ed" test plus common irregular ones): complaints narrate what happened. */
const PAST_IRREGULAR = new Set([
  'paid',
  'bought',
  'got',
  'sent',
  'told',
  'said',
  'took',
  'made',
  'gave',
  'left',
  'lost',
  'broke',
  'came',
  'went',
  'had',
  'was',
  'were',
  'been',
  'did',
]);
/** Complaint cues that carry across domains (Preotiuc-Pietro et al. 2019): second person, time, "why" (and past tense above). */
const SECOND_PERSON = new Set(['you', 'your', 'yours', 'u', 'ur', 'yall']);
const TEMPORAL = new Set([
  'still',
  'yet',
  'again',
  'already',
  'since',
  'ago',
  'hours',
  'hrs',
  'days',
  'weeks',
  'months',
  'years',
  'minutes',
  'mins',
  'today',
  'yesterday',
  'tomorrow',
  'tonight',
  'week',
  'month',
]);
const RULE_SLOTS = new Map<string, number>();
function ruleSlot(list: string, negated: boolean): number {
  const key = `${negated ? 'neg:' : ''}${list}`;
  let s = RULE_SLOTS.get(key);
  if (s === undefined) {
    s = denseSlot(`rule:${key}`);
    RULE_SLOTS.set(key, s);
  }
  return s;
}

const SALT_CLUSTER = 0x5678901;
/** Slots of the word-cluster features: [2 * id] for "c<id>", [2 * id + 1] for the negated "¬c<id>"; built once. */
const CLUSTER_SLOTS: number[] = [];
function clusterSlot(id: number, negated: boolean): number {
  for (let c = CLUSTER_SLOTS.length / 2; c <= id; c += 1) CLUSTER_SLOTS.push(fnv1a(`c${c}`, SALT_CLUSTER) & MASK, fnv1a(`${NEG}c${c}`, SALT_CLUSTER) & MASK);
  return CLUSTER_SLOTS[2 * id + (negated ? 1 : 0)] ?? 0;
}

/** Slots of the dense (non-word) features: bias, lexicon, style, cues, rule lists. */
export function denseSlots(ruleLists: readonly string[]): number[] {
  const out: number[] = Object.values(DENSE);
  for (const l of ruleLists) out.push(ruleSlot(l, false), ruleSlot(l, true));
  return out;
}

/**
 * Slots every post shares in some measure: the dense features (bias, lexicon, style, cues, rule
 * lists) and the word clusters. A workspace model learns nothing on them (see adapt/), so that a
 * few hundred corrections teach words and phrases, not a new weighting of the lexicon that
 * would move every post of every kind.
 */
export function sharedSlots(ruleLists: readonly string[]): Set<number> {
  const out = new Set(denseSlots(ruleLists));
  const n = shippedWordClusters().clusters;
  for (let c = 0; c < n; c += 1) {
    out.add(clusterSlot(c, false));
    out.add(clusterSlot(c, true));
  }
  return out;
}

/** A crude suffix stripper (delayed, delays, delaying -> delay): an extra feature beside the word. */
export function crudeStem(w: string): string {
  if (w.length <= 4) return w;
  if (w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('ing') && w.length > 5) return w.slice(0, -3);
  if (w.endsWith('ed')) return w.slice(0, -2);
  if (w.endsWith('ly') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('es') && w.length > 5) return w.slice(0, -2);
  if (w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** The word a token contributes: placeholders for handles, links and numbers. */
function wordKey(kind: string | undefined, norm: string): string | undefined {
  switch (kind) {
    case 'word':
      return norm.length > 3 ? norm.replace(/([a-z])\1{2,}/g, '$1$1') : norm;
    case 'mention':
      return '<@>';
    case 'url':
      return '<url>';
    case 'email':
      return '<email>';
    case 'number':
    case 'ordinal':
      return '<num>';
    case 'time':
      return '<time>';
    case 'currency':
      return '<cur>';
    case 'hashtag':
      return norm;
    case 'emoji':
    case 'emoticon':
    case 'punctuation':
    case 'symbol':
      return norm;
    default:
      return undefined;
  }
}

const CUE_NONE = 0;
const CUE_YOU = 1;
const CUE_TIME = 2;
const CUE_WHY = 3;

function featureWord(norm: string): FeatureWord {
  const key = wordKey('word', norm) ?? norm;
  const hash = fnv1a(key, SALT_WORD);
  const cl = shippedWordClusters().of(key);
  const st = crudeStem(key);
  const w = norm;
  return {
    hash,
    slot: hash & MASK,
    negSlot: fnv1a(NEG + key, SALT_WORD) & MASK,
    clusterSlot: cl >= 0 ? clusterSlot(cl, false) : -1,
    clusterNegSlot: cl >= 0 ? clusterSlot(cl, true) : -1,
    stemSlot: st !== key ? fnv1a('~' + st, SALT_WORD) & MASK : -1,
    stemNegSlot: st !== key ? fnv1a(NEG + '~' + st, SALT_WORD) & MASK : -1,
    cue: SECOND_PERSON.has(w) ? CUE_YOU : TEMPORAL.has(w) ? CUE_TIME : w === 'why' ? CUE_WHY : CUE_NONE,
    past: (w.length > 4 && w.endsWith('ed') && w !== 'need') || PAST_IRREGULAR.has(w),
  };
}

/**
 * Features of one post, the same at training and at run time:
 * - words (negation-marked inside wink-nlp's negation scope: "not bad" gives "¬bad"), word pairs;
 * - each word's cluster from pretrained word vectors (64 clusters, negation-marked too), so that
 *   words the training posts never used still weigh like the words used alike ("suitcase" ~ "luggage");
 * - the valence-lexicon summary, punctuation and capitals;
 * - which rule lists matched (delay, outage, churn, ...), so the model can weigh them.
 * The word group is scaled to unit length, so long posts do not swamp short ones.
 */
export function extractFeatures(sig: TextSignals, fv: FeatureVector, sarcasm: boolean): FeatureVector {
  const idx = fv.idx;
  const val = fv.val;
  idx.length = 0;
  val.length = 0;
  wordFeatures(sig.tok, idx, val);
  // dense summary features
  idx.push(DENSE.bias);
  val.push(1);
  idx.push(DENSE.lexPos);
  val.push(squash(sig.lexPos));
  idx.push(DENSE.lexNeg);
  val.push(squash(-sig.lexNeg));
  idx.push(DENSE.lexCompound);
  val.push(sig.lexCompound);
  cueFeatures(sig.tok, idx, val);
  styleAndRuleFeatures(sig, sarcasm, idx, val);
  return fv;
}

/** Words, their word-vector cluster, stems and pairs; hashtags and placeholders; scaled to unit length. */
function wordFeatures(tok: Tokenized, idx: number[], val: number[]): void {
  const n = tok.norm.length;
  const clusters = shippedWordClusters();
  const wordStart = idx.length;
  let prev = START;
  for (let i = 0; i < n; i += 1) {
    const kind = tok.kind[i];
    if (kind === 'word') {
      const e = tok.entry[i];
      const fw = e ? (e.feature ??= featureWord(e.norm)) : featureWord(tok.norm[i] ?? '');
      const negated = tok.negated[i] === true;
      idx.push(negated ? fw.negSlot : fw.slot);
      val.push(1);
      const cs = negated ? fw.clusterNegSlot : fw.clusterSlot;
      if (cs >= 0) {
        idx.push(cs);
        val.push(1);
      }
      const ss = negated ? fw.stemNegSlot : fw.stemSlot;
      if (ss >= 0) {
        idx.push(ss);
        val.push(1);
      }
      idx.push(mix(prev, fw.hash) & MASK);
      val.push(1);
      prev = fw.hash;
      continue;
    }
    const key = wordKey(kind, tok.norm[i] ?? '');
    if (key === undefined) continue;
    const h = fnv1a(key, SALT_WORD);
    idx.push(h & MASK);
    val.push(1);
    if (kind === 'hashtag' && key.length > 1) {
      idx.push(fnv1a(key.slice(1), SALT_WORD) & MASK);
      val.push(1);
    }
    if (kind === 'hashtag') {
      const cl = clusters.of(key.slice(1));
      if (cl >= 0) {
        idx.push(clusterSlot(cl, false));
        val.push(1);
      }
    }
    idx.push(mix(prev, h) & MASK);
    val.push(1);
    prev = h;
  }
  normalise(val, wordStart, val.length);
}

/** Cues counted over the words: negated words, second person, time expressions, "why", past tense. */
function cueFeatures(tok: Tokenized, idx: number[], val: number[]): void {
  const n = tok.norm.length;
  let negs = 0;
  let you = false;
  let time = 0;
  let why = false;
  let past = 0;
  for (let i = 0; i < n; i += 1) {
    if (tok.kind[i] !== 'word') continue;
    if (tok.negated[i]) negs += 1;
    const e = tok.entry[i];
    const fw = e ? (e.feature ??= featureWord(e.norm)) : featureWord(tok.norm[i] ?? '');
    const cue = fw.cue;
    if (cue === CUE_YOU) you = true;
    else if (cue === CUE_TIME) time += 1;
    else if (cue === CUE_WHY) why = true;
    if (fw.past) past += 1;
  }
  if (past > 0) {
    idx.push(DENSE.cuePast);
    val.push(Math.min(past, 3) / 3);
  }
  if (negs > 0) {
    idx.push(DENSE.cueNegated);
    val.push(Math.min(negs, 3) / 3);
  }
  if (you) {
    idx.push(DENSE.cueYou);
    val.push(1);
  }
  if (time > 0) {
    idx.push(DENSE.cueTime);
    val.push(Math.min(time, 2) / 2);
  }
  if (why) {
    idx.push(DENSE.cueWhy);
    val.push(1);
  }
}

/** No lexicon word, punctuation, capitals, elongation, sarcasm, and which rule lists matched. */
function styleAndRuleFeatures(sig: TextSignals, sarcasm: boolean, idx: number[], val: number[]): void {
  if (sig.lexCount === 0) {
    idx.push(DENSE.lexNone);
    val.push(1);
  }
  if (sig.exclamations > 0) {
    idx.push(DENSE.excl);
    val.push(Math.min(sig.exclamations, 3) / 3);
  }
  if (sig.questionMarks > 0) {
    idx.push(DENSE.quest);
    val.push(1);
  }
  if (sig.capsWords > 0) {
    idx.push(DENSE.caps);
    val.push(Math.min(sig.capsWords, 3) / 3);
  }
  if (sig.elongated > 0) {
    idx.push(DENSE.elong);
    val.push(1);
  }
  if (sarcasm) {
    idx.push(DENSE.sarcasm);
    val.push(1);
  }
  for (const h of sig.hits) {
    idx.push(ruleSlot(h.list, h.negated));
    val.push(0.5);
  }
}

function squash(x: number): number {
  return x / (x + 2);
}

function normalise(val: number[], from: number, to: number): void {
  const count = to - from;
  if (count <= 0) return;
  const s = 1 / Math.sqrt(count);
  for (let k = from; k < to; k += 1) val[k] = (val[k] ?? 0) * s;
}

/** Slots where the complaint model reads the sentiment model's three probabilities (stacking). */
export const STACK_SLOTS = [FEATURE_DIM - 3, FEATURE_DIM - 2, FEATURE_DIM - 1] as const;

/** Copy of `fv` plus the sentiment probabilities, for the complaint model. */
export function withSentimentStack(fv: FeatureVector, probs: readonly number[], out: FeatureVector): FeatureVector {
  out.idx.length = 0;
  out.val.length = 0;
  for (let j = 0; j < fv.idx.length; j += 1) {
    out.idx.push(fv.idx[j] ?? 0);
    out.val.push(fv.val[j] ?? 0);
  }
  for (let c = 0; c < STACK_SLOTS.length; c += 1) {
    out.idx.push(STACK_SLOTS[c] ?? 0);
    out.val.push(probs[c] ?? 0);
  }
  return out;
}
