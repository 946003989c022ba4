import { ConnectorError, type Platform } from './connector.js';

/** Small readers for untrusted wire JSON (no casts sprinkled through the connectors). */
export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown): Json {
  return isObject(v) ? v : {};
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | null {
  return typeof v === 'string' ? v : null;
}

/** A string id that may come as a number on sloppy servers. */
export function idStr(v: unknown): string | null {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  return null;
}

export function numOrNull(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function bool(v: unknown): boolean {
  return v === true;
}

/** The times a PostgreSQL timestamptz (and every sane post) holds: years 1 to 9999. */
const EARLIEST_MS = new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(1); // (Date.UTC maps years 0-99 to 1900-1999)
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A time in milliseconds as ISO-8601, or null when it is not a date or lies outside years 1-9999 (a platform's odd value must not stop a source). */
export function isoFromMs(ms: number): string | null {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS ? new Date(ms).toISOString() : null;
}

/** ISO-8601 string or null when the value is not a parseable date in years 1-9999. */
export function isoOrNull(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  return isoFromMs(Date.parse(v));
}

/** Throws a `retry` failure: the platform answered 2xx with a body of the wrong shape (proxy junk, `{}` listings). */
export function malformed(platform: Platform, what: string): never {
  throw new ConnectorError('retry', `${platform}: malformed response (${what})`, { platform });
}

export function requireCredential(platform: Platform, credentials: Record<string, string>, name: string): string {
  const v = credentials[name];
  if (typeof v !== 'string' || v.length === 0) throw new ConnectorError('auth_expired', `${platform}: missing credential "${name}"`, { platform });
  return v;
}
