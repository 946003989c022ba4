/**
 * Small index-based helpers for the linear scanners that read platform markup (strip-html,
 * parse-feed). Platform content is attacker-controlled: every scan here moves forward through
 * the text, so the work is linear in its length whatever the input (no regex backtracking).
 */

/** JavaScript's `\s` (WhiteSpace + LineTerminator), by UTF-16 code unit. */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** A regex word character without the `u` flag (`[A-Za-z0-9_]`), as `\b` sees it. */
export function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** Index of the first non-`\s` code unit at or after `i` (or `s.length`). */
export function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/**
 * True when `word` (ASCII; letters compared without case, as a regex with the `i` flag and no
 * `u` flag does) occurs in `s` at `at`.
 */
export function startsWithCI(s: string, at: number, word: string): boolean {
  if (at < 0 || at + word.length > s.length) return false;
  for (let k = 0; k < word.length; k++) {
    let a = s.charCodeAt(at + k);
    let b = word.charCodeAt(k);
    if (a === b) continue;
    if (a >= 0x41 && a <= 0x5a) a += 0x20;
    if (b >= 0x41 && b <= 0x5a) b += 0x20;
    if (a !== b || a < 0x61 || a > 0x7a) return false;
  }
  return true;
}

/** True when `word` (ending in a word character) occurs at `at`, case-insensitively, followed by `\b`. */
export function startsWithWordCI(s: string, at: number, word: string): boolean {
  return startsWithCI(s, at, word) && !isWordCode(s.charCodeAt(at + word.length));
}

/**
 * Memoises "first match at or after `from`" for a search whose answer only moves forward: the
 * answer found from `f` holds for every `from` between `f` and that answer. When callers ask
 * with non-decreasing `from` (every scanner here does), each region of the text is searched
 * once, so a thousand unclosed tags cost one search, not a thousand.
 */
export function forwardSearch(find: (from: number) => number): (from: number) => number {
  let askedFrom = -1;
  let found = -1;
  return (from: number) => {
    if (askedFrom >= 0 && from >= askedFrom && (found < 0 || found >= from)) return found;
    askedFrom = from;
    found = find(from);
    return found;
  };
}

/**
 * The first `</name\s*>` (name without case) at or after `from`, with its end, as
 * `/<\/name\s*>/i` finds it; searches only forward (see `forwardSearch`).
 */
export function closingTagFinder(s: string, name: string): (from: number) => { start: number; end: number } | null {
  let end = -1;
  const find = forwardSearch((from) => {
    for (let q = s.indexOf('</', from); q >= 0; q = s.indexOf('</', q + 1)) {
      if (!startsWithCI(s, q + 2, name)) continue;
      const r = skipSpaces(s, q + 2 + name.length);
      if (s.charCodeAt(r) === 0x3e /* > */) {
        end = r + 1;
        return q;
      }
    }
    return -1;
  });
  return (from) => {
    const start = find(from);
    // `end` was set by the search that found `start` (a cached answer is the last search's).
    return start < 0 ? null : { start, end };
  };
}

/** The first `<name\b` (name without case) at or after `from`, or -1. */
export function indexOfOpenTag(s: string, name: string, from: number): number {
  for (let p = s.indexOf('<', from); p >= 0; p = s.indexOf('<', p + 1)) if (startsWithWordCI(s, p + 1, name)) return p;
  return -1;
}
