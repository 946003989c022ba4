import type { DataSource } from 'typeorm';
import { createClient } from 'redis';
import type { LoginThrottleStore, ThrottleHit } from './login-throttle.repository.js';

/** KEYS: counters. ARGV: now, windowMs. Each key: a hash { c: count, w: window start, b: blocked until }. */
const HIT = `
local out = {}
for i, k in ipairs(KEYS) do
  local c = redis.call('HINCRBY', k, 'c', 1)
  if c == 1 then
    redis.call('HSET', k, 'w', ARGV[1])
    redis.call('PEXPIRE', k, ARGV[2])
  end
  out[#out + 1] = c
  out[#out + 1] = redis.call('HGET', k, 'w')
end
return out`;

const BLOCKED_UNTIL = `
local best = 0
for i, k in ipairs(KEYS) do
  local b = tonumber(redis.call('HGET', k, 'b') or '0')
  if b > tonumber(ARGV[1]) and b > best then best = b end
end
return tostring(best)`;

/** KEYS[1]: the counter. ARGV: until, now. The counter lives at least until the block ends. */
const BLOCK = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local b = tonumber(redis.call('HGET', KEYS[1], 'b') or '0')
if b >= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'b', ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 or tonumber(ARGV[2]) + ttl < tonumber(ARGV[1]) then redis.call('PEXPIREAT', KEYS[1], ARGV[1]) end
return 1`;

const REFUND = `
for i, k in ipairs(KEYS) do
  if redis.call('HEXISTS', k, 'b') == 0 and tonumber(redis.call('HGET', k, 'c') or '0') > 0 then
    redis.call('HINCRBY', k, 'c', -1)
  end
end
return 0`;

/**
 * Redis store (REDIS_URL): one hash per key, counted by Lua scripts so each step is atomic
 * on the Redis server; a counter expires with its window (or its block, when later).
 * A plain Redis server (not a cluster: a script's keys may live in different slots).
 */
export class RedisLoginThrottleStore implements LoginThrottleStore {
  private readonly client: ReturnType<typeof createClient>;
  private connecting: Promise<unknown> | null = null;
  private readonly prefix: string;

  /** `namespace`: the installation (its database name), so installations sharing one Redis keep apart. */
  constructor(url: string, namespace: string) {
    this.prefix = `earshot:login-throttle:${namespace}:`;
    this.client = createClient({ url });
    this.client.on('error', () => undefined);
  }

  private async ready(): Promise<ReturnType<typeof createClient>> {
    // A failed first connection is retried on the next attempt (the sign-in answers 500 meanwhile: fail closed).
    if (!this.client.isOpen) {
      await (this.connecting ??= this.client.connect().catch((e: unknown) => {
        this.connecting = null;
        throw e;
      }));
    }
    return this.client;
  }

  async blockedUntil(keys: string[], now: number): Promise<number> {
    if (keys.length === 0) return 0;
    const c = await this.ready();
    return Number(await c.eval(BLOCKED_UNTIL, { keys: keys.map((k) => this.prefix + k), arguments: [String(now)] }));
  }

  async hit(keys: string[], now: number, windowMs: number): Promise<ThrottleHit[]> {
    if (keys.length === 0) return [];
    const c = await this.ready();
    const sorted = [...new Set(keys)].sort();
    const out = (await c.eval(HIT, { keys: sorted.map((k) => this.prefix + k), arguments: [String(now), String(windowMs)] })) as Array<number | string>;
    return sorted.map((key, i) => ({ key, count: Number(out[2 * i]), windowStart: Number(out[2 * i + 1]) }));
  }

  async block(key: string, until: number, now: number): Promise<void> {
    const c = await this.ready();
    await c.eval(BLOCK, { keys: [this.prefix + key], arguments: [String(until), String(now)] });
  }

  async refund(keys: string[], reset: string[]): Promise<void> {
    const c = await this.ready();
    if (reset.length > 0) await c.del(reset.map((k) => this.prefix + k));
    if (keys.length > 0) await c.eval(REFUND, { keys: keys.map((k) => this.prefix + k) });
  }

  async prune(): Promise<void> {
    // Counters expire on their own.
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.quit();
  }
}

/**
 * Redis keys are namespaced by the installation's database, which every instance of it shares
 * (installations sharing one Redis keep apart).
 */
export function installationNamespace(dataSource: DataSource): string {
  const o = dataSource.options as { url?: string; database?: string };
  if (o.url) {
    try {
      const u = new URL(o.url);
      return `${u.hostname}:${u.port || 5432}${u.pathname}`;
    } catch {
      return 'default';
    }
  }
  return o.database ?? 'embedded';
}
