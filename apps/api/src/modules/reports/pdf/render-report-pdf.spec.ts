import { writeFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import {
  BIDI_TEXT,
  CYRILLIC_TEXT,
  GREEK_TEXT,
  HOSTILE_FORMULA,
  emptyWeekSnapshotFixture,
  hugeWeekSnapshotFixture,
  reportSnapshotFixture,
} from '../../../../test/fixtures/report-snapshot.fixture.js';
import { NOTHING_PRINTABLE } from './printable-text.js';
import { renderReportPdf } from './render-report-pdf.js';

interface ExtractedPdf {
  pages: number;
  /** All text, whitespace collapsed. */
  text: string;
  info: Record<string, unknown>;
  annotations: number;
  /** Page size in points. */
  size: [number, number];
}

/** The PDF as a reader's copy-paste sees it (pdfjs-dist, so no Debian tool is needed). */
async function extract(pdf: Buffer): Promise<ExtractedPdf> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true, useSystemFonts: false })
    .promise;
  let text = '';
  let annotations = 0;
  let size: [number, number] = [0, 0];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    if (n === 1) size = [page.view[2]!, page.view[3]!];
    const content = await page.getTextContent();
    for (const item of content.items) {
      if ('str' in item) text += item.str + (item.hasEOL ? ' ' : '');
    }
    annotations += (await page.getAnnotations()).length;
    text += ' ';
  }
  const { info } = await doc.getMetadata();
  const pages = doc.numPages;
  await doc.destroy();
  return { pages, text: text.replace(/\s+/g, ' '), info: info as Record<string, unknown>, annotations, size };
}

