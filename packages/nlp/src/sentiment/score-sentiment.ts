import { type TextSignals } from '../text/signals.js';
import { type SentimentLabel, type SentimentResult } from '../types.js';

export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'] as const satisfies readonly SentimentLabel[];

/** Share of the model's score and of the valence lexicon in the sentiment score. */
export const SCORE_BLEND = { model: 0.7, lexicon: 0.3 } as const;

export interface SentimentOutcome {
  result: SentimentResult;
  /** Probabilities after the rule layer (negative, neutral, positive). */
  probs: [number, number, number];
}

/**
 * Turns the model's probabilities into the sentiment result, with two rules on top:
 * sarcasm moves praise toward negative ("great, another delay"); litotes with no angry word
 * moves negative toward positive ("not bad at all", "no complaints").
 */
export function scoreSentiment(modelProbs: readonly number[], sig: TextSignals, sarcasm: string | undefined): SentimentOutcome {
  let neg = modelProbs[0] ?? 0;
  let neu = modelProbs[1] ?? 0;
  let pos = modelProbs[2] ?? 0;
  if (sarcasm) {
    const moved = 0.7 * pos + 0.5 * neu;
    pos *= 0.3;
    neu *= 0.5;
    neg += moved;
  } else if (sig.has.litotes && !sig.has.anger) {
    const moved = 0.8 * neg;
    neg -= moved;
    pos += moved * 0.6;
    neu += moved * 0.4;
  }
  const probs: [number, number, number] = [neg, neu, pos];
  let best = 0;
  for (let c = 1; c < 3; c += 1) if ((probs[c] ?? 0) > (probs[best] ?? 0)) best = c;
  const raw = SCORE_BLEND.model * (pos - neg) + SCORE_BLEND.lexicon * sig.lexCompound;
  const score = Math.round(Math.max(-1, Math.min(1, raw)) * 1000) / 1000;
  const result: SentimentResult = {
    score,
    label: SENTIMENT_CLASSES[best] ?? 'neutral',
    confidence: Math.round((probs[best] ?? 0) * 1000) / 1000,
  };
  if (sarcasm) result.sarcasm = sarcasm;
  return { result, probs };
}
