import { ConnectorError, type ConnectorFailure, type Platform, type RateLimitInfo } from './connector.js';
import { parseRateLimit, retryAtFrom } from './rate-limit.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  /** Per-request deadline covering connect, headers and the whole body. Default 15 s. */
  timeoutMs?: number;
  /** Sent on every request (Reddit requires a descriptive one). */
  userAgent?: string;
  /**
   * Injected fetch; defaults to Node's global fetch (undici). The api injects its guarded
   * fetch (address checks, pinned DNS, no redirects, body cap). It may throw, or error the
   * body stream with, a RequestRefusedError: that becomes a `bad_request` in our words.
   */
  fetch?: FetchLike;
  /** Largest response body read, counted while streaming; past it the request is aborted (`bad_request`). Default 4 MiB. */
  maxBodyBytes?: number;
  /** Clock for rate-limit arithmetic (Reddit's reset is relative). */
  now?: () => number;
  /** Called once per request, after it settles. Never receives headers or bodies (no secrets in logs). */
  onRequest?: (entry: HttpRequestLogEntry) => void;
}

export interface HttpRequestLogEntry {
  platform: Platform;
  method: string;
  /** Path only, no query string (queries can carry user search terms). */
  path: string;
  status: number | null;
  failure: ConnectorFailure | null;
  durationMs: number;
}

export type HttpBody = { json: unknown } | { form: Record<string, string> };

export interface HttpRequest {
  platform: Platform;
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: HttpBody;
  /** Caller's signal (shutdown); combined with the per-request timeout. */
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Rate-limit bucket name reported in RateLimitInfo. */
  bucket?: string;
  /** Non-2xx statuses to return instead of throwing (e.g. 304 for feeds). */
  acceptStatus?: readonly number[];
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  data: T;
  rateLimit: RateLimitInfo | null;
}

/**
 * Thrown by an injected fetch (or by its response body stream) when a request is refused by
 * policy rather than failed by the network: a blocked address, a redirect, a body over its
 * cap. Its message is ours (never the remote's text), so it may be shown to users.
 */
export class RequestRefusedError extends Error {
  constructor(
    message: string,
    /** Short machine-readable reason: `address`, `port`, `scheme`, `redirect`, `body_too_large`… */
    readonly reason: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RequestRefusedError';
  }
}

/**
 * A ConnectorError raised from an HTTP response: keeps the platform's error code and a bounded
 * body excerpt for code and debug logs. Its `message` holds only the status and our own words:
 * a remote body never reaches a message a user sees (the source's lastError, API errors).
 */
export class ConnectorHttpError extends ConnectorError {
  constructor(
    failure: ConnectorFailure,
    message: string,
    options: { status?: number; retryAt?: Date; platform?: Platform; cause?: unknown },
    /** The platform's own error name (`ExpiredToken`, `RATELIMIT`…), when it sent a short token-like one; remote text: never show it. */
    readonly errorCode: string | null,
    /** First 2 KB of the response body: remote text, for code paths and redacted debug logs only. */
    readonly body: string,
  ) {
    super(failure, message, options);
    this.name = 'ConnectorHttpError';
  }
}

const DEFAULT_TIMEOUT_MS = 15_000;
const BODY_EXCERPT = 2048;
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Our words for a status: what users see instead of the platform's body. */
function reasonFor(status: number): string {
  switch (status) {
    case 400:
      return 'bad request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not found';
    case 405:
      return 'method not allowed';
    case 408:
      return 'request timeout';
    case 409:
      return 'conflict';
    case 410:
      return 'gone';
    case 413:
      return 'request too large';
    case 422:
      return 'unprocessable request';
    case 429:
      return 'too many requests';
    case 502:
      return 'bad gateway';
    case 503:
      return 'service unavailable';
    case 504:
      return 'gateway timeout';
    default:
      if (status >= 300 && status < 400) return 'redirect (redirects are not followed)';
      if (status >= 500) return 'server error';
      return 'request rejected';
  }
}

/** Keeps a platform error code only when it looks like one (`ExpiredToken`, `RATELIMIT`): never free text. */
export function tokenLike(code: string | null): string | null {
  return code && /^[A-Za-z0-9_.:-]{1,64}$/.test(code) ? code : null;
}

