import { createAnalyzer } from '../analyzer.js';
import { categoryScores, CATEGORY_WEIGHTS } from '../category/classify-category.js';
import { DEFAULT_TAXONOMY } from '../category/default-taxonomy.js';
import { extractFeatures, FEATURE_DIM, newFeatureVector, sharedSlots, STACK_SLOTS } from '../model/features.js';
import { fnv1a, mulberry32 } from '../model/hash.js';
import { LinearModel, type LinearModelData } from '../model/linear-model.js';
import { shippedComplaintModel, shippedSentimentModel } from '../model/shipped-models.js';
import { COMPLAINT_MODEL, SENTIMENT_MODEL } from '../model/weights.data.js';
import { RULE_LISTS } from '../rules/rule-lexicons.js';
import { detectSarcasm } from '../sentiment/detect-sarcasm.js';
import { SENTIMENT_CLASSES } from '../sentiment/score-sentiment.js';
import { readSignals } from '../text/signals.js';
import { type Taxonomy } from '../types.js';
import { fitCategoryLinear, inverseDocFreq, type CategoryHeadOptions } from './category-head.js';
import { maskedText, PhraseRules } from './phrase-rules.js';
import { estimatePrior, priorShiftBias } from './prior-shift.js';
import { SparseLinear } from './sparse-linear.js';
import { trainResidual, type ResidualExample, type ResidualOptions } from './train-residual.js';
import {
  type LabelledPost,
  type PhraseRule,
  type TrainWorkspaceOptions,
  type TrainWorkspaceResult,
  type WorkspaceModelData,
  type WorkspaceModelMetrics,
} from './types.js';
import { WORKSPACE_MODEL_FORMAT, type WorkspaceHeads } from './workspace-model.js';

/**
 * Hyper-parameters of the three heads (chosen once on the airline experiment, see
 * scripts/lib/adaptation-experiment.ts; not per workspace).
 * The sentiment and complaint heads are residuals with a strong L2 pull towards the shipped
 * model; the category head is a linear model over the same features (by default nearest centroid
 * by cosine over TF-IDF, see category-head.ts) added to the keyword / example classifier's scores
 * (prior x score).
 */
export const ADAPT_TRAIN: {
  sentiment: ResidualOptions;
  complaint: ResidualOptions;
  category: ResidualOptions;
  /** How the category head is learned (category-head.ts); its `logistic` trainer settings are `category` above. */
  categoryHead: Omit<CategoryHeadOptions, 'logistic'>;
  /** Heads that learn nothing on the shared slots (sharedSlots: lexicon, style, word clusters). */
  freezeShared: { sentiment: boolean; complaint: boolean; category: boolean };
  /** Weight of the classifier's score in a category's logit. */
  categoryPrior: number;
  /** A slot must occur in at least this many of the workspace's labelled posts to keep a weight (as the shipped recipe's MIN_DOC_FREQ). */
  minDocFreq: number;
  /** Weights below this are dropped when the model is packed (keeps the stored model small). */
  prune: number;
  /** Most feature slots a head keeps (those with the largest weights): bounds the stored size, ~(2 + classes) bytes a slot before base64. */
  maxSlots: number;
  /**
   * The sentiment head's class prior from the workspace's unlabelled posts (EM, see prior-shift.ts):
   * a bias log(π_workspace / π_trained), each class clipped to ±maxShift; only with at least
   * minUnlabelled posts. anchorWeight: one labelled post's weight next to one unlabelled.
   */
  sentimentPrior: { em: boolean; minUnlabelled: number; anchorWeight: number; maxShift: number };
  /** Self-training: unlabelled posts the prior-adapted model gives at least minConfidence train the residual again with this weight. */
  selfTrain: { rounds: number; minConfidence: number; weight: number };
  /** Most unlabelled posts read (a seeded sample beyond). */
  maxUnlabelled: number;
} = {
  // Chosen on Delta and Southwest held out (300 corrections each; United, the reported airline,
  // was looked at in early runs too): l2 0.1-3 and a learned class bias or not. A learned bias
  // copies the corrections' class balance onto every post (drops of 1-2 points on other sets);
  // without it and with l2 0.3 the other sets moved less than half a point. Every setting's
  // gain on the airline's own remaining tweets was within noise (-0.3 .. +0.6 points).
  sentiment: { epochs: 6, lr: 0.1, l2: 0.3, seed: 1, balance: 0, learnBias: false },
  complaint: { epochs: 6, lr: 0.1, l2: 0.3, seed: 2, balance: 0, learnBias: false },
  category: { epochs: 6, lr: 0.3, l2: 0.01, seed: 3, balance: 0.5 },
  // chosen by 5-fold cross-validation inside the experiment's 467 labelled airline posts (see its variants table)
  categoryHead: { method: 'centroid', scale: 4, idf: true, alpha: 1 },
  freezeShared: { sentiment: true, complaint: true, category: true },
  categoryPrior: 1,
  minDocFreq: 2,
  prune: 0.01,
  maxSlots: 3000,
  sentimentPrior: { em: false, minUnlabelled: 100, anchorWeight: 1, maxShift: 2 },
  selfTrain: { rounds: 0, minConfidence: 0.9, weight: 0.3 },
  maxUnlabelled: 5000,
};

