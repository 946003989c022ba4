/**
 * Issue 14's adaptation experiment (EARSHOT_EVAL_ONLY=adaptation npm run eval -w @earshot/nlp).
 *
 * 1. adaptation-gain: a workspace model learned from 300 corrections on one airline's tweets.
 *    "Shipped" is the leave-one-airline-out model (trained exactly as the shipped one, on the
 *    other three airlines + the brand/VADER sets), so the held-out airline's tweets were never
 *    trained on. 300 of that airline's tweets are drawn (seed 14) and corrected with their labels;
 *    trainWorkspaceModel learns from them as the api would (it holds 20 % out for its own
 *    before/after check, so 240 train). Macro-F1 on the airline's remaining tweets, before and
 *    after; then every other data set the eval loads, before and after with the same adapted
 *    model (the other airlines were in the base model's training set: in-sample for both).
 *    The headline airline is United, the first in the eval's order, chosen before any run; the
 *    table also shows the other three.
 * 2. category-learned-f1: the airline taxonomy (keywords, 5 examples each, as the eval's category
 *    section) plus a category head learned from 50 labelled posts per reason (seed 15, "Can't
 *    Tell" included; 467 in all), scored on every other labelled negative airline tweet (4,443).
 *    The head's method and settings are chosen by 5-fold cross-validation inside the 467 labelled
 *    posts only; the variants table prints each family's inner-CV and held-out macro-F1.
 * Run only this part with EARSHOT_EVAL_ONLY=adaptation (takes ~3 minutes on this machine).
 *
 * What it found (2026-12-05), targets not met (gain >= 5 points, category-learned-f1 >= 0.60):
 * - 300 random corrections move United's macro-F1 by +0.4 points (-0.6 .. +0.4 over the four
 *   airlines; max drop on another set 1.0). The other airlines, already in the base's training
 *   data, leave little that is United's own; the whole of United's 3,057 other tweets as
 *   corrections gave +3.8 in a side run.
 * - Errors-only corrections (posts the base got wrong) did worse (-0.3 to -6 points): the residual
 *   learns "disagree with the base"; errors plus 25 % confirmations were no better than random.
 * - The EM class prior and self-training on unlabelled posts gained nothing: the leave-one-airline-
 *   out base already predicts each airline's class mix, and EM overshoots it. Both off by default.
 * - Category head: the logistic head over the keyword scores (0.462 inner CV, 0.447-0.448 held out) lost
 *   by inner CV to nearest centroid with the unlabelled posts' idf (0.474 inner CV), now the
 *   default: held out 0.431, no better than the keywords alone (0.430). Complement naive Bayes
 *   (0.465-0.466 inner CV) held out best (0.450-0.452) but was not chosen: the held-out figures
 *   never choose. With ~50 posts a reason, every method's inner-CV figures sit within ~0.03 of each
 *   other and of the noise; the reasons' labels overlap (Customer Service Issue, Can't Tell, Bad
 *   Flight), and a purely supervised head on 400 posts per reason reached only 0.38-0.47 in side runs.
 */
import { createAnalyzer } from '../../src/analyzer.js';
import { balancedPrior } from '../../src/adapt/prior-shift.js';
import { ADAPT_TRAIN, fitWorkspaceModel, trainWorkspaceModel } from '../../src/adapt/train-workspace.js';
import { type LabelledPost, type WorkspaceModelData } from '../../src/adapt/types.js';
import { mulberry32 } from '../../src/model/hash.js';
import { type LinearModel } from '../../src/model/linear-model.js';
import { SENTIMENT_CLASSES } from '../../src/sentiment/score-sentiment.js';
import { type Taxonomy } from '../../src/types.js';
import { airlineTaxonomy, AIRLINE_REASONS } from './airline-taxonomy.js';
import * as d from './datasets.js';
import { featurize } from './featurize.js';
import { classReport } from './metrics.js';
import { AUX_WEIGHT, SENTIMENT_TRAIN, sentimentExamples, trainSentiment, type Featurized } from './recipe.js';
import { printTable } from './print-table.js';

const AIRLINES = ['United', 'Southwest', 'Delta', 'Virgin America'];
const HEADLINE = 'United';
export const CORRECTIONS = 300;
const CORRECTION_SEED = 14;
/** The errors simulation: an agent corrects every mistake of the model it reads and confirms this share of the right ones. */
const CONFIRM_RATE = 0.25;
export const CATEGORY_PER_CLASS = 50;
const CATEGORY_SEED = 15;

