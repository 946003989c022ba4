/** How many representative mentions a category shows, at most. */
export const MAX_REPRESENTATIVES = 5;
/** A candidate is a near-duplicate of a picked one when their token sets' Jaccard similarity is at least this. */
export const NEAR_DUPLICATE_JACCARD = 0.5;

export interface RepresentativeCandidate {
  id: string;
  authorId: string;
  text: string;
}

/** Lower-cased word tokens (letters and digits of any script). */
export function tokenSet(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length > 1));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

/**
 * Diverse representatives: candidates in the order given (most urgent first), each taken unless
 * its author was already taken or its text is a near-duplicate (Jaccard ≥ 0.5) of one taken.
 * Ten copies of one complaint give one representative.
 */
export function pickRepresentatives<T extends RepresentativeCandidate>(candidates: readonly T[], max = MAX_REPRESENTATIVES): T[] {
  const picked: Array<{ c: T; tokens: Set<string> }> = [];
  const authors = new Set<string>();
  for (const c of candidates) {
    if (picked.length >= max) break;
    if (authors.has(c.authorId)) continue;
    const tokens = tokenSet(c.text);
    if (picked.some((p) => jaccard(p.tokens, tokens) >= NEAR_DUPLICATE_JACCARD)) continue;
    picked.push({ c, tokens });
    authors.add(c.authorId);
  }
  return picked.map((p) => p.c);
}
