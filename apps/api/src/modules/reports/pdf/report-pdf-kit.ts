import { type ReportSnapshot } from '@earshot/contracts';
import { type Span, type TextLayout, type TextStyle } from './pdf-text-layout.js';
import { printableText } from './printable-text.js';
import { type FontWeight, type ReportFonts } from './report-fonts.js';

/** The drawing vocabulary the report's sections share: page geometry, colours, type styles, small shapes. */

export const PAGE = { width: 595.28, height: 841.89, left: 40, right: 40, top: 34, bottom: 30 } as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export const COLOR = {
  ink: '#101828',
  text: '#344054',
  muted: '#667085',
  faint: '#98a2b3',
  rule: '#e4e7ec',
  panel: '#f4f6f9',
  accent: '#2d4fd6',
  accentSoft: '#e9eefc',
  good: '#067647',
  goodFill: '#12b76a',
  bad: '#b42318',
  badFill: '#d92d20',
  warn: '#b54708',
  warnFill: '#f79009',
  steadyFill: '#667085',
  white: '#ffffff',
} as const;

export function style(size: number, color: string, weight: FontWeight = 'regular'): TextStyle {
  return { size, color, weight };
}

/** How much of each list the page shows; the renderer picks the most generous one that fits on one page. */
export interface Density {
  headlineLines: number;
  contextLines: number;
  themes: number;
  examples: number;
  exampleLines: number;
  alerts: number;
  alertLines: number;
  /** The response figures in a sentence, above the alerts. */
  responseSentence: boolean;
  notable: number;
  notableLines: number;
  messageLines: number;
}

export interface PdfContext {
  doc: PDFKit.PDFDocument;
  layout: TextLayout;
  fonts: ReportFonts;
  snapshot: ReportSnapshot;
  density: Density;
  /** False while measuring: sections compute their height and draw nothing. */
  draw: boolean;
}

/** Text from the snapshot (user input among it) as it may be drawn: see printable-text.ts. */
export function clean(ctx: PdfContext, text: string): string {
  let cache = cleaned.get(ctx.fonts);
  if (!cache) {
    cache = new Map();
    cleaned.set(ctx.fonts, cache);
  }
  let result = cache.get(text);
  if (result === undefined) {
    result = printableText(text, (cluster) => ctx.fonts.canDraw(cluster));
    cache.set(text, result);
  }
  return result;
}

/** Cleaned texts of one document (the page is measured several times before it is drawn). */
const cleaned = new WeakMap<ReportFonts, Map<string, string>>();

/** A styled piece of text; a space at either end (a separator between spans) is kept as one space. */
export function span(ctx: PdfContext, text: string, textStyle: TextStyle): Span {
  const cleaned = clean(ctx, text);
  const before = /^\s/u.test(text) && cleaned !== '' ? ' ' : '';
  const after = /\s$/u.test(text) && cleaned !== '' ? ' ' : '';
  return { text: `${before}${cleaned}${after}`, style: textStyle };
}

/** "No alerts this week" → "No alerts this week." (the snapshot's sentences have no full stop). */
export function asSentence(text: string): string {
  const t = text.trim();
  return t === '' || /[.!?\u2026]$/u.test(t) ? t : `${t}.`;
}

/** Line height for a type size (Noto Sans needs about 1.36 × size; a little more reads better). */
export function leading(size: number): number {
  return Math.round(size * 1.38 * 10) / 10;
}

/** Lays out and (when drawing) draws a paragraph; returns its height. */
export function paragraph(
  ctx: PdfContext,
  spans: readonly Span[],
  box: { x: number; y: number; width: number },
  maxLines: number,
  options: { lineHeight?: number; align?: 'left' | 'right' | 'center' } = {},
): number {
  const size = Math.max(...spans.map((s) => s.style.size), 1);
  const lineHeight = options.lineHeight ?? leading(size);
  const laid = ctx.layout.layout(
    spans.filter((s) => s.text !== ''),
    box.width,
    maxLines,
  );
  if (ctx.draw) ctx.layout.draw(laid, box.x, box.y, lineHeight, options.align ?? 'left', box.width);
  return laid.lines.length * lineHeight;
}

