import { maskedText, PhraseRules } from './adapt/phrase-rules.js';
import { type PhraseRule, type WorkspaceModelData } from './adapt/types.js';
import { decodeWorkspaceModel, workspaceCategory, type WorkspaceRuntime } from './adapt/workspace-model.js';
import { classifyCategory, fallbackCategory } from './category/classify-category.js';
import { DEFAULT_TAXONOMY } from './category/default-taxonomy.js';
import { extractEntities } from './entities/extract-entities.js';
import { detectIntent } from './intent/detect-intent.js';
import { detectLanguage } from './language/detect-language.js';
import { extractFeatures, newFeatureVector, STACK_SLOTS } from './model/features.js';
import { type LinearModel } from './model/linear-model.js';
import { shippedComplaintModel, shippedSentimentModel } from './model/shipped-models.js';
import { detectSarcasm } from './sentiment/detect-sarcasm.js';
import { scoreSentiment, SCORE_BLEND, SENTIMENT_CLASSES, type SentimentOutcome } from './sentiment/score-sentiment.js';
import { detectSpam } from './spam/detect-spam.js';
import { readSignals, type TextSignals } from './text/signals.js';
import { type Analysis, type AnalyzeContext, type BatchItem, type CategoryResult, type SentimentLabel, type Taxonomy } from './types.js';
import { scoreUrgency } from './urgency/score-urgency.js';

export interface AnalyzerOptions {
  /** Taxonomy used when the context carries none (default DEFAULT_TAXONOMY). */
  taxonomy?: Taxonomy;
  /** Replacement models (the eval passes models retrained per fold). */
  sentimentModel?: LinearModel;
  complaintModel?: LinearModel;
  /**
   * Which posts are categorised: 'all' (default) or 'complaints' — then a post whose intent is
   * not a complaint gets the taxonomy's fallback with confidence 0 without running the
   * classifier (the ingest keeps complaints' categories only; ~7 % of the CPU per post).
   */
  categorize?: 'all' | 'complaints';
  /**
   * The workspace's trained model (trainWorkspaceModel): its heads are applied on top of the
   * shipped models (sentiment and complaint logits added; the category picked by the learned
   * head over the taxonomy classifier's scores). Only for a taxonomy with the ids it learned.
   */
  workspaceModel?: WorkspaceModelData;
  /** The workspace's phrase rules ("war zone" is neutral for a game brand); see PhraseRule. */
  phraseRules?: readonly PhraseRule[];
}

export interface Analyzer {
  analyze(text: string, context?: AnalyzeContext): Analysis;
  analyzeBatch(items: readonly BatchItem[]): Analysis[];
}

/** An analyzer with its own taxonomy or models. Pure and synchronous; no network, no I/O. */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const fv = newFeatureVector();
  const sentProbs: number[] = [];
  const compProbs: number[] = [];
  let sentimentModel = options.sentimentModel;
  let complaintModel = options.complaintModel;
  const ws: WorkspaceRuntime | undefined = options.workspaceModel ? decodeWorkspaceModel(options.workspaceModel) : undefined;
  const rules = options.phraseRules && options.phraseRules.length > 0 ? new PhraseRules(options.phraseRules) : undefined;

  function analyze(input: string, context?: AnalyzeContext): Analysis {
    const text = typeof input === 'string' ? input : String(input ?? '');
    sentimentModel ??= shippedSentimentModel();
    complaintModel ??= shippedComplaintModel();
    const sig = readSignals(text);
    // phrase rules: 'ignore' re-reads the post without the phrase's words for that purpose
    const hit = rules?.match(sig.tok);
    const sentSig = hit?.maskSentiment ? readSignals(maskedText(sig.tok, hit.maskSentiment)) : sig;
    const urgSig = hit?.maskUrgency ? (hit.maskUrgency === hit.maskSentiment ? sentSig : readSignals(maskedText(sig.tok, hit.maskUrgency))) : sentSig;
    const sarcasm = detectSarcasm(sentSig);
    extractFeatures(sentSig, fv, sarcasm !== undefined);
    sentimentModel.predict(fv, sentProbs);
    if (ws?.sentiment) ws.sentiment.applyTo(fv, sentProbs);
    complaintModel.predictStacked(fv, STACK_SLOTS, sentProbs, compProbs);
    if (ws?.complaint) ws.complaint.applyTo(fv, compProbs);
    let complaintProbability = compProbs[1] ?? 0;
    let { result: sentiment, probs } = scoreSentiment(sentProbs, sentSig, sarcasm?.trigger);
    if (hit?.sentiment) ({ result: sentiment, probs } = ruleSentiment(hit.sentiment, sentSig));
    if (sentSig.has.litotes && !sentSig.has.anger && !sarcasm) complaintProbability *= 0.3;
    const intent = detectIntent(sentSig, sentiment.label, complaintProbability, sarcasm !== undefined);
    const entities = extractEntities(sig.tok);
    const spam = detectSpam(sig.tok, entities, context);
    const taxonomy = context?.taxonomy ?? options.taxonomy ?? DEFAULT_TAXONOMY;
    let category: CategoryResult;
    if (options.categorize === 'complaints' && intent !== 'complaint') category = fallbackCategory(taxonomy);
    else if (hit?.category && taxonomy.categories.some((c) => c.id === hit.category?.id)) {
      const cat = taxonomy.categories.find((c) => c.id === hit.category?.id);
      category = { id: hit.category.id, name: cat?.name ?? hit.category.id, confidence: 1, matched: [hit.category.text.toLowerCase()] };
    } else if (ws?.category) category = workspaceCategory(ws.category, sentSig.tok, fv, taxonomy);
    else category = classifyCategory(sig.tok, taxonomy);
    const urgency = scoreUrgency({
      sig: urgSig,
      sentiment,
      negativeProbability: probs[0],
      complaintProbability,
      intent,
      isSpam: spam.isSpam,
      context,
    });
    return {
      sentiment,
      urgency,
      intent,
      complaintProbability: Math.round(complaintProbability * 1000) / 1000,
      category,
      language: detectLanguage(sig.tok),
      spam,
      entities,
    };
  }

  return {
    analyze,
    analyzeBatch: (items) => items.map((it) => analyze(it.text, it.context)),
  };
}

/**
 * A phrase rule's sentiment: its label with full confidence; the score keeps the post's own
 * strength where it agrees with the label (neutral: 0).
 */
function ruleSentiment(label: SentimentLabel, sig: TextSignals): SentimentOutcome {
  const probs: [number, number, number] = [label === 'negative' ? 1 : 0, label === 'neutral' ? 1 : 0, label === 'positive' ? 1 : 0];
  const raw = SCORE_BLEND.model * (probs[2] - probs[0]) + SCORE_BLEND.lexicon * sig.lexCompound;
  const signed = label === 'positive' ? Math.max(0, raw) : label === 'negative' ? Math.min(0, raw) : 0;
  return { result: { score: Math.round(signed * 1000) / 1000, label: SENTIMENT_CLASSES[probs.indexOf(1)] ?? label, confidence: 1 }, probs };
}

let defaultAnalyzer: Analyzer | undefined;

/** Scores one mention with the shipped models and the default taxonomy (or the context's). */
export function analyze(text: string, context?: AnalyzeContext): Analysis {
  defaultAnalyzer ??= createAnalyzer();
  return defaultAnalyzer.analyze(text, context);
}

/** Scores many mentions; results come back in the same order. */
export function analyzeBatch(items: readonly BatchItem[]): Analysis[] {
  defaultAnalyzer ??= createAnalyzer();
  return defaultAnalyzer.analyzeBatch(items);
}
