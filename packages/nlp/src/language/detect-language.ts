import { type LanguageResult } from '../types.js';
import { type LanguageWord, type Tokenized } from '../text/tokenized.js';

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

/** Scripts that settle the language on their own (UTF-16 code unit ranges), the first found in this order wins. */
const SCRIPTS: Array<[number, number, string]> = [
  [0x3040, 0x30ff, 'ja'],
  [0xac00, 0xd7af, 'ko'],
  [0x4e00, 0x9fff, 'zh'],
  [0x0400, 0x04ff, 'ru'],
  [0x0600, 0x06ff, 'ar'],
  [0x0590, 0x05ff, 'he'],
  [0x0370, 0x03ff, 'el'],
  [0x0e00, 0x0e7f, 'th'],
  [0x0900, 0x097f, 'hi'],
];
/** Lowest code unit of any script range, and of any letter a LETTER_HINTS pattern can match after lower-casing. */
const SCRIPT_MIN = 0x0370;
const HINT_MIN = 0x00a1;

/** One pass over the text: bit k set when a code unit of SCRIPTS[k] occurs; bit 31 when a code unit >= HINT_MIN occurs. */
function scanText(text: string): number {
  let mask = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < HINT_MIN) continue;
    mask |= 1 << 31;
    if (c < SCRIPT_MIN) continue;
    for (let k = 0; k < SCRIPTS.length; k += 1) {
      const r = SCRIPTS[k] as [number, number, string];
      if (c >= r[0] && c <= r[1]) mask |= 1 << k;
    }
  }
  return mask;
}

/** Languages in a fixed order, for the per-post score table. */
const LANGS = Object.keys(STOPWORDS);
const scoreOf = new Float64Array(LANGS.length);
/** Languages in the order the post first scored them (the order the result is read in). */
const touched: number[] = [];

function addScore(lang: number, x: number): void {
  if (!touched.includes(lang)) {
    touched.push(lang);
    scoreOf[lang] = 0;
  }
  scoreOf[lang] = (scoreOf[lang] ?? 0) + x;
}

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

/** Per function word, its languages as indexes into LANGS (a word listed twice for a language counts twice). */
const WORD_LANG_IDS = new Map<string, number[]>();
for (const [lang, words] of Object.entries(STOPWORDS)) {
  for (const w of words.split(' ')) {
    const ids = WORD_LANG_IDS.get(w) ?? [];
    ids.push(LANGS.indexOf(lang));
    WORD_LANG_IDS.set(w, ids);
  }
}
const HINT_LANG_IDS = LETTER_HINTS.map(([, code]) => LANGS.indexOf(code));

function languageWord(w: string): LanguageWord {
  return WORD_LANG_IDS.get(w) ?? null;
}

/**
 * Language from function words and a few letters (en, es, fr, de, pt, it, nl) and from the
 * script for ja, ko, zh, ru, ar, he, el, th, hi. Short posts with no function word but Latin
 * letters are called English with low confidence; posts with no letters are "und".
 */
export function detectLanguage(tok: Tokenized): LanguageResult {
  const text = tok.text;
  const mask = scanText(text);
  for (let k = 0; k < SCRIPTS.length; k += 1) {
    // Japanese uses Han characters too: kana decides ja before zh.
    if ((mask & (1 << k)) !== 0) return { code: SCRIPTS[k]?.[2] ?? 'und', confidence: 0.9 };
  }
  touched.length = 0;
  let words = 0;
  for (let i = 0; i < tok.norm.length; i += 1) {
    if (tok.kind[i] !== 'word') continue;
    words += 1;
    const e = tok.entry[i];
    const raw = tok.raw[i] ?? '';
    let langs: readonly number[] | undefined;
    if (e) {
      const own = e.language === undefined ? (e.language = languageWord(e.norm)) : e.language;
      langs = own ?? (raw === e.norm && !hasAsciiUpper(raw) && isAscii(raw) ? undefined : WORD_LANG_IDS.get(raw.toLowerCase()));
    } else langs = WORD_LANG_IDS.get(tok.norm[i] ?? '') ?? WORD_LANG_IDS.get(raw.toLowerCase());
    if (!langs) continue;
    const share = 1 / langs.length;
    for (const l of langs) addScore(l, share);
  }
  if ((mask & (1 << 31)) !== 0) {
    // only letters from U+00A1 up can be (or lower-case to) a hint letter
    const lower = text.toLowerCase();
    for (let h = 0; h < LETTER_HINTS.length; h += 1) if (LETTER_HINTS[h]?.[0].test(lower)) addScore(HINT_LANG_IDS[h] ?? 0, 1.5);
  }
  if (words === 0) return { code: 'und', confidence: 0 };
  let best = 'en';
  let bestScore = 0;
  let total = 0;
  for (const l of touched) {
    const s = scoreOf[l] ?? 0;
    total += s;
    if (s > bestScore) {
      best = LANGS[l] ?? 'en';
      bestScore = s;
    }
  }
  if (bestScore === 0) return { code: /[a-z]/i.test(text) ? 'en' : 'und', confidence: 0.3 };
  const confidence = Math.min(0.99, (bestScore / total) * Math.min(1, 0.4 + bestScore / 4));
  return { code: best, confidence: Math.round(confidence * 100) / 100 };
}
