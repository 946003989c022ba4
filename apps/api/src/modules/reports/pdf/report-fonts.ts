import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { woffToSfnt } from './woff-to-sfnt.js';

/**
 * The report's fonts: Noto Sans from @fontsource, one file per Unicode subset and weight. pdfkit's built-in
 * fonts are WinAnsi only (they print "−12" as `"12` and lose Cyrillic silently), so every glyph on the page
 * comes from these embedded files, and pdfkit keeps only the glyphs used (a few tens of KB).
 *
 * A subset covers one script; a line that mixes scripts is drawn in runs, each in the first subset that has
 * every character of it (see pdf-text-layout.ts). What no subset has (emoji, CJK, Arabic…) is replaced by
 * printable-text.ts before anything is measured or drawn.
 */

export const FONT_SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext', 'greek', 'greek-ext', 'vietnamese'] as const;
export type FontSubset = (typeof FONT_SUBSETS)[number];
export type FontWeight = 'regular' | 'bold';

const WEIGHT_FILE: Record<FontWeight, string> = { regular: '400', bold: '700' };

/** OpenType features for fontkit, which pdfkit passes through. */
export type FontFeatures = Record<string, boolean>;

const PLAIN_FONTS = new Set(['noto-latin-regular', 'noto-latin-bold']);

/**
 * How to shape text in a font. The latin-ext and Vietnamese subsets decompose a few letters ("ị", "ṣ") into a
 * base and a mark glyph that maps to no character (copy-paste and search then see junk); with `ccmp` off they
 * use the precomposed glyph, which NFC text asks for. Only the Latin subset is shaped with pdfkit's defaults,
 * which lets pdfkit cache its words (it caches nothing when features are given).
 */
export function shapingOptions(name: string): { features?: FontFeatures } {
  return PLAIN_FONTS.has(name) ? {} : { features: { ccmp: false } };
}

/** The name a font is registered under in a document: 'noto-latin-regular'. */
export function fontName(subset: FontSubset, weight: FontWeight): string {
  return `noto-${subset}-${weight}`;
}

const require = createRequire(import.meta.url);
let files: Map<string, Buffer> | undefined;

/** The font files, read once per process (from node_modules, present in the Docker image as a dependency). */
export function reportFontFiles(): ReadonlyMap<string, Buffer> {
  if (files) return files;
  const loaded = new Map<string, Buffer>();
  for (const subset of FONT_SUBSETS) {
    for (const weight of ['regular', 'bold'] as const) {
      const file = `@fontsource/noto-sans/files/noto-sans-${subset}-${WEIGHT_FILE[weight]}-normal.woff`;
      let path: string;
      try {
        path = require.resolve(file);
      } catch (error) {
        throw new Error(`The report PDF needs ${file} (npm package @fontsource/noto-sans, a dependency of @earshot/api): ${String(error)}`);
      }
      loaded.set(fontName(subset, weight), woffToSfnt(readFileSync(path)));
    }
  }
  files = loaded;
  return files;
}

/** What the renderer needs of a pdfkit document to register and probe fonts. */
export interface FontHost {
  registerFont(name: string, src: Buffer | FontkitFont): unknown;
  font(name: string): unknown;
}

/** The fontkit font pdfkit wraps (`doc._font.font`); pdfkit also accepts one in place of a file. */
interface FontkitFont {
  layout: (...args: never[]) => unknown;
  hasGlyphForCodePoint: (codePoint: number) => boolean;
}

/**
 * Parsed fonts, shared by all documents: fontkit reads a font's layout tables on first use (tens to hundreds of
 * ms each), so each file is parsed once per process. pdfkit takes a fontkit font in place of a file and keeps
 * each document's subset apart; documents are drawn synchronously, one at a time.
 */
const parsedFonts = new Map<string, FontkitFont>();
const glyphAnswers = new Map<string, Map<number, boolean>>();

/** The fontkit font behind the document's current font. pdfkit has no public API for it. */
function currentFontkitFont(doc: FontHost): FontkitFont {
  const font = (doc as unknown as { _font?: { font?: Partial<FontkitFont> } })._font?.font;
  if (!font || typeof font.hasGlyphForCodePoint !== 'function' || typeof font.layout !== 'function') {
    throw new Error('pdfkit changed: its current font wraps no fontkit font with hasGlyphForCodePoint; update report-fonts.ts');
  }
  return font as FontkitFont;
}

function glyphProbe(name: string, font: FontkitFont): (codePoint: number) => boolean {
  let answers = glyphAnswers.get(name);
  if (!answers) {
    answers = new Map();
    glyphAnswers.set(name, answers);
  }
  const known = answers;
  return (codePoint: number) => {
    let answer = known.get(codePoint);
    if (answer === undefined) {
      answer = font.hasGlyphForCodePoint(codePoint);
      known.set(codePoint, answer);
    }
    return answer;
  };
}

/** The fonts of one document: registers every subset and answers which one can draw a piece of text. */
export class ReportFonts {
  private readonly probes = new Map<string, (codePoint: number) => boolean>();

  /**
   * Registers and opens every font in a fixed order, so pdfkit numbers them the same way in every document
   * (the same snapshot gives the same bytes); a font that draws nothing is not embedded.
   */
  constructor(doc: FontHost) {
    for (const [name, data] of reportFontFiles()) {
      doc.registerFont(name, parsedFonts.get(name) ?? data);
      doc.font(name);
      let font = parsedFonts.get(name);
      if (!font) {
        font = currentFontkitFont(doc);
        parsedFonts.set(name, font);
      }
      this.probes.set(name, glyphProbe(name, font));
    }
  }

  /**
   * The font to draw `cluster` (one grapheme) in: `preferred` when it has every character (so spaces and
   * punctuation stay in the run around them), else the first subset that has them all; null when none has.
   */
  fontFor(cluster: string, weight: FontWeight, preferred?: string): string | null {
    if (preferred !== undefined && this.covers(preferred, cluster)) return preferred;
    for (const subset of FONT_SUBSETS) {
      const name = fontName(subset, weight);
      if (this.covers(name, cluster)) return name;
    }
    return null;
  }

  /** Whether some subset (of the regular weight; bold covers the same characters) can draw the cluster. */
  canDraw(cluster: string): boolean {
    return this.fontFor(cluster, 'regular') !== null;
  }

  private covers(name: string, cluster: string): boolean {
    const probe = this.probes.get(name);
    if (!probe) return false;
    for (const char of cluster) {
      if (!probe(char.codePointAt(0) ?? 0)) return false;
    }
    return true;
  }
}
