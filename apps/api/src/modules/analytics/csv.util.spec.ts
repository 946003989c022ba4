import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CSV_BOM, csvCell, toCsv } from './csv.util.js';

/** The characters that matter to quoting and formulas, and a few others. */
const CHARS = fc.constantFrom('a', '1', '=', '+', '-', '@', '\t', '\r', '\n', '\0', '"', ',', ' ', "'", 'é', '😀');

const parseCsv = (s: string): string[][] => parse(s, { bom: true, relax_column_count: false }) as string[][];

describe('csvCell', () => {
  it('neutralises text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('\0x')).toBe("'\0x");
    // Only a leading character counts.
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell("it's")).toBe("it's");
  });

  it('writes numbers as numbers, negative ones too; text that looks like a negative number is text', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(0.333)).toBe('0.333');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvCell('-12.5')).toBe("'-12.5");
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(true)).toBe('true');
  });

  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('')).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a BOM, the header and CRLF-terminated rows', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [null, -2],
        ],
      ),
    ).toBe(`${CSV_BOM}a,b\r\n1,x\r\n,-2\r\n`);
  });

  it('round-trips any text through a real CSV parser: equal, or with one leading quote when it could start a formula', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: CHARS })), { minLength: 2, maxLength: 2 }), { maxLength: 5 }),
        (rows) => {
          const parsed = parseCsv(toCsv(['c1', 'c2'], rows));
          expect(parsed[0]).toEqual(['c1', 'c2']);
          const expected = rows.map((r) => r.map((v) => (/^[=+\-@\t\r\0]/.test(v) ? `'${v}` : v)));
          expect(parsed.slice(1)).toEqual(expected);
          // No parsed cell starts a formula.
          for (const row of parsed.slice(1)) for (const cell of row) expect(/^[=+\-@\t\r\0]/.test(cell)).toBe(false);
        },
      ),
    );
  });

  it('round-trips numbers as numbers', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 5 }), (nums) => {
        const parsed = parseCsv(
          toCsv(
            ['n'],
            nums.map((n) => [n]),
          ),
        );
        expect(parsed.slice(1).map((r) => Number(r[0]))).toEqual(nums.map((n) => (Object.is(n, -0) ? 0 : n)));
      }),
    );
  });
});
