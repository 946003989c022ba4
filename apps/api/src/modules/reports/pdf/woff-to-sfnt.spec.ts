import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { woffToSfnt } from './woff-to-sfnt.js';

/** A WOFF file with the given tables, each compressed when that makes it smaller (as WOFF encoders do). */
function woff(tables: Record<string, Buffer>, flavor = 0x00010000): Buffer {
  const entries = Object.entries(tables).sort(([a], [b]) => (a < b ? -1 : 1));
  const header = Buffer.alloc(44 + entries.length * 20);
  header.writeUInt32BE(0x774f4646, 0);
  header.writeUInt32BE(flavor, 4);
  header.writeUInt16BE(entries.length, 12);
  const bodies: Buffer[] = [];
  let offset = header.length;
  entries.forEach(([tag, data], i) => {
    const packed = deflateSync(data);
    const stored = packed.length < data.length ? packed : data;
    const entry = 44 + i * 20;
    header.write(tag, entry, 'latin1');
    header.writeUInt32BE(offset, entry + 4);
    header.writeUInt32BE(stored.length, entry + 8);
    header.writeUInt32BE(data.length, entry + 12);
    header.writeUInt32BE(0x12345678, entry + 16);
    bodies.push(stored, Buffer.alloc((4 - (stored.length % 4)) % 4));
    offset += stored.length + ((4 - (stored.length % 4)) % 4);
  });
  return Buffer.concat([header, ...bodies]);
}

describe('woffToSfnt', () => {
  it('unpacks the tables, compressed or not, into a plain font file with its directory', () => {
    const big = Buffer.alloc(1000, 7);
    const small = Buffer.from([1, 2, 3]);
    const sfnt = woffToSfnt(woff({ glyf: big, head: small }));
    expect(sfnt.readUInt32BE(0)).toBe(0x00010000);
    expect(sfnt.readUInt16BE(4)).toBe(2);
    expect(sfnt.readUInt16BE(6)).toBe(32); // searchRange for 2 tables
    expect(sfnt.readUInt16BE(8)).toBe(1); // entrySelector
    expect(sfnt.readUInt16BE(10)).toBe(0); // rangeShift
    const record = (i: number) => ({
      tag: sfnt.toString('latin1', 12 + i * 16, 16 + i * 16),
      checksum: sfnt.readUInt32BE(16 + i * 16),
      offset: sfnt.readUInt32BE(20 + i * 16),
      length: sfnt.readUInt32BE(24 + i * 16),
    });
    expect(record(0)).toMatchObject({ tag: 'glyf', checksum: 0x12345678, length: 1000 });
    expect(record(1)).toMatchObject({ tag: 'head', length: 3 });
    expect(sfnt.subarray(record(0).offset, record(0).offset + 1000).equals(big)).toBe(true);
    expect(sfnt.subarray(record(1).offset, record(1).offset + 3).equals(small)).toBe(true);
    expect(record(1).offset % 4).toBe(0);
  });

  it('unpacks the report fonts (the renderer tests then draw with them)', () => {
    const file = createRequire(import.meta.url).resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff');
    const packed = readFileSync(file);
    const sfnt = woffToSfnt(packed);
    expect(sfnt.length).toBe(packed.readUInt32BE(16)); // totalSfntSize in the WOFF header
  });

  it('refuses what is not a WOFF font, or is cut short, saying so', () => {
    expect(() => woffToSfnt(Buffer.from('%PDF-1.4 not a font at all, just bytes here to fill forty-four'))).toThrow(/not a WOFF 1.0 font/);
    const whole = woff({ glyf: Buffer.alloc(400, 1) });
    expect(() => woffToSfnt(whole.subarray(0, whole.length - 10))).toThrow(/truncated/);
  });
});
