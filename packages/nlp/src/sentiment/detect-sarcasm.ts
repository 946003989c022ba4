import { type PhraseHit } from '../rules/phrase-matcher.js';
import { RULE_LISTS } from '../rules/rule-lexicons.js';
import { type TextSignals } from '../text/signals.js';
import { valenceLexicon } from './lexicon.js';

/** Failure words that turn a "thanks" sour on their own ("thanks, delayed again"). */
const STRONG_FAILURE = new Set(['another', 'again', 'still', 'hours', 'hrs', 'nothing', 'for nothing', 'never', 'another delay']);

/** Words of the praise openers ("great", "love", "thanks", ...): not counted as further praise. */
const OPENER_WORDS = new Set<string>(RULE_LISTS.sarcasmOpeners.flatMap((p) => p.split(' ')));
/** "again" right after these is sincere ("thanks again", "fly with you again"). */
const SINCERE_BEFORE_AGAIN = new Set(['thanks', 'thank', 'thx', 'ty', 'you', 'u', 'fly', 'flying', 'soon']);

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
  const failure = failures.find(
    (h: PhraseHit) =>
      h.start >= opener.end && (!weak || STRONG_FAILURE.has(h.pattern)) && !(h.pattern === 'again' && SINCERE_BEFORE_AGAIN.has(tok.norm[h.start - 1] ?? '')),
  );
  if (!failure) return undefined;
  // praise that goes on past the opener ("amazing service again, she's the best") is sincere
  const lex = valenceLexicon();
  for (let i = opener.end; i < tok.norm.length; i += 1) {
    if (tok.kind[i] !== 'word' || tok.negated[i]) continue;
    const w = tok.norm[i] ?? '';
    if (OPENER_WORDS.has(w)) continue;
    if ((lex.get(w) ?? 0) >= 1) return undefined;
  }
  return { trigger: `${opener.text} … ${failure.text}` };
}
