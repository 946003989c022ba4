/**
 * npm run eval -w @earshot/nlp
 * Prints, in one run, Earshot and the peers on every data set in shared/eval. Earshot's
 * figures come from models that never saw the rows they are scored on (see the "earshot
 * model" column); the few in-sample figures are marked so. Fixed seeds: reruns print the same.
 */
import { createAnalyzer } from '../src/analyzer.js';
import { type LinearModel } from '../src/model/linear-model.js';
import { shippedSentimentModel } from '../src/model/shipped-models.js';
import { type TrainExample } from '../src/model/train-linear.js';
import { mulberry32 } from '../src/model/hash.js';
import { SENTIMENT_CLASSES } from '../src/sentiment/score-sentiment.js';
import { airlineTaxonomy, AIRLINE_REASONS } from './lib/airline-taxonomy.js';
import * as d from './lib/datasets.js';
import { requireEvalDir } from './lib/eval-dir.js';
import { featurize, withLabel } from './lib/featurize.js';
import { auc, classReport, pearson } from './lib/metrics.js';
import { PEERS } from './lib/peers.js';
import { runAdaptationExperiment } from './lib/adaptation-experiment.js';
import { printUrgencyCalibration } from './lib/urgency-calibration.js';
import { AUX_WEIGHT, sentimentExamples, stack, trainComplaint, trainSentiment, type Featurized } from './lib/recipe.js';
import { printTable } from './lib/print-table.js';

const t0 = Date.now();
const dir = requireEvalDir();
const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
const CLS = SENTIMENT_CLASSES;

type Set_ = Featurized<d.SentimentRow> & { name: string; dropped: number; dropReason: string };
function load(l: d.Loaded<d.SentimentRow>): Set_ {
  return { name: l.name, rows: l.rows, x: featurize(l.rows.map((r) => r.text)), dropped: l.dropped, dropReason: l.dropReason };
}

/** EARSHOT_EVAL_ONLY=sentiment,complaint,urgency,category runs a subset (default: all). */
const only = new Set((process.env['EARSHOT_EVAL_ONLY'] ?? '').split(',').filter(Boolean));
const want = (s: string): boolean => only.size === 0 || only.has(s);
const airline = load(d.loadAirline(dir));
const auxSets = [load(d.loadApple(dir)), load(d.loadSanders(dir)), load(d.loadSxsw(dir)), load(d.loadAmazonHelp(dir)), load(d.loadVader(dir, 'tweets'))];
const unseenSets = [
  load(d.loadSemEval(dir)),
  load(d.loadVader(dir, 'amazonReviewSnippets')),
  load(d.loadVader(dir, 'movieReviewSnippets')),
  load(d.loadVader(dir, 'nytEditorialSnippets')),
];

interface Row {
  set: string;
  scorer: string;
  how: string;
  n: number;
  dropped: string;
  acc: number;
  macroF1: number;
  negF1: number;
  avgRec: number;
  r: number;
}
const table: Row[] = [];

/** Earshot's sentiment for rows, with the analyzer's rule layer, from a given model. */
function earshotScores(model: LinearModel, texts: readonly string[]): { labels: string[]; scores: number[] } {
  const a = createAnalyzer({ sentimentModel: model });
  const labels: string[] = [];
  const scores: number[] = [];
  for (const t of texts) {
    const s = a.analyze(t).sentiment;
    labels.push(s.label);
    scores.push(s.score);
  }
  return { labels, scores };
}

function addRow(set: Set_, scorer: string, how: string, gold: readonly d.SentimentRow[], labels: readonly string[], scores: readonly number[]): void {
  const rep = classReport(
    gold.map((r) => r.label),
    labels,
    CLS,
  );
  const hasRating = gold.length > 0 && gold[0]?.rating !== undefined;
  table.push({
    set: set.name,
    scorer,
    how,
    n: gold.length,
    dropped: set.dropped ? `${set.dropped} (${set.dropReason})` : '0',
    acc: rep.accuracy,
    macroF1: rep.macroF1,
    negF1: rep.f1['negative'] ?? 0,
    avgRec: rep.avgRec,
    r: hasRating
      ? pearson(
          scores,
          gold.map((g) => g.rating ?? 0),
        )
      : NaN,
  });
}

function peerRows(set: Set_): void {
  for (const p of PEERS) {
    const scores = set.rows.map((r) => p.score(r.text));
    addRow(
      set,
      p.name,
      'lexicon',
      set.rows,
      scores.map((s) => p.label(s)),
      scores,
    );
  }
}

