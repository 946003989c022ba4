/**
 * The continuous percentile of `values` at fraction `p` (0..1), as PostgreSQL's `percentile_cont`:
 * over the sorted values, linear interpolation between the two neighbours of position p·(n − 1).
 * Null for no values. `sorted` must be ascending.
 */
export function percentileCont(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  return lo === hi ? a : a + (sorted[hi]! - a) * (pos - lo);
}
