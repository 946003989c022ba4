import { type TextSignals } from '../text/signals.js';
import { type Intent, type SentimentLabel } from '../types.js';

/** Complaint probability at which a post counts as a complaint. */
export const COMPLAINT_THRESHOLD = 0.5;

const QUESTION_OPENERS = new Set([
  'how',
  'what',
  'when',
  'where',
  'why',
  'who',
  'which',
  'can',
  'could',
  'is',
  'are',
  'do',
  'does',
  'did',
  'will',
  'would',
  'should',
  'any',
]);

/**
 * One intent per post, in this order of precedence: complaint (model probability, or a
 * sarcasm cue), suggestion, question / help request, praise (positive tone), other.
 */
export function detectIntent(sig: TextSignals, label: SentimentLabel, complaintProbability: number, sarcasm: boolean): Intent {
  if (sarcasm) return 'complaint';
  if (complaintProbability >= COMPLAINT_THRESHOLD && label !== 'positive') return 'complaint';
  if (sig.has.suggestion) return 'suggestion';
  if (isQuestion(sig)) return 'question';
  if (label === 'positive') return 'praise';
  if (complaintProbability >= COMPLAINT_THRESHOLD) return 'complaint';
  return 'other';
}

function isQuestion(sig: TextSignals): boolean {
  if (sig.questionMarks > 0) return true;
  if (sig.has.help) return true;
  const tok = sig.tok;
  for (let i = 0; i < tok.kind.length; i += 1) {
    if (tok.kind[i] === 'mention') continue;
    return tok.kind[i] === 'word' && QUESTION_OPENERS.has(tok.norm[i] ?? '');
  }
  return false;
}
