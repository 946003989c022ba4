import { createHash } from 'node:crypto';

const S32 = '234567abcdefghijklmnopqrstuvwxyz';

/**
 * A valid AT Protocol TID (13 base32-sortable chars, top bit clear) derived from the reply's
 * idempotency key, so every retry of one reply writes the same record key (exactly-once via
 * putRecord, connectors.md §3).
 */
export function tidFromKey(idempotencyKey: string): string {
  const digest = createHash('sha256').update(`earshot-reply:${idempotencyKey}`).digest();
  let n = digest.readBigUInt64BE(0) & 0x7fffffffffffffffn;
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = S32[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}
