/** A CSV cell: text, a number (written as a number), a boolean, or empty (null/undefined). */
export type CsvCell = string | number | boolean | null | undefined;

/**
 * Characters that make a spreadsheet read a text cell as a formula (or, as a leading tab, CR or
 * NUL, hide one): `=`, `+`, `-`, `@`, tab, CR and NUL (OWASP "CSV injection"; ASVS 5.0 1.2.10).
 */
const FORMULA_START = /^[=+\-@\t\r\0]/;
/** Cells with these are quoted (RFC 4180 §2.6). */
const NEEDS_QUOTES = /[",\r\n]/;

/** UTF-8 byte order mark: spreadsheets then read non-ASCII text (handles, brand names) as UTF-8. */
export const CSV_BOM = '\uFEFF';

/**
 * One cell, RFC 4180: text that could start a formula gets a `'` in front (so `=HYPERLINK(…)`
 * shows as text), then text with a quote, comma or line break is quoted with its quotes doubled.
 * Numbers are written as numbers (a negative number stays a number; NaN and ±Infinity are empty).
 */
export function csvCell(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const text = FORMULA_START.test(v) ? `'${v}` : v;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV document: BOM, a header row, the rows; every line ends with CRLF (RFC 4180 §2.1). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvCell[]>): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
