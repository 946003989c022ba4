import type { SimResponse } from './context.js';
import { RATE_LIMITS, rateHeaders, rateLimitedBody } from './dialects.js';
import type { SimPlatform } from './sim-model.js';

/** Each platform's documented request window (RATE_LIMITS), counted per platform. */
export class RateLimiter {
  private readonly windows = new Map<SimPlatform, { start: number; used: number }>();

  /** @param enforce false: count and send the headers, never refuse. */
  constructor(private readonly enforce: boolean) {}

  /** Counts one request: the platform's rate-limit headers, and whether the window is used up. */
  take(platform: SimPlatform, now: number): { headers: Record<string, string>; exceeded: boolean } {
    const cfg = RATE_LIMITS[platform];
    let w = this.windows.get(platform);
    if (!w || now >= w.start + cfg.windowSec * 1000) this.windows.set(platform, (w = { start: now, used: 0 }));
    w.used++;
    const remaining = Math.max(0, cfg.limit - w.used);
    return { headers: rateHeaders(platform, cfg.limit, remaining, w.start + cfg.windowSec * 1000, now), exceeded: this.enforce && w.used > cfg.limit };
  }

  clear(): void {
    this.windows.clear();
  }
}

/** The 429 of a used-up window, with the headers `take` gave (Bluesky adds Retry-After). */
export function windowExceededResponse(platform: SimPlatform, headers: Record<string, string>, now: number): SimResponse {
  const body = rateLimitedBody(platform);
  return {
    ...body,
    headers: {
      ...headers,
      ...(platform === 'bluesky' ? { 'Retry-After': String(Math.max(1, Math.ceil((Number(headers['RateLimit-Reset']) * 1000 - now) / 1000))) } : {}),
    },
  };
}

/** The 429 of an injected `rate_limit` fault: nothing left, reset in `resetInSec`. */
export function faultRateLimitedResponse(platform: SimPlatform, now: number, resetInSec: number, variant?: string): SimResponse {
  const cfg = RATE_LIMITS[platform];
  if (platform === 'reddit' && variant === 'in_body') {
    // Reddit's per-user posting limit: HTTP 200, the window still has requests left, the wait only in the message.
    const wait = resetInSec >= 60 && resetInSec % 60 === 0 ? `${resetInSec / 60} minute${resetInSec === 60 ? '' : 's'}` : `${resetInSec} seconds`;
    const message = `Looks like you've been doing that a lot. Take a break for ${wait} before trying again.`;
    return {
      status: 200,
      body: { json: { errors: [['RATELIMIT', message, 'ratelimit']] } },
      headers: rateHeaders(platform, cfg.limit, cfg.limit - 1, now + cfg.windowSec * 1000, now),
    };
  }
  const html = variant === 'html';
  const headers = rateHeaders(platform, cfg.limit, 0, now + resetInSec * 1000, now);
  if (platform === 'bluesky') headers['Retry-After'] = String(resetInSec);
  const body = rateLimitedBody(platform, html);
  return { ...body, headers: { ...headers, ...(body.headers ?? {}) } };
}
