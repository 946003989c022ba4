import type { IncomingHttpHeaders } from 'node:http';
import type { AuthState } from './auth.js';
import type { FaultBook } from './faults.js';
import type { Rng } from './rng.js';
import type { SimPlatform, SimPost } from './sim-model.js';
import type { SimStore } from './store.js';

export interface SimRequest {
  platform: SimPlatform;
  method: string;
  /** Path after the platform prefix, e.g. `/api/v1/notifications`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** `http://127.0.0.1:4100/mastodon`: the platform's base URL as the client sees it. */
  base: string;
  /** The request log entry's id (`/_control/requests`): a reply records the request that made it. */
  requestId?: number;
}

export interface SimResponse {
  status: number;
  /** Objects are sent as JSON; strings as is. */
  body: unknown;
  contentType?: string;
  headers?: Record<string, string>;
  /** lost_response: the write happened, now drop the connection instead of answering. */
  drop?: boolean;
}

export interface SimContext {
  store: SimStore;
  faults: FaultBook;
  auth: AuthState;
  rng: Rng;
}

export type PlatformHandler = (req: SimRequest, ctx: SimContext) => SimResponse | Promise<SimResponse>;

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, body, headers };
}

export function header(req: SimRequest, name: string): string | null {
  const v = req.headers[name.toLowerCase()];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

/** JSON or form body as a flat record. */
export function bodyOf(req: SimRequest): Record<string, unknown> {
  const type = header(req, 'content-type') ?? '';
  if (!req.rawBody) return {};
  if (type.includes('application/json')) {
    try {
      const v: unknown = JSON.parse(req.rawBody);
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(req.rawBody));
}

/** Repeated query values, accepting both `name[]` and `name`. */
export function queryAll(req: SimRequest, name: string): string[] {
  return [...req.query.getAll(`${name}[]`), ...req.query.getAll(name)];
}

export function intParam(req: SimRequest, name: string, def: number): number | null {
  const v = req.query.get(name);
  if (v === null || v === '') return def;
  const n = Number(v);
  return Number.isInteger(n) ? n : null;
}

/** Listing-level faults for this request. */
export function listingFx(req: SimRequest, ctx: SimContext): { dup: number; shuffle: boolean } {
  const dup = ctx.faults.listing('duplicates', req.platform, req.method, req.path);
  const ooo = ctx.faults.listing('out_of_order', req.platform, req.method, req.path);
  return { dup: dup ? (dup.count ?? 5) : 0, shuffle: ooo !== null };
}

/**
 * Newest-first page of `items` (ascending by seq) strictly older than `beforeSeq`.
 * `dup` shifts the window back toward already-served (newer) items: repeats across pages.
 */
export function pageBefore(
  items: readonly SimPost[],
  beforeSeq: number | null,
  limit: number,
  fx: { dup: number; shuffle: boolean },
  ctx: SimContext,
): { page: SimPost[]; hasOlder: boolean } {
  let end = beforeSeq === null ? items.length : firstAtOrAfter(items, beforeSeq);
  if (beforeSeq !== null) end = Math.min(items.length, end + fx.dup);
  const start = Math.max(0, end - limit);
  const page = items.slice(start, end).reverse();
  if (fx.shuffle) ctx.rng.shuffle(page);
  return { page, hasOlder: start > 0 };
}

/**
 * Index of the first item with seq >= `seq` (items.length if none): a binary search, as
 * listings are views of the store in insertion order (seq ascending). A linear scan made
 * every page of a deep backlog cost O(backlog).
 */
function firstAtOrAfter(items: readonly SimPost[], seq: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (items[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Opaque keyset cursor bound to the query it was issued for. */
export function encodeCursor(seq: number, query: string): string {
  return Buffer.from(JSON.stringify({ s: seq, q: hashQuery(query) })).toString('base64url');
}

export function decodeCursor(token: string, query: string): number | null {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { s?: unknown; q?: unknown };
    if (typeof v.s !== 'number' || v.q !== hashQuery(query)) return null;
    return v.s;
  } catch {
    return null;
  }
}

function hashQuery(q: string): string {
  let h = 2166136261;
  for (let i = 0; i < q.length; i++) h = Math.imul(h ^ q.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}

/** Search semantics shared by the fakes: quoted phrases and words, AND by default, OR when `OR` appears; operators ignored. */
const compiledQueries = new Map<string, { isOr: boolean; terms: string[] }>();

/** Parses a platform search query once (cached): its plain terms, and whether they are OR-ed. */
function compileQuery(query: string): { isOr: boolean; terms: string[] } {
  let c = compiledQueries.get(query);
  if (!c) {
    const tokens = [...query.matchAll(/"([^"]+)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? '');
    c = {
      isOr: tokens.includes('OR'),
      terms: tokens
        .filter((t) => t !== 'OR' && t !== 'AND' && !t.startsWith('-') && !/^[a-z_]+:/i.test(t))
        .map((t) => t.replace(/^[@#(]+|[)]+$/g, '').toLowerCase())
        .filter(Boolean),
    };
    if (compiledQueries.size > 1000) compiledQueries.clear();
    compiledQueries.set(query, c);
  }
  return c;
}

export function matchesQuery(text: string, query: string): boolean {
  const { isOr, terms } = compileQuery(query);
  if (!terms.length) return true;
  const hay = text.toLowerCase();
  return isOr ? terms.some((t) => hay.includes(t)) : terms.every((t) => hay.includes(t));
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
