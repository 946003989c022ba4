import { type PhraseHit } from '../rules/phrase-matcher.js';
import { type TextSignals } from '../text/signals.js';

/** Failure words that turn a "thanks" sour on their own ("thanks, delayed again"). */
const STRONG_FAILURE = new Set(['another', 'again', 'still', 'hours', 'hrs', 'nothing', 'for nothing', 'never', 'another delay']);

export interface SarcasmCue {
  /** The words that made the call, e.g. "great … another delay". */
  trigger: string;
}

/**
 * Sarcasm cues a response team sees every day: a marker ("#sarcasm", "thanks for nothing",
 * "yeah right"), or praise that opens the post ("great", "love how", "thanks") followed by a
 * service failure ("another delay", "still waiting", "again"). Returns undefined when none.
 */
export function detectSarcasm(sig: TextSignals): SarcasmCue | undefined {
  const marker = sig.has.sarcasmMarkers?.[0];
  if (marker) return { trigger: marker.text };
  const tok = sig.tok;
  for (let i = 0; i < tok.norm.length; i += 1) {
    if (tok.kind[i] === 'hashtag' && (tok.norm[i] === '#not' || tok.norm[i] === '#sarcasm')) return { trigger: tok.raw[i] ?? '' };
  }
  const openers = sig.has.sarcasmOpeners;
  const failures = sig.has.failure;
  if (!openers || !failures) return undefined;
  // position of the opener among the first words (leading @handles skipped)
  let firstWord = 0;
  while (firstWord < tok.kind.length && (tok.kind[firstWord] === 'mention' || tok.kind[firstWord] === 'punctuation')) firstWord += 1;
  const opener = openers.find((h) => h.start - firstWord <= 2);
  if (!opener) return undefined;
  const weak = opener.pattern.startsWith('thank');
  const failure = failures.find((h: PhraseHit) => h.start >= opener.end && (!weak || STRONG_FAILURE.has(h.pattern)));
  if (!failure) return undefined;
  return { trigger: `${opener.text} … ${failure.text}` };
}
