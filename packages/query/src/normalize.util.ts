/** Lower-case, strip accents, so "Café" matches "cafe". */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Word tokens of a text, folded. */
export function words(s: string): string[] {
  return fold(s).match(WORD) ?? [];
}
