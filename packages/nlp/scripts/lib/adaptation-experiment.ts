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
 *    Tell" included), scored on every other labelled negative airline tweet.
 *
 * What it showed (2026-12-05), targets not met: 300 random corrections move United's macro-F1 by
 * +0.4 points (the other airlines, already in the base's training data, leave little that is
 * United's own; the whole of United's 3,057 other tweets as corrections gave +3.8 in a side run).
 * Errors-only corrections (posts the base got wrong) did worse (-0.3 to -6 points): the residual
 * learns "disagree with the base". The category head adds ~1.7 points (0.430 -> 0.447); a purely
 * supervised head on 400 labelled posts per reason reached only 0.38-0.47 in side runs: the
 * reasons' labels overlap (Customer Service Issue, Can't Tell, Bad Flight).
 */
import { createAnalyzer } from '../../src/analyzer.js';
import { balancedPrior } from '../../src/adapt/prior-shift.js';
import { ADAPT_TRAIN, trainWorkspaceModel } from '../../src/adapt/train-workspace.js';
import { type LabelledPost, type WorkspaceModelData } from '../../src/adapt/types.js';
import { mulberry32 } from '../../src/model/hash.js';
import { type LinearModel } from '../../src/model/linear-model.js';
import { SENTIMENT_CLASSES } from '../../src/sentiment/score-sentiment.js';
import { airlineTaxonomy, AIRLINE_REASONS } from './airline-taxonomy.js';
import * as d from './datasets.js';
import { featurize } from './featurize.js';
import { classReport } from './metrics.js';
import { AUX_WEIGHT, SENTIMENT_TRAIN, sentimentExamples, trainSentiment, type Featurized } from './recipe.js';

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
  const t1 = Date.now();
  const { model } = trainWorkspaceModel(train, { taxonomy, heldOutShare: 0, seed: CATEGORY_SEED });
  const trainMs = Date.now() - t1;
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
    `\n### Category learned: airline reasons, ${train.length} labelled posts (up to ${CATEGORY_PER_CLASS} per reason, seed ${CATEGORY_SEED}; all train), scored on the other ${test.length} labelled negative tweets`,
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

function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const fmt = (r: readonly string[]): string => '| ' + r.map((v, c) => v.padEnd(widths[c] ?? 0)).join(' | ') + ' |';
  console.log(fmt(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(fmt(r));
}
