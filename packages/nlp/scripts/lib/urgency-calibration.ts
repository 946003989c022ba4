/**
 * Urgency calibration on labelled priority data, reported on held-out folds only.
 *
 * For each fold (a trec-is event, an xci domain) a logistic regression of the label on the points
 * each reason code gave (the reason list of every post, floors included) is fitted on the other
 * folds, with the `high` cut on that fitted score chosen on the same training folds (the cut with
 * the largest recall minus share of negatives, Youden's J); the held-out fold is then scored with
 * both. The reference scorer (hand-set weights, floors, thresholds in urgency-weights.ts) fits nothing
 * on these rows (hand-set points, with the floors), so its figures on every fold are held out as they
 * stand. What ships is the fitted procedure run on all rows of both sets (URGENCY_MULTIPLIERS): its
 * own figures on these rows would be in-sample and are not printed.
 */
import { type UrgencyResult } from '../../src/types.js';
import { URGENCY_MULTIPLIERS, URGENCY_THRESHOLDS, URGENCY_WEIGHTS, urgencyMultiplier } from '../../src/urgency/urgency-weights.js';
import { auc } from './metrics.js';

export interface CalibrationRow {
  fold: string;
  positive: boolean;
  urgency: UrgencyResult;
}

export interface FoldFigures {
  fold: string;
  n: number;
  positives: number;
  auc: number;
  /** Share of the positives at `high` or `critical`. */
  recallHigh: number;
  /** Share of the negatives at `high` or `critical`. */
  negativesHigh: number;
}

export interface CalibrationReport {
  /** The hand-set points with the floors: nothing fitted, so every row is held out. */
  shipped: FoldFigures[];
  fitted: FoldFigures[];
}

const f3 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');

/** Feature columns: one per reason code seen in the rows, plus "floor" (the lift a floor adds is part of its reason's points). */
function codesOf(rows: readonly CalibrationRow[]): string[] {
  const s = new Set<string>();
  for (const r of rows) for (const x of r.urgency.reasons) s.add(x.code);
  return [...s].sort();
}

/** A reason's hand-set points: its shipped weight divided by the shipped multiplier (so refits start from the hand-set points). */
function handPoints(code: string, weight: number): number {
  return weight / urgencyMultiplier(code);
}

function featurize(rows: readonly CalibrationRow[], codes: readonly string[]): Float64Array[] {
  const col = new Map(codes.map((c, i) => [c, i]));
  return rows.map((r) => {
    const v = new Float64Array(codes.length);
    for (const x of r.urgency.reasons) {
      const i = col.get(x.code);
      if (i !== undefined) v[i] = (v[i] ?? 0) + handPoints(x.code, x.weight) / 10;
    }
    return v;
  });
}

/** Reason codes whose points are not fitted: the floors (policy, not data), the word-vector echoes, the author's reach. */
const FIXED = /^(danger|money-taken|vulnerable|outage-everyone|product-hazard|.*-like|reach|verified|engagement|repeat-author)$/;

/** Each fitted code's points may move between half and twice their hand-set value (sign kept). */
export const MULTIPLIER_BOUNDS = [0.5, 2] as const;

/**
 * Logistic regression of the label on the points of each reason code, with every code's weight
 * bounded to [0.5, 2] times a common scale (projected gradient descent, fixed schedule:
 * deterministic). Each data set weighs half, and within it each class half. Returns the
 * multipliers of the codes' points (the common scale divided out).
 */