/**
 * The class prior (negative, neutral, positive) the shipped sentiment model was trained under:
 * its training posts' weighted class totals with the recipe's class balancing (balance 0.5),
 * as printed by the adaptation experiment. Retraining the shipped model on other data changes it.
 */
export const SHIPPED_SENTIMENT_PRIOR: readonly number[] = [0.34, 0.33, 0.33];

let shared: Set<number> | undefined;
function frozenFor(head: 'sentiment' | 'complaint' | 'category'): ReadonlySet<number> | undefined {
  if (!ADAPT_TRAIN.freezeShared[head]) return undefined;
  shared ??= sharedSlots(Object.keys(RULE_LISTS));
  return shared;
}

export const COMPLAINT_CLASSES = ['not-complaint', 'complaint'] as const;

/** Options the api does not need: the eval's experiment adapts models other than the shipped ones. */
export interface AdaptBaseOptions {
  /** Base models the workspace model is trained on top of (default: the shipped ones). */
  sentimentModel?: LinearModel;
  complaintModel?: LinearModel;
  /** The workspace's phrase rules: 'ignore' phrases are masked from the features, as the analyzer does. */
  phraseRules?: readonly PhraseRule[];
  /** The class prior the base sentiment model was trained under (default: the shipped model's, SHIPPED_SENTIMENT_PRIOR). */
  sentimentPrior?: readonly number[];
}

export interface EvaluateWorkspaceOptions extends AdaptBaseOptions {
  taxonomy?: Taxonomy;
}

/**
 * Which shipped weights a workspace model is trained on top of; stored as its `base`. A stored
 * model whose `base` differs was trained against other shipped logits (the package's models were
 * retrained since): it still loads, but should be retrained from the same labelled posts.
 */
export function shippedFingerprint(): string {
  return (fnv1a(SENTIMENT_MODEL.weights) ^ fnv1a(COMPLAINT_MODEL.weights)).toString(16).padStart(8, '0');
}

interface Prepared {
  post: LabelledPost;
  idx: Int32Array;
  val: Float32Array;
  /** Base sentiment model's probabilities. */
  sent: number[];
  tokSig: ReturnType<typeof readSignals>;
}

function prepare(posts: readonly LabelledPost[], base: LinearModel, rules: PhraseRules | undefined): Prepared[] {
  const fv = newFeatureVector();
  return posts.map((post) => {
    let sig = readSignals(typeof post.text === 'string' ? post.text : '');
    const hit = rules?.match(sig.tok);
    if (hit?.maskSentiment) sig = readSignals(maskedText(sig.tok, hit.maskSentiment));
    extractFeatures(sig, fv, detectSarcasm(sig) !== undefined);
    return { post, idx: Int32Array.from(fv.idx), val: Float32Array.from(fv.val), sent: base.predict(fv, []), tokSig: sig };
  });
}

/** A seeded sample of at most ADAPT_TRAIN.maxUnlabelled unlabelled texts, prepared as the labelled posts. */
function prepareUnlabelled(texts: readonly string[] | undefined, base: LinearModel, rules: PhraseRules | undefined, seed: number): Prepared[] {
  if (!Array.isArray(texts)) return [];
  let usable = texts.filter((t) => typeof t === 'string' && t.trim() !== '');
  if (usable.length > ADAPT_TRAIN.maxUnlabelled) {
    const rand = mulberry32(seed + 7919);
    const order = usable.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    usable = order.slice(0, ADAPT_TRAIN.maxUnlabelled).map((i) => usable[i] ?? '');
  }
  return prepare(
    usable.map((text) => ({ text })),
    base,
    rules,
  );
}

