import { type FontFeatures, type FontWeight, type ReportFonts, shapingOptions } from './report-fonts.js';

/**
 * Line layout for the report: pdfkit wraps text in one font, but a mention can mix scripts that live in
 * different Noto subsets. So this lays text out itself, grapheme by grapheme: each cluster is measured in the
 * font that can draw it, lines break at spaces (inside a word only when the word is wider than the line),
 * at most `maxLines` lines, and text that does not fit ends in an ellipsis. Lines are then drawn as runs of
 * one font and style at explicit positions, so nothing depends on pdfkit's cursor.
 */

export interface TextStyle {
  size: number;
  weight: FontWeight;
  color: string;
}

/** A piece of printable text (see printable-text.ts) in one style. */
export interface Span {
  text: string;
  style: TextStyle;
}

interface Glyph {
  text: string;
  font: string;
  style: TextStyle;
  width: number;
  space: boolean;
}

export interface LaidLine {
  glyphs: Glyph[];
  width: number;
}

export interface LaidText {
  lines: LaidLine[];
  /** Whether text was cut (an ellipsis ends the last line). */
  truncated: boolean;
}

/** The drawing surface the layout needs (a pdfkit document). */
export interface TextSurface {
  /** Where pdfkit's cursor stands: after `text(…, { lineBreak: false })`, the end of what it drew. */
  x: number;
  font(name: string): this;
  fontSize(size: number): this;
  fillColor(color: string): this;
  widthOfString(text: string, options?: { features?: FontFeatures }): number;
  text(text: string, x: number, y: number, options: { lineBreak: false; features?: FontFeatures }): this;
}

/** Widths of clusters per font and size, shared by all documents (the fonts never change). */
const clusterWidths = new Map<string, number>();

const ELLIPSIS = '\u2026';
/** Longer input is cut before layout: a page never shows more than a few hundred characters of one text. */
const MAX_CLUSTERS = 1200;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

export class TextLayout {
  private readonly spanGlyphs = new Map<string, readonly Glyph[]>();

  constructor(
    private readonly surface: TextSurface,
    private readonly fonts: ReportFonts,
  ) {}

  /** Lays spans out in `width` points, at most `maxLines` lines (the last one ends in … when cut). */
  layout(spans: readonly Span[], width: number, maxLines: number): LaidText {
    // Beyond twice the room there is nothing to measure: the rest would be cut anyway.
    const words = this.words(spans, 2 * width * maxLines + width);
    const lines: LaidLine[] = [];
    let line: Glyph[] = [];
    let lineWidth = 0;
    let pendingSpace: Glyph | null = null;
    let truncated = false;

    const pushLine = (): boolean => {
      lines.push({ glyphs: line, width: lineWidth });
      line = [];
      lineWidth = 0;
      pendingSpace = null;
      return lines.length < maxLines;
    };

    outer: for (const word of words) {
      if (word.length === 1 && word[0]?.space) {
        if (line.length > 0) pendingSpace = word[0];
        continue;
      }
      const wordWidth = sum(word);
      const spaceWidth = pendingSpace ? pendingSpace.width : 0;
      if (line.length > 0 && lineWidth + spaceWidth + wordWidth > width) {
        if (!pushLine()) {
          truncated = true;
          break;
        }
      }
      if (line.length > 0 && pendingSpace) {
        line.push(pendingSpace);
        lineWidth += pendingSpace.width;
      }
      pendingSpace = null;
      for (const glyph of word) {
        // A word wider than a whole line breaks where it must.
        if (lineWidth + glyph.width > width && line.length > 0) {
          if (!pushLine()) {
            truncated = true;
            break outer;
          }
        }
        line.push(glyph);
        lineWidth += glyph.width;
      }
    }
    if (!truncated && line.length > 0) lines.push({ glyphs: line, width: lineWidth });
    if (truncated) this.ellipsize(lines, width);
    return { lines, truncated };
  }