export type Tone = 'good' | 'bad' | 'neutral';

/** Whether a change is good news: `higherIsBetter` null = neither (volume, reach). */
export function toneOf(delta: number | null, higherIsBetter: boolean | null): Tone {
  if (delta === null || delta === 0 || higherIsBetter === null) return 'neutral';
  return delta > 0 === higherIsBetter ? 'good' : 'bad';
}

export function toneColor(tone: Tone): string {
  return tone === 'good' ? COLOR.good : tone === 'bad' ? COLOR.bad : COLOR.muted;
}

/** A small triangle pointing up or down (or a dash for no change) whose top sits at y. */
export function changeMarker(ctx: PdfContext, x: number, y: number, delta: number | null, color: string, size = 5): void {
  if (!ctx.draw) return;
  const { doc } = ctx;
  const h = size * 0.86;
  const top = y + (size * 1.3 - h) / 2;
  if (delta === null || delta === 0) {
    doc.rect(x, top + h / 2 - 0.6, size, 1.2).fill(color);
  } else if (delta > 0) {
    doc.polygon([x, top + h], [x + size, top + h], [x + size / 2, top]).fill(color);
  } else {
    doc.polygon([x, top], [x + size, top], [x + size / 2, top + h]).fill(color);
  }
}

/** The headline's direction marker: a filled disc with a white arrow (drawn, so no symbol font is needed). */
export function directionMarker(ctx: PdfContext, cx: number, cy: number, r: number, direction: ReportSnapshot['headline']['direction']): void {
  if (!ctx.draw) return;
  const { doc } = ctx;
  const fill =
    direction === 'better' ? COLOR.goodFill : direction === 'worse' ? COLOR.badFill : direction === 'steady' ? COLOR.steadyFill : null;
  if (fill === null) {
    doc.circle(cx, cy, r - 0.75).lineWidth(1.5).stroke(COLOR.faint);
    doc.rect(cx - r * 0.4, cy - 1.1, r * 0.8, 2.2).fill(COLOR.faint);
    return;
  }
  doc.circle(cx, cy, r).fill(fill);
  const head = r * 0.5;
  const stem = r * 0.22;
  if (direction === 'steady') {
    doc.rect(cx - r * 0.5, cy - stem / 2, r * 0.6, stem).fill(COLOR.white);
    doc.polygon([cx + r * 0.05, cy - head], [cx + r * 0.55, cy], [cx + r * 0.05, cy + head]).fill(COLOR.white);
    return;
  }
  const dir = direction === 'better' ? -1 : 1;
  const tip = cy + dir * r * 0.55;
  const base = cy + dir * r * 0.02;
  doc.polygon([cx, tip], [cx - head, base], [cx + head, base]).fill(COLOR.white);
  const stemEnd = cy - dir * r * 0.5;
  doc.rect(cx - stem / 2, Math.min(base, stemEnd), stem, Math.abs(stemEnd - base)).fill(COLOR.white);
}

export function rule(ctx: PdfContext, x: number, y: number, width: number, color: string = COLOR.rule): void {
  if (!ctx.draw) return;
  ctx.doc.moveTo(x, y).lineTo(x + width, y).lineWidth(0.75).stroke(color);
}

export function panel(ctx: PdfContext, x: number, y: number, width: number, height: number, color: string = COLOR.panel): void {
  if (!ctx.draw) return;
  ctx.doc.roundedRect(x, y, width, height, 4).fill(color);
}

/** A section title with an optional muted note on the right; returns its height. */
export function sectionTitle(ctx: PdfContext, title: string, x: number, y: number, width: number, note?: string): number {
  const h = paragraph(ctx, [span(ctx, title, style(10.5, COLOR.ink, 'bold'))], { x, y, width }, 1);
  if (note) paragraph(ctx, [span(ctx, note, style(7.5, COLOR.muted))], { x, y: y + 3, width }, 1, { align: 'right' });
  return h + 3;
}