/** The base probabilities of a prepared post with a residual head and a prior bias on top. */
function adjusted(p: Prepared, head: SparseLinear | undefined, bias: readonly number[] | undefined): number[] {
  const probs = [...p.sent];
  if (head) head.applyTo({ idx: Array.from(p.idx), val: Array.from(p.val) }, probs);
  if (!bias) return probs;
  let sum = 0;
  for (let c = 0; c < probs.length; c += 1) {
    probs[c] = (probs[c] ?? 0) * Math.exp(bias[c] ?? 0);
    sum += probs[c] ?? 0;
  }
  return probs.map((x) => x / sum);
}

/** A head with no feature weights (only a bias set afterwards). */
function emptyHead(classes: readonly string[]): LinearModelData {
  return new LinearModel(classes, FEATURE_DIM, new Float32Array(FEATURE_DIM * classes.length), new Float32Array(classes.length)).toData(ADAPT_TRAIN.prune);
}

function weightOf(p: LabelledPost): number {
  const w = p.weight;
  return typeof w === 'number' && Number.isFinite(w) && w > 0 ? Math.min(w, 10) : 1;
}

function logs(p: readonly number[]): Float64Array {
  return Float64Array.from(p, (x) => Math.log(Math.max(x, 1e-9)));
}

/** Zeroes the weights of slots found in fewer than ADAPT_TRAIN.minDocFreq of the posts, then packs the model. */
function pack(m: LinearModel, examples: readonly ResidualExample[]): LinearModelData {
  const df = new Uint16Array(m.dim);
  const last = new Int32Array(m.dim).fill(-1);
  examples.forEach((e, n) => {
    for (const i of e.idx) {
      if (last[i] === n) continue;
      last[i] = n;
      if ((df[i] ?? 0) < 65535) df[i] = (df[i] ?? 0) + 1;
    }
  });
  const k = m.classes.length;
  for (let slot = 0; slot < m.dim; slot += 1) {
    const n = df[slot] ?? 0;
    if (n === 0 || n >= ADAPT_TRAIN.minDocFreq) continue;
    for (let c = 0; c < k; c += 1) m.weights[slot * k + c] = 0;
  }
  const kept: Array<{ slot: number; size: number }> = [];
  for (let slot = 0; slot < m.dim; slot += 1) {
    if ((df[slot] ?? 0) === 0) continue;
    let size = 0;
    for (let c = 0; c < k; c += 1) size = Math.max(size, Math.abs(m.weights[slot * k + c] ?? 0));
    if (size >= ADAPT_TRAIN.prune) kept.push({ slot, size });
  }
  if (kept.length > ADAPT_TRAIN.maxSlots) {
    kept.sort((a, b) => b.size - a.size || a.slot - b.slot);
    for (const { slot } of kept.slice(ADAPT_TRAIN.maxSlots)) for (let c = 0; c < k; c += 1) m.weights[slot * k + c] = 0;
  }
  return m.toData(ADAPT_TRAIN.prune);
}

/** The category classes a taxonomy gives: its ids, and its fallback when that is not one of them. */
export function categoryClasses(tax: Taxonomy): string[] {
  const ids = tax.categories.map((c) => c.id);
  const fb = tax.fallback ?? 'other';
  return ids.includes(fb) ? ids : [...ids, fb];
}

/**
 * Trains a workspace model from its labelled posts (corrections and posts labelled on purpose),
 * on top of the shipped models. Pure, synchronous and deterministic for a seed: the api runs it
 * on a worker thread. A seeded share of the posts (heldOutShare, default 0.2) is held out; the
 * returned model is the one trained on the rest, and `before` / `after` score the current model
 * and it on the held-out posts (`better`: at least as good, with at least one held-out post).
 * Urgency labels are not learned from (urgency is rules with hand-set weights); they count in
 * the agreement only.
 */
