import PDFDocument from 'pdfkit';
import { TextLayout, type TextStyle, type TextSurface } from './pdf-text-layout.js';
import { type FontHost, ReportFonts } from './report-fonts.js';

const doc = new PDFDocument({ size: 'A4', margin: 0 });
const fonts = new ReportFonts(doc as unknown as FontHost);
const layout = new TextLayout(doc as unknown as TextSurface, fonts);
const regular: TextStyle = { size: 10, weight: 'regular', color: '#000' };
const text = (laid: ReturnType<TextLayout['layout']>) => laid.lines.map((l) => l.glyphs.map((g) => g.text).join(''));

afterAll(() => doc.end());

describe('TextLayout', () => {
  it('breaks lines at spaces within the width', () => {
    const width = layout.widthOf({ text: 'one two three', style: regular }) + 1;
    const laid = layout.layout([{ text: 'one two three four five six', style: regular }], width, 5);
    expect(text(laid)).toEqual(['one two three', 'four five six']);
    expect(laid.truncated).toBe(false);
    for (const line of laid.lines) expect(line.width).toBeLessThanOrEqual(width);
  });

  it('ends cut text in an ellipsis that fits, without a dangling space or comma', () => {
    const width = layout.widthOf({ text: 'one two three', style: regular }) + 1;
    const laid = layout.layout([{ text: 'one two, three four five six seven', style: regular }], width, 1);
    expect(laid.truncated).toBe(true);
    expect(text(laid)).toEqual(['one two\u2026']);
    expect(laid.lines[0]!.width).toBeLessThanOrEqual(width);
  });

  it('breaks a word wider than the line where it must', () => {
    const laid = layout.layout([{ text: 'x'.repeat(200), style: regular }], 100, 30);
    expect(laid.lines.length).toBeGreaterThan(1);
    expect(text(laid).join('')).toBe('x'.repeat(200));
    for (const line of laid.lines) expect(line.width).toBeLessThanOrEqual(100);
  });

  it('draws each script in the subset that has it, spaces and punctuation staying with their run', () => {
    const laid = layout.layout([{ text: 'Café Заказ опаздывает, Ελλάδα ž ị', style: regular }], 500, 1);
    const fontsUsed = laid.lines[0]!.glyphs.map((g) => `${g.text}:${g.font.replace(/^noto-|-regular$/g, '')}`);
    expect(fontsUsed).toEqual(
      expect.arrayContaining(['C:latin', 'é:latin', 'З:cyrillic', ',:latin', 'Ε:greek', 'ž:latin-ext', 'ị:vietnamese']),
    );
    expect(fontsUsed).toContain(' :cyrillic'); // the space between two Cyrillic words stays in their run
  });
});
