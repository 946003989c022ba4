/** Orders numeric-string ids (snowflakes above 2^53): by length, then lexically. Never parse to Number. */
export function compareNumericIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxNumericId(ids: Iterable<string>, start: string | null = null): string | null {
  let best = start;
  for (const id of ids) if (best === null || compareNumericIds(id, best) > 0) best = id;
  return best;
}

/** Max of ISO-8601 instants (compared as instants, not strings). */
export function maxIso(values: Iterable<string>, start: string | null = null): string | null {
  let best = start;
  let bestMs = start === null ? -Infinity : Date.parse(start);
  for (const v of values) {
    const ms = Date.parse(v);
    if (Number.isFinite(ms) && ms > bestMs) {
      best = new Date(ms).toISOString();
      bestMs = ms;
    }
  }
  return best;
}

export function minIsoMs(values: Iterable<string>): number {
  let best = Infinity;
  for (const v of values) {
    const ms = Date.parse(v);
    if (Number.isFinite(ms) && ms < best) best = ms;
  }
  return best;
}
