import pg from 'pg';
import { isoToPgMicros, PgArray } from './pg-array.util.js';

describe('PgArray', () => {
  it('writes the binary array header: one dimension, null flag, element type, length, lower bound 1', () => {
    const b = new PgArray('int4', [7, null]).toBinary();
    expect(b.readInt32BE(0)).toBe(1);
    expect(b.readInt32BE(4)).toBe(1); // has a NULL
    expect(b.readUInt32BE(8)).toBe(23);
    expect(b.readInt32BE(12)).toBe(2);
    expect(b.readInt32BE(16)).toBe(1);
    expect(b.readInt32BE(20)).toBe(4);
    expect(b.readInt32BE(24)).toBe(7);
    expect(b.readInt32BE(28)).toBe(-1);
    expect(b.length).toBe(32);
  });

  it('makes text and JSON text storable on the way in (NUL, lone surrogates)', () => {
    expect(new PgArray('text', ['a\u0000b', 'cut \uD83D', 'ok 😀', null]).values).toEqual(['a\uFFFDb', 'cut \uFFFD', 'ok 😀', null]);
    expect(new PgArray('jsonb', [JSON.stringify({ t: 'x\u0000' })]).values).toEqual(['{"t":"x\\ufffd"}']);
  });

  it('refuses values its column type cannot hold, with the value in the message', () => {
    expect(() => new PgArray('uuid', ['not-a-uuid']).toBinary()).toThrow(/not a UUID: not-a-uuid/);
    expect(() => new PgArray('int2', [40_000]).toBinary()).toThrow(/not an integer/);
    expect(() => new PgArray('int4', [1.5]).toBinary()).toThrow(/not an integer/);
    expect(() => new PgArray('timestamptz', ['yesterday-ish']).toBinary()).toThrow(/not a time/);
  });

  it('counts time from 2000-01-01 in microseconds, keeping digits beyond milliseconds', () => {
    expect(isoToPgMicros('2000-01-01T00:00:00.000Z')).toBe(0n);
    expect(isoToPgMicros('2000-01-01T00:00:01.000Z')).toBe(1_000_000n);
    expect(isoToPgMicros('2026-11-23T14:13:01.739Z')).toBe(BigInt(Date.parse('2026-11-23T14:13:01.739Z') - Date.UTC(2000, 0, 1)) * 1000n);
    expect(isoToPgMicros('2024-05-06T07:08:09.123456Z') - isoToPgMicros('2024-05-06T07:08:09.123Z')).toBe(456n);
    expect(isoToPgMicros('1999-12-31T23:59:59.999500Z')).toBe(-500n);
    expect(isoToPgMicros('2024-05-06T07:08:09.1234567Z') - isoToPgMicros('2024-05-06T07:08:09.123Z')).toBe(457n);
    expect(isoToPgMicros('2024-05-06T07:08:09.1234564Z') - isoToPgMicros('2024-05-06T07:08:09.123Z')).toBe(456n);
    expect(isoToPgMicros('2024-05-06T09:08:09+02:00')).toBe(isoToPgMicros('2024-05-06T07:08:09Z'));
  });
});

/** The same values read back through PostgreSQL's own array_recv, when a server is configured. */
const serverUrl = process.env.TEST_DATABASE_URL;
(serverUrl ? describe : describe.skip)('PgArray on a PostgreSQL server', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it('round-trips every element type, NULLs and empty arrays included', async () => {
    const cols = [
      new PgArray('text', ['plain', 'quote " and \\ backslash, {braces}', 'émoji 😀 ✈️', '', null]),
      new PgArray('uuid', ['d0a47595-9a98-40a8-a7be-ba97402f224d', null, 'D0A47595-9A98-40A8-A7BE-BA97402F224E', null, null]),
      new PgArray('int2', [0, -32768, 32767, null, 5]),
      new PgArray('int4', [2_147_483_647, -1, null, 0, 42]),
      new PgArray('float4', [0.5, -0.09, null, 1e-7, -0]),
      new PgArray('bool', [true, false, null, true, false]),
      new PgArray('jsonb', ['{"b":1,"a":[1,2]}', '[]', null, '"s\\u0000"', '{"k":"é 😀"}']),
      new PgArray('json', ['{"b":1,  "a":2}', null, '[1]', '{}', '"x"']),
      new PgArray('timestamptz', ['2026-11-23T14:13:01.739Z', '2024-05-06T07:08:09.123456Z', null, '1999-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z']),
    ];
    const types = cols.map((c) => c.type);
    const sql = `SELECT ${types.map((_, i) => `c${i}::text AS c${i}`).join(', ')}, ord
      FROM unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) WITH ORDINALITY AS u(${types.map((_, i) => `c${i}`).join(', ')}, ord) ORDER BY ord`;
    const binary = (
      await client.query(
        sql,
        cols.map((c) => c.toBinary()),
      )
    ).rows;
    // The reference: the same values as node-pg's own text-format array literals (the PGlite path).
    const text = (
      await client.query(
        sql,
        cols.map((c) => c.values),
      )
    ).rows;
    expect(binary).toEqual(text);
    expect(binary[4]).toMatchObject({ c4: '0' }); // -0 stored as 0, as text input stores it
    expect(binary[1]).toMatchObject({ c0: 'quote " and \\ backslash, {braces}', c2: '-32768', c5: 'false', c8: '2024-05-06 07:08:09.123456+00' });
    expect(binary[3]).toMatchObject({ c6: '"s\uFFFD"' });
    const empty = await client.query('SELECT cardinality($1::text[]) AS n, cardinality($2::uuid[]) AS m', [
      new PgArray('text', []).toBinary(),
      new PgArray('uuid', []).toBinary(),
    ]);
    expect(empty.rows[0]).toEqual({ n: 0, m: 0 });
  });
});
