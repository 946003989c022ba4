import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthState } from './auth.js';
import type { SimContext, SimRequest, SimResponse } from './context.js';
import { expiredTokenBody, serverErrorBody } from './dialects.js';
import type { ActiveFault, FaultBook } from './faults.js';
import { readBody, send } from './http-io.js';
import { handleBluesky } from './platforms/bluesky.js';
import { handleMastodon } from './platforms/mastodon.js';
import { handleReddit } from './platforms/reddit.js';
import { handleRss } from './platforms/rss.js';
import { handleX } from './platforms/x.js';
import { faultRateLimitedResponse, windowExceededResponse, type RateLimiter } from './rate-limits.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import type { SimPlatform } from './sim-model.js';
import type { SimStore } from './store.js';

const HANDLERS: Record<SimPlatform, (req: SimRequest, ctx: SimContext) => SimResponse | Promise<SimResponse>> = {
  mastodon: handleMastodon,
  bluesky: handleBluesky,
  reddit: handleReddit,
  x: handleX,
  rss: handleRss,
};

/** Pending waits (hang and slow faults) that `close()` releases, and their timers. */
export class Waits {
  readonly pending = new Set<() => void>();
  readonly timers = new Set<NodeJS.Timeout>();

  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        this.pending.delete(resolve);
        resolve();
      }, ms);
      this.timers.add(t);
      this.pending.add(resolve);
    });
  }

  /** Resolves when the client goes away (or on close). */
  untilClosed(res: ServerResponse): Promise<void> {
    return new Promise<void>((resolve) => {
      this.pending.add(resolve);
      res.on('close', () => {
        this.pending.delete(resolve);
        resolve();
      });
    });
  }

  releaseAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const release of this.pending) release();
    this.pending.clear();
  }
}

export interface PlatformRouteParts {
  store: SimStore;
  faults: FaultBook;
  auth: AuthState;
  ctx: SimContext;
  log: RequestLog;
  limiter: RateLimiter;
  waits: Waits;
}

/** One request to a platform: log it, apply an injected fault or the rate window, else the platform's handler. */
export async function handlePlatform(
  parts: PlatformRouteParts,
  req: IncomingMessage,
  res: ServerResponse,
  platform: SimPlatform,
  path: string,
  query: URLSearchParams,
  atRoot: boolean,
): Promise<void> {
  const { store, faults, log } = parts;
  const method = (req.method ?? 'GET').toUpperCase();
  const rawBody = await readBody(req);
  const host = req.headers.host ?? '127.0.0.1';
  const fault = faults.forRequest(platform, method, path || '/');
  const entry = log.add({
    at: new Date(store.now()).toISOString(),
    platform,
    method,
    path: path || '/',
    query: query.toString(),
    fault: fault?.kind ?? null,
    via: atRoot ? 'root' : 'prefix',
  });
  const simReq: SimRequest = {
    platform,
    method,
    path: path || '/',
    query,
    headers: req.headers,
    rawBody,
    base: atRoot ? `http://${host}` : `http://${host}/${platform}`,
    requestId: entry.id,
  };
  const now = store.now();
  const afterWrite = fault?.afterWrite === true;

  if (fault && !afterWrite && (await answeredByFault(parts, req, res, entry, fault, platform, now))) return;
  const limit = parts.limiter.take(platform, now);
  if (limit.exceeded) {
    send(res, entry, windowExceededResponse(platform, limit.headers, now));
    return;
  }
  const out = await HANDLERS[platform](simReq, parts.ctx);
  if (out.drop) {
    entry.status = -1;
    entry.fault = 'lost_response';
    req.socket.destroy();
    return;
  }
  const response: SimResponse = { ...out, headers: { ...limit.headers, ...(out.headers ?? {}) } };
  if (fault && afterWrite) await answerAfterWrite(parts, req, res, entry, fault, platform, response);
  else send(res, entry, fault?.kind === 'malformed' ? malformed(fault, platform, out, response) : response);
}

/** A fault with `afterWrite`: the write is done; now the answer is late, never comes, is a 5xx, or the socket is cut. */
async function answerAfterWrite(
  parts: PlatformRouteParts,
  req: IncomingMessage,
  res: ServerResponse,
  entry: RequestLogEntry,
  fault: ActiveFault,
  platform: SimPlatform,
  response: SimResponse,
): Promise<void> {
  switch (fault.kind) {
    case 'slow':
      await parts.waits.delay(fault.delayMs ?? 2000);
      send(res, entry, response); // nothing is sent when the client gave up meanwhile
      return;
    case 'hang':
      await parts.waits.untilClosed(res);
      return;
    case 'server_error':
      send(res, entry, serverErrorBody(platform, fault.status ?? 503));
      return;
    default:
      entry.status = -1;
      req.socket.destroy();
  }
}

/** Faults that act before the platform answers; true when the request is done (answered, dropped or hung up). */
async function answeredByFault(
  parts: PlatformRouteParts,
  req: IncomingMessage,
  res: ServerResponse,
  entry: RequestLogEntry,
  fault: ActiveFault,
  platform: SimPlatform,
  now: number,
): Promise<boolean> {
  switch (fault.kind) {
    case 'hang':
      await parts.waits.untilClosed(res);
      return true;
    case 'disconnect':
      req.socket.destroy();
      return true;
    case 'slow':
      await parts.waits.delay(fault.delayMs ?? 2000);
      return res.destroyed;
    case 'rate_limit':
      send(res, entry, faultRateLimitedResponse(platform, now, fault.resetInSec ?? 60, fault.variant));
      return true;
    case 'server_error':
      send(res, entry, serverErrorBody(platform, fault.status ?? 503));
      return true;
    case 'expired_token':
      parts.auth.expire(platform, fault.revoke === true);
      send(res, entry, expiredTokenBody(platform));
      return true;
    default:
      return false;
  }
}

/** A `malformed` fault: a bot-check HTML page (html variant, and always for RSS), `{}`, or the JSON cut in half. */
function malformed(fault: ActiveFault, platform: SimPlatform, out: SimResponse, response: SimResponse): SimResponse {
  const text = typeof out.body === 'string' ? out.body : JSON.stringify(out.body);
  if (fault.variant === 'html' || platform === 'rss')
    return {
      status: 200,
      body: '<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking your browser</body></html>',
      contentType: 'text/html; charset=UTF-8',
      headers: response.headers,
    };
  if (fault.variant === 'empty') return { ...response, status: 200, body: '{}', contentType: 'application/json; charset=utf-8' };
  return { ...response, status: 200, body: text.slice(0, Math.max(1, Math.floor(text.length / 2))), contentType: 'application/json; charset=utf-8' };
}
