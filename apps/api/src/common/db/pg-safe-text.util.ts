/**
 * PostgreSQL text and jsonb cannot hold NUL (U+0000), and jsonb rejects lone UTF-16
 * surrogates (a truncated emoji). Platform posts contain both. Each becomes U+FFFD.
 */
export function pgSafeText(s: string): string {
  return s.toWellFormed().replace(/\u0000/g, '\uFFFD');
}

export function pgSafeTextOrNull(s: string | null): string | null {
  return s === null ? null : pgSafeText(s);
}

/** JSON for a jsonb column, with every string (keys too) made safe. */
export function pgSafeJson(value: unknown): string {
  return JSON.stringify(value ?? null, function (this: unknown, _key, v: unknown) {
    if (typeof v === 'string') return pgSafeText(v);
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const entries = Object.entries(v as Record<string, unknown>);
      if (entries.some(([k]) => pgSafeText(k) !== k)) return Object.fromEntries(entries.map(([k, x]) => [pgSafeText(k), x]));
    }
    return v;
  });
}
