/** Classification and ranking measures used by the eval. */
export interface ClassReport {
  n: number;
  accuracy: number;
  macroF1: number;
  f1: Record<string, number>;
  recall: Record<string, number>;
  avgRec: number;
}

export function classReport(gold: readonly string[], pred: readonly string[], classes: readonly string[]): ClassReport {
  const f1: Record<string, number> = {};
  const recall: Record<string, number> = {};
  let correct = 0;
  for (let i = 0; i < gold.length; i += 1) if (gold[i] === pred[i]) correct += 1;
  let sumF1 = 0;
  let sumRec = 0;
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
    const prec = tp + fp > 0 ? tp / (tp + fp) : 0;
    const rec = tp + fn > 0 ? tp / (tp + fn) : 0;
    f1[c] = prec + rec > 0 ? (2 * prec * rec) / (prec + rec) : 0;
    recall[c] = rec;
    sumF1 += f1[c] ?? 0;
    sumRec += rec;
  }
  return { n: gold.length, accuracy: correct / Math.max(1, gold.length), macroF1: sumF1 / classes.length, f1, recall, avgRec: sumRec / classes.length };
}

/** Area under the ROC curve (ties count half): P(score of a positive > score of a negative). */
export function auc(scores: readonly number[], positive: readonly boolean[]): number {
  const items = scores.map((s, i) => ({ s, p: positive[i] === true }));
  items.sort((a, b) => a.s - b.s);
  let rankSum = 0;
  let nPos = 0;
  let i = 0;
  while (i < items.length) {
    let j = i;
    while (j + 1 < items.length && items[j + 1]?.s === items[i]?.s) j += 1;
    const avgRank = (i + j + 2) / 2;
    for (let t = i; t <= j; t += 1) {
      if (items[t]?.p) {
        rankSum += avgRank;
        nPos += 1;
      }
    }
    i = j + 1;
  }
  const nNeg = items.length - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i += 1) {
    sx += x[i] ?? 0;
    sy += y[i] ?? 0;
  }
  const mx = sx / n;
  const my = sy / n;
  let cov = 0;
  let vx = 0;
  let vy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    cov += dx * dy;
    vx += dx * dx;
    vy += dy * dy;
  }
  return cov / Math.sqrt(vx * vy);
}