/** Formats a byte count for messages (5 MB, 512 KB). */
export function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

function errorCodeOf(platform: Platform, body: unknown): { code: string | null; message: string | null } {
  if (!body || typeof body !== 'object') return { code: null, message: null };
  const b = body as Record<string, unknown>;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
  switch (platform) {
    case 'bluesky':
      return { code: str(b['error']), message: str(b['message']) };
    case 'x':
      return { code: str(b['title']), message: str(b['detail']) };
    case 'reddit':
      return { code: str(b['error']), message: str(b['message']) };
    default:
      return { code: str(b['error']), message: str(b['error_description']) ?? str(b['error']) };
  }
}

/** Maps a non-2xx response to its failure class (see ConnectorFailure). */
export function classifyHttpFailure(platform: Platform, status: number, headers: Headers, bodyText: string, now: number = Date.now()): ConnectorHttpError {
  let parsed: unknown = null;
  try {
    parsed = bodyText ? JSON.parse(bodyText) : null;
  } catch {
    parsed = null; // HTML error pages (Reddit "whoa there, pardner!", proxies)
  }
  const code = tokenLike(errorCodeOf(platform, parsed).code);
  // Our words only: the body (and the platform's message) stay in `body` for code and debug logs.
  const detail = reasonFor(status);
  const rateLimit = parseRateLimit(platform, headers, now);
  const base = { status, platform };
  const excerpt = bodyText.slice(0, BODY_EXCERPT);
  const make = (failure: ConnectorFailure, text: string, retryAt?: Date | null): ConnectorHttpError =>
    new ConnectorHttpError(failure, `${platform} ${status}: ${text}`, { ...base, retryAt: retryAt ?? undefined }, code, excerpt);

  if (status === 429) return make('rate_limited', detail, retryAtFrom(rateLimit, now));
  if (status === 401) return make('auth_expired', detail);
  // AT Protocol reports expired or bad access tokens as 400 (pds auth-verifier).
  if (platform === 'bluesky' && status === 400 && (code === 'ExpiredToken' || code === 'InvalidToken')) return make('auth_expired', `${detail} (${code})`);
  if (status >= 500 || status === 408) return make('retry', detail, retryAtFrom(rateLimit, now));
  return make('bad_request', detail);
}

/** The RequestRefusedError in `err` or its cause chain (undici wraps connect errors in `TypeError: fetch failed`). */
export function refusalOf(err: unknown): RequestRefusedError | null {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof RequestRefusedError) return e;
  }
  return null;
}

/** An error response's body is read only this far (enough for the platform's error code). */
const ERROR_BODY_BYTES = 64 * 1024;

/**
 * Reads a body as UTF-8 text, counting bytes as they arrive; past `max` it cancels the stream and
 * refuses, or with `truncate` (error responses) keeps what it read.
 */
