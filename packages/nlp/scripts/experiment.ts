/**
 * Quick experiment loop (not part of the shipped eval): leave-one-airline-out, SemEval with a
 * model trained on everything (as train.ts would ship), and complaint leave-one-domain-out.
 * Same recipe as eval.ts; prints one line.
 */
import { createAnalyzer } from '../src/analyzer.js';
import { type LinearModel } from '../src/model/linear-model.js';
import { type TrainExample } from '../src/model/train-linear.js';
import { SENTIMENT_CLASSES } from '../src/sentiment/score-sentiment.js';
import * as d from './lib/datasets.js';
import { requireEvalDir } from './lib/eval-dir.js';
import { featurize, withLabel } from './lib/featurize.js';
import { auc, classReport } from './lib/metrics.js';
import { AUX_WEIGHT, sentimentExamples, stack, trainComplaint, trainSentiment, type Featurized } from './lib/recipe.js';

const t0 = Date.now();
const dir = requireEvalDir();
const f3 = (x: number): string => x.toFixed(3);
const CLS = SENTIMENT_CLASSES;
function load(l: d.Loaded<d.SentimentRow>): Featurized<d.SentimentRow> {
  return { rows: l.rows, x: featurize(l.rows.map((r) => r.text)) };
}
const airline = load(d.loadAirline(dir));
const aux = [load(d.loadApple(dir)), load(d.loadSanders(dir)), load(d.loadSxsw(dir)), load(d.loadAmazonHelp(dir)), load(d.loadVader(dir, 'tweets'))];
const semeval = load(d.loadSemEval(dir));

function labelsOf(model: LinearModel, texts: readonly string[]): string[] {
  const a = createAnalyzer({ sentimentModel: model });
  return texts.map((t) => a.analyze(t).sentiment.label);
}
const out: string[] = [];
const airlines = ['United', 'Southwest', 'Delta', 'Virgin America'];
let acc = 0;
let mf = 0;
const per: string[] = [];
for (const hold of airlines) {
  const m = trainSentiment(
    sentimentExamples([{ data: airline, weight: 1, keep: (r) => r.group !== hold }, ...aux.map((a) => ({ data: a, weight: AUX_WEIGHT }))]),
  );
  const test = airline.rows.filter((r) => r.group === hold);
  const rep = classReport(
    test.map((r) => r.label),
    labelsOf(
      m,
      test.map((r) => r.text),
    ),
    CLS,
  );
  acc += rep.accuracy / 4;
  mf += rep.macroF1 / 4;
  per.push(f3(rep.macroF1));
}
out.push(`LOAO acc ${f3(acc)} mF1 ${f3(mf)} [${per.join(' ')}]`);
const full = trainSentiment(sentimentExamples([{ data: airline, weight: 1 }, ...aux.map((a) => ({ data: a, weight: AUX_WEIGHT }))]));
const sem = classReport(
  semeval.rows.map((r) => r.label),
  labelsOf(
    full,
    semeval.rows.map((r) => r.text),
  ),
  CLS,
);
out.push(`SemEval AvgRec ${f3(sem.avgRec)} mF1 ${f3(sem.macroF1)} rec ${CLS.map((c) => f3(sem.recall[c] ?? 0)).join('/')}`);
if (process.env['EXP_SKIP_COMPLAINT'] !== '1') {
  const comp = d.loadComplaints(dir);
  const compX = featurize(comp.rows.map((r) => r.text));
  const dom = (s: string): string => (s.startsWith('random') ? 'random' : s);
  const domains = [...new Set(comp.rows.map((r) => dom(r.domain)))];
  const stacked = compX.map((e) => stack(e, full));
  const prob = new Array<number>(comp.rows.length).fill(0);
  for (const f of domains) {
    const train: TrainExample[] = [];
    comp.rows.forEach((r, i) => {
      if (dom(r.domain) !== f) train.push(withLabel(stacked[i]!, r.complaint, 1));
    });
    const m = trainComplaint(train);
    const a = createAnalyzer({ sentimentModel: full, complaintModel: m });
    comp.rows.forEach((r, i) => {
      if (dom(r.domain) === f) prob[i] = a.analyze(r.text).complaintProbability;
    });
  }
  const gold = comp.rows.map((r) => (r.complaint ? 'c' : 'n'));
  const rep = classReport(
    gold,
    prob.map((p) => (p >= 0.5 ? 'c' : 'n')),
    ['c', 'n'],
  );
  out.push(
    `LODO mF1 ${f3(rep.macroF1)} acc ${f3(rep.accuracy)} AUC ${f3(
      auc(
        prob,
        comp.rows.map((r) => r.complaint === 1),
      ),
    )}`,
  );
}
console.log(`${process.env['EXP_TAG'] ?? ''} | ${out.join(' | ')} | ${((Date.now() - t0) / 1000).toFixed(0)} s`);
