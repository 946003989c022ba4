const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;

/** Lower-case, strip accents, so "Café" matches "cafe". */
export function fold(s: string): string {
  // ASCII has nothing to decompose and no marks: only the case to fold (most posts are ASCII).
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  return s.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Word tokens of a text, folded. */
export function words(s: string): string[] {
  return fold(s).match(WORD) ?? [];
}

/** True when `s` is plain ASCII (then `fold(s)` is `s.toLowerCase()`). */
export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}