describe('renderReportPdf', () => {
  let pdf: Buffer;
  let extracted: ExtractedPdf;

  beforeAll(async () => {
    pdf = await renderReportPdf(reportSnapshotFixture());
    extracted = await extract(pdf);
    // For a look at it: REPORT_PDF_OUT=/tmp/report.pdf, then pdftoppm -png -r 80 -f 1 -l 1.
    if (process.env.REPORT_PDF_OUT) writeFileSync(process.env.REPORT_PDF_OUT, pdf);
  });

  it('is one A4 page', () => {
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(extracted.pages).toBe(1);
    expect(extracted.size[0]).toBeCloseTo(595.28, 1);
    expect(extracted.size[1]).toBeCloseTo(841.89, 1);
  });

  it('leads with the headline, its direction in words and the real minus sign', () => {
    expect(extracted.text).toContain(
      "Worse than last week Reputation fell: net sentiment \u221212.4 points, driven by complaints about delivery after Tuesday's outage",
    );
    expect(extracted.text).not.toContain('"12.4');
  });

  it('shows the key figures, each with its week-over-week change', () => {
    const t = extracted.text;
    expect(t).toContain('Net sentiment \u22123.2 \u221212.4 points vs last week 4-week average +7.6');
    expect(t).toContain('Mentions 1,284 +24 % vs last week last week 1,032');
    expect(t).toContain('Reach 2.5M +30 % vs last week last week 1.9M');
    expect(t).toContain('Share of voice 41.2 % +2.7 pp vs last week last week 38.5 %');
    expect(t).toContain('SLA attainment 87.4 % \u22125.7 pp vs last week last week 93.1 %');
    expect(t).toContain('Median first response 38 min +14 min vs last week last week 24 min');
    expect(t).toContain('Response rate 78.2 % \u22122.3 pp vs last week last week 80.5 %');
    expect(t).toContain('Replies sent 412 +38 % vs last week last week 298');
  });

  it('draws the daily chart and the share of voice with their numbers', () => {
    expect(extracted.text).toContain('+20.9');
    expect(extracted.text).toContain('\u221242.2');
    expect(extracted.text).toMatch(/Acme Coffee 41\.2 % ?\+2\.7 pp/);
    expect(extracted.text).toMatch(/Globex Roasters 32\.1 % ?\u22121\.3 pp/);
  });

  it('names the owner of each complaint theme, and says when there is none', () => {
    expect(extracted.text).toContain('Delivery 132 mentions +222 %');
    expect(extracted.text).toContain('Owner: Logistics \u00b7 logistics@acme.example \u00b7 being investigated');
    expect(extracted.text).toContain('Owner: Finance \u00b7 billing-team@acme.example \u00b7 fix shipped');
    expect(extracted.text).toContain('App and website 37 mentions +68 % No owner yet');
    expect(extracted.text).toContain('Product quality 9 mentions new this week');
  });

  it('keeps Cyrillic, Greek, Polish and Vietnamese letters intact', () => {
    expect(extracted.text).toContain(`\u201c${CYRILLIC_TEXT}\u201d`);
    expect(extracted.text).toContain(`\u201c${GREEK_TEXT}\u201d`);
    expect(extracted.text).toContain('Zamówienie przyszło uszkodzone, żółć');
    expect(extracted.text).toContain('Giao hàng chậm quá, cà phê bị ẩm.');
  });

  it('prints hostile text as inert plain text: no link, no formula, no reordering', () => {
    expect(extracted.text).toContain(HOSTILE_FORMULA.slice(0, 40));
    expect(extracted.annotations).toBe(0);
    expect(extracted.text).not.toContain('\u202e');
    expect(extracted.text).not.toContain('\u202c');
    expect(extracted.text).toContain(BIDI_TEXT.replace(/[\u202a-\u202e]/g, ''));
  });

  it('drops emoji and shows a placeholder for scripts it has no font for, never boxes or mojibake', () => {
    expect(extracted.text).toContain('Love the new app the dark mode is perfect');
    expect(extracted.text).toContain(NOTHING_PRINTABLE);
    expect(extracted.text).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff\ufffd]/u);
    expect(extracted.text).not.toMatch(/\p{Extended_Pictographic}(?<![©®])/u);
  });

  it('cuts long text with an ellipsis', () => {
    expect(extracted.text).toContain('I have been a customer for nine years');
    expect(extracted.text).not.toContain('recommend you to everyone at work');
    expect(extracted.text).toContain('\u2026');
  });

  it('lists the alerts and how they were handled, notable mentions and the conversation in order', () => {
    const t = extracted.text;
    expect(t).toContain('2 alerts this week, all answered.');
    expect(t).toContain('Tuesday 09:35: Acme Coffee mention volume 4.6\u00d7 normal (delivery; parcel, courier, late)');
    expect(t).toContain('64 replies \u00b7 status update posted \u00b7 first after 18 min');
    expect(t).toContain('12 replies \u00b7 no status post \u00b7 first after 41 min');
    expect(t).toContain('@techcritic \u00b7 X \u00b7 356K reach');
    const order = ['@jess_m on X \u00b7 Tue 1 Dec, 10:02', '23 min', 'Our reply \u00b7 Tue 1 Dec, 10:25', 'Their next post \u00b7 Wed 2 Dec, 09:15'];
    const positions = order.map((s) => t.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('carries its metadata: title, author Earshot, creation date = generatedAt', () => {
    expect(extracted.info.Title).toBe('Weekly reputation report \u2013 Acme Coffee \u2013 30 Nov \u2013 6 Dec 2026');
    expect(extracted.info.Author).toBe('Earshot');
    expect(String(extracted.info.CreationDate)).toMatch(/^D:20261207060000Z/);
  });

  it('gives the same bytes for the same snapshot', async () => {
    const again = await renderReportPdf(reportSnapshotFixture());
    expect(again.equals(pdf)).toBe(true);
  });
});

describe('renderReportPdf at the edges', () => {
  it('renders a sensible page for an empty week', async () => {
    const { pages, text } = await extract(await renderReportPdf(emptyWeekSnapshotFixture()));
    expect(pages).toBe(1);
    expect(text).toContain('Not enough data to compare No scored mentions this week: there is no net sentiment to report');
    expect(text).toContain('Net sentiment \u2013 no figure last week');
    expect(text).toContain('Mentions 0 no change vs last week last week 0');
    expect(text).toContain('No scored mentions this week.');
    expect(text).toContain('No complaints this week.');
    expect(text).toContain('No alerts this week.');
    expect(text).toContain('No notable mentions this week.');
    expect(text).toContain('No conversation was answered this week.');
  });

  it('keeps a week with everything at its largest on one page', async () => {
    const { pages, text } = await extract(await renderReportPdf(hugeWeekSnapshotFixture()));
    expect(pages).toBe(1);
    expect(text).toContain('others'); // 20 brands: the smallest summed up
    expect(text).toMatch(/and \d+ more alerts/);
  });

  it('refuses a snapshot that is not a v1 report, saying what is wrong', async () => {
    const broken = { ...reportSnapshotFixture(), version: 2 } as unknown as Parameters<typeof renderReportPdf>[0];
    await expect(renderReportPdf(broken)).rejects.toThrow(/does not match ReportSnapshot v1 \(version:/);
  });
});
