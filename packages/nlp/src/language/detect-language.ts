import { type LanguageResult } from '../types.js';
import { type Tokenized } from '../text/tokenize.js';

/** Frequent function words per language (short, distinctive lists). */
const STOPWORDS: Record<string, string> = {
  en: 'the and is are was were to of in on for with this that you your my it not have has but just what why when how can will would please thanks thank no',
  es: 'el la los las es son fue que de del en por para con una un y mi tu su muy pero como más gracias hola no está están porque cuando también nada todo',
  fr: 'le la les est sont et de des du en pour avec une un mon ma mes ton votre vous je il elle nous ne pas merci bonjour très mais avec sur dans au aux ce cette',
  de: 'der die das und ist sind nicht ein eine mit für auf den dem ich du sie wir es zu von bitte danke sehr aber auch noch nur wie was warum kein keine',
  pt: 'o a os as é são e de do da dos das em para com um uma meu minha não obrigado obrigada muito mas como por que você está estão também isso ele ela',
  it: 'il lo la gli le è sono e di del della in per con un una mio mia non grazie molto ma come perché che sei questo questa ciao anche ancora sempre',
  nl: 'de het een en is zijn van in op voor met niet ik je jij wij dat dit maar ook nog bedankt alsjeblieft heel wat waarom hoe geen',
};

/** Letters that point to one language. */
const LETTER_HINTS: Array<[RegExp, string]> = [
  [/[ñ¿¡]/, 'es'],
  [/[ãõ]/, 'pt'],
  [/[ß]/, 'de'],
  [/[œ]/, 'fr'],
];

/** Scripts that settle the language on their own. */
const SCRIPTS: Array<[RegExp, string]> = [
  [/[\u3040-\u30ff]/, 'ja'],
  [/[\uac00-\ud7af]/, 'ko'],
  [/[\u4e00-\u9fff]/, 'zh'],
  [/[\u0400-\u04ff]/, 'ru'],
  [/[\u0600-\u06ff]/, 'ar'],
  [/[\u0590-\u05ff]/, 'he'],
  [/[\u0370-\u03ff]/, 'el'],
  [/[\u0e00-\u0e7f]/, 'th'],
  [/[\u0900-\u097f]/, 'hi'],
];

/** Same as /[A-Z]/.test(s). */
function hasAsciiUpper(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) return true;
  }
  return false;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i += 1) if (s.charCodeAt(i) > 127) return false;
  return true;
}

const WORD_LANGS = new Map<string, string[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const w of words.split(' ')) {
    const arr = WORD_LANGS.get(w) ?? [];
    arr.push(lang);
    WORD_LANGS.set(w, arr);
  }
}

/** The languages whose function words include a word (see WordEntry); null when none. */
export type LanguageWord = readonly string[] | null;

function languageWord(w: string): LanguageWord {
  return WORD_LANGS.get(w) ?? null;
}

/**
 * Language from function words and a few letters (en, es, fr, de, pt, it, nl) and from the
 * script for ja, ko, zh, ru, ar, he, el, th, hi. Short posts with no function word but Latin
 * letters are called English with low confidence; posts with no letters are "und".
 */
export function detectLanguage(tok: Tokenized): LanguageResult {
  const text = tok.text;
  for (const [re, code] of SCRIPTS) {
    if (re.test(text)) {
      // Japanese uses Han characters too: kana decides ja before zh.
      return { code, confidence: 0.9 };
    }
  }
  const scores: Record<string, number> = {};
  let words = 0;
  for (let i = 0; i < tok.norm.length; i += 1) {
    if (tok.kind[i] !== 'word') continue;
    words += 1;
    const e = tok.entry[i];
    const raw = tok.raw[i] ?? '';
    let langs: readonly string[] | undefined;
    if (e) {
      const own = e.language === undefined ? (e.language = languageWord(e.norm)) : e.language;
      langs = own ?? (raw === e.norm && !hasAsciiUpper(raw) && isAscii(raw) ? undefined : WORD_LANGS.get(raw.toLowerCase()));
    } else langs = WORD_LANGS.get(tok.norm[i] ?? '') ?? WORD_LANGS.get(raw.toLowerCase());
    if (!langs) continue;
    const share = 1 / langs.length;
    for (const l of langs) scores[l] = (scores[l] ?? 0) + share;
  }
  const lower = text.toLowerCase();
  for (const [re, code] of LETTER_HINTS) if (re.test(lower)) scores[code] = (scores[code] ?? 0) + 1.5;
  if (words === 0) return { code: 'und', confidence: 0 };
  let best = 'en';
  let bestScore = 0;
  let total = 0;
  for (const [l, s] of Object.entries(scores)) {
    total += s;
    if (s > bestScore) {
      best = l;
      bestScore = s;
    }
  }
  if (bestScore === 0) return { code: /[a-z]/i.test(text) ? 'en' : 'und', confidence: 0.3 };
  const confidence = Math.min(0.99, (bestScore / total) * Math.min(1, 0.4 + bestScore / 4));
  return { code: best, confidence: Math.round(confidence * 100) / 100 };
}
