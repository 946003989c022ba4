import { classifyCategory, fallbackCategory } from './category/classify-category.js';
import { DEFAULT_TAXONOMY } from './category/default-taxonomy.js';
import { extractEntities } from './entities/extract-entities.js';
import { detectIntent } from './intent/detect-intent.js';
import { detectLanguage } from './language/detect-language.js';
import { extractFeatures, newFeatureVector, STACK_SLOTS } from './model/features.js';
import { type LinearModel } from './model/linear-model.js';
import { shippedComplaintModel, shippedSentimentModel } from './model/shipped-models.js';
import { detectSarcasm } from './sentiment/detect-sarcasm.js';
import { scoreSentiment } from './sentiment/score-sentiment.js';
import { detectSpam } from './spam/detect-spam.js';
import { readSignals } from './text/signals.js';
import { type Analysis, type AnalyzeContext, type BatchItem, type Taxonomy } from './types.js';
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

  function analyze(input: string, context?: AnalyzeContext): Analysis {
    const text = typeof input === 'string' ? input : String(input ?? '');
    sentimentModel ??= shippedSentimentModel();
    complaintModel ??= shippedComplaintModel();
    const sig = readSignals(text);
    const sarcasm = detectSarcasm(sig);
    extractFeatures(sig, fv, sarcasm !== undefined);
    sentimentModel.predict(fv, sentProbs);
    complaintModel.predictStacked(fv, STACK_SLOTS, sentProbs, compProbs);
    let complaintProbability = compProbs[1] ?? 0;
    const { result: sentiment, probs } = scoreSentiment(sentProbs, sig, sarcasm?.trigger);
    if (sig.has.litotes && !sig.has.anger && !sarcasm) complaintProbability *= 0.3;
    const intent = detectIntent(sig, sentiment.label, complaintProbability, sarcasm !== undefined);
    const entities = extractEntities(sig.tok);
    const spam = detectSpam(sig.tok, entities, context);
    const urgency = scoreUrgency({
      sig,
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
      category:
        options.categorize === 'complaints' && intent !== 'complaint'
          ? fallbackCategory(context?.taxonomy ?? options.taxonomy ?? DEFAULT_TAXONOMY)
          : classifyCategory(sig.tok, context?.taxonomy ?? options.taxonomy ?? DEFAULT_TAXONOMY),
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