function fitMultipliers(x: readonly Float64Array[], y: readonly boolean[], codes: readonly string[], firstSet: number): Float64Array {
  const n = x.length;
  const dims = codes.length;
  const rowWeight = new Float64Array(n);
  const sets = firstSet > 0 && firstSet < n ? 2 : 1;
  for (const [from, to] of [
    [0, firstSet],
    [firstSet, n],
  ] as const) {
    let pos = 0;
    for (let i = from; i < to; i += 1) if (y[i]) pos += 1;
    const neg = to - from - pos;
    for (let i = from; i < to; i += 1) rowWeight[i] = n / (sets * 2 * Math.max(1, y[i] ? pos : neg));
  }
  const fixed = codes.map((c) => FIXED.test(c));
  // the common scale: a one-parameter fit on the points as they are
  let scale = 0.1;
  let b = 0;
  const total = x.map((xi) => xi.reduce((a, v) => a + v, 0));
  for (let it = 0; it < 300; it += 1) {
    let gs = 0;
    let gb = 0;
    for (let i = 0; i < n; i += 1) {
      const p = 1 / (1 + Math.exp(-(b + scale * (total[i] ?? 0))));
      const err = (p - (y[i] ? 1 : 0)) * (rowWeight[i] ?? 0);
      gs += err * (total[i] ?? 0);
      gb += err;
    }
    scale = Math.max(0.01, scale - (0.5 * gs) / n);
    b -= (0.5 * gb) / n;
  }
  const m = new Float64Array(dims).fill(1);
  const g = new Float64Array(dims);
  // a post has a handful of reasons: loop over those only
  const nonZero = x.map((xi) => {
    const nz: number[] = [];
    for (let k = 0; k < dims; k += 1) if (xi[k] !== 0) nz.push(k);
    return nz;
  });
  for (let it = 0; it < 300; it += 1) {
    g.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i += 1) {
      const nz = nonZero[i] as number[];
      const xi = x[i] as Float64Array;
      let z = b;
      for (const k of nz) z += scale * (m[k] ?? 1) * (xi[k] ?? 0);
      const p = 1 / (1 + Math.exp(-z));
      const err = (p - (y[i] ? 1 : 0)) * (rowWeight[i] ?? 0);
      gb += err;
      for (const k of nz) g[k] = (g[k] ?? 0) + err * scale * (xi[k] ?? 0);
    }
    for (let k = 0; k < dims; k += 1) {
      if (fixed[k]) continue;
      const next = (m[k] ?? 1) - (2 * (g[k] ?? 0)) / n;
      m[k] = Math.min(MULTIPLIER_BOUNDS[1], Math.max(MULTIPLIER_BOUNDS[0], next));
    }
    b -= (0.5 * gb) / n;
  }
  return m;
}

/** The score the scorer would give with the codes' points multiplied: floors re-applied, capped to 0..100. */
function rescored(rows: readonly CalibrationRow[], codes: readonly string[], m: Float64Array): number[] {
  const col = new Map(codes.map((c, i) => [c, i]));
  return rows.map((r) => {
    let sum = 0;
    for (const x of r.urgency.reasons) {
      if (x.floor) continue;
      // a word-vector reason follows its reason's multiplier; the other fixed codes keep their points
      const base = x.code.endsWith('-like') ? x.code.slice(0, -5) : x.code;
      const k = col.get(base);
      sum += handPoints(x.code, x.weight) * (k === undefined || FIXED.test(base) ? 1 : (m[k] ?? 1));
    }
    const floor = r.urgency.reasons.find((x) => x.floor);
    if (floor?.floor) {
      const points = URGENCY_WEIGHTS.floor[floor.code as keyof typeof URGENCY_WEIGHTS.floor] ?? 0;
      const th = URGENCY_THRESHOLDS[floor.floor as 'high' | 'critical'];
      sum = Math.max(sum + points, th);
    }
    return Math.max(0, Math.min(100, Math.round(sum * 10) / 10));
  });
}

function figures(fold: string, scores: readonly number[], y: readonly boolean[]): FoldFigures {
  let pos = 0;
  let posHigh = 0;
  let negHigh = 0;
  scores.forEach((s, i) => {
    const h = s >= URGENCY_THRESHOLDS.high;
    if (y[i]) {
      pos += 1;
      if (h) posHigh += 1;
    } else if (h) negHigh += 1;
  });
  return {
    fold,
    n: scores.length,
    positives: pos,
    auc: auc(scores, y),
    recallHigh: posHigh / Math.max(1, pos),
    negativesHigh: negHigh / Math.max(1, scores.length - pos),
  };
}

/**
 * `rows` are split into folds; `other` (the other data set) is in every fold's training rows, so
 * the fitted scorer is the one that would ship (one set of weights for both kinds of post).
 */