async function readCapped(res: Response, max: number, platform: Platform, truncate = false): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  const tooLarge = () => new RequestRefusedError(`${platform}: response body over ${formatBytes(max)}, not read`, 'body_too_large', res.status);
  if (!truncate && Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let total = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      if (truncate) return text + decoder.decode(value.subarray(0, value.byteLength - (total - max)));
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function isAbortLike(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

/**
 * The one HTTP path of every connector: per-request deadline (caller signal + timeout), a
 * descriptive User-Agent, no redirects, a streamed body cap, and every failure classified
 * into a ConnectorError whose message carries the status and our words, never the body.
 * It never retries: the poller/outbox decide (POSTs must never be replayed blindly).
 */
export class HttpClient {
  private readonly fetchImpl: FetchLike;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private readonly maxBodyBytes: number;

  constructor(private readonly options: HttpClientOptions = {}) {
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.now = options.now ?? Date.now;
  }

  /** Sends the request and returns the body as text; non-2xx (outside `acceptStatus`) throws. */
  async text(req: HttpRequest): Promise<HttpResponse<string>> {
    const method = req.method ?? 'GET';
    const started = Date.now();
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    // One controller per request, aborted by the deadline or the caller's signal, with the
    // caller's listener removed when the request settles. (AbortSignal.any on the poller's
    // long-lived shutdown signal keeps a dependent per request on Node 20: tens of ms of
    // upkeep per poll in a bench:hostile CPU profile.)
    const controller = new AbortController();
    const deadline = { passed: false };
    const timer = setTimeout(() => {
      deadline.passed = true;
      controller.abort(new DOMException(`no complete response within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    (timer as { unref?: () => void }).unref?.();
    const onCallerAbort = (): void => controller.abort(req.signal?.reason);
    if (req.signal?.aborted) onCallerAbort();
    else req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const signal = controller.signal;
    const headers: Record<string, string> = { accept: 'application/json', ...(req.headers ?? {}) };
    if (this.options.userAgent && !Object.keys(headers).some((k) => k.toLowerCase() === 'user-agent')) headers['user-agent'] = this.options.userAgent;
    let body: string | undefined;
    if (req.body && 'json' in req.body) {
      body = JSON.stringify(req.body.json);
      headers['content-type'] = 'application/json';
    } else if (req.body && 'form' in req.body) {
      body = new URLSearchParams(req.body.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    let status: number | null = null;
    const log = (failure: ConnectorFailure | null): void => {
      if (!this.options.onRequest) return;
      let path = req.url;
      try {
        path = new URL(req.url).pathname;
      } catch {
        /* keep as is */
      }
      this.options.onRequest({ platform: req.platform, method, path, status, failure, durationMs: Date.now() - started });
    };
    try {
      const res = await this.fetchImpl(req.url, { method, headers, body, signal, redirect: 'manual' });
      status = res.status;
      const ok = (res.status >= 200 && res.status < 300) || (req.acceptStatus ?? []).includes(res.status);
      const text = ok
        ? await readCapped(res, this.maxBodyBytes, req.platform)
        : await readCapped(res, Math.min(ERROR_BODY_BYTES, this.maxBodyBytes), req.platform, true);
      if (!ok) throw classifyHttpFailure(req.platform, res.status, res.headers, text, this.now());
      const rateLimit = parseRateLimit(req.platform, res.headers, this.now(), req.bucket);
      log(null);
      return { status: res.status, headers: res.headers, data: text, rateLimit };
    } catch (err) {
      const classified = this.classifyThrown(err, req, deadline.passed, timeoutMs, status);
      log(classified.failure);
      throw classified;
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /** Like `text()` but parses JSON; a body that is not JSON (truncated, HTML) is a `retry` failure. */
  async json(req: HttpRequest): Promise<HttpResponse<unknown>> {
    const res = await this.text(req);
    if (res.status === 204 || res.status === 304) return { ...res, data: null };
    try {
      return { ...res, data: JSON.parse(res.data) as unknown };
    } catch (cause) {
      throw new ConnectorHttpError(
        'retry',
        `${req.platform} ${res.status}: malformed JSON body`,
        { status: res.status, platform: req.platform, cause },
        null,
        res.data.slice(0, BODY_EXCERPT),
      );
    }
  }

  private classifyThrown(err: unknown, req: HttpRequest, timedOut: boolean, timeoutMs: number, status: number | null): ConnectorError {
    if (err instanceof ConnectorError) return err;
    const platform = req.platform;
    const opts = { platform, cause: err, status: status ?? undefined };
    const refused = refusalOf(err);
    if (refused)
      return new ConnectorError(
        'bad_request',
        refused.message.startsWith(`${platform}:`) ? refused.message : `${platform}: request refused: ${refused.message}`,
        { ...opts, cause: refused, status: refused.status ?? opts.status },
      );
    if (timedOut) return new ConnectorError('disconnect', `${platform}: no complete response within ${timeoutMs} ms`, opts);
    if (req.signal?.aborted || isAbortLike(err)) return new ConnectorError('disconnect', `${platform}: request aborted`, opts);
    const code = (err as { cause?: { code?: unknown } } | null)?.cause?.code;
    const why = typeof code === 'string' ? code : err instanceof Error ? err.message : 'network error';
    return new ConnectorError('disconnect', `${platform}: connection failed (${why})`, opts);
  }
}
