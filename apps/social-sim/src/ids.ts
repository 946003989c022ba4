import { createHash } from 'node:crypto';

const S32 = '234567abcdefghijklmnopqrstuvwxyz';
const B32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Monotonic id sources with each platform's real shape. */
export class IdFactory {
  private lastMs = 0;
  private counter = 0;
  private lastMicros = 0;
  private notification = 34975861;
  private notificationFloor = 34975861;
  private redditT3 = parseInt('1gk2abc', 36);
  private redditT1 = parseInt('lq2x9zc', 36);
  private account = 108_000_000;
  private feed = 1;

  private tick(ms: number): { ms: number; seq: number } {
    if (ms > this.lastMs) {
      this.lastMs = ms;
      this.counter = 0;
    } else {
      this.counter++;
      if (this.counter > 0xfff) {
        this.lastMs++;
        this.counter = 0;
      }
    }
    return { ms: this.lastMs, seq: this.counter };
  }

  /** Mastodon: (ms << 16 | seq), an 18-digit string above 2^53. */
  mastodonStatus(ms: number): string {
    const t = this.tick(ms);
    return ((BigInt(t.ms) << 16n) | BigInt(t.seq)).toString();
  }

  /** A status id for a past time, outside the monotonic sequence (back-dated history: the caller keeps times distinct). */
  mastodonStatusAt(ms: number): string {
    return (BigInt(ms) << 16n).toString();
  }

  /** A tweet id for a past time, outside the monotonic sequence (back-dated history). */
  xTweetAt(ms: number): string {
    return ((BigInt(ms - 1288834974657) << 22n) | (1n << 12n)).toString();
  }

  /** A TID for a past time, outside the monotonic sequence (back-dated history). */
  tidAt(ms: number): string {
    let n = (BigInt(ms * 1000) << 10n) | 7n;
    let out = '';
    for (let i = 0; i < 13; i++) {
      out = S32[Number(n & 31n)] + out;
      n >>= 5n;
    }
    return out;
  }

  /** Notification ids below every one handed out so far (history is older than every post): `count` ids, ascending. */
  mastodonNotificationsBelow(count: number): string[] {
    this.notificationFloor -= count;
    return Array.from({ length: count }, (_, i) => String(this.notificationFloor + i));
  }

  mastodonNotification(): string {
    return String(this.notification++);
  }

  /** X snowflake: (ms - epoch) << 22 | worker << 12 | seq. */
  xTweet(ms: number): string {
    const t = this.tick(ms);
    return ((BigInt(t.ms - 1288834974657) << 22n) | (1n << 12n) | BigInt(t.seq)).toString();
  }

  /** AT Protocol TID: 53-bit microseconds + 10-bit clock id, 13 base32-sortable chars. */
  tid(ms: number): string {
    let micros = ms * 1000;
    if (micros <= this.lastMicros) micros = this.lastMicros + 1;
    this.lastMicros = micros;
    let n = (BigInt(micros) << 10n) | 7n;
    let out = '';
    for (let i = 0; i < 13; i++) {
      out = S32[Number(n & 31n)] + out;
      n >>= 5n;
    }
    return out;
  }

  redditPost(): string {
    return (this.redditT3++).toString(36);
  }

  redditComment(): string {
    return (this.redditT1++).toString(36);
  }

  accountId(): string {
    return String(this.account++);
  }

  feedItem(): number {
    return this.feed++;
  }
}

function base32(bytes: Uint8Array): string {
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const byte of bytes) {
    acc = ((acc << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      out += B32[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(acc << (5 - bits)) & 31];
  return out;
}

/**
 * A well-formed CIDv1 string (multibase `b` base32, dag-cbor 0x71, sha2-256 of the value's JSON):
 * `bafyrei…`, 59 characters. Clients validate it (`@atproto/api` rejects a mere lookalike).
 */
export function cidFor(value: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(value)).digest();
  return `b${base32(Buffer.concat([Buffer.from([0x01, 0x71, 0x12, 0x20]), digest]))}`;
}

/** did:plc: + 24 base32 chars derived from a name. */
export function didFor(name: string): string {
  // The base32 of the hash itself (stable since the first release: DIDs in stored data keep matching).
  return `did:plc:${base32(
    createHash('sha256')
      .update(JSON.stringify(`did:${name}`))
      .digest(),
  ).slice(0, 24)}`;
}
