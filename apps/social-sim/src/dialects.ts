import type { SimPlatform } from './sim-model.js';

/** Per-platform rate-limit windows (documented defaults, connectors.md). */
export const RATE_LIMITS: Record<SimPlatform, { limit: number; windowSec: number }> = {
  mastodon: { limit: 300, windowSec: 300 },
  bluesky: { limit: 3000, windowSec: 300 },
  reddit: { limit: 600, windowSec: 600 },
  x: { limit: 450, windowSec: 900 },
  rss: { limit: 1_000_000, windowSec: 60 },
};

/** Mastodon prints six fractional digits: `2026-11-20T09:15:00.000000Z`. */
export function mastodonTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The platform's rate-limit headers for a window ending at `resetAtMs`. */
export function rateHeaders(platform: SimPlatform, limit: number, remaining: number, resetAtMs: number, now: number): Record<string, string> {
  const epoch = String(Math.ceil(resetAtMs / 1000));
  switch (platform) {
    case 'mastodon':
      return { 'X-RateLimit-Limit': String(limit), 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': mastodonTime(resetAtMs) };
    case 'bluesky':
      return {
        'RateLimit-Limit': String(limit),
        'RateLimit-Remaining': String(remaining),
        'RateLimit-Reset': epoch,
        'RateLimit-Policy': `${limit};w=${RATE_LIMITS.bluesky.windowSec}`,
      };
    case 'reddit':
      return {
        'X-Ratelimit-Used': String(limit - remaining),
        'X-Ratelimit-Remaining': `${remaining.toFixed(1)}`,
        'X-Ratelimit-Reset': String(Math.max(0, Math.ceil((resetAtMs - now) / 1000))),
      };
    case 'x':
      return { 'x-rate-limit-limit': String(limit), 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': epoch };
    case 'rss':
      return {};
  }
}

export interface ErrorReply {
  status: number;
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

const REDDIT_WHOA =
  "<!doctype html><html><head><title>Too Many Requests</title></head><body><h1>whoa there, pardner!</h1><p>we're sorry, but you appear to be a bot and we've seen too many requests from you lately.</p></body></html>";

export function rateLimitedBody(platform: SimPlatform, html = false): ErrorReply {
  switch (platform) {
    case 'mastodon':
      return { status: 429, body: { error: 'Too many requests' } };
    case 'bluesky':
      return { status: 429, body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' } };
    case 'reddit':
      return html
        ? { status: 429, body: REDDIT_WHOA, contentType: 'text/html; charset=UTF-8' }
        : { status: 429, body: { message: 'Too Many Requests', error: 429 } };
    case 'x':
      return { status: 429, body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 } };
    case 'rss':
      return { status: 429, body: 'Too Many Requests', contentType: 'text/plain' };
  }
}

export function serverErrorBody(platform: SimPlatform, status: number): ErrorReply {
  const text = status === 502 ? 'Bad Gateway' : status === 504 ? 'Gateway Timeout' : status === 500 ? 'Internal Server Error' : 'Service Unavailable';
  switch (platform) {
    case 'mastodon':
      return { status, body: { error: status === 503 ? 'Remote data could not be fetched' : "We're sorry, but something went wrong on our end." } };
    case 'bluesky':
      return { status, body: { error: status === 502 ? 'UpstreamFailure' : 'InternalServerError', message: text } };
    case 'reddit':
      return {
        status,
        body: `<!doctype html><html><body><h1>${status} ${text}</h1><p>Our CDN was unable to reach our servers. Please try again.</p></body></html>`,
        contentType: 'text/html; charset=UTF-8',
      };
    case 'x':
      return { status, body: { title: text, detail: text, type: 'about:blank', status } };
    case 'rss':
      return { status, body: `<html><body><h1>${status} ${text}</h1></body></html>`, contentType: 'text/html' };
  }
}

/** Each platform's "your access token is no good" answer (Bluesky's is a 400). */
export function expiredTokenBody(platform: SimPlatform): ErrorReply {
  switch (platform) {
    case 'mastodon':
      return { status: 401, body: { error: 'The access token is invalid' } };
    case 'bluesky':
      return { status: 400, body: { error: 'ExpiredToken', message: 'Token has expired' } };
    case 'reddit':
      return { status: 401, body: { message: 'Unauthorized', error: 401 }, headers: { 'www-authenticate': 'Bearer realm="reddit", error="invalid_token"' } };
    case 'x':
      return { status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } };
    case 'rss':
      return { status: 401, body: 'Unauthorized', contentType: 'text/plain' };
  }
}