export function trainWorkspaceModel(posts: readonly LabelledPost[], options: TrainWorkspaceOptions & AdaptBaseOptions = {}): TrainWorkspaceResult {
  const seed = options.seed ?? 1;
  const taxonomy = options.taxonomy ?? DEFAULT_TAXONOMY;
  const usable = posts.filter((p) => typeof p?.text === 'string' && p.text.trim() !== '');
  const order = usable.map((_, i) => i);
  const rand = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  const share = Math.max(0, Math.min(0.9, options.heldOutShare ?? 0.2));
  const nHeld = usable.length >= 5 ? Math.max(1, Math.round(usable.length * share)) : 0;
  const heldOut = order.slice(0, share > 0 ? nHeld : 0).map((i) => usable[i] as LabelledPost);
  const train = order.slice(share > 0 ? nHeld : 0).map((i) => usable[i] as LabelledPost);
  const model = fitWorkspaceModel(train, { ...options, taxonomy, seed });
  const evalOpts: EvaluateWorkspaceOptions = { taxonomy, ...pickBase(options) };
  const before = evaluateWorkspaceModel(options.current, heldOut, evalOpts);
  const after = evaluateWorkspaceModel(model, heldOut, evalOpts);
  const better = heldOut.length > 0 && (after.agreement ?? 0) >= (before.agreement ?? 0);
  return { model, before, after, better };
}

function pickBase(o: AdaptBaseOptions): AdaptBaseOptions {
  const out: AdaptBaseOptions = {};
  if (o.sentimentModel) out.sentimentModel = o.sentimentModel;
  if (o.complaintModel) out.complaintModel = o.complaintModel;
  if (o.phraseRules) out.phraseRules = o.phraseRules;
  if (o.sentimentPrior) out.sentimentPrior = o.sentimentPrior;
  return out;
}

/**
 * The sentiment head: a residual over the base model's log-probabilities; with unlabelled posts
 * (and the settings on), the workspace's class prior by EM as its bias, and one round of
 * self-training on the confident unlabelled posts.
 */
function fitSentimentHead(
  sx: readonly ResidualExample[],
  unl: readonly Prepared[],
  basePrior: readonly number[] | undefined,
  seedShift: number,
): LinearModelData | undefined {
  const sentOpts = { ...ADAPT_TRAIN.sentiment, seed: ADAPT_TRAIN.sentiment.seed + seedShift, frozen: frozenFor('sentiment') };
  let sentData: LinearModelData | undefined;
  if (sx.length > 0) sentData = pack(trainResidual(sx, SENTIMENT_CLASSES, FEATURE_DIM, sentOpts), sx);
  const sp = ADAPT_TRAIN.sentimentPrior;
  const st = ADAPT_TRAIN.selfTrain;
  if (unl.length >= sp.minUnlabelled && (sp.em || (st.rounds > 0 && sx.length > 0))) {
    const head = sentData ? new SparseLinear(sentData) : undefined;
    let bias = [0, 0, 0];
    if (sp.em) {
      const posteriors = unl.map((p) => adjusted(p, head, undefined));
      const counts = [0, 0, 0];
      for (const e of sx) counts[e.y] = (counts[e.y] ?? 0) + e.w;
      const trainPrior = basePrior ?? SHIPPED_SENTIMENT_PRIOR;
      const prior = estimatePrior({ posteriors, trainPrior, labelledCounts: counts, anchorWeight: sp.anchorWeight });
      bias = priorShiftBias(prior, trainPrior, sp.maxShift);
    }
    if (st.rounds > 0 && sx.length > 0) {
      // self-training: the confident unlabelled posts, labelled by the adapted model, train the residual again (the prior as a fixed offset)
      const biased = (o: Float64Array): Float64Array => Float64Array.from(o, (v, c) => v + (bias[c] ?? 0));
      const ex: ResidualExample[] = sx.map((e) => ({ ...e, offset: biased(e.offset) }));
      for (const p of unl) {
        const q = adjusted(p, head, bias);
        let y = 0;
        for (let c = 1; c < q.length; c += 1) if ((q[c] ?? 0) > (q[y] ?? 0)) y = c;
        if ((q[y] ?? 0) >= st.minConfidence) ex.push({ idx: p.idx, val: p.val, y, w: st.weight, offset: biased(logs(p.sent)) });
      }
      sentData = pack(trainResidual(ex, SENTIMENT_CLASSES, FEATURE_DIM, sentOpts), sx);
    }
    sentData ??= emptyHead(SENTIMENT_CLASSES);
    if (sp.em) sentData = { ...sentData, bias: bias.map((b) => Math.round(b * 1e6) / 1e6) };
  }
  return sentData;
}

