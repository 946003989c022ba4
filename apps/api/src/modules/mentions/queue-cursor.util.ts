import { BadRequestException } from '@nestjs/common';
import type { QueueSort } from '@earshot/contracts';

/** Keyset position after the last row of a page: the sort's key values, in order. */
export type QueueKey = Array<string | number>;

export function encodeQueueCursor(sort: QueueSort, key: QueueKey): string {
  return Buffer.from(JSON.stringify({ s: sort, k: key }), 'utf8').toString('base64url');
}

const BAD = 'cursor is not valid for this list: start again without it (cursors come from nextCursor of the same sort).';

/** Decodes and checks a cursor; anything a client made up or took from another sort is a 400. */
export function decodeQueueCursor(sort: QueueSort, cursor: string): QueueKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequestException(BAD);
  }
  const c = parsed as { s?: unknown; k?: unknown };
  if (c?.s !== sort || !Array.isArray(c.k)) throw new BadRequestException(BAD);
  const key = c.k as unknown[];
  const iso = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v)) && v.length <= 40;
  const uuid = (v: unknown) => typeof v === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
  const ok = sort === 'urgency' ? key.length === 3 && Number.isInteger(key[0]) && iso(key[1]) && uuid(key[2]) : key.length === 2 && iso(key[0]) && uuid(key[1]);
  if (!ok) throw new BadRequestException(BAD);
  return key as QueueKey;
}
