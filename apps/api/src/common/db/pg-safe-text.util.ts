/**
 * PostgreSQL text and jsonb cannot hold NUL (U+0000), and jsonb rejects lone UTF-16
 * surrogates (a truncated emoji). Platform posts contain both. Each becomes U+FFFD.
 */
export function pgSafeText(s: string): string {
  return s.isWellFormed() && !s.includes('\u0000') ? s : s.toWellFormed().replace(/\u0000/g, '\uFFFD');
}

export function pgSafeTextOrNull(s: string | null): string | null {
  return s === null ? null : pgSafeText(s);
}

/** In JSON.stringify output, NUL and lone surrogates appear only as \u escapes (paired ones are literal). */
const UNSAFE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi;

/** JSON.stringify output made storable in jsonb, every string (keys too): escaped NUL and lone surrogates become \ufffd. */
export function pgSafeJsonText(json: string): string {
  return json.includes('\\u') ? json.replace(UNSAFE_ESCAPE, '$1\\ufffd') : json;
}