/** Trains the heads on all `posts` (no hold-out). */
export function fitWorkspaceModel(
  posts: readonly LabelledPost[],
  options: { taxonomy?: Taxonomy; seed?: number; unlabelled?: readonly string[] } & AdaptBaseOptions = {},
): WorkspaceModelData {
  const taxonomy = options.taxonomy ?? DEFAULT_TAXONOMY;
  const baseS = options.sentimentModel ?? shippedSentimentModel();
  const baseC = options.complaintModel ?? shippedComplaintModel();
  const rules = options.phraseRules && options.phraseRules.length > 0 ? new PhraseRules(options.phraseRules) : undefined;
  const seedShift = (options.seed ?? 1) - 1;
  const prep = prepare(posts, baseS, rules);
  const heads: WorkspaceHeads = {
    base: options.sentimentModel || options.complaintModel ? 'custom' : shippedFingerprint(),
    seed: options.seed ?? 1,
  };
  const trainedOn = { sentiment: 0, intent: 0, category: 0, urgency: 0 };

  // sentiment: residual on the base model's log-probabilities, then (with unlabelled posts) the
  // workspace's class prior by EM and one round of self-training
  const sx: ResidualExample[] = [];
  for (const p of prep) {
    const y = p.post.sentiment ? SENTIMENT_CLASSES.indexOf(p.post.sentiment as never) : -1;
    if (y >= 0) sx.push({ idx: p.idx, val: p.val, y, w: weightOf(p.post), offset: logs(p.sent) });
  }
  // the unlabelled posts are prepared only when a sentiment setting reads them
  const readsUnlabelled = ADAPT_TRAIN.sentimentPrior.em || (ADAPT_TRAIN.selfTrain.rounds > 0 && sx.length > 0);
  const unl = readsUnlabelled ? prepareUnlabelled(options.unlabelled, baseS, rules, options.seed ?? 1) : [];
  const sentData = fitSentimentHead(sx, unl, options.sentimentPrior, seedShift);
  let sentHead: SparseLinear | undefined;
  if (sentData) {
    heads.sentiment = sentData;
    sentHead = new SparseLinear(sentData);
    trainedOn.sentiment = sx.length;
  }

  // complaint: residual on the base complaint model, stacked on the adapted sentiment
  const cx: ResidualExample[] = [];
  for (const p of prep) {
    const intent = p.post.intent;
    if (!intent) continue;
    const fv = { idx: Array.from(p.idx), val: Array.from(p.val) };
    const sent = [...p.sent];
    if (sentHead) sentHead.applyTo(fv, sent);
    const probs = baseC.predictStacked(fv, STACK_SLOTS, sent, []);
    cx.push({ idx: p.idx, val: p.val, y: intent === 'complaint' ? 1 : 0, w: weightOf(p.post), offset: logs(probs) });
  }
  if (cx.length > 0) {
    const m = trainResidual(cx, COMPLAINT_CLASSES, FEATURE_DIM, {
      ...ADAPT_TRAIN.complaint,
      seed: ADAPT_TRAIN.complaint.seed + seedShift,
      frozen: frozenFor('complaint'),
    });
    heads.complaint = pack(m, cx);
    trainedOn.intent = cx.length;
  }

  // category: the taxonomy's ids, on top of the keyword / example classifier
  const classes = categoryClasses(taxonomy);
  const fallback = taxonomy.fallback ?? 'other';
  const kx: ResidualExample[] = [];
  for (const p of prep) {
    const y = p.post.category ? classes.indexOf(p.post.category) : -1;
    if (y < 0) continue;
    const { scores } = categoryScores(p.tokSig.tok, taxonomy);
    const offset = new Float64Array(classes.length);
    classes.forEach((id, c) => {
      const s = c < scores.length ? (scores[c] ?? 0) : 0;
      offset[c] = ADAPT_TRAIN.categoryPrior * (id === fallback ? Math.max(s, CATEGORY_WEIGHTS.minimum) : s);
    });
    kx.push({ idx: p.idx, val: p.val, y, w: weightOf(p.post), offset });
  }
  if (kx.length > 0) {
    const ch = ADAPT_TRAIN.categoryHead;
    const idf = ch.method !== 'logistic' && ch.idf ? categoryIdf(options.unlabelled, kx, baseS, rules, options.seed ?? 1) : undefined;
    const logistic = { ...ADAPT_TRAIN.category, seed: ADAPT_TRAIN.category.seed + seedShift };
    const m = fitCategoryLinear(kx, classes, FEATURE_DIM, { ...ch, logistic }, frozenFor('category'), idf);
    heads.category = { model: pack(m, kx), prior: ADAPT_TRAIN.categoryPrior, fallback };
    trainedOn.category = kx.length;
  }
  trainedOn.urgency = 0;
  return { format: WORKSPACE_MODEL_FORMAT, trainedOn, ...heads };
}

