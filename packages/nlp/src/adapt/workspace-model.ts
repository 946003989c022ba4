import { categoryScores, CATEGORY_WEIGHTS, fallbackCategory } from '../category/classify-category.js';
import { type FeatureVector } from '../model/feature-vector.js';
import { type LinearModelData } from '../model/linear-model.js';
import { type Tokenized } from '../text/tokenized.js';
import { type CategoryResult, type Taxonomy } from '../types.js';
import { SparseLinear } from './sparse-linear.js';
import { type WorkspaceModelData } from './types.js';

export const WORKSPACE_MODEL_FORMAT = 'earshot-workspace-1';

/**
 * What a WorkspaceModelData holds besides `format` and `trainedOn` (all optional: a head is
 * present only when the workspace labelled posts for it).
 * - sentiment: residual over the shipped features, classes negative/neutral/positive; its
 *   logits are added to the shipped sentiment model's.
 * - complaint: residual, classes not-complaint/complaint, added to the shipped complaint
 *   model's logits (learned from intent labels: complaint vs any other intent).
 * - category: a model over the same features whose classes are the taxonomy's ids, on top of
 *   the keyword/example classifier: logit = prior x classifier score + learned logit.
 */
export interface WorkspaceHeads {
  sentiment?: LinearModelData;
  complaint?: LinearModelData;
  category?: { model: LinearModelData; prior: number; fallback: string };
  /** Which shipped models the residuals were trained on top of ("custom" when the caller gave its own). */
  base?: string;
  seed?: number;
}

/** The decoded heads, ready to score. */
export interface WorkspaceRuntime {
  sentiment: SparseLinear | undefined;
  complaint: SparseLinear | undefined;
  category: { model: SparseLinear; prior: number; fallback: string } | undefined;
}

export function isWorkspaceModelData(x: unknown): x is WorkspaceModelData {
  return typeof x === 'object' && x !== null && (x as { format?: unknown }).format === WORKSPACE_MODEL_FORMAT;
}

function linear(d: unknown): SparseLinear | undefined {
  if (typeof d !== 'object' || d === null) return undefined;
  const m = d as Partial<LinearModelData>;
  if (m.format !== 'earshot-linear-1' || !Array.isArray(m.classes) || typeof m.slots !== 'string' || typeof m.weights !== 'string') return undefined;
  return new SparseLinear(m as LinearModelData);
}

/** Decodes a stored workspace model (a model of another format is an error: the caller stored something else). */
export function decodeWorkspaceModel(data: WorkspaceModelData): WorkspaceRuntime {
  if (!isWorkspaceModelData(data)) throw new Error(`not a workspace model (format ${String((data as { format?: unknown }).format)})`);
  const h = data as WorkspaceModelData & WorkspaceHeads;
  const cat = h.category ? linear(h.category.model) : undefined;
  return {
    sentiment: linear(h.sentiment),
    complaint: linear(h.complaint),
    category: cat && h.category ? { model: cat, prior: h.category.prior, fallback: h.category.fallback } : undefined,
  };
}

/** Per taxonomy, the model class of each category (-1: a category the model never learned). */
const classMaps = new WeakMap<Taxonomy, WeakMap<SparseLinear, Int32Array>>();
function classMap(tax: Taxonomy, model: SparseLinear): Int32Array {
  let byModel = classMaps.get(tax);
  if (!byModel) {
    byModel = new WeakMap();
    classMaps.set(tax, byModel);
  }
  let m = byModel.get(model);
  if (!m) {
    const classes = model.data.classes;
    m = Int32Array.from(tax.categories, (c) => classes.indexOf(c.id));
    byModel.set(model, m);
  }
  return m;
}

/**
 * Logits of each taxonomy category (and, last, of the fallback when it is not one of them):
 * prior x the classifier's score + the learned logit. The fallback's prior score is the
 * classifier's minimum, so it wins where the classifier would have fallen back.
 */
export function categoryLogits(
  head: NonNullable<WorkspaceRuntime['category']>,
  tok: Tokenized,
  fv: FeatureVector,
  tax: Taxonomy,
): { ids: string[]; logits: number[]; matched: string[][] } {
  const { scores, matched } = categoryScores(tok, tax);
  const fallbackId = tax.fallback ?? 'other';
  const ids = tax.categories.map((c) => c.id);
  const logits = scores.map((s, i) => head.prior * (ids[i] === fallbackId ? Math.max(s, CATEGORY_WEIGHTS.minimum) : s));
  if (!ids.includes(fallbackId)) {
    ids.push(fallbackId);
    logits.push(head.prior * CATEGORY_WEIGHTS.minimum);
    matched.push([]);
  }
  const z = new Float64Array(head.model.k);
  head.model.logits(fv, z);
  const map = classMap(tax, head.model);
  const classes = head.model.data.classes;
  for (let i = 0; i < ids.length; i += 1) {
    const c = i < map.length ? (map[i] ?? -1) : classes.indexOf(ids[i] ?? '');
    if (c >= 0) logits[i] = (logits[i] ?? 0) + (z[c] ?? 0);
  }
  return { ids, logits, matched };
}

/** The category the workspace model picks (softmax over categoryLogits); confidence is its probability. */
export function workspaceCategory(head: NonNullable<WorkspaceRuntime['category']>, tok: Tokenized, fv: FeatureVector, tax: Taxonomy): CategoryResult {
  const { ids, logits, matched } = categoryLogits(head, tok, fv, tax);
  let best = 0;
  for (let i = 1; i < logits.length; i += 1) if ((logits[i] ?? 0) > (logits[best] ?? 0)) best = i;
  let sum = 0;
  for (const l of logits) sum += Math.exp(l - (logits[best] ?? 0));
  const id = ids[best] ?? fallbackCategory(tax).id;
  const fallbackId = tax.fallback ?? 'other';
  if (id === fallbackId) return { ...fallbackCategory(tax), confidence: Math.round((1 / sum) * 100) / 100 };
  const cat = tax.categories.find((c) => c.id === id);
  return { id, name: cat?.name ?? id, confidence: Math.round((1 / sum) * 100) / 100, matched: matched[best] ?? [] };
}