const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
const pts = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}`;

type Set_ = Featurized<d.SentimentRow> & { name: string };
function load(l: d.Loaded<d.SentimentRow>, withFeatures: boolean): Set_ {
  return { name: l.name, rows: l.rows, x: withFeatures ? featurize(l.rows.map((r) => r.text)) : [] };
}

function macroF1(model: LinearModel, ws: WorkspaceModelData | undefined, rows: readonly d.SentimentRow[]): number {
  const a = createAnalyzer({ sentimentModel: model, ...(ws ? { workspaceModel: ws } : {}) });
  return classReport(
    rows.map((r) => r.label),
    rows.map((r) => a.analyze(r.text).sentiment.label),
    SENTIMENT_CLASSES,
  ).macroF1;
}

function draw<T>(pool: readonly T[], n: number, seed: number): { picked: T[]; rest: T[] } {
  const order = pool.map((_, i) => i);
  const rand = mulberry32(seed);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  const take = new Set(order.slice(0, n));
  return { picked: pool.filter((_, i) => take.has(i)), rest: pool.filter((_, i) => !take.has(i)) };
}

export function runAdaptationExperiment(dir: string): void {
  const t0 = Date.now();
  const airline = load(d.loadAirline(dir), true);
  const aux = [d.loadApple(dir), d.loadSanders(dir), d.loadSxsw(dir), d.loadAmazonHelp(dir), d.loadVader(dir, 'tweets')].map((l) => load(l, true));
  const unseen = [
    d.loadSemEval(dir),
    d.loadVader(dir, 'amazonReviewSnippets'),
    d.loadVader(dir, 'movieReviewSnippets'),
    d.loadVader(dir, 'nytEditorialSnippets'),
  ].map((l) => load(l, false));
  console.log('\n## Adaptation: workspace models learned from corrections (issue 14)');
  console.log(
    `Base ("shipped") = the leave-one-airline-out model; ${CORRECTIONS} of the held-out airline's tweets (seed ${CORRECTION_SEED}) are corrections with their labels; trainWorkspaceModel holds 20 % of them out (api default), so ${CORRECTIONS * 0.8} train.`,
  );
  console.log(`Headline airline: ${HEADLINE} (first in the eval's order, chosen before any run). Other sets: before/after with the same adapted model.\n`);
  const summary: string[][] = [];
  let headline = { gain: NaN, maxDrop: NaN };
  const variants: string[][] = [];
  for (const hold of AIRLINES) {
    const { base, sentimentPrior } = leaveOneOut(airline, aux, hold);
    const own = airline.rows.filter((r) => r.group === hold);
    const { picked, rest } = draw(own, CORRECTIONS, CORRECTION_SEED);
    const corrections: LabelledPost[] = picked.map((r) => ({ text: r.text, sentiment: r.label }));
    const t1 = Date.now();
    const result = trainWorkspaceModel(corrections, { sentimentModel: base, seed: CORRECTION_SEED, sentimentPrior });
    const trainMs = Date.now() - t1;
    const ws = result.model;
    const before = macroF1(base, undefined, rest);
    const after = macroF1(base, ws, rest);
    const others: Array<{ name: string; n: number; before: number; after: number }> = [];
    for (const other of AIRLINES.filter((a) => a !== hold)) {
      const rows = airline.rows.filter((r) => r.group === other);
      others.push({ name: `airline ${other} (in base training)`, n: rows.length, before: macroF1(base, undefined, rows), after: macroF1(base, ws, rows) });
    }
    for (const s of [...aux, ...unseen])
      others.push({ name: s.name, n: s.rows.length, before: macroF1(base, undefined, s.rows), after: macroF1(base, ws, s.rows) });
    const maxDrop = Math.max(0, ...others.map((o) => o.before - o.after));
    const size = JSON.stringify(ws).length;
    summary.push([
      hold,
      String(rest.length),
      f3(before),
      f3(after),
      pts(after - before),
      pts(-maxDrop),
      String(result.better),
      `${(size / 1024).toFixed(1)} KB`,
      `${trainMs} ms`,
    ]);
    variants.push(...sideVariants(hold, base, sentimentPrior, own, picked, rest, before, [...aux, ...unseen]));
    if (hold === HEADLINE) {
      headline = { gain: after - before, maxDrop };
      console.log(`### ${hold}: the adapted model on every other data set (macro-F1, 3 classes)`);
      printTable(
        ['data set', 'rows', 'before', 'after', 'change (points)'],
        [
          [`airline ${hold}, remaining tweets`, String(rest.length), f3(before), f3(after), pts(after - before)],
          ...others.map((o) => [o.name, String(o.n), f3(o.before), f3(o.after), pts(o.after - o.before)]),
        ],
      );
      console.log(
        `trainWorkspaceModel's own check on its ${result.after.heldOut} held-out corrections: sentiment macro-F1 ${result.before.sentimentMacroF1} -> ${result.after.sentimentMacroF1}, agreement ${result.before.agreement} -> ${result.after.agreement}, better: ${result.better}\n`,
      );
    }
  }
  console.log('### Each airline held out in turn');
  printTable(['held-out airline', 'scored rows', 'before', 'after', 'gain', 'max drop elsewhere', 'better', 'model size', 'train time'], summary);
  console.log(
    `\n### Variants (each airline; gain on its scored tweets; max drop over the ${aux.length + unseen.length} non-airline sets, with the workspace prior on = strict, and off)`,
  );
  printTable(['held-out airline', 'variant', 'corrections', 'gain', 'max drop strict', 'max drop prior off'], variants);
  console.log(`adaptation-gain: ${(headline.gain * 100).toFixed(1)} points  (${HEADLINE}; target >= 5)`);
  console.log(`adaptation-max-drop: ${(headline.maxDrop * 100).toFixed(1)} points  (largest drop on any other data set; target <= 1)`);
  categoryExperiment(airline.rows);
  trainingCost(airline.rows);
  console.log(`adaptation experiment: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** The base trained without `hold`'s tweets, and the class prior it was trained under. */
function leaveOneOut(airline: Set_, aux: readonly Set_[], hold: string): { base: LinearModel; sentimentPrior: number[] } {
  const baseX = sentimentExamples([{ data: airline, weight: 1, keep: (r) => r.group !== hold }, ...aux.map((a) => ({ data: a, weight: AUX_WEIGHT }))]);
  const totals = [0, 0, 0];
  for (const e of baseX) totals[e.y] = (totals[e.y] ?? 0) + e.w;
  return { base: trainSentiment(baseX), sentimentPrior: balancedPrior(totals, SENTIMENT_TRAIN.balance ?? 0) };
}

/**
 * The same airline under other settings, each measured and reported (none chosen on these figures):
 * - unlabelled: the airline's remaining tweets' texts passed as `unlabelled` (a desk sees every
 *   mention) with the EM class prior (prior-shift.ts), then also one round of self-training;
 * - errors: 300 corrections as agents make them — every post the base model gets wrong among
 *   those read, plus a confirmation of CONFIRM_RATE of the right ones — rather than 300 random.
 */
function sideVariants(
  hold: string,
  base: LinearModel,
  sentimentPrior: number[],
  own: readonly d.SentimentRow[],
  picked: readonly d.SentimentRow[],
  rest: readonly d.SentimentRow[],
  before: number,
  others: readonly Set_[],
): string[][] {
  const out: string[][] = [];
  const unlabelled = rest.map((r) => r.text);
  const random: LabelledPost[] = picked.map((r) => ({ text: r.text, sentiment: r.label }));
  const saved = { em: ADAPT_TRAIN.sentimentPrior.em, rounds: ADAPT_TRAIN.selfTrain.rounds };
  const drop = (ws: WorkspaceModelData): number => Math.max(0, ...others.map((o) => macroF1(base, undefined, o.rows) - macroF1(base, ws, o.rows)));
  const run = (
    name: string,
    posts: LabelledPost[],
    scored: readonly d.SentimentRow[],
    em: boolean,
    rounds: number,
    withUnlabelled: boolean,
    checkOthers: boolean,
  ): void => {
    ADAPT_TRAIN.sentimentPrior.em = em;
    ADAPT_TRAIN.selfTrain.rounds = rounds;
    const { model } = trainWorkspaceModel(posts, { sentimentModel: base, seed: CORRECTION_SEED, sentimentPrior, ...(withUnlabelled ? { unlabelled } : {}) });
    const head = (model as { sentiment?: { bias: number[] } }).sentiment;
    const off = head ? ({ ...model, sentiment: { ...head, bias: head.bias.map(() => 0) } } as WorkspaceModelData) : model;
    const b = scored === rest ? before : macroF1(base, undefined, scored);
    out.push([
      hold,
      name,
      String(posts.length),
      pts(macroF1(base, model, scored) - b),
      checkOthers ? pts(-drop(model)) : 'n/a',
      checkOthers && em ? pts(-drop(off)) : checkOthers ? 'same' : 'n/a',
    ]);
  };
  try {
    run('random + unlabelled: EM class prior', random, rest, true, 0, true, true);
    run('random + unlabelled: EM prior + self-training', random, rest, true, 1, true, false);
    run('random + unlabelled: self-training only', random, rest, false, 1, true, false);
    // errors: read the airline's tweets in a seeded order; correct each mistake, confirm CONFIRM_RATE of the rest
    const a = createAnalyzer({ sentimentModel: base });
    const rand = mulberry32(CORRECTION_SEED + 100);
    const order = own.map((r) => ({ r, key: rand(), u: rand() })).sort((x, y) => x.key - y.key);
    const chosen: d.SentimentRow[] = [];
    for (const { r, u } of order) {
      if (chosen.length >= CORRECTIONS) break;
      if (a.analyze(r.text).sentiment.label !== r.label || u < CONFIRM_RATE) chosen.push(r);
    }
    const taken = new Set(chosen);
    const errors = chosen.map((r) => ({ text: r.text, sentiment: r.label }));
    const errorsRest = own.filter((r) => !taken.has(r));
    run(`errors (+ ${CONFIRM_RATE * 100} % confirmations of right ones)`, errors, errorsRest, false, 0, false, true);
  } finally {
    ADAPT_TRAIN.sentimentPrior.em = saved.em;
    ADAPT_TRAIN.selfTrain.rounds = saved.rounds;
  }
  return out;
}

/** A category head setting the inner cross-validation compares (see categoryVariants). */
interface CategorySetting {
  family: string;
  head: typeof ADAPT_TRAIN.categoryHead;
  prior: number;
  /** Pass the airline's tweet texts as the workspace's unlabelled posts (idf from them). */
  unlabelled: boolean;
}

/**
 * Every setting tried: the logistic head at five weights of the keyword prior; centroid and
 * complement naive Bayes at six scales of the learned score next to the prior at 1 (only their
 * ratio changes which category wins).
 */
function categorySettings(): CategorySetting[] {
  const out: CategorySetting[] = [];
  out.push({ family: 'keywords only (no learned score)', head: { method: 'centroid', scale: 0, idf: false, alpha: 1 }, prior: 2, unlabelled: false });
  for (const prior of [0.25, 0.5, 1, 2, 4])
    out.push({ family: 'logistic on the keyword scores', head: { ...ADAPT_TRAIN.categoryHead, method: 'logistic' }, prior, unlabelled: false });
  const idfs: Array<[string, boolean, boolean]> = [
    ['no idf', false, false],
    ['idf of the labelled posts', true, false],
    ['idf of unlabelled posts', true, true],
  ];
  for (const method of ['centroid', 'cnb'] as const)
    for (const [idfName, idf, unlabelled] of idfs)
      for (const scale of [1, 2, 4, 8, 16, 32])
        out.push({
          family: `${method === 'centroid' ? 'nearest centroid (cosine)' : 'complement naive Bayes'}, ${idfName}`,
          head: { method, scale, idf, alpha: 1 },
          prior: 1,
          unlabelled,
        });
  return out;
}

/** Trains with a setting (ADAPT_TRAIN changed for the call, then restored). */
function withSetting<T>(s: CategorySetting, fn: () => T): T {
  const saved = { head: { ...ADAPT_TRAIN.categoryHead }, prior: ADAPT_TRAIN.categoryPrior };
  Object.assign(ADAPT_TRAIN.categoryHead, s.head);
  ADAPT_TRAIN.categoryPrior = s.prior;
  try {
    return fn();
  } finally {
    Object.assign(ADAPT_TRAIN.categoryHead, saved.head);
    ADAPT_TRAIN.categoryPrior = saved.prior;
  }
}

function categoryF1(
  taxonomy: Taxonomy,
  train: readonly LabelledPost[],
  test: readonly LabelledPost[],
  unlabelled: readonly string[] | undefined,
): { gold: string[]; pred: string[]; model: WorkspaceModelData } {
  const model = fitWorkspaceModel(train, { taxonomy, seed: CATEGORY_SEED, ...(unlabelled ? { unlabelled } : {}) });
  const a = createAnalyzer({ taxonomy, workspaceModel: model });
  return { gold: test.map((t) => t.category ?? ''), pred: test.map((t) => a.analyze(t.text).category.id), model };
}

/** Macro-F1 of a setting by 5-fold cross-validation inside the labelled posts (folds stratified by reason, seeded), predictions pooled over the folds. */
function innerCv(s: CategorySetting, taxonomy: Taxonomy, train: readonly LabelledPost[], unlabelled: readonly string[]): number {
  const folds = 5;
  const fold = new Map<LabelledPost, number>();
  AIRLINE_REASONS.forEach((reason, k) => {
    const rand = mulberry32(CATEGORY_SEED + 50 + k);
    train
      .filter((p) => p.category === reason)
      .map((p) => ({ p, key: rand() }))
      .sort((x, y) => x.key - y.key)
      .forEach(({ p }, i) => fold.set(p, i % folds));
  });
  const gold: string[] = [];
  const pred: string[] = [];
  for (let f = 0; f < folds; f += 1) {
    const r = withSetting(s, () =>
      categoryF1(
        taxonomy,
        train.filter((p) => fold.get(p) !== f),
        train.filter((p) => fold.get(p) === f),
        s.unlabelled ? unlabelled : undefined,
      ),
    );
    gold.push(...r.gold);
    pred.push(...r.pred);
  }
  return classReport(gold, pred, AIRLINE_REASONS).macroF1;
}

const describe = (s: CategorySetting): string =>
  s.head.method === 'logistic' ? `prior ${s.prior}` : s.head.scale === 0 ? `prior ${s.prior}` : `scale ${s.head.scale}, prior ${s.prior}`;

export function categoryExperiment(rows: readonly d.SentimentRow[]): void {
  const { taxonomy, used } = airlineTaxonomy(rows, 5);
  const labelled = rows.map((r, i) => ({ r, i })).filter(({ r, i }) => r.reason && !used.has(i));
  const train: LabelledPost[] = [];
  const trainIdx = new Set<number>();
  AIRLINE_REASONS.forEach((reason, k) => {
    const pool = labelled.filter(({ r }) => r.reason === reason);
    // never take more than half of a rare reason: the rest must be scored
    const { picked } = draw(pool, Math.min(CATEGORY_PER_CLASS, Math.floor(pool.length / 2)), CATEGORY_SEED + k);
    for (const { r, i } of picked) {
      train.push({ text: r.text, category: reason });
      trainIdx.add(i);
    }
  });
  const test = labelled.filter(({ i }) => !trainIdx.has(i)).map(({ r }) => ({ text: r.text, category: r.reason ?? '' }));
  // the unlabelled posts a desk would have: every airline tweet's text (no label read; at most 5,000 sampled)
  const unlabelled = rows.map((r) => r.text);

  // settings chosen by inner cross-validation only; the held-out score of each family's choice is printed, never used to choose
  const t0 = Date.now();
  const scored = categorySettings().map((s) => ({ s, cv: innerCv(s, taxonomy, train, unlabelled) }));
  const families = [...new Set(scored.map((x) => x.s.family))];
  const rowsOut: string[][] = [];
  let best: { s: CategorySetting; cv: number } | undefined;
  for (const fam of families) {
    const inFam = scored.filter((x) => x.s.family === fam);
    const top = inFam.reduce((a, b) => (b.cv > a.cv ? b : a));
    if (!best || top.cv > best.cv) best = top;
    const r = withSetting(top.s, () => categoryF1(taxonomy, train, test, top.s.unlabelled ? unlabelled : undefined));
    rowsOut.push([fam, String(inFam.length), describe(top.s), f3(top.cv), f3(classReport(r.gold, r.pred, AIRLINE_REASONS).macroF1)]);
  }
  console.log(
    `\n### Category head variants: settings chosen by 5-fold cross-validation inside the ${train.length} labelled posts (macro-F1 pooled over the folds); held-out = the other ${test.length} labelled tweets, shown for each family's choice, never used to choose (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  printTable(['variant', 'settings tried', 'chosen by inner CV', 'inner-CV macro-F1', 'held-out macro-F1'], rowsOut);
  const d0 = ADAPT_TRAIN.categoryHead;
  const shipped = `${d0.method}${d0.method === 'logistic' ? '' : `, scale ${d0.scale}, idf ${d0.idf}`}, prior ${ADAPT_TRAIN.categoryPrior}`;
  const before = scored.find((x) => x.s.head.method === 'logistic' && x.s.prior === 2);
  if (before) console.log(`the head before this comparison (logistic, prior 2): inner-CV macro-F1 ${f3(before.cv)}`);
  if (best) console.log(`best by inner CV: ${best.s.family}, ${describe(best.s)} (${f3(best.cv)}); the default (ADAPT_TRAIN): ${shipped}`);

  // the default head with the workspace's unlabelled posts (idf from them), as the inner CV chose it; without them (the api passes none yet) idf comes from the labelled posts
  const t1 = Date.now();
  const { model } = trainWorkspaceModel(train, { taxonomy, heldOutShare: 0, seed: CATEGORY_SEED, unlabelled });
  const trainMs = Date.now() - t1;
  const noUnl = trainWorkspaceModel(train, { taxonomy, heldOutShare: 0, seed: CATEGORY_SEED }).model;
  const aNoUnl = createAnalyzer({ taxonomy, workspaceModel: noUnl });
  const a0 = createAnalyzer({ taxonomy });
  const a1 = createAnalyzer({ taxonomy, workspaceModel: model });
  const gold = test.map((t) => t.category);
  const rep0 = classReport(
    gold,
    test.map((t) => a0.analyze(t.text).category.id),
    AIRLINE_REASONS,
  );
  const rep1 = classReport(
    gold,
    test.map((t) => a1.analyze(t.text).category.id),
    AIRLINE_REASONS,
  );
  console.log(
    `\n### Category learned (the default head, with the airline's tweet texts as unlabelled posts): airline reasons, ${train.length} labelled posts (up to ${CATEGORY_PER_CLASS} per reason, seed ${CATEGORY_SEED}; all train), scored on the other ${test.length} labelled negative tweets`,
  );
  console.log("Prior: the eval's airline taxonomy (keywords, 5 examples each, background text); the learned head adds to its scores.");
  const counts = new Map<string, number>();
  for (const p of train) counts.set(p.category ?? '', (counts.get(p.category ?? '') ?? 0) + 1);
  printTable(
    ['category', 'labelled', 'F1 taxonomy only', 'F1 learned'],
    AIRLINE_REASONS.map((c) => [c, String(counts.get(c) ?? 0), f3(rep0.f1[c] ?? 0), f3(rep1.f1[c] ?? 0)]),
  );
  console.log(
    `taxonomy only: accuracy ${f3(rep0.accuracy)}, macro-F1 ${f3(rep0.macroF1)}; learned: accuracy ${f3(rep1.accuracy)}, macro-F1 ${f3(rep1.macroF1)}; train ${trainMs} ms, model ${(JSON.stringify(model).length / 1024).toFixed(1)} KB`,
  );
  const repNoUnl = classReport(
    gold,
    test.map((t) => aNoUnl.analyze(t.text).category.id),
    AIRLINE_REASONS,
  );
  console.log(`the same head without unlabelled posts (idf of the labelled posts, as the api trains today): macro-F1 ${f3(repNoUnl.macroF1)}`);
  console.log(`category-learned-f1: ${rep1.macroF1.toFixed(3)}  (target 0.60)`);
}

/** Time and stored size of a workspace model from 5,000 labelled posts, every head labelled. */
export function trainingCost(rows: readonly d.SentimentRow[]): void {
  const { taxonomy } = airlineTaxonomy(rows, 5);
  const noBackground = { ...taxonomy, background: [] };
  const { picked } = draw(rows, 5000, 16);
  const posts: LabelledPost[] = picked.map((r) => ({
    text: r.text,
    sentiment: r.label,
    intent: r.label === 'negative' ? 'complaint' : r.label === 'positive' ? 'praise' : 'other',
    ...(r.reason ? { category: r.reason } : {}),
  }));
  const t1 = Date.now();
  const res = trainWorkspaceModel(posts, { taxonomy: noBackground });
  const ms = Date.now() - t1;
  console.log(
    `\ntraining cost: 5,000 labelled airline tweets (sentiment, intent, and category where negative) -> trainWorkspaceModel ${ms} ms (single thread, hold-out evaluation included), stored model ${(JSON.stringify(res.model).length / 1024).toFixed(1)} KB as JSON`,
  );
}
