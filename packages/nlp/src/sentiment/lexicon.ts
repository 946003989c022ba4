import { VADER_LEXICON } from '../model/lexicon.data.js';

let lexicon: Map<string, number> | undefined;

/** VADER's human-rated valences (term -> mean rating in [-4, 4]), parsed once. */
export function valenceLexicon(): Map<string, number> {
  if (lexicon) return lexicon;
  const m = new Map<string, number>();
  for (const line of VADER_LEXICON.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    m.set(line.slice(0, tab), Number(line.slice(tab + 1)));
  }
  lexicon = m;
  return m;
}