  /** Draws laid-out text with its top at `y`; returns the height used. */
  draw(text: LaidText, x: number, y: number, lineHeight: number, align: 'left' | 'right' | 'center' = 'left', width = 0): number {
    text.lines.forEach((line, index) => {
      let cursor = align === 'left' ? x : align === 'right' ? x + width - line.width : x + (width - line.width) / 2;
      const top = y + index * lineHeight;
      for (const run of runs(line.glyphs)) {
        this.surface
          .font(run.font)
          .fontSize(run.style.size)
          .fillColor(run.style.color)
          .text(run.text, cursor, top, { lineBreak: false, ...shapingOptions(run.font) });
        // The run as drawn (kerned) is a little narrower than its clusters measured one by one: the next run
        // starts where this one really ends (pdfkit moved its cursor there), so copy-paste sees no gap.
        cursor = this.surface.x;
      }
    });
    return text.lines.length * lineHeight;
  }

  /** The width of printable text drawn in one style, with fallbacks between subsets. */
  widthOf(span: Span): number {
    return sum(this.glyphs(span));
  }

  private ellipsize(lines: LaidLine[], width: number): void {
    const last = lines[lines.length - 1];
    if (!last) return;
    const style = last.glyphs[last.glyphs.length - 1]?.style;
    if (!style) return;
    const dots = this.glyph(ELLIPSIS, style, undefined);
    const dangling = (g: Glyph | undefined) => g !== undefined && (g.space || /^[.,;:\u2013\u2014-]$/u.test(g.text));
    while (last.glyphs.length > 0 && (last.width + dots.width > width || dangling(last.glyphs[last.glyphs.length - 1]))) {
      const removed = last.glyphs.pop();
      last.width -= removed?.width ?? 0;
    }
    last.glyphs.push(dots);
    last.width += dots.width;
  }

  /** Spans → words and single spaces (a word may run across spans; a space is a break opportunity). */
  private words(spans: readonly Span[], enough: number): Glyph[][] {
    const words: Glyph[][] = [];
    let word: Glyph[] = [];
    let total = 0;
    outer: for (const span of spans) {
      for (const glyph of this.glyphs(span)) {
        total += glyph.width;
        if (total > enough) break outer;
        if (glyph.space) {
          if (word.length > 0) words.push(word);
          words.push([glyph]);
          word = [];
        } else {
          word.push(glyph);
        }
      }
    }
    if (word.length > 0) words.push(word);
    return words;
  }

  /** The clusters of a span with their fonts and widths (cached: the page is measured several times). */
  private glyphs(span: Span): readonly Glyph[] {
    const key = `${span.style.size}\u0000${span.style.weight}\u0000${span.style.color}\u0000${span.text}`;
    let glyphs = this.spanGlyphs.get(key);
    if (!glyphs) {
      glyphs = this.shape(span);
      this.spanGlyphs.set(key, glyphs);
    }
    return glyphs;
  }

  private shape(span: Span): Glyph[] {
    const out: Glyph[] = [];
    let font: string | undefined;
    let count = 0;
    for (const { segment } of segmenter.segment(span.text)) {
      if (++count > MAX_CLUSTERS) break;
      const glyph = this.glyph(/\s/u.test(segment) ? ' ' : segment, span.style, font);
      if (!glyph.font) continue; // not drawable: printable-text.ts removed these already
      font = glyph.font;
      out.push(glyph);
    }
    return out;
  }

  private glyph(text: string, style: TextStyle, preferred: string | undefined): Glyph {
    const font = this.fonts.fontFor(text, style.weight, preferred) ?? '';
    if (!font) return { text, font, style, width: 0, space: false };
    const key = `${font}\u0000${style.size}\u0000${text}`;
    let width = clusterWidths.get(key);
    if (width === undefined) {
      width = this.surface.font(font).fontSize(style.size).widthOfString(text, shapingOptions(font));
      clusterWidths.set(key, width);
    }
    return { text, font, style, width, space: text === ' ' };
  }
}

function sum(glyphs: readonly Glyph[]): number {
  let total = 0;
  for (const g of glyphs) total += g.width;
  return total;
}

interface Run {
  text: string;
  font: string;
  style: TextStyle;
  width: number;
}

/** Consecutive glyphs of one font and style, drawn with one call. */
function runs(glyphs: readonly Glyph[]): Run[] {
  const out: Run[] = [];
  for (const g of glyphs) {
    const last = out[out.length - 1];
    if (last && last.font === g.font && last.style === g.style) {
      last.text += g.text;
      last.width += g.width;
    } else {
      out.push({ text: g.text, font: g.font, style: g.style, width: g.width });
    }
  }
  return out;
}
