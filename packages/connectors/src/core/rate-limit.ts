import type { Platform, RateLimitInfo } from './connector.js';

/** Minimal header access, satisfied by fetch's `Headers`. */
export interface HeaderLookup {
  get(name: string): string | null;
}

function num(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : null;
}

function epochSeconds(value: string | null): Date | null {
  const n = num(value);
  return n === null ? null : new Date(n * 1000);
}

/** `Retry-After`: delay in seconds or an HTTP date. */
export function parseRetryAfterMs(value: string | null, now: number): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = num(value);
  if (seconds !== null) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/**
 * Reads a platform's rate-limit headers into one shape (connectors.md §8.3):
 * - Mastodon `X-RateLimit-Reset` is an ISO-8601 instant;
 * - Bluesky `RateLimit-Reset` is epoch seconds (plus `Retry-After` on 429);
 * - Reddit `X-Ratelimit-Reset` is seconds from now, `X-Ratelimit-Remaining` a float;
 * - X `x-rate-limit-reset` is epoch seconds.
 * Returns null when the response carries none of them.
 */
export function parseRateLimit(platform: Platform, headers: HeaderLookup, now: number = Date.now(), bucket?: string): RateLimitInfo | null {
  const retryAfterMs = parseRetryAfterMs(headers.get('retry-after'), now);
  let limit: number | null = null;
  let remaining: number | null = null;
  let resetAt: Date | null = null;
  switch (platform) {
    case 'mastodon': {
      limit = num(headers.get('x-ratelimit-limit'));
      remaining = num(headers.get('x-ratelimit-remaining'));
      const reset = headers.get('x-ratelimit-reset');
      if (reset) {
        const at = Date.parse(reset);
        resetAt = Number.isFinite(at) ? new Date(at) : null;
      }
      break;
    }
    case 'bluesky': {
      limit = num(headers.get('ratelimit-limit'));
      remaining = num(headers.get('ratelimit-remaining'));
      resetAt = epochSeconds(headers.get('ratelimit-reset'));
      break;
    }
    case 'reddit': {
      const used = num(headers.get('x-ratelimit-used'));
      remaining = num(headers.get('x-ratelimit-remaining'));
      limit = used !== null && remaining !== null ? Math.round(used + remaining) : null;
      const resetIn = num(headers.get('x-ratelimit-reset'));
      resetAt = resetIn === null ? null : new Date(now + resetIn * 1000);
      break;
    }
    case 'x': {
      limit = num(headers.get('x-rate-limit-limit'));
      remaining = num(headers.get('x-rate-limit-remaining'));
      resetAt = epochSeconds(headers.get('x-rate-limit-reset'));
      break;
    }
    case 'rss':
      break;
  }
  if (limit === null && remaining === null && resetAt === null && retryAfterMs === null) return null;
  return { limit, remaining, resetAt, retryAfterMs, bucket: bucket ?? platform };
}

/**
 * When a rate-limited caller may try again: the platform's reset header when present (it is
 * absolute and shared by the whole window), else `Retry-After`, else null (caller backs off).
 */
export function retryAtFrom(info: RateLimitInfo | null, now: number = Date.now()): Date | null {
  if (!info) return null;
  if (info.resetAt) return info.resetAt;
  if (info.retryAfterMs !== null) return new Date(now + info.retryAfterMs);
  return null;
}
