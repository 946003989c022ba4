import type { DataSource } from 'typeorm';

/** One counter after an attempt was counted: its new count and when its window began. */
export interface ThrottleHit {
  key: string;
  count: number;
  windowStart: number;
}

/**
 * Where the sign-in limiter keeps its counters. Shared by every api instance (PostgreSQL,
 * or Redis when REDIS_URL is set), so several instances enforce one limit. Every method is
 * atomic on the server side: two instances counting the same key never lose a count.
 */
export interface LoginThrottleStore {
  /** The latest `blocked_until` (ms since epoch) among these keys that is still ahead of `now`, else 0. */
  blockedUntil(keys: string[], now: number): Promise<number>;
  /** Counts one attempt on each key (a window that ended starts again at 1). */
  hit(keys: string[], now: number, windowMs: number): Promise<ThrottleHit[]>;
  /** Refuses the key until `until` without counting further attempts. */
  block(key: string, until: number, now: number): Promise<void>;
  /** Gives one attempt back on each key (a sign-in that succeeded), or forgets the key (`reset`). */
  refund(keys: string[], reset: string[]): Promise<void>;
  /** Drops counters whose window and block have ended. */
  prune(now: number, windowMs: number): Promise<void>;
  close?(): Promise<void>;
}

/**
 * PostgreSQL (and PGlite) store: one row per key in `login_throttle`, counted with one
 * INSERT … ON CONFLICT DO UPDATE per attempt. The row lock makes concurrent counts queue up,
 * so 30 parallel attempts get the counts 1…30, whichever instance they reach. Keys are
 * locked in sorted order so two attempts never wait on each other crosswise (no deadlock).
 */
export class PgLoginThrottleRepository implements LoginThrottleStore {
  constructor(private readonly dataSource: DataSource) {}

  async blockedUntil(keys: string[], now: number): Promise<number> {
    if (keys.length === 0) return 0;
    const rows: Array<{ until: Date | string | null }> = await this.dataSource.query(
      `SELECT max(blocked_until) AS until FROM login_throttle WHERE key = ANY($1::text[]) AND blocked_until > $2`,
      [keys, new Date(now)],
    );
    const until = rows[0]?.until;
    return until ? new Date(until).getTime() : 0;
  }

  async hit(keys: string[], now: number, windowMs: number): Promise<ThrottleHit[]> {
    if (keys.length === 0) return [];
    const sorted = [...new Set(keys)].sort();
    const at = new Date(now);
    const windowEndedBefore = new Date(now - windowMs);
    const rows: Array<{ key: string; count: number; window_start: Date | string }> = await this.dataSource.query(
      `INSERT INTO login_throttle AS t (key, window_start, count, blocked_until)
       SELECT k, $2::timestamptz, 1, NULL FROM unnest($1::text[]) WITH ORDINALITY AS u(k, i) ORDER BY i
       ON CONFLICT (key) DO UPDATE SET
         count = CASE WHEN t.window_start <= $3::timestamptz THEN 1 ELSE t.count + 1 END,
         blocked_until = CASE WHEN t.window_start <= $3::timestamptz THEN NULL ELSE t.blocked_until END,
         window_start = CASE WHEN t.window_start <= $3::timestamptz THEN $2::timestamptz ELSE t.window_start END
       RETURNING key, count, window_start`,
      [sorted, at, windowEndedBefore],
    );
    return rows.map((r) => ({ key: r.key, count: Number(r.count), windowStart: new Date(r.window_start).getTime() }));
  }

  async block(key: string, until: number): Promise<void> {
    await this.dataSource.query(`UPDATE login_throttle SET blocked_until = $2 WHERE key = $1 AND (blocked_until IS NULL OR blocked_until < $2)`, [
      key,
      new Date(until),
    ]);
  }

  async refund(keys: string[], reset: string[]): Promise<void> {
    if (reset.length > 0) await this.dataSource.query(`DELETE FROM login_throttle WHERE key = ANY($1::text[])`, [[...reset].sort()]);
    if (keys.length > 0) {
      await this.dataSource.query(`UPDATE login_throttle SET count = GREATEST(count - 1, 0) WHERE key = ANY($1::text[]) AND blocked_until IS NULL`, [
        [...keys].sort(),
      ]);
    }
  }

  async prune(now: number, windowMs: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM login_throttle WHERE window_start < $1 AND (blocked_until IS NULL OR blocked_until < $2)`, [
      new Date(now - windowMs),
      new Date(now),
    ]);
  }
}
