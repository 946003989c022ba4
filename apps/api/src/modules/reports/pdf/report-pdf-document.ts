import { type ReportSnapshot, ReportSnapshotSchema } from '@earshot/contracts';
import PDFDocument from 'pdfkit';
import { TextLayout, type TextSurface } from './pdf-text-layout.js';
import { drawDailyNetChart, drawShareOfVoice } from './report-pdf-charts.js';
import { CONTENT_WIDTH, type Density, PAGE, type PdfContext } from './report-pdf-kit.js';
import { printableText } from './printable-text.js';
import {
  drawAlerts,
  drawConversation,
  drawFigures,
  drawFooter,
  drawHeader,
  drawHeadline,
  drawNotable,
  drawThemes,
} from './report-pdf-sections.js';
import { type FontHost, ReportFonts } from './report-fonts.js';

/**
 * The weekly reputation report as a PDF for leadership (issue 16): one A4 page, drawn with pdfkit (pure JS, no
 * browser) in embedded Noto Sans. The same snapshot always gives the same bytes: the creation date is the
 * snapshot's `generatedAt` and nothing else varies (pdfkit's file id and font tags derive from the content).
 *
 * Lists are capped so the page holds: the most generous layout that fits one page is chosen by measuring
 * (examples of two lines, then one, fewer notable mentions…); only if even the most compact one does not fit
 * does the report flow onto a second page.
 */

const GENEROUS: Density = {
  headlineLines: 3,
  contextLines: 2,
  themes: 5,
  examples: 2,
  exampleLines: 2,
  alerts: 3,
  alertLines: 2,
  responseSentence: true,
  notable: 2,
  notableLines: 2,
  messageLines: 5,
};

/** What gives way, in this order, when the week does not fit one page (each step keeps the ones before). */
const COMPACTING: readonly Partial<Density>[] = [
  { messageLines: 4 },
  { exampleLines: 1 },
  { responseSentence: false },
  { messageLines: 3 },
  { alertLines: 1 },
  { notable: 1 },
  { alerts: 2 },
  { contextLines: 1 },
  { messageLines: 2 },
  { notableLines: 1 },
  { themes: 4 },
  { alerts: 1 },
  { headlineLines: 2 },
  { themes: 3, examples: 1 },
];

/** From generous to compact; the first one whose measured height fits the page is drawn. */
export const DENSITIES: readonly Density[] = COMPACTING.reduce<Density[]>(
  (list, step) => [...list, { ...list[list.length - 1]!, ...step }],
  [GENEROUS],
);

const COLUMN_GAP = 20;
const FOOTER_HEIGHT = 16;
const BOTTOM_LIMIT = PAGE.height - PAGE.bottom - FOOTER_HEIGHT;

type Row = { gapAfter: number; draw: (ctx: PdfContext, y: number) => number };

const half = (CONTENT_WIDTH - COLUMN_GAP) / 2;
const right = PAGE.left + half + COLUMN_GAP;

const ROWS: readonly Row[] = [
  { gapAfter: 10, draw: (ctx, y) => drawHeader(ctx, PAGE.left, y, CONTENT_WIDTH) },
  { gapAfter: 12, draw: (ctx, y) => drawHeadline(ctx, PAGE.left, y, CONTENT_WIDTH) },
  { gapAfter: 14, draw: (ctx, y) => drawFigures(ctx, PAGE.left, y, CONTENT_WIDTH) },
  {
    gapAfter: 12,
    draw: (ctx, y) => Math.max(drawDailyNetChart(ctx, PAGE.left, y, half), drawShareOfVoice(ctx, right, y, half)),
  },
  { gapAfter: 10, draw: (ctx, y) => drawThemes(ctx, PAGE.left, y, CONTENT_WIDTH) },
  {
    gapAfter: 12,
    draw: (ctx, y) => Math.max(drawAlerts(ctx, PAGE.left, y, half), drawNotable(ctx, right, y, half)),
  },
  { gapAfter: 0, draw: (ctx, y) => drawConversation(ctx, PAGE.left, y, CONTENT_WIDTH) },
];

/**
 * Draws the report on this thread (about 0.1 s of CPU for a page; the first call in a process also parses the
 * fonts). renderReportPdf runs this on a worker thread when the api is built.
 */
export async function buildReportPdf(snapshot: ReportSnapshot): Promise<Buffer> {
  const parsed = ReportSnapshotSchema.safeParse(snapshot);
  if (!parsed.success) {
    throw new Error(`Cannot render the report PDF: the snapshot does not match ReportSnapshot v1 (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
  }
  const data = parsed.data;
  const generatedAt = new Date(data.generatedAt);
  // Metadata is shown by the viewer in its own fonts: only controls and bidi overrides need to go.
  const meta = (text: string) => printableText(text, () => true);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: true,
    lang: 'en',
    displayTitle: true,
    info: {
      Title: `Weekly reputation report \u2013 ${meta(data.workspace.name)} \u2013 ${meta(data.week.label)}`,
      Subject: meta(data.headline.sentence),
      Author: 'Earshot',
      Creator: 'Earshot',
      Producer: 'Earshot (pdfkit)',
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const done = collect(doc);
  // pdfkit's typings know only file fonts and feature lists; at run time it also takes a parsed fontkit font
  // and passes a feature object ({ ccmp: false }) on to fontkit, which report-fonts.ts relies on.
  const fonts = new ReportFonts(doc as unknown as FontHost);
  const ctx: PdfContext = { doc, fonts, layout: new TextLayout(doc as unknown as TextSurface, fonts), snapshot: data, density: DENSITIES[0]!, draw: false };

  ctx.density = chooseDensity(ctx);
  ctx.draw = true;
  let y = PAGE.top;
  let pages = 1;
  for (const row of ROWS) {
    const height = row.draw({ ...ctx, draw: false }, y);
    if (y + height > BOTTOM_LIMIT && pages < 2) {
      drawFooter(ctx, PAGE.left, BOTTOM_LIMIT + 4, CONTENT_WIDTH);
      doc.addPage({ size: 'A4', margin: 0 });
      pages += 1;
      y = PAGE.top;
    }
    y += row.draw(ctx, y) + row.gapAfter;
  }
  drawFooter(ctx, PAGE.left, BOTTOM_LIMIT + 4, CONTENT_WIDTH);
  doc.end();
  return done;
}

/**
 * The first density in DENSITIES that fits; then the steps taken are undone again, the most important (the
 * last given up) first, wherever the page still fits without them (shortening notable mentions gains nothing
 * when the alerts beside them are taller).
 */
function chooseDensity(ctx: PdfContext): Density {
  const fits = (density: Density) => measure({ ...ctx, density, draw: false }) <= BOTTOM_LIMIT;
  const index = DENSITIES.findIndex(fits);
  if (index < 0) return DENSITIES[DENSITIES.length - 1]!;
  let density = DENSITIES[index]!;
  for (let step = index - 1; step >= 0; step--) {
    // Back to the value before this step (messageLines 2 → 3, then 3 → 4 at its own step, …).
    const before = DENSITIES[step]!;
    const restored = { ...density };
    for (const key of Object.keys(COMPACTING[step]!) as (keyof Density)[]) Object.assign(restored, { [key]: before[key] });
    if (fits(restored)) density = restored;
  }
  return density;
}

/** The height the page would need in this density (nothing is drawn). */
function measure(ctx: PdfContext): number {
  let y = PAGE.top;
  for (const row of ROWS) y += row.draw(ctx, y) + row.gapAfter;
  return y;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
