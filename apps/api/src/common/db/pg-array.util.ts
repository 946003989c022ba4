/**
 * Column arrays for `unnest($1::text[], $2::uuid[], …)`: a page of rows sent as one array per
 * column. On a PostgreSQL server each array goes in PostgreSQL's binary array format (node-pg
 * sends a Buffer parameter as binary), so the server copies the values instead of parsing
 * text: no JSON document to lex, no array literal to un-escape, no per-field conversions.
 * Embedded PGlite takes the plain JavaScript array (its driver writes the array literal).
 *
 * Values are made storable on the way in (pgSafeText for text, pgSafeJsonText for JSON text):
 * NUL and lone surrogates become U+FFFD.
 */
import { pgSafeJsonText, pgSafeText } from './pg-safe-text.util.js';

type Scalar = string | number | boolean | null;

export type PgArrayType = 'text' | 'uuid' | 'int2' | 'int4' | 'float4' | 'bool' | 'jsonb' | 'json' | 'timestamptz';

/** Element type OIDs (pg_type.oid; fixed in PostgreSQL's catalogue). */
const OID: Record<PgArrayType, number> = { text: 25, uuid: 2950, int2: 21, int4: 23, float4: 700, bool: 16, jsonb: 3802, json: 114, timestamptz: 1184 };

/** Microseconds between 1970-01-01 and PostgreSQL's epoch 2000-01-01 (UTC). */
const PG_EPOCH_US = 946_684_800_000_000n;

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
/** An ISO-8601 time's digits beyond milliseconds (Date.parse drops them). */
const SUB_MS = /[.,]\d{3}(\d+)/;

/** A typed column: `values[i]` is row i's value, null for SQL NULL; json and jsonb values are JSON text. */
export class PgArray {
  readonly values: readonly Scalar[];

  constructor(
    readonly type: PgArrayType,
    values: readonly Scalar[],
  ) {
    const safe = type === 'text' ? pgSafeText : type === 'json' || type === 'jsonb' ? pgSafeJsonText : null;
    this.values = safe ? values.map((v) => (typeof v === 'string' ? safe(v) : v)) : values;
  }

  /** PostgreSQL's binary array format (array_send): one dimension, lower bound 1. */
  toBinary(): Buffer {
    const { type, values } = this;
    const lengths = new Int32Array(values.length);
    let size = 20;
    let hasNull = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const n = v === null || v === undefined ? -1 : elementLength(type, v);
      if (n < 0) hasNull = 1;
      lengths[i] = n;
      size += 4 + Math.max(n, 0);
    }
    const out = Buffer.allocUnsafe(size);
    out.writeInt32BE(1, 0); // dimensions
    out.writeInt32BE(hasNull, 4);
    out.writeUInt32BE(OID[type], 8);
    out.writeInt32BE(values.length, 12);
    out.writeInt32BE(1, 16); // lower bound
    let off = 20;
    for (let i = 0; i < values.length; i++) {
      const n = lengths[i]!;
      off = out.writeInt32BE(n, off);
      if (n >= 0) writeElement(type, values[i] as string | number | boolean, out, off);
      off += Math.max(n, 0);
    }
    return out;
  }
}

function elementLength(type: PgArrayType, v: string | number | boolean): number {
  switch (type) {
    case 'text':
    case 'json':
      return Buffer.byteLength(String(v), 'utf8');
    case 'jsonb':
      return 1 + Buffer.byteLength(String(v), 'utf8');
    case 'uuid':
      return 16;
    case 'int2':
      return 2;
    case 'int4':
    case 'float4':
      return 4;
    case 'bool':
      return 1;
    case 'timestamptz':
      return 8;
  }
}

function writeElement(type: PgArrayType, v: string | number | boolean, out: Buffer, off: number): void {
  switch (type) {
    case 'text':
    case 'json':
      out.write(String(v), off, 'utf8');
      return;
    case 'jsonb':
      // jsonb_recv: a version byte (1), then the JSON text.
      out[off] = 1;
      out.write(String(v), off + 1, 'utf8');
      return;
    case 'uuid': {
      const s = String(v);
      if (!UUID.test(s)) throw new TypeError(`not a UUID: ${s.slice(0, 40)}`);
      out.write(s.replace(/-/g, ''), off, 'hex');
      return;
    }
    case 'int2':
      out.writeInt16BE(integer(v, -32768, 32767), off);
      return;
    case 'int4':
      out.writeInt32BE(integer(v, -2147483648, 2147483647), off);
      return;
    case 'float4': {
      // -0 as 0, as PostgreSQL's text input (and so PGlite) stores it
      const f = Number(v);
      out.writeFloatBE(f === 0 ? 0 : f, off);
      return;
    }
    case 'bool':
      out[off] = v ? 1 : 0;
      return;
    case 'timestamptz':
      out.writeBigInt64BE(isoToPgMicros(String(v)), off);
      return;
  }
}

function integer(v: string | number | boolean, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max) throw new RangeError(`not an integer in [${min}, ${max}]: ${String(v)}`);
  return n;
}

/** An ISO-8601 time as microseconds since 2000-01-01 UTC, keeping microseconds Date.parse would drop. */
export function isoToPgMicros(iso: string): bigint {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not a time: ${iso.slice(0, 40)}`);
  // Microseconds from the 4th-6th fraction digits, rounded on the 7th as PostgreSQL rounds text input.
  const extra = SUB_MS.exec(iso)?.[1];
  const us = extra ? Math.round(Number(`${extra.slice(0, 3).padEnd(3, '0')}.${extra.slice(3, 4) || '0'}`)) : 0;
  return BigInt(ms) * 1000n + BigInt(us) - PG_EPOCH_US;
}