const shipped = shippedSentimentModel();
if (want('sentiment')) {
  // ---- 1. Airline: leave one airline out -------------------------------------------------
  const airlines = ['United', 'Southwest', 'Delta', 'Virgin America'];
  const loao: Array<{ airline: string; n: number; acc: number; macroF1: number; negF1: number }> = [];
  const pooledGold: d.SentimentRow[] = [];
  const pooledLabels: string[] = [];
  const pooledScores: number[] = [];
  for (const hold of airlines) {
    const model = trainSentiment(
      sentimentExamples([{ data: airline, weight: 1, keep: (r) => r.group !== hold }, ...auxSets.map((a) => ({ data: a, weight: AUX_WEIGHT }))]),
    );
    const test = airline.rows.filter((r) => r.group === hold);
    const { labels, scores } = earshotScores(
      model,
      test.map((r) => r.text),
    );
    const rep = classReport(
      test.map((r) => r.label),
      labels,
      CLS,
    );
    loao.push({ airline: hold, n: test.length, acc: rep.accuracy, macroF1: rep.macroF1, negF1: rep.f1['negative'] ?? 0 });
    pooledGold.push(...test);
    pooledLabels.push(...labels);
    pooledScores.push(...scores);
  }
  addRow(airline, 'earshot', 'leave-one-airline-out (pooled)', pooledGold, pooledLabels, pooledScores);
  peerRows(airline);

  // ---- 2. Brand / VADER sets: leave this data set out --------------------------------------
  for (const set of auxSets) {
    const model = trainSentiment(
      sentimentExamples([{ data: airline, weight: 1 }, ...auxSets.filter((a) => a !== set).map((a) => ({ data: a, weight: AUX_WEIGHT }))]),
    );
    const { labels, scores } = earshotScores(
      model,
      set.rows.map((r) => r.text),
    );
    addRow(set, 'earshot', 'leave-this-set-out', set.rows, labels, scores);
    if (set.name === 'vader-tweets') {
      // 10-fold: the other sets + 9/10 of the rated tweets
      const order = set.rows.map((_, i) => i);
      const rand = mulberry32(11);
      for (let i = order.length - 1; i > 0; i -= 1) {
        const j = Math.floor(rand() * (i + 1));
        [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
      }
      const fold = new Map(order.map((row, k) => [row, k % 10]));
      const labels10: string[] = new Array<string>(set.rows.length).fill('neutral');
      const scores10: number[] = new Array<number>(set.rows.length).fill(0);
      for (let f = 0; f < 10; f += 1) {
        const m = trainSentiment(
          sentimentExamples([
            { data: airline, weight: 1 },
            ...auxSets.filter((a) => a !== set).map((a) => ({ data: a, weight: AUX_WEIGHT })),
            { data: { rows: set.rows.filter((_, i) => fold.get(i) !== f), x: set.x.filter((_, i) => fold.get(i) !== f) }, weight: AUX_WEIGHT },
          ]),
        );
        const idx = set.rows.map((_, i) => i).filter((i) => fold.get(i) === f);
        const out = earshotScores(
          m,
          idx.map((i) => set.rows[i]?.text ?? ''),
        );
        idx.forEach((i, k) => {
          labels10[i] = out.labels[k] ?? 'neutral';
          scores10[i] = out.scores[k] ?? 0;
        });
      }
      addRow(set, 'earshot', '10-fold (other sets + 9/10)', set.rows, labels10, scores10);
    }
    peerRows(set);
  }

  // ---- 3. Never trained on: SemEval, VADER snippets ---------------------------------------
  for (const set of unseenSets) {
    const { labels, scores } = earshotScores(
      shipped,
      set.rows.map((r) => r.text),
    );
    addRow(set, 'earshot', 'shipped model, set not trained on', set.rows, labels, scores);
    peerRows(set);
  }
  // in-sample, for reference
  {
    const { labels, scores } = earshotScores(
      shipped,
      airline.rows.map((r) => r.text),
    );
    addRow(airline, 'earshot', 'shipped model, IN-SAMPLE', airline.rows, labels, scores);
  }

  console.log('# Earshot NLP evaluation\n');
  console.log(`data: ${dir}`);
  console.log('Sentiment: 3 classes. "earshot model" says which model scored the rows: only the IN-SAMPLE row saw them in training.');
  console.log("SemEval-2017 and the three VADER snippet sets are never used in training. AvgRec = macro-averaged recall (SemEval's measure).\n");
  const head = ['data set', 'scorer', 'earshot model', 'rows', 'dropped', 'acc', 'macro-F1', 'neg-F1', 'AvgRec', 'Pearson r'];
  const lines = table.map((r) => [r.set, r.scorer, r.how, String(r.n), r.dropped, f3(r.acc), f3(r.macroF1), f3(r.negF1), f3(r.avgRec), f3(r.r)]);
  printTable(head, lines);

  console.log('\nLeave-one-airline-out (train on three airlines + the brand/VADER sets, test on the fourth):');
  printTable(
    ['held-out airline', 'rows', 'acc', 'macro-F1', 'neg-F1'],
    loao.map((l) => [l.airline, String(l.n), f3(l.acc), f3(l.macroF1), f3(l.negF1)]),
  );
  const mean = (k: 'acc' | 'macroF1' | 'negF1'): number => loao.reduce((s, l) => s + l[k], 0) / loao.length;
  console.log(
    `mean over the four airlines: accuracy ${f3(mean('acc'))}, macro-F1 ${f3(mean('macroF1'))}, negative F1 ${f3(mean('negF1'))}  (targets: macro-F1 >= 0.76, accuracy >= 0.80)`,
  );
}

if (want('complaint') || want('urgency')) {
  // ---- 4. Complaints: leave one domain out, 10-fold ------------------------------------------
  const comp = d.loadComplaints(dir);
  const compX = featurize(comp.rows.map((r) => r.text));
  const dom = (domain: string): string => (domain.startsWith('random') ? 'random' : domain);
  const domains = [...new Set(comp.rows.map((r) => dom(r.domain)))];
  const stacked = compX.map((e) => stack(e, shipped));
  const foldModels = new Map<string, LinearModel>();
  function complaintEval(foldOf: (i: number) => string, folds: readonly string[], keep: boolean): { prob: number[] } {
    const prob = new Array<number>(comp.rows.length).fill(0);
    for (const f of folds) {
      const train: TrainExample[] = [];
      comp.rows.forEach((r, i) => {
        if (foldOf(i) !== f) train.push(withLabel(stacked[i]!, r.complaint, 1));
      });
      const m = trainComplaint(train);
      if (keep) foldModels.set(f, m);
      const a = createAnalyzer({ sentimentModel: shipped, complaintModel: m });
      comp.rows.forEach((r, i) => {
        if (foldOf(i) === f) prob[i] = a.analyze(r.text).complaintProbability;
      });
    }
    return { prob };
  }
  const lodo = complaintEval((i) => dom(comp.rows[i]?.domain ?? ''), domains, true);
  const rand10 = mulberry32(13);
  const fold10 = comp.rows.map(() => String(Math.floor(rand10() * 10)));
  const cv10 = complaintEval((i) => fold10[i] ?? '0', ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'], false);
  const goldC = comp.rows.map((r) => (r.complaint ? 'complaint' : 'not'));
  const isC = comp.rows.map((r) => r.complaint === 1);
  console.log(
    `\n## Complaint detection: ${comp.name}, ${comp.rows.length} rows (dropped ${comp.dropped}); domains: ${domains.join(', ')} (random_tweet + random_reply = "random")`,
  );
  console.log('The complaint model is retrained per fold; its sentiment inputs come from the shipped sentiment model, which never saw these tweets.');
  const cRows: string[][] = [];
  for (const [name, res] of [
    ['earshot, leave-one-domain-out (pooled)', lodo],
    ['earshot, 10-fold cross-validation', cv10],
  ] as const) {
    const rep = classReport(
      goldC,
      res.prob.map((p) => (p >= 0.5 ? 'complaint' : 'not')),
      ['complaint', 'not'],
    );
    cRows.push([name, String(rep.n), f3(rep.accuracy), f3(rep.macroF1), f3(rep.f1['complaint'] ?? 0), f3(auc(res.prob, isC))]);
  }
  for (const p of PEERS)
    cRows.push([
      `${p.name} (negativity)`,
      String(comp.rows.length),
      '',
      '',
      '',
      f3(
        auc(
          comp.rows.map((r) => -p.score(r.text)),
          isC,
        ),
      ),
    ]);
  printTable(['scorer', 'rows', 'acc', 'macro-F1', 'complaint-F1', 'AUC'], cRows);
  console.log('targets: leave-one-domain-out macro-F1 >= 0.78');

  // ---- 5. Urgency ranks real priority labels (points fitted since issue 14: held-out folds only) ----
  console.log('\n## Urgency against independent priority labels');
  console.log('Round 2 rules were written after reading ~24 trec-is rows for the genre. Since issue 14 the shipped points are FITTED on all rows of both sets');
  console.log("(URGENCY_MULTIPLIERS): earshot urgency's held-out figures are in the calibration section below; here only the unfitted scorers.");
  const trec = d.loadTrecIs(dir);
  const trecKeep = trec.rows.filter((r) => r.priority !== 'Medium');
  const trecPos = trecKeep.map((r) => r.priority === 'Critical' || r.priority === 'High');
  const base = createAnalyzer();
  const uRows: string[][] = [];
  const trecA = trecKeep.map((r) => base.analyze(r.text));
  const trecN = trecA.map((a) => -a.sentiment.score);
  uRows.push([
    `${trec.name}: Critical+High vs Low`,
    'earshot negativity',
    String(trecKeep.length),
    `${trec.rows.length - trecKeep.length} Medium`,
    f3(auc(trecN, trecPos)),
  ]);
  for (const p of PEERS)
    uRows.push([
      `${trec.name}: Critical+High vs Low`,
      `${p.name} (negativity)`,
      String(trecKeep.length),
      '',
      f3(
        auc(
          trecKeep.map((r) => -p.score(r.text)),
          trecPos,
        ),
      ),
    ]);
  const xci = d.loadXci(dir);
  const xKeep = xci.rows.filter((r) => (r.severity ?? 0) >= 1);
  const xPos = xKeep.map((r) => (r.severity ?? 0) >= 3);
  const fa = new Map([...foldModels].map(([f, m]) => [f, createAnalyzer({ sentimentModel: shipped, complaintModel: m })]));
  const xR = xKeep.map((r) => (fa.get(dom(r.domain)) ?? base).analyze(r.text).urgency);
  let xciDropped = `${xci.rows.length - xKeep.length} non-complaints`;
  for (const p of PEERS) {
    uRows.push([
      `${xci.name}: severity 3-4 vs 1-2`,
      `${p.name} (negativity)`,
      String(xKeep.length),
      xciDropped,
      f3(
        auc(
          xKeep.map((r) => -p.score(r.text)),
          xPos,
        ),
      ),
    ]);
    xciDropped = '';
  }
  printTable(['data set', 'scorer', 'rows', 'dropped', 'AUC'], uRows);
  printUrgencyCalibration(
    trecKeep.map((r, i) => ({ fold: r.event.replace(/[A-D]$/, ''), positive: trecPos[i] === true, urgency: trecA[i]!.urgency })),
    xKeep.map((r, i) => ({ fold: dom(r.domain), positive: xPos[i] === true, urgency: xR[i]! })),
    printTable,
  );
}

if (want('category')) {
  // ---- 6. Complaint category from a five-example taxonomy -----------------------------------
  const { taxonomy, used } = airlineTaxonomy(airline.rows, 5);
  const catA = createAnalyzer({ taxonomy });
  const catGold: string[] = [];
  const catPred: string[] = [];
  airline.rows.forEach((r, i) => {
    if (!r.reason || used.has(i)) return;
    catGold.push(r.reason);
    catPred.push(catA.analyze(r.text).category.id);
  });
  const catRep = classReport(catGold, catPred, AIRLINE_REASONS);
  const negCount = airline.rows.filter((r) => r.reason).length;
  console.log(
    `\n## Complaint category: airline negative tweets with a negativereason, ${catGold.length} rows (${negCount} minus ${used.size} used as examples)`,
  );
  console.log(
    'Taxonomy (scripts/lib/airline-taxonomy.ts): the 10 reasons, keywords written from airline domain knowledge (some "a & b" co-occurrence keywords),',
  );
  console.log('at most 5 example posts each (seeded draw from confidence-1 rows, excluded from scoring); "Can\'t Tell" is the fallback with no keywords.');
  console.log(
    `Unlabeled background (word rarity + one self-training round): the text of all ${airline.rows.length} airline tweets, labels not read (transductive: includes the scored tweets' text).`,
  );
  printTable(
    ['category', 'F1'],
    AIRLINE_REASONS.map((c) => [c, f3(catRep.f1[c] ?? 0)]),
  );
  console.log(`category accuracy ${f3(catRep.accuracy)}, macro-F1 ${f3(catRep.macroF1)}  (target macro-F1 >= 0.60)`);
}
if (want('adaptation')) runAdaptationExperiment(dir);
console.log(`\neval finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