/** Per unlabelled text array, its idf (the experiment trains many heads with the same posts). */
const idfCache = new WeakMap<readonly string[], Float32Array>();

/**
 * Slot rarity for the category head: from the workspace's unlabelled posts when there are at
 * least sentimentPrior.minUnlabelled of them (a seeded sample of at most maxUnlabelled), else
 * from the labelled posts themselves.
 */
function categoryIdf(
  unlabelled: readonly string[] | undefined,
  labelled: readonly ResidualExample[],
  base: LinearModel,
  rules: PhraseRules | undefined,
  seed: number,
): Float32Array {
  if (Array.isArray(unlabelled) && unlabelled.length >= ADAPT_TRAIN.sentimentPrior.minUnlabelled) {
    const cached = rules ? undefined : idfCache.get(unlabelled);
    if (cached) return cached;
    const idf = inverseDocFreq(prepareUnlabelled(unlabelled, base, rules, seed), FEATURE_DIM);
    if (!rules) idfCache.set(unlabelled, idf);
    return idf;
  }
  return inverseDocFreq(labelled, FEATURE_DIM);
}

/** Macro-F1 over the classes present in the gold labels (null when there are none). */
function macroF1(gold: readonly string[], pred: readonly string[]): number | null {
  if (gold.length === 0) return null;
  const classes = [...new Set(gold)];
  let sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i += 1) {
      const g = gold[i] === c;
      const p = pred[i] === c;
      if (g && p) tp += 1;
      else if (p) fp += 1;
      else if (g) fn += 1;
    }
    sum += tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
  }
  return Math.round((sum / classes.length) * 10000) / 10000;
}

/**
 * Scores a workspace model (undefined: the shipped models alone) on labelled posts: macro-F1 per
 * head over the posts labelled for it, and the share of labelled fields it gets right.
 */
export function evaluateWorkspaceModel(
  model: WorkspaceModelData | undefined,
  posts: readonly LabelledPost[],
  options: EvaluateWorkspaceOptions = {},
): WorkspaceModelMetrics {
  const a = createAnalyzer({
    ...(options.taxonomy ? { taxonomy: options.taxonomy } : {}),
    ...(model ? { workspaceModel: model } : {}),
    ...pickBase(options),
  });
  const gold: Record<'s' | 'i' | 'c', string[]> = { s: [], i: [], c: [] };
  const pred: Record<'s' | 'i' | 'c', string[]> = { s: [], i: [], c: [] };
  let fields = 0;
  let right = 0;
  for (const p of posts) {
    if (typeof p?.text !== 'string') continue;
    const r = a.analyze(p.text);
    const pairs: Array<['s' | 'i' | 'c' | undefined, string | undefined, string]> = [
      ['s', p.sentiment, r.sentiment.label],
      ['i', p.intent, r.intent],
      ['c', p.category, r.category.id],
      [undefined, p.urgency, r.urgency.level],
    ];
    for (const [head, g, got] of pairs) {
      if (g === undefined) continue;
      fields += 1;
      if (g === got) right += 1;
      if (head) {
        gold[head].push(g);
        pred[head].push(got);
      }
    }
  }
  return {
    sentimentMacroF1: macroF1(gold.s, pred.s),
    intentMacroF1: macroF1(gold.i, pred.i),
    categoryMacroF1: macroF1(gold.c, pred.c),
    agreement: fields > 0 ? Math.round((right / fields) * 10000) / 10000 : null,
    heldOut: posts.length,
  };
}