export function calibrate(rows: readonly CalibrationRow[], other: readonly CalibrationRow[]): CalibrationReport {
  const codes = codesOf([...rows, ...other]);
  const x = featurize(rows, codes);
  const xo = featurize(other, codes);
  const y = rows.map((r) => r.positive);
  const yo = other.map((r) => r.positive);
  const folds = [...new Set(rows.map((r) => r.fold))].sort();
  const shipped: FoldFigures[] = [];
  const fitted: FoldFigures[] = [];
  const pooledFit: number[] = [];
  const pooledY: boolean[] = [];
  const ones = new Float64Array(codes.length).fill(1);
  for (const f of folds) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    rows.forEach((r, i) => (r.fold === f ? testIdx : trainIdx).push(i));
    const m = fitMultipliers([...trainIdx.map((i) => x[i] as Float64Array), ...xo], [...trainIdx.map((i) => y[i] === true), ...yo], codes, trainIdx.length);
    const test = testIdx.map((i) => rows[i] as CalibrationRow);
    const testY = testIdx.map((i) => y[i] === true);
    const testScores = rescored(test, codes, m);
    fitted.push(figures(f, testScores, testY));
    shipped.push(figures(f, rescored(test, codes, ones), testY));
    pooledFit.push(...testScores);
    pooledY.push(...testY);
  }
  shipped.push(figures('pooled', rescored(rows, codes, ones), y));
  // pooled over the held-out folds (each row scored by the weights that did not see its fold)
  fitted.push(figures('pooled', pooledFit, pooledY));
  return { shipped, fitted };
}

/** What ships may be fitted on all rows of both sets: the multipliers of the codes' points. */
export function fitAllRows(a: readonly CalibrationRow[], b: readonly CalibrationRow[]): { code: string; multiplier: number }[] {
  const codes = codesOf([...a, ...b]);
  const m = fitMultipliers([...featurize(a, codes), ...featurize(b, codes)], [...a.map((r) => r.positive), ...b.map((r) => r.positive)], codes, a.length);
  return codes.map((code, k) => ({ code, multiplier: m[k] ?? 1 })).filter((c) => !FIXED.test(c.code));
}

export function printCalibration(
  title: string,
  positives: string,
  report: CalibrationReport,
  printTable: (h: readonly string[], r: readonly (readonly string[])[]) => void,
): void {
  console.log(`\n### ${title}: held-out folds (${positives} = positive)`);
  const rows: string[][] = [];
  for (const [name, list] of [
    ['hand-set points + floors (nothing fitted)', report.shipped],
    ['points fitted on the other folds', report.fitted],
  ] as const) {
    for (const f of list) rows.push([name, f.fold, String(f.n), String(f.positives), f3(f.auc), f3(f.recallHigh), f3(f.negativesHigh)]);
  }
  printTable(['scorer', 'held-out fold', 'rows', 'positives', 'AUC', 'recall at high+', 'negatives at high+'], rows);
}

/** Section 5's calibration: trec-is leave-one-event-out, xci leave-one-domain-out; held-out figures only. */
export function printUrgencyCalibration(
  trec: readonly CalibrationRow[],
  xci: readonly CalibrationRow[],
  printTable: (h: readonly string[], r: readonly (readonly string[])[]) => void,
): void {
  console.log('\n## Urgency calibration (fitting allowed since issue 14; only held-out folds are reported)');
  console.log("Refitted: per held-out fold, each reason code's points times a multiplier in [0.5, 2] (sign kept; floors, reach and word-vector codes fixed),");
  console.log('fitted by logistic regression on the other folds plus all rows of the other set; floors re-applied; levels at the shipped thresholds.');
  console.log(
    'The shipped scorer is the fitted procedure run on ALL rows of both sets (multipliers below), so its own figures on these rows would be in-sample: not shown.',
  );
  const t = calibrate(trec, xci);
  printCalibration(
    'trec-is-2019b, leave one event out (the A-D batches of an event together; all xci rows in training)',
    'Critical+High vs Low',
    t,
    printTable,
  );
  const x = calibrate(xci, trec);
  printCalibration('complaints-xci2023, leave one domain out (all trec-is rows in training)', 'severity 3-4 vs 1-2', x, printTable);
  console.log('targets (held out): trec-is AUC >= 0.80; xci AUC >= 0.70');
  console.log("\nFitted on ALL rows of both sets (what ships; not an evaluation): multiplier of each reason code's hand-set points (1 = keep):");
  const all = fitAllRows(trec, xci);
  console.log(all.map((m) => `${m.code} ${m.multiplier.toFixed(2)}`).join(', '));
  const shippedM = URGENCY_MULTIPLIERS as Readonly<Record<string, number>>;
  const differ = all.filter((m) => Math.abs((shippedM[m.code] ?? 1) - m.multiplier) > 0.02).map((m) => m.code);
  console.log(
    differ.length === 0
      ? 'URGENCY_MULTIPLIERS in src/urgency/urgency-weights.ts are these (to 0.02: the shipped points are rounded to 0.1): the trec-is / xci rows are IN-SAMPLE for the shipped scorer.'
      : `URGENCY_MULTIPLIERS differ from this fit for: ${differ.join(', ')} (copy the line above into src/urgency/urgency-weights.ts).`,
  );
}
